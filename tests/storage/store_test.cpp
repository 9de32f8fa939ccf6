// The storage contract, run on both backends from this one source: every test of StoreTest runs
// once on a fresh SQLite file in a temporary directory and once on a fresh PostgreSQL database
// (CREATE DATABASE per test) of the server named by LLW_TEST_PG_URL, or by the file ctest writes
// when its fixture starts a throw-away server (see CMakeLists.txt). Without either, the
// PostgreSQL instances are skipped with a message saying how to run them.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <thread>

#include "domain/error.h"
#include "storage/open_store.h"
#include "storage/sql/migrations.h"
#include "store_fixture.h"

namespace llw {
namespace {

// Numbered migrations per backend (src/storage/migrations/<backend>/): every one is applied once.
const long long kMigrationCount = static_cast<long long>(sql::sqlite_migrations().size());

namespace fs = std::filesystem;

TEST(MigrationsTest, RunInAscendingNumberWhateverTheOrderTheyAreListedIn) {
  const std::vector<sql::Migration> listed{{"010_c", ""}, {"002_a", ""}, {"007_b", ""}};
  std::vector<std::string> names;
  for (const sql::Migration* m : sql::in_number_order(listed)) names.push_back(m->name);
  EXPECT_EQ(names, (std::vector<std::string>{"002_a", "007_b", "010_c"}));
  EXPECT_THROW(sql::in_number_order({{"003_x", ""}, {"003_y", ""}}), std::logic_error);
  // The embedded lists are listed in that order too (src/storage/CMakeLists.txt).
  for (const auto* migrations : {&sql::sqlite_migrations(), &sql::postgresql_migrations()}) {
    const auto ordered = sql::in_number_order(*migrations);
    ASSERT_EQ(ordered.size(), migrations->size());
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      EXPECT_EQ(ordered[i]->name, (*migrations)[i].name);
    }
  }
}

using testing_support::Backend;
using testing_support::kBothBackends;
using testing_support::kPgSkipMessage;
using testing_support::pg_server_url;
using testing_support::PostgresDatabase;
using testing_support::RawDb;
using testing_support::SqliteDatabase;
using testing_support::StoreFixture;
using testing_support::TestDatabase;
using testing_support::unit_input;

class StoreTest : public StoreFixture {
 protected:
  // country → province → commune → three schools and a village; the second province is outside.
  void make_tree() {
    store_->units().upsert_units({
        unit_input("VN", "Việt Nam", UnitKind::country, ""),
        unit_input("HP", "Thành phố Hải Phòng", UnitKind::province, "VN"),
        unit_input("HP-AH", "Xã An Hưng", UnitKind::commune, "HP"),
        unit_input("HP-AH-TH", "Trường Tiểu học An Hưng", UnitKind::school, "HP-AH",
                   {{"students", 450}}),
        unit_input("HP-AH-MN", "Trường Mầm non An Hưng", UnitKind::school, "HP-AH",
                   {{"students", 200}}),
        unit_input("HP-AH-THCS", "Trường THCS An Hưng", UnitKind::school, "HP-AH",
                   {{"students", 380}}),
        unit_input("HP-AH-T1", "Thôn 1", UnitKind::village, "HP-AH", {{"residents", 900}}),
        unit_input("HN", "Thành phố Hà Nội", UnitKind::province, "VN"),
        unit_input("HN-X", "Xã Kim Sơn", UnitKind::commune, "HN"),
        unit_input("HN-X-TH", "Trường Tiểu học Kim Sơn", UnitKind::school, "HN-X"),
    });
  }

  Campaign campaign_at(const std::string& issuer_code) {
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_unit_id = id_of(issuer_code);
    c.lock_date = testing_support::date_2025(10, 20);
    c.reporting_kinds = {UnitKind::school, UnitKind::village};
    c.plan = {{"number", "83/KH-UBND"}, {"place", "An Hưng"}};
    return c;
  }

  // A campaign issued by the whole country so every school and village reports.
  std::int64_t make_campaign() {
    make_tree();
    Campaign c = campaign_at("VN");
    auto units =
        store_->units().units_in_subtree(store_->units().find_unit("VN")->path, c.reporting_kinds);
    return store_->campaigns().insert_campaign(c, units);
  }

  // Saves a new version of a unit's report with the given status and values; `delta` is what
  // the app layer would compute as contribution(after) − contribution(before).
  void save(std::int64_t campaign_id, const std::string& code, ReportStatus status,
            nlohmann::json values, Contribution delta,
            std::map<std::string, std::string> texts = {}) {
    auto unit = store_->units().find_unit(code);
    auto current = store_->reports().find_report(campaign_id, unit->id);
    ReportWrite write;
    write.report = *current;
    write.report.status = status;
    write.report.values = std::move(values);
    write.report.version = current->version + 1;
    write.report.updated_at = 1759300000 + current->version;
    write.expected_version = current->version;
    write.delta = std::move(delta);
    write.ancestor_ids = store_->units().ancestor_ids(unit->id);
    write.action = status == ReportStatus::submitted ? "submit" : "save";
    store_->reports().write_report(write, texts);
  }

  // The reporter of the An Hưng primary school (make_tree), not stored yet.
  User principal_of_an_hung() {
    User user;
    user.username = "hieutruong";
    user.display_name = "Nguyễn Văn An";
    user.role = Role::reporter;
    user.unit_id = id_of("HP-AH-TH");
    return user;
  }
};

TEST_P(StoreTest, MigrationsApplyOnceAndReopeningIsANoOp) {
  store_->units().insert_unit(unit_input("VN", "Việt Nam", UnitKind::country, ""));
  reopen();  // nothing re-applied, nothing lost
  EXPECT_EQ(store_->units().count_units(), 1);
  auto raw = this->raw();
  // Every numbered migration applied exactly once.
  EXPECT_EQ(raw->integer("SELECT COUNT(*) FROM schema_migrations"), kMigrationCount);
  EXPECT_EQ(raw->integer("SELECT COUNT(DISTINCT name) FROM schema_migrations"), kMigrationCount);
  EXPECT_EQ(raw->text("SELECT MIN(name) FROM schema_migrations"), "001_init");
  if (sqlite()) {
    EXPECT_EQ(raw->text("PRAGMA journal_mode"), "wal");
  }
}

TEST_P(StoreTest, ForeignKeysAreEnforced) {
  User user;
  user.username = "ghost";
  user.display_name = "Không có đơn vị";
  user.role = Role::reporter;
  user.unit_id = 4242;  // no such unit
  try {
    store_->accounts().insert_user(user, "hash");
    FAIL() << "a user pointing at a missing unit was stored";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
  }
  EXPECT_FALSE(store_->accounts().find_user("ghost"));
}

TEST_P(StoreTest, UnitPathsFollowTheTreeAndChildrenAreSortedByName) {
  make_tree();
  auto vn = *store_->units().find_unit("VN");
  auto hp = *store_->units().find_unit("HP");
  auto ah = *store_->units().find_unit("HP-AH");
  auto th = *store_->units().find_unit("HP-AH-TH");
  EXPECT_EQ(vn.path, "/" + std::to_string(vn.id) + "/");
  EXPECT_EQ(ah.path, hp.path + std::to_string(ah.id) + "/");
  EXPECT_EQ(th.path, ah.path + std::to_string(th.id) + "/");
  EXPECT_EQ(th.parent_id, ah.id);
  EXPECT_EQ(th.parent_code, "HP-AH");
  EXPECT_EQ(th.population.at("students"), 450);
  EXPECT_FALSE(vn.parent_id.has_value());
  EXPECT_EQ(store_->units().ancestor_ids(th.id),
            (std::vector<std::int64_t>{th.id, ah.id, hp.id, vn.id}));

  auto kids = store_->units().children(ah.id);
  ASSERT_EQ(kids.size(), 4u);
  for (std::size_t i = 1; i < kids.size(); ++i) EXPECT_LE(kids[i - 1].name, kids[i].name);

  auto schools = store_->units().units_in_subtree(hp.path, {UnitKind::school});
  EXPECT_EQ(schools.size(), 3u);  // the Hà Nội school is outside
  auto whole = store_->units().units_in_subtree(vn.path, {UnitKind::school, UnitKind::village});
  EXPECT_EQ(whole.size(), 5u);
  EXPECT_EQ(store_->units().count_units(), 10);
}

TEST_P(StoreTest, DuplicateCodeIsAConflictOnTheCodeField) {
  make_tree();
  try {
    store_->units().insert_unit(unit_input("HP-AH-TH", "Trường khác", UnitKind::school, "HP-AH"));
    FAIL() << "duplicate code accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "code");
  }
  EXPECT_EQ(store_->units().find_unit("HP-AH-TH")->name, "Trường Tiểu học An Hưng");
}

TEST_P(StoreTest, UpsertWithAnUnknownParentChangesNothing) {
  make_tree();
  try {
    store_->units().upsert_units({
        unit_input("HP-AH-T2", "Thôn 2", UnitKind::village, "HP-AH"),
        unit_input("HP-AH-TH", "Tên mới", UnitKind::school, "HP-AH"),
        unit_input("HP-XX-T1", "Thôn mồ côi", UnitKind::village, "HP-XX"),
    });
    FAIL() << "a unit with an unknown parent was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
    EXPECT_EQ(e.field(), "parent");
    EXPECT_NE(e.message().find("HP-XX"), std::string::npos);
  }
  EXPECT_EQ(store_->units().count_units(), 10);
  EXPECT_FALSE(store_->units().find_unit("HP-AH-T2"));
  EXPECT_EQ(store_->units().find_unit("HP-AH-TH")->name, "Trường Tiểu học An Hưng");
}

TEST_P(StoreTest, UpsertCreatesChildrenOfParentsFromTheSameBatchAndUpdatesExisting) {
  make_tree();
  auto [created, updated] = store_->units().upsert_units({
      unit_input("HP-TN", "Xã Tân Nguyên", UnitKind::commune, "HP"),
      unit_input("HP-TN-TH", "Trường Tiểu học Tân Nguyên", UnitKind::school, "HP-TN"),
      unit_input("HP-AH-TH", "Trường Tiểu học An Hưng (mới)", UnitKind::school, "HP-AH",
                 {{"students", 470}}),
  });
  EXPECT_EQ(created, 2);
  EXPECT_EQ(updated, 1);
  auto tn = *store_->units().find_unit("HP-TN");
  auto school = *store_->units().find_unit("HP-TN-TH");
  EXPECT_EQ(school.path, tn.path + std::to_string(school.id) + "/");
  auto th = *store_->units().find_unit("HP-AH-TH");
  EXPECT_EQ(th.name, "Trường Tiểu học An Hưng (mới)");
  EXPECT_EQ(th.population.at("students"), 470);
}

TEST_P(StoreTest, UpdateUnitChangesDescriptionAndRejectsUnknownCode) {
  make_tree();
  auto input = unit_input("HP-AH-T1", "Thôn Một", UnitKind::village, "HP-AH", {{"residents", 950}});
  input.email = "thon1@example.vn";
  auto updated = store_->units().update_unit(input);
  EXPECT_EQ(updated.name, "Thôn Một");
  EXPECT_EQ(updated.email, "thon1@example.vn");
  EXPECT_EQ(updated.population.at("residents"), 950);
  try {
    store_->units().update_unit(unit_input("NOPE", "x", UnitKind::village, "HP-AH"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
  }
}

TEST_P(StoreTest, SessionsExpireAndDisabledUsersHaveNone) {
  make_tree();
  const User user = principal_of_an_hung();
  User stored = store_->accounts().insert_user(user, "$argon2id$hash");
  EXPECT_GT(stored.id, 0);
  EXPECT_EQ(stored.unit_code, "HP-AH-TH");
  EXPECT_EQ(stored.unit_path, store_->units().find_unit("HP-AH-TH")->path);
  EXPECT_EQ(store_->accounts().find_user("hieutruong")->password_hash, "$argon2id$hash");

  store_->accounts().insert_session("tokenhash", stored.id, 1000);
  auto live = store_->accounts().user_for_session("tokenhash", 999);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->username, "hieutruong");
  EXPECT_EQ(live->unit_code, "HP-AH-TH");
  EXPECT_FALSE(
      store_->accounts().user_for_session("tokenhash", 1000));  // expired at its expiry second
  EXPECT_FALSE(store_->accounts().user_for_session("other", 10));
  store_->accounts().delete_session("tokenhash");
  EXPECT_FALSE(store_->accounts().user_for_session("tokenhash", 10));

  User off = user;
  off.username = "nghiviec";
  off.disabled = true;
  User stored_off = store_->accounts().insert_user(off, "h");
  store_->accounts().insert_session("offhash", stored_off.id, 1000);
  EXPECT_FALSE(store_->accounts().user_for_session("offhash", 10));

  User admin;
  admin.username = "admin";
  admin.display_name = "Quản trị";
  admin.role = Role::admin;
  User stored_admin = store_->accounts().insert_user(admin, "h");
  EXPECT_FALSE(stored_admin.unit_id.has_value());
  EXPECT_EQ(store_->accounts().find_user("admin")->user.role, Role::admin);
}

TEST_P(StoreTest, DuplicateUsernameIsAConflictOnTheUsernameField) {
  User user;
  user.username = "admin";
  user.display_name = "Quản trị";
  user.role = Role::admin;
  store_->accounts().insert_user(user, "h");
  try {
    store_->accounts().insert_user(user, "h2");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "username");
  }
  EXPECT_EQ(store_->accounts().find_user("admin")->password_hash, "h");
}

TEST_P(StoreTest, SignInFailuresAreCountedPerAddressAndPerAccountFromStrangers) {
  SignInLog& log = store_->sign_ins();
  log.record_attempt("an", "10.0.0.1", false, 100);
  log.record_attempt("an", "10.0.0.1", false, 200);
  log.record_attempt("an", "10.0.0.2", false, 300);
  log.record_attempt("an", "10.0.0.2", true, 400);  // 10.0.0.2 is now an address of an's owner
  log.record_attempt("binh", "10.0.0.1", false, 500);
  // Per address: every username, newest first, within the window and the limit.
  EXPECT_EQ(log.failures_from_address("10.0.0.1", 0, 10), (std::vector<Timestamp>{500, 200, 100}));
  EXPECT_EQ(log.failures_from_address("10.0.0.1", 150, 10), (std::vector<Timestamp>{500, 200}));
  EXPECT_EQ(log.failures_from_address("10.0.0.1", 0, 1), (std::vector<Timestamp>{500}));
  EXPECT_TRUE(log.failures_from_address("10.0.0.3", 0, 10).empty());
  // Per account: not the failures from an address it has signed in from.
  EXPECT_EQ(log.failures_at_username_from_strangers("an", 0, 10),
            (std::vector<Timestamp>{200, 100}));
  EXPECT_TRUE(log.has_signed_in_from("an", "10.0.0.2"));
  EXPECT_FALSE(log.has_signed_in_from("an", "10.0.0.1"));
  EXPECT_FALSE(log.has_signed_in_from("binh", "10.0.0.2"));
}

TEST_P(StoreTest, TheOwnerIsToldOfFailuresBetweenItsLastTwoSignIns) {
  SignInLog& log = store_->sign_ins();
  EXPECT_TRUE(log.failures_before_latest_sign_in("an", 10).empty());  // never signed in
  log.record_attempt("an", "10.0.0.1", false, 100);
  log.record_attempt("an", "10.0.0.2", true, 200);
  log.record_attempt("an", "10.0.0.9", false, 300);
  log.record_attempt("an", "10.0.0.8", false, 310);
  log.record_attempt("an", "10.0.0.2", false, 390);  // the owner's own typo just before
  log.record_attempt("an", "10.0.0.2", true, 400);
  const auto told = log.failures_before_latest_sign_in("an", 10);
  ASSERT_EQ(told.size(), 2u);
  EXPECT_EQ(told[0].at, 310);
  EXPECT_EQ(told[0].address, "10.0.0.8");
  EXPECT_EQ(told[1].at, 300);
  // The first sign-in: everything before it, from elsewhere.
  log.record_attempt("binh", "10.0.0.7", false, 50);
  log.record_attempt("binh", "10.0.0.6", true, 60);
  EXPECT_EQ(log.failures_before_latest_sign_in("binh", 10).size(), 1u);
}

TEST_P(StoreTest, CampaignRoundTripsAndFormsAreKept) {
  make_tree();
  Campaign c = campaign_at("HP-AH");
  c.counted_states = {ReportStatus::accepted};
  auto id = store_->campaigns().insert_campaign(c, {});
  auto back = store_->campaigns().find_campaign(id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, c.name);
  EXPECT_EQ(back->issuer_code, "HP-AH");
  EXPECT_EQ(back->issuer_path, store_->units().find_unit("HP-AH")->path);
  EXPECT_EQ(back->deadline, c.deadline);
  EXPECT_EQ(back->lock_date, c.lock_date);
  EXPECT_EQ(back->period_start, c.period_start);
  EXPECT_EQ(back->reporting_kinds, c.reporting_kinds);
  EXPECT_EQ(back->counted_states, std::vector<ReportStatus>{ReportStatus::accepted});
  EXPECT_EQ(back->plan, c.plan);
  EXPECT_EQ(back->form_id, "llw-2025");
  EXPECT_EQ(store_->campaigns().list_campaigns().size(), 1u);
  EXPECT_FALSE(store_->campaigns().find_campaign(id + 1));

  EXPECT_FALSE(store_->forms().find_form("llw-2025"));
  store_->forms().put_form("llw-2025", R"({"id":"llw-2025","version":1})");
  EXPECT_EQ(*store_->forms().find_form("llw-2025"), R"({"id":"llw-2025","version":1})");
}

// Issue 18: a stored form is a version kept forever. Storing the same definition again is
// harmless; a different one under the same id is a conflict and the stored one stays, whatever
// statement tries (the database's own guard, migration 031, behind the application's check).
TEST_P(StoreTest, AStoredFormDefinitionNeverChangesAndIsNeverRemoved) {
  const std::string first = R"({"id":"llw-2025","version":1})";
  store_->forms().put_form("llw-2025", first);
  store_->forms().put_form("llw-2025", first);
  try {
    store_->forms().put_form("llw-2025", R"({"id":"llw-2025","version":2})");
    ADD_FAILURE() << "a different definition was stored under the same id";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict) << e.message();
  }
  EXPECT_EQ(*store_->forms().find_form("llw-2025"), first);

  // Raw SQL too, with each backend's other way around the row triggers (as the audit log's).
  const bool sqlite = GetParam() == Backend::sqlite;
  std::vector<std::string> statements = {
      "UPDATE forms SET definition = '{}' WHERE id = 'llw-2025'",
      "UPDATE forms SET id = 'llw-2026' WHERE id = 'llw-2025'",
      "DELETE FROM forms WHERE id = 'llw-2025'",
      sqlite ? "INSERT OR REPLACE INTO forms (id, definition) VALUES ('llw-2025', '{}')"
             : "TRUNCATE forms"};
  for (const std::string& statement : statements) {
    if (sqlite) {
      // The raw reader opens SQLite read-only; the sqlite3 shell writes.
      const std::string command =
          "sqlite3 '" + database_->url() + "' \"" + statement + "\" 2>/dev/null";
      EXPECT_NE(std::system(command.c_str()), 0) << statement;
    } else {
      EXPECT_THROW(raw()->rows(statement), std::exception) << statement;
    }
  }
  EXPECT_EQ(*store_->forms().find_form("llw-2025"), first);
  // Another id is another version.
  store_->forms().put_form("llw-2026", R"({"id":"llw-2026","version":1})");
  EXPECT_TRUE(store_->forms().find_form("llw-2026"));
}

TEST_P(StoreTest, NewCampaignExpectsEveryReportingUnitOnEveryAncestor) {
  auto id = make_campaign();
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("VN")).at("expected"), 5);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("HP")).at("expected"), 4);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("HP-AH")).at("expected"), 4);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("HP-AH-TH")).at("expected"), 1);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("HN-X")).at("expected"), 1);
  auto report = store_->reports().find_report(id, id_of("HP-AH-TH"));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->status, ReportStatus::not_started);
  EXPECT_EQ(report->version, 0);
  EXPECT_EQ(report->unit_code, "HP-AH-TH");
  EXPECT_FALSE(store_->reports().find_report(id, id_of("HP-AH")));  // communes do not report here
  auto [missing, total] =
      store_->aggregates().missing_units(id, store_->units().find_unit("VN")->path, 100);
  EXPECT_EQ(total, 5);
  EXPECT_EQ(missing.size(), 5u);
}

TEST_P(StoreTest, StaleVersionIsAConflictAndChangesNothing) {
  auto id = make_campaign();
  auto th = id_of("HP-AH-TH");
  save(id, "HP-AH-TH", ReportStatus::draft, {{"banners", 3}}, {});
  auto raw = this->raw();
  auto history_before = raw->integer("SELECT COUNT(*) FROM report_versions");

  ReportWrite stale;
  stale.report = *store_->reports().find_report(id, th);
  stale.report.values = {{"banners", 99}};
  stale.report.version = 1;
  stale.expected_version = 0;  // read before the first save
  stale.ancestor_ids = store_->units().ancestor_ids(th);
  stale.delta = {{"totals.banners", 99}};
  try {
    store_->reports().write_report(stale, {});
    FAIL() << "stale write accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "version");
    EXPECT_NE(e.message().find("phiên bản 1"), std::string::npos);
  }
  auto kept = store_->reports().find_report(id, th);
  EXPECT_EQ(kept->version, 1);
  EXPECT_EQ(kept->values.at("banners"), 3);
  EXPECT_EQ(raw->integer("SELECT COUNT(*) FROM report_versions"), history_before);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("VN")).count("totals.banners"), 0u);
}

TEST_P(StoreTest, HistoryListsEverySavedVersionNewestFirst) {
  auto id = make_campaign();
  auto author = store_->accounts().insert_user(principal_of_an_hung(), "h");
  auto th = id_of("HP-AH-TH");
  for (int i = 0; i < 3; ++i) {
    auto current = *store_->reports().find_report(id, th);
    ReportWrite write;
    write.report = current;
    write.report.status = i == 2 ? ReportStatus::submitted : ReportStatus::draft;
    write.report.version = current.version + 1;
    write.report.updated_at = 1759300000 + i;
    write.report.updated_by = author.id;
    write.expected_version = current.version;
    write.ancestor_ids = store_->units().ancestor_ids(th);
    write.action = i == 2 ? "submit" : "save";
    store_->reports().write_report(write, {});
  }
  auto history = store_->reports().report_history(id, th, 2);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].version, 3);
  EXPECT_EQ(history[0].status, ReportStatus::submitted);
  EXPECT_EQ(history[0].action, "submit");
  EXPECT_EQ(history[0].at, 1759300002);
  EXPECT_EQ(history[0].by, author.id);
  EXPECT_EQ(history[0].by_name, "Nguyễn Văn An");
  EXPECT_EQ(history[1].version, 2);
  EXPECT_EQ(store_->reports().report_history(id, th, 10).size(), 3u);
}

TEST_P(StoreTest, FractionalSlotsAndUnusualSlotNamesRoundTrip) {
  auto id = make_campaign();
  save(id, "HP-AH-TH", ReportStatus::submitted, {},
       {{"submitted", 1}, {"rates.quality.num", 0.25}, {"odd \"name\"", 2}});
  auto slots = store_->aggregates().aggregate(id, id_of("HP"));
  EXPECT_DOUBLE_EQ(slots.at("rates.quality.num"), 0.25);
  EXPECT_EQ(slots.at("odd \"name\""), 2);
  EXPECT_EQ(slots.at("expected"), 4);
}

TEST_P(StoreTest, WritesToAUnitThatDoesNotReportAreNotFound) {
  auto id = make_campaign();
  ReportWrite write;
  write.report.campaign_id = id;
  write.report.unit_id = id_of("HP-AH");
  write.report.version = 1;
  try {
    store_->reports().write_report(write, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
  }
}

TEST_P(StoreTest, DeltasAddUpTheAncestorChainAndAResubmissionReplaces) {
  auto id = make_campaign();
  save(id, "HP-AH-TH", ReportStatus::submitted, {{"banners", 5}},
       {{"submitted", 1}, {"totals.banners", 5}}, {{"advantages", "Thuận lợi A"}});
  save(id, "HP-AH-MN", ReportStatus::submitted, {{"banners", 2}},
       {{"submitted", 1}, {"totals.banners", 2}});
  save(id, "HN-X-TH", ReportStatus::submitted, {{"banners", 7}},
       {{"submitted", 1}, {"totals.banners", 7}});
  // Returned and resubmitted with 8 instead of 5: the caller's delta is new − old.
  save(id, "HP-AH-TH", ReportStatus::returned, {{"banners", 5}},
       {{"submitted", -1}, {"totals.banners", -5}});
  save(id, "HP-AH-TH", ReportStatus::submitted, {{"banners", 8}},
       {{"submitted", 1}, {"totals.banners", 8}}, {{"advantages", "Thuận lợi B"}});

  auto commune = store_->aggregates().aggregate(id, id_of("HP-AH"));
  EXPECT_EQ(commune.at("expected"), 4);
  EXPECT_EQ(commune.at("submitted"), 2);
  EXPECT_EQ(commune.at("totals.banners"), 10);
  auto country = store_->aggregates().aggregate(id, id_of("VN"));
  EXPECT_EQ(country.at("submitted"), 3);
  EXPECT_EQ(country.at("totals.banners"), 17);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("HN")).at("totals.banners"), 7);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("HP-AH-TH")).at("totals.banners"), 8);

  auto [texts, count] = store_->aggregates().narratives(
      id, store_->units().find_unit("HP-AH")->path, "advantages", 10);
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(count, 1);
  EXPECT_EQ(texts[0].text, "Thuận lợi B");
  EXPECT_EQ(texts[0].unit_code, "HP-AH-TH");
  EXPECT_EQ(texts[0].unit_name, "Trường Tiểu học An Hưng");

  auto [missing, missing_total] =
      store_->aggregates().missing_units(id, store_->units().find_unit("VN")->path, 10);
  EXPECT_EQ(missing_total, 2);
  EXPECT_EQ(missing.size(), 2u);

  auto raw = this->raw();
  EXPECT_EQ(raw->integer("SELECT COUNT(*) FROM report_versions WHERE unit_id = " +
                         std::to_string(id_of("HP-AH-TH"))),
            3);
}

TEST_P(StoreTest, ReturningAReportRemovesItsNarrativesAndItsCount) {
  auto id = make_campaign();
  auto commune = store_->units().find_unit("HP-AH")->path;
  save(id, "HP-AH-TH", ReportStatus::submitted, {}, {{"submitted", 1}},
       {{"advantages", "A"}, {"difficulties", "B"}});
  EXPECT_EQ(store_->aggregates().narratives(id, commune, "difficulties", 10).second, 1);
  save(id, "HP-AH-TH", ReportStatus::returned, {}, {{"submitted", -1}}, {{"advantages", "A"}});
  EXPECT_EQ(store_->aggregates().narratives(id, commune, "difficulties", 0).second, 0);
  EXPECT_EQ(store_->aggregates().narratives(id, commune, "advantages", 0).second, 0);
  EXPECT_TRUE(store_->aggregates().narratives(id, commune, "advantages", 10).first.empty());
  EXPECT_EQ(store_->aggregates().missing_units(id, commune, 0).second, 4);
}

TEST_P(StoreTest, DraftSavesLeaveTheAggregatesUntouched) {
  auto id = make_campaign();
  auto raw = this->raw();
  const std::string fingerprint =
      "SELECT campaign_id, unit_id, slots_json, reporting_units, counted_units, "
      "narrative_counts_json FROM aggregates ORDER BY campaign_id, unit_id";
  auto before = raw->rows(fingerprint);
  ASSERT_FALSE(before.empty());
  save(id, "HP-AH-TH", ReportStatus::draft, {{"banners", 4}}, {}, {{"advantages", "x"}});
  save(id, "HP-AH-TH", ReportStatus::draft, {{"banners", 6}}, {});
  EXPECT_EQ(raw->rows(fingerprint), before);
  EXPECT_EQ(raw->integer("SELECT COUNT(*) FROM report_narratives"), 0);
  EXPECT_EQ(store_->reports().find_report(id, id_of("HP-AH-TH"))->values.at("banners"), 6);
}

TEST_P(StoreTest, MissingUnitsAndNarrativesAreLimitedButCountEverything) {
  make_tree();
  std::vector<UnitInput> villages;
  for (int i = 0; i < 30; ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "HP-AH-V%02d", i);
    villages.push_back(unit_input(code, "Thôn " + std::to_string(i), UnitKind::village, "HP-AH"));
  }
  store_->units().upsert_units(villages);
  Campaign c = campaign_at("HP-AH");
  auto units =
      store_->units().units_in_subtree(store_->units().find_unit("HP-AH")->path, c.reporting_kinds);
  auto id = store_->campaigns().insert_campaign(c, units);  // 34 reporting units
  for (int i = 0; i < 12; ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "HP-AH-V%02d", i);
    save(id, code, ReportStatus::submitted, {}, {{"submitted", 1}},
         {{"advantages", "Thuận lợi của thôn " + std::to_string(i)}});
  }
  auto path = store_->units().find_unit("HP-AH")->path;
  auto [missing, total] = store_->aggregates().missing_units(id, path, 5);
  EXPECT_EQ(missing.size(), 5u);
  EXPECT_EQ(total, 22);
  auto [all_missing, same_total] = store_->aggregates().missing_units(id, path, 100);
  EXPECT_EQ(all_missing.size(), 22u);
  EXPECT_EQ(same_total, 22);
  auto [texts, text_total] = store_->aggregates().narratives(id, path, "advantages", 4);
  EXPECT_EQ(texts.size(), 4u);
  EXPECT_EQ(text_total, 12);
  // In unit path order: ids grow with creation order, so V00 comes first.
  EXPECT_EQ(texts[0].unit_code, "HP-AH-V00");
  EXPECT_EQ(store_->aggregates().narratives(id, path, "difficulties", 4).second, 0);
  // A single unit's subtree.
  auto one = store_->units().find_unit("HP-AH-V03")->path;
  EXPECT_EQ(store_->aggregates().narratives(id, one, "advantages", 4).first.size(), 1u);
  EXPECT_EQ(store_->aggregates().missing_units(id, one, 4).second, 0);
}

TEST_P(StoreTest, SubtreeQueriesUseThePathIndexes) {
  make_campaign();
  auto raw = this->raw();
  auto missing = raw->plan(
      "SELECT u.code FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.campaign_id = 1 "
      "AND r.counted = 0 AND r.path >= '/1/' AND r.path < '/10' ORDER BY r.path LIMIT 5");
  // Either path index serves the range (the planner may prefer the narrower one on tiny tables);
  // what matters is an index range in path order, with no sort.
  EXPECT_TRUE(missing.find("reports_counted_path") != std::string::npos ||
              missing.find("reports_campaign_path") != std::string::npos)
      << missing;
  EXPECT_EQ(missing.find("TEMP B-TREE"), std::string::npos) << missing;
  auto texts = raw->plan(
      "SELECT unit_code, unit_name, text FROM report_narratives WHERE campaign_id = 1 "
      "AND part = 'advantages' AND path >= '/1/' AND path < '/10' ORDER BY path LIMIT 5");
  EXPECT_NE(texts.find("report_narratives_part_path"), std::string::npos) << texts;
  EXPECT_EQ(texts.find("TEMP B-TREE"), std::string::npos) << texts;
  auto subtree = raw->plan("SELECT id FROM units WHERE path >= '/1/' AND path < '/10'");
  EXPECT_NE(subtree.find("units_path"), std::string::npos) << subtree;
}

TEST_P(StoreTest, RebuildEqualsTheIncrementalResult) {
  auto id = make_campaign();
  // A contribution rule of the test's own: what the domain says a report not started adds (as
  // insert_campaign wrote it: expected, its kind's and its state's counters), with the state it
  // is in; counted reports add submitted and their banners.
  const Campaign campaign = campaign_at("VN");
  auto rule = [&](const OrgUnit& unit, const UnitReport& report) {
    Contribution c = contribution_of(campaign, unit, not_started_report(campaign, unit));
    c.erase("statuses.not_started");
    c["statuses." + std::string(to_string(report.status))] = 1;
    if (report.status == ReportStatus::submitted || report.status == ReportStatus::accepted) {
      c["submitted"] = 1;
      c["totals.banners"] = report.values.value("banners", 0);
      c["participation.population"] = static_cast<double>(
          unit.population.count("students") ? unit.population.at("students") : 0);
    }
    return c;
  };
  auto submit = [&](const std::string& code, int banners, ReportStatus status) {
    auto unit = *store_->units().find_unit(code);
    auto before = *store_->reports().find_report(id, unit.id);
    UnitReport after = before;
    after.status = status;
    after.values = {{"banners", banners}};
    Contribution delta = rule(unit, after);
    for (const auto& [k, v] : rule(unit, before)) delta[k] -= v;
    std::erase_if(delta, [](const auto& e) { return e.second == 0; });
    save(id, code, status, after.values, delta, {{"advantages", "Văn bản " + code}});
  };
  submit("HP-AH-TH", 5, ReportStatus::submitted);
  submit("HP-AH-MN", 3, ReportStatus::submitted);
  submit("HP-AH-T1", 4, ReportStatus::draft);
  submit("HN-X-TH", 9, ReportStatus::submitted);
  submit("HP-AH-TH", 6, ReportStatus::accepted);

  std::vector<std::string> nodes{"VN",       "HP", "HP-AH", "HP-AH-TH", "HP-AH-MN",
                                 "HP-AH-T1", "HN", "HN-X",  "HN-X-TH",  "HP-AH-THCS"};
  std::map<std::string, Contribution> incremental;
  for (const auto& code : nodes)
    incremental[code] = store_->aggregates().aggregate(id, id_of(code));
  auto vn_path = store_->units().find_unit("VN")->path;
  auto missing_before = store_->aggregates().missing_units(id, vn_path, 1);
  auto texts_before = store_->aggregates().narratives(id, vn_path, "advantages", 1);

  store_->aggregates().rebuild_aggregates(id, rule);

  for (const auto& code : nodes) {
    EXPECT_EQ(store_->aggregates().aggregate(id, id_of(code)), incremental[code]) << code;
  }
  EXPECT_EQ(incremental["VN"].at("totals.banners"), 6 + 3 + 9);
  EXPECT_EQ(incremental["HP-AH"].at("participation.population"), 650);
  EXPECT_EQ(store_->aggregates().missing_units(id, vn_path, 1).second, missing_before.second);
  EXPECT_EQ(store_->aggregates().narratives(id, vn_path, "advantages", 1).second,
            texts_before.second);
  EXPECT_EQ(texts_before.second, 3);
}

TEST_P(StoreTest, BulkPutThenRebuildMatchesWhatWasPut) {
  auto id = make_campaign();
  std::vector<UnitReport> reports;
  std::vector<std::map<std::string, std::string>> texts;
  for (const auto& code : {"HP-AH-TH", "HP-AH-MN", "HN-X-TH"}) {
    UnitReport r = *store_->reports().find_report(id, id_of(code));
    r.status = ReportStatus::submitted;
    r.version = 2;
    r.values = {{"banners", 10}};
    r.submitted_at = 1759900000;
    r.updated_at = 1759900000;
    reports.push_back(r);
    texts.push_back({{"next_plan", std::string("Kế hoạch của ") + code}});
  }
  store_->reports().bulk_put_reports(reports, texts);
  auto back = store_->reports().find_report(id, id_of("HP-AH-MN"));
  EXPECT_EQ(back->version, 2);
  EXPECT_EQ(back->status, ReportStatus::submitted);
  EXPECT_EQ(back->submitted_at, 1759900000);

  store_->aggregates().rebuild_aggregates(id, [](const OrgUnit&, const UnitReport& report) {
    Contribution c{{"expected", 1}};
    if (report.status == ReportStatus::submitted) {
      c["submitted"] = 1;
      c["totals.banners"] = report.values.value("banners", 0);
    }
    return c;
  });
  auto country = store_->aggregates().aggregate(id, id_of("VN"));
  EXPECT_EQ(country.at("expected"), 5);
  EXPECT_EQ(country.at("submitted"), 3);
  EXPECT_EQ(country.at("totals.banners"), 30);
  auto vn_path = store_->units().find_unit("VN")->path;
  EXPECT_EQ(store_->aggregates().missing_units(id, vn_path, 0).second, 2);
  EXPECT_EQ(store_->aggregates().narratives(id, vn_path, "next_plan", 1).second, 3);
}

// PostgreSQL loads the texts of a bulk put with COPY, whose text format has its own escapes.
TEST_P(StoreTest, BulkPutTextsWithCopyEscapesComeBackVerbatim) {
  auto id = make_campaign();
  const std::vector<std::string> nasty{
      "tab\there, newline\nthere, return\r\nboth",
      "backslash \\ and \\N and \\t and a lone \\",
      "\\N",
      "Kế hoạch: \"trích dẫn\" 'nháy' ; -- DROP TABLE reports; \\. end",
  };
  // One submitted report, copied to each unit with its own texts.
  UnitReport submitted = *store_->reports().find_report(id, id_of("HP-AH-TH"));
  submitted.status = ReportStatus::submitted;
  submitted.version = 1;
  submitted.values = {{"banners", 1}};
  submitted.submitted_at = submitted.updated_at = 1759900000;
  std::vector<UnitReport> reports;
  std::vector<std::map<std::string, std::string>> texts;
  for (const auto& code : {"HP-AH-TH", "HP-AH-MN", "HN-X-TH"}) {
    reports.push_back(submitted);
    reports.back().unit_id = id_of(code);
    const std::size_t i = texts.size();
    texts.push_back(
        {{"advantages", nasty[i % nasty.size()]}, {"next_plan", nasty[(i + 1) % nasty.size()]}});
  }
  texts.back()["difficulties"] = nasty[3];
  store_->reports().bulk_put_reports(reports, texts);

  const std::string vn_path = store_->units().find_unit("VN")->path;
  for (const std::string part : {"advantages", "next_plan", "difficulties"}) {
    auto [found, total] = store_->aggregates().narratives(id, vn_path, part, 10);
    std::map<std::string, std::string> by_unit;
    for (const auto& text : found) by_unit[text.unit_code] = text.text;
    std::size_t j = 0;
    for (const auto& code : {"HP-AH-TH", "HP-AH-MN", "HN-X-TH"}) {
      auto expected = texts[j++].find(part);
      if (expected == texts[j - 1].end()) {
        EXPECT_EQ(by_unit.count(code), 0u) << part << " " << code;
      } else {
        EXPECT_EQ(by_unit[code], expected->second) << part << " " << code;
      }
    }
    EXPECT_EQ(total, static_cast<std::int64_t>(by_unit.size())) << part;
  }
}

TEST_P(StoreTest, SqlAndHtmlMetacharactersAreStoredVerbatim) {
  make_tree();
  const std::string nasty =
      "Robert'); DROP TABLE units;-- <script>alert(\"x\")</script> & %_ \\ \"quoted\" ' ;";
  auto unit = store_->units().insert_unit(unit_input("HP-AH-X", nasty, UnitKind::village, "HP-AH"));
  EXPECT_EQ(store_->units().find_unit("HP-AH-X")->name, nasty);
  EXPECT_EQ(store_->units().count_units(), 11);
  Campaign c = campaign_at("HP-AH");
  c.plan = {{"theme", nasty}};
  auto id = store_->campaigns().insert_campaign(c, {unit});
  EXPECT_EQ(store_->campaigns().find_campaign(id)->plan.at("theme"), nasty);
  save(id, "HP-AH-X", ReportStatus::submitted, {{"note", nasty}}, {{"submitted", 1}},
       {{"advantages", nasty}});
  EXPECT_EQ(store_->reports().find_report(id, unit.id)->values.at("note"), nasty);
  auto texts = store_->aggregates().narratives(id, unit.path, "advantages", 5).first;
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0].text, nasty);
  EXPECT_EQ(texts[0].unit_name, nasty);
  EXPECT_FALSE(store_->units().find_unit("' OR 1=1 --"));
  User user;
  user.username = nasty;
  user.display_name = nasty;
  user.role = Role::viewer;
  store_->accounts().insert_user(user, nasty);
  EXPECT_EQ(store_->accounts().find_user(nasty)->user.display_name, nasty);
}

TEST_P(StoreTest, ConcurrentWritersOnTheirOwnUnitsAllSucceed) {
  make_tree();
  std::vector<UnitInput> schools;
  for (int i = 0; i < 8; ++i) {
    schools.push_back(unit_input("HP-AH-S" + std::to_string(i), "Trường " + std::to_string(i),
                                 UnitKind::school, "HP-AH"));
  }
  store_->units().upsert_units(schools);
  Campaign c = campaign_at("HP-AH");
  c.reporting_kinds = {UnitKind::school};
  auto id = store_->campaigns().insert_campaign(
      c, store_->units().units_in_subtree(store_->units().find_unit("HP-AH")->path,
                                          {UnitKind::school}));

  constexpr int kSaves = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      try {
        auto unit = *store_->units().find_unit("HP-AH-S" + std::to_string(t));
        auto ancestors = store_->units().ancestor_ids(unit.id);
        for (int i = 0; i < kSaves; ++i) {
          auto current = *store_->reports().find_report(id, unit.id);
          // Reads run alongside the writes of the other threads.
          store_->aggregates().aggregate(id, ancestors.back());
          ReportWrite write;
          write.report = current;
          write.report.status = i + 1 == kSaves ? ReportStatus::submitted : ReportStatus::draft;
          write.report.values = {{"banners", i}};
          write.report.version = current.version + 1;
          write.expected_version = current.version;
          write.ancestor_ids = ancestors;
          if (i + 1 == kSaves) write.delta = {{"submitted", 1}, {"totals.banners", i}};
          store_->reports().write_report(write, {});
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  for (int t = 0; t < 8; ++t) {
    auto report = store_->reports().find_report(id, id_of("HP-AH-S" + std::to_string(t)));
    EXPECT_EQ(report->version, kSaves);
  }
  auto commune = store_->aggregates().aggregate(id, id_of("HP-AH"));
  EXPECT_EQ(commune.at("submitted"), 8);
  EXPECT_EQ(commune.at("totals.banners"), 8 * (kSaves - 1));
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("VN")).at("submitted"), 8);
}

TEST_P(StoreTest, TwoWritersRacingOnOneVersionExactlyOneWins) {
  auto id = make_campaign();
  auto unit = *store_->units().find_unit("HP-AH-TH");
  auto ancestors = store_->units().ancestor_ids(unit.id);
  for (int round = 0; round < 20; ++round) {
    auto current = *store_->reports().find_report(id, unit.id);
    std::atomic<int> wins{0}, conflicts{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> racers;
    for (int r = 0; r < 2; ++r) {
      racers.emplace_back([&, r] {
        ReportWrite write;
        write.report = current;
        write.report.values = {{"banners", r}};
        write.report.version = current.version + 1;
        write.expected_version = current.version;
        write.ancestor_ids = ancestors;
        write.delta = {{"totals.banners", 1}};
        while (!go.load()) std::this_thread::yield();
        try {
          store_->reports().write_report(write, {});
          ++wins;
        } catch (const Error& e) {
          if (e.kind() == ErrorKind::conflict) ++conflicts;
        }
      });
    }
    go = true;
    for (auto& racer : racers) racer.join();
    ASSERT_EQ(wins.load(), 1) << "round " << round;
    ASSERT_EQ(conflicts.load(), 1) << "round " << round;
  }
  EXPECT_EQ(store_->reports().find_report(id, unit.id)->version, 20);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("VN")).at("totals.banners"), 20);
}

TEST_P(StoreTest, AddingAReportingUnitExtendsTheCampaign) {
  auto id = make_campaign();
  auto unit =
      store_->units().insert_unit(unit_input("HP-AH-T2", "Thôn 2", UnitKind::village, "HP-AH"));
  store_->campaigns().add_reporting_unit(id, unit, {{"expected", 1}},
                                         store_->units().ancestor_ids(unit.id));
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("VN")).at("expected"), 6);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("HP-AH")).at("expected"), 5);
  EXPECT_EQ(store_->reports().find_report(id, unit.id)->status, ReportStatus::not_started);
  EXPECT_EQ(store_->aggregates().missing_units(id, store_->units().find_unit("VN")->path, 0).second,
            6);
  EXPECT_THROW(store_->campaigns().add_reporting_unit(id, unit, {{"expected", 1}}, {}), Error);
  EXPECT_EQ(store_->aggregates().aggregate(id, id_of("VN")).at("expected"), 6);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, kBothBackends, testing_support::backend_param_name);

// What only one backend has: SQLite's file and pragmas, PostgreSQL's URLs and servers.

TEST(SqliteStoreTest, RejectsAnUnknownSynchronousSetting) {
  SqliteDatabase database;
  StoreOptions options;
  options.synchronous = "OFF; DROP TABLE units";
  EXPECT_THROW(open_sqlite_store(database.url(), options), Error);
}

TEST(SqliteStoreTest, OpensAFileWhosePathHasSpaces) {
  SqliteDatabase database;
  fs::path dir = fs::path(database.url()).parent_path() / "thư mục có dấu cách";
  fs::create_directory(dir);
  auto other = open_store((dir / "a b.db").string());
  other->units().insert_unit(unit_input("VN", "Việt Nam", UnitKind::country, ""));
  EXPECT_TRUE(fs::exists(dir / "a b.db"));
}

TEST(OpenStoreTest, PostgresqlUrlsAreRecognizedAndEverythingElseIsAFile) {
  EXPECT_TRUE(is_postgresql_url("postgresql://llw:secret@127.0.0.1:5432/llw"));
  EXPECT_TRUE(is_postgresql_url("postgres://localhost/llw"));
  EXPECT_FALSE(is_postgresql_url("/var/lib/llw/llw.db"));
  EXPECT_FALSE(is_postgresql_url("llw.db"));
}

TEST(OpenStoreTest, AnUnreachableServerIsAnInternalErrorThatHidesThePassword) {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  try {
    open_store("postgresql://llw:topsecret@127.0.0.1:1/llw?connect_timeout=2");
    FAIL() << "connected to nothing";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::internal);
    EXPECT_NE(e.message().find("PostgreSQL"), std::string::npos) << e.message();
    EXPECT_EQ(e.message().find("topsecret"), std::string::npos) << e.message();
  }
}

class PostgresqlStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string server = pg_server_url();
    if (server.empty()) GTEST_SKIP() << kPgSkipMessage;
    database_ = std::make_unique<PostgresDatabase>(server);
  }
  std::unique_ptr<PostgresDatabase> database_;
};

TEST_F(PostgresqlStoreTest, ServersStartingAtOnceMigrateOnce) {
  std::vector<std::shared_ptr<Store>> stores(4);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (auto& store : stores) {
    threads.emplace_back([&] {
      try {
        store = open_store(database_->url());
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);
  EXPECT_EQ(database_->raw()->integer("SELECT COUNT(*) FROM schema_migrations"), kMigrationCount);
}

TEST_F(PostgresqlStoreTest, PathRangesCompareBytesWhateverTheCollation) {
  auto store = open_store(database_->url());
  // '/1/17/' must sort before '/1/170/' and the subtree of /1/17/ must not include /1/170/, which
  // a linguistic collation (that ignores '/') would get wrong.
  auto raw = database_->raw();
  EXPECT_EQ(raw->text("SELECT collation_name FROM information_schema.columns "
                      "WHERE table_name = 'units' AND column_name = 'path'"),
            "C");
  EXPECT_EQ(raw->text("SELECT CASE WHEN '/1/17/'::text COLLATE \"C\" < '/1/170/' "
                      "THEN 'before' ELSE 'after' END"),
            "before");
}

}  // namespace
}  // namespace llw
