// `llw copy-db` (storage/copy_database.h) on real databases: a commune's demo database copied
// SQLite → PostgreSQL, PostgreSQL → SQLite and SQLite → SQLite gives the same summaries, history
// and accounts; a copy into a database with data is refused unless merged; a merge renumbers ids,
// attaches the commune under its city and refuses colliding codes, changing nothing then; tables
// are copied after the tables their declared foreign keys reference, and a merge rewrites a
// reference through its declared key whatever the column is called.
#include <sqlite3.h>

#include <algorithm>

#include "app/accounts.h"
#include "app/api_json.h"
#include "app/campaigns.h"
#include "app/reports.h"
#include "app/sign_in.h"
#include "app/summaries.h"
#include "app/units.h"
#include "app_fixture.h"
#include "demo/demo_data.h"
#include "storage/copy_database.h"

namespace llw::testing {
namespace {

using testing_support::Backend;
using testing_support::TestDatabase;
using testing_support::unit_input;

// One database with its Application.
struct Side {
  explicit Side(Backend backend) : database(testing_support::make_test_database(backend)) {
    if (!database) throw std::runtime_error(testing_support::kPgSkipMessage);
    open();
  }
  void open() {
    ApplicationConfig config;
    config.forms_dir = std::filesystem::path(LLW_SOURCE_DIR) / "forms";
    store = open_store(database->url());
    app = std::make_unique<Application>(store, config, [] { return vietnam_time(10, 9, 9); });
  }
  void close() {
    app.reset();
    store.reset();
  }
  std::int64_t rows(const std::string& table) {
    return database->raw()->integer("SELECT COUNT(*) FROM " + table);
  }
  std::string summary(std::int64_t campaign, const std::string& unit) {
    return *app->summaries().summary_json(admin(), campaign, unit);
  }
  static User admin() {
    User user;
    user.username = "system";
    user.role = Role::admin;
    return user;
  }

  std::unique_ptr<TestDatabase> database;
  std::shared_ptr<Store> store;
  std::unique_ptr<Application> app;
};

// Every table an LLW database has, with the figures that must survive a copy.
const char* const kTables[] = {
    "units",   "users",           "sessions",   "login_attempts",    "forms",    "campaigns",
    "reports", "report_versions", "aggregates", "report_narratives", "audit_log"};

struct Direction {
  Backend from;
  Backend to;
};

void PrintTo(const Direction& direction, std::ostream* out) {
  *out << testing_support::backend_name(direction.from) << " → "
       << testing_support::backend_name(direction.to);
}

class CopyDbTest : public ::testing::TestWithParam<Direction> {};

TEST_P(CopyDbTest, ACommuneDatabaseCopiesWithEveryRowAndTheSameSummaries) {
  Side source(GetParam().from);
  DemoStats stats = make_demo(*source.app, DemoScale::commune);
  const std::string demo_password = stats.accounts.front().password;
  source.app->sign_in().login("admin", demo_password, "10.0.0.1");  // a session and a login attempt
  const std::string before = source.summary(stats.campaign_id, stats.issuer_code);
  const std::string before_country = source.summary(stats.campaign_id, "VN");
  source.close();

  Side target(GetParam().to);
  target.close();
  std::vector<TableCopy> progress;
  CopyReport report = copy_database(source.database->url(), target.database->url(), {},
                                    [&](const TableCopy& t) { progress.push_back(t); });
  EXPECT_EQ(progress.size(), report.tables.size());

  for (const char* table : kTables) {
    auto found = std::find_if(report.tables.begin(), report.tables.end(),
                              [&](const TableCopy& t) { return t.table == table; });
    ASSERT_NE(found, report.tables.end()) << table << " was not copied";
    EXPECT_EQ(found->source_rows, source.rows(table)) << table;
    EXPECT_EQ(target.rows(table), source.rows(table)) << table;
    EXPECT_EQ(found->source_checksum, found->copied_checksum) << table;
  }
  EXPECT_GT(source.rows("report_versions"), source.rows("reports") / 2);
  EXPECT_GT(source.rows("audit_log"), 0);

  target.open();
  // The same consolidated figures, report history and accounts on the other backend.
  EXPECT_EQ(target.summary(stats.campaign_id, stats.issuer_code), before);
  EXPECT_EQ(target.summary(stats.campaign_id, "VN"), before_country);
  EXPECT_NO_THROW(target.app->sign_in().login("admin", demo_password, "10.0.0.2"));
  // New rows get fresh ids after the copied ones (PostgreSQL's sequences were moved on).
  EXPECT_NO_THROW(target.app->units().create_unit(
      Side::admin(), unit_input("HP-ANHUNG-MOI", "Thôn Mới", UnitKind::village, "HP-ANHUNG")));
  EXPECT_NO_THROW(target.app->accounts().add_user("nguoi.moi", "Người mới", Role::viewer,
                                                  "HP-ANHUNG", "mat-khau-dai-du"));
  EXPECT_EQ(target.rows("units"), source.rows("units") + 1);
}

TEST_P(CopyDbTest, ACopyIntoADatabaseWithDataIsRefusedAndChangesNothing) {
  Side source(GetParam().from);
  make_demo(*source.app, DemoScale::commune);
  source.close();
  Side target(GetParam().to);
  target.app->accounts().add_user("admin.thanhpho", "Quản trị", Role::admin, "", "mat-khau-dai-du");
  target.close();
  try {
    copy_database(source.database->url(), target.database->url(), {});
    FAIL() << "copied into a database with data";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::bad_input);
    EXPECT_NE(e.message().find("--merge"), std::string::npos) << e.message();
  }
  EXPECT_EQ(target.rows("users"), 1);
  EXPECT_EQ(target.rows("units"), 0);
}

// A commune that ran on its own (its root is the commune) moves into its city's database.
TEST_P(CopyDbTest, AMergeAttachesTheCommuneUnderItsCityWithNewIdsAndTheSameFigures) {
  Campaign plan = testing_support::week_campaign_2025();
  plan.reporting_kinds = {UnitKind::school, UnitKind::village};

  // The city: its own tree, campaign and a saved draft, whose ids the commune's will collide with.
  Side city(GetParam().to);
  city.store->units().upsert_units({unit_input("HP", "Thành phố Hải Phòng", UnitKind::province, ""),
                                    unit_input("HP-Y", "Xã Tân Tiến", UnitKind::commune, "HP"),
                                    unit_input("HP-Y-C", "Trường Mầm non Tân Tiến",
                                               UnitKind::school, "HP-Y", {{"students", 100}})});
  plan.issuer_code = "HP";
  const Campaign city_campaign = city.app->campaigns().create_campaign(Side::admin(), plan);
  city.app->reports().save_draft(Side::admin(), city_campaign.id, "HP-Y-C", 0,
                                 {{"media_articles", 2}});
  const std::string city_summary = city.summary(city_campaign.id, "HP");
  const std::int64_t city_units = city.rows("units");

  // The commune, alone in its own database.
  Side commune(GetParam().from);
  commune.store->units().upsert_units(
      {unit_input("XA-MOI", "Xã Mới", UnitKind::commune, ""),
       unit_input("XA-MOI-TH", "Trường Tiểu học Xã Mới", UnitKind::school, "XA-MOI",
                  {{"students", 300}, {"staff", 20}}),
       unit_input("XA-MOI-T1", "Thôn 1", UnitKind::village, "XA-MOI", {{"residents", 800}})});
  plan.issuer_code = "XA-MOI";
  const Campaign commune_campaign = commune.app->campaigns().create_campaign(Side::admin(), plan);
  commune.app->accounts().add_user("bc.xamoi", "Báo cáo Xã Mới", Role::reporter, "XA-MOI-TH",
                                   "mat-khau-dai-du");
  UnitReport draft = commune.app->reports().save_draft(
      Side::admin(), commune_campaign.id, "XA-MOI-TH", 0, {{"media_articles", 5}, {"banners", 3}});
  const Summary commune_summary =
      commune.app->summaries().summary(Side::admin(), commune_campaign.id, "XA-MOI");
  const auto commune_history =
      commune.app->reports().report_history(Side::admin(), commune_campaign.id, "XA-MOI-TH");
  const std::int64_t commune_units = commune.rows("units");
  commune.close();
  city.close();

  CopyOptions merge;
  merge.merge = true;
  merge.under_code = "HP";
  copy_database(commune.database->url(), city.database->url(), merge);

  city.open();
  EXPECT_EQ(city.rows("units"), city_units + commune_units);
  OrgUnit hp = *city.store->units().find_unit("HP");
  OrgUnit moved = *city.store->units().find_unit("XA-MOI");
  OrgUnit school = *city.store->units().find_unit("XA-MOI-TH");
  EXPECT_EQ(moved.parent_code, "HP");
  EXPECT_EQ(moved.path, hp.path + std::to_string(moved.id) + "/");
  EXPECT_EQ(school.path, moved.path + std::to_string(school.id) + "/");
  EXPECT_EQ(city.store->units().ancestor_ids(school.id),
            (std::vector<std::int64_t>{school.id, moved.id, hp.id}));

  // The commune's campaign came along under a new id, with its figures and history.
  std::vector<Campaign> campaigns = city.app->campaigns().list_campaigns(Side::admin());
  ASSERT_EQ(campaigns.size(), 2u);
  const Campaign& merged = campaigns[0].id == city_campaign.id ? campaigns[1] : campaigns[0];
  EXPECT_EQ(merged.issuer_code, "XA-MOI");
  Summary figures = city.app->summaries().summary(Side::admin(), merged.id, "XA-MOI");
  EXPECT_EQ(figures.expected, commune_summary.expected);
  EXPECT_EQ(figures.submitted, commune_summary.submitted);
  EXPECT_EQ(figures.population, commune_summary.population);
  EXPECT_EQ(figures.missing_count, commune_summary.missing_count);
  EXPECT_EQ(figures.totals, commune_summary.totals);
  EXPECT_EQ(city.summary(city_campaign.id, "HP"), city_summary);  // the city's own: unchanged
  UnitReport report = city.app->reports().get_report(Side::admin(), merged.id, "XA-MOI-TH");
  EXPECT_EQ(report.version, draft.version);
  EXPECT_EQ(report.values, draft.values);
  EXPECT_EQ(city.app->reports().report_history(Side::admin(), merged.id, "XA-MOI-TH").size(),
            commune_history.size());
  // The commune's reporter signs in on the city's server and sees the school's report.
  Session session = city.app->sign_in().login("bc.xamoi", "mat-khau-dai-du", "10.0.0.3");
  User reporter = city.app->sign_in().authenticate(session.token);
  EXPECT_EQ(reporter.unit_code, "XA-MOI-TH");
  EXPECT_EQ(city.app->reports().get_report(reporter, merged.id, "XA-MOI-TH").version,
            draft.version);
  // And the merged report keeps its compare-and-swap: a save on the copied version works once.
  EXPECT_EQ(
      city.app->reports()
          .save_draft(reporter, merged.id, "XA-MOI-TH", draft.version, {{"media_articles", 7}})
          .version,
      draft.version + 1);
  EXPECT_EQ(error_kind_of([&] {
              city.app->reports().save_draft(reporter, merged.id, "XA-MOI-TH", draft.version,
                                             {{"media_articles", 8}});
            }),
            ErrorKind::conflict);

  // Merging the same commune again: every code collides; refused, nothing changes.
  const std::int64_t units_now = city.rows("units");
  const std::int64_t versions_now = city.rows("report_versions");
  city.close();
  try {
    copy_database(commune.database->url(), city.database->url(), merge);
    FAIL() << "merged colliding unit codes";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::bad_input);
    EXPECT_NE(e.message().find("XA-MOI"), std::string::npos) << e.message();
  }
  EXPECT_EQ(city.rows("units"), units_now);
  EXPECT_EQ(city.rows("report_versions"), versions_now);

  // An unknown parent is refused the same way.
  Side other(GetParam().to);
  other.close();
  merge.under_code = "KHONG-CO";
  EXPECT_THROW(copy_database(commune.database->url(), other.database->url(), merge), Error);
  EXPECT_EQ(other.rows("units"), 0);
}

// Two tables of a later migration whose key column is not named after the table it references
// (`author`, not `z_writer_id`), and which sort the other way round by name.
const char* const kWritersAndNotes[] = {
    "CREATE TABLE z_writers (id BIGINT PRIMARY KEY, name TEXT NOT NULL)",
    "CREATE TABLE a_notes (id BIGINT PRIMARY KEY, author BIGINT NOT NULL REFERENCES z_writers (id),"
    " body TEXT NOT NULL)"};

// Runs a statement on the database outside the store (the test's raw reader is read-only).
void execute(const TestDatabase& database, const std::string& sql) {
  if (database.backend() == Backend::postgresql) {
    testing_support::PgConnection(database.url()).rows(sql);
    return;
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(database.url().c_str(), &db, SQLITE_OPEN_READWRITE, nullptr),
            SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << " in: " << sql;
  sqlite3_free(error);
  sqlite3_close(db);
}

// Both sides with the two tables; the source with notes by two writers.
void add_writers_and_notes(Side& source, Side& target) {
  for (Side* side : {&source, &target}) {
    side->close();
    for (const char* sql : kWritersAndNotes) execute(*side->database, sql);
  }
  execute(*source.database, "INSERT INTO z_writers (id, name) VALUES (1, 'Lan'), (2, 'Minh')");
  execute(*source.database,
          "INSERT INTO a_notes (id, author, body) VALUES (1, 2, 'Minh 1'), (2, 1, 'Lan 1')");
}

TEST_P(CopyDbTest, TablesAreCopiedAfterTheTablesTheirDeclaredForeignKeysReference) {
  Side source(GetParam().from);
  Side target(GetParam().to);
  add_writers_and_notes(source, target);
  std::vector<std::string> order;
  copy_database(source.database->url(), target.database->url(), {},
                [&](const TableCopy& table) { order.push_back(table.table); });
  auto at = [&](const std::string& table) {
    auto found = std::find(order.begin(), order.end(), table);
    EXPECT_NE(found, order.end()) << table;
    return found - order.begin();
  };
  EXPECT_LT(at("z_writers"), at("a_notes"));
  EXPECT_LT(at("units"), at("users"));      // users.unit_id
  EXPECT_LT(at("units"), at("campaigns"));  // campaigns.issuer_unit_id
  EXPECT_LT(at("campaigns"), at("reports"));
  EXPECT_LT(at("reports"), at("report_versions"));  // a key of two columns
  EXPECT_EQ(target.database->raw()->rows("SELECT n.body, w.name FROM a_notes n JOIN z_writers w "
                                         "ON w.id = n.author ORDER BY n.id"),
            "Minh 1|Minh\nLan 1|Lan\n");
}

TEST_P(CopyDbTest, AMergeRewritesAReferenceThroughItsDeclaredForeignKeyWhateverItsName) {
  Side source(GetParam().from);
  Side target(GetParam().to);
  add_writers_and_notes(source, target);
  // The target's own writer and note take the ids 1 the source's rows have.
  execute(*target.database, "INSERT INTO z_writers (id, name) VALUES (1, 'Hoa')");
  execute(*target.database, "INSERT INTO a_notes (id, author, body) VALUES (1, 1, 'Hoa 1')");
  CopyOptions merge;
  merge.merge = true;
  copy_database(source.database->url(), target.database->url(), merge);
  EXPECT_EQ(target.database->raw()->rows("SELECT n.body, w.name FROM a_notes n JOIN z_writers w "
                                         "ON w.id = n.author ORDER BY n.id"),
            "Hoa 1|Hoa\nMinh 1|Minh\nLan 1|Lan\n");
}

// The demo's plans name who wrote them by username (level_plans.updated_by is text, with no
// key): a merge keeps the name and renumbers the plan's unit and campaign.
TEST_P(CopyDbTest, AMergeKeepsATextColumnNamedLikeAReference) {
  Side source(GetParam().from);
  make_demo(*source.app, DemoScale::commune, 2027);
  source.close();
  Side target(GetParam().to);
  target.close();
  CopyOptions merge;
  merge.merge = true;
  copy_database(source.database->url(), target.database->url(), merge);
  const std::string plans =
      "SELECT l.number, l.updated_by, u.code, c.year FROM level_plans l JOIN units u ON u.id = "
      "l.unit_id JOIN campaigns c ON c.id = l.campaign_id";
  EXPECT_EQ(target.database->raw()->rows(plans), source.database->raw()->rows(plans));
  EXPECT_EQ(target.rows("level_plans"), 2);  // the commune's plan of 2027 and of last year's week
}

TEST(CopyDbRefusals, TheSameDatabaseOnBothSidesOrAMissingSourceFileIsRefused) {
  testing_support::SqliteDatabase database;
  open_store(database.url()).reset();
  EXPECT_THROW(copy_database(database.url(), database.url(), {}), Error);
  EXPECT_THROW(copy_database(database.url() + ".khong-co", database.url() + ".2", {}), Error);
  EXPECT_FALSE(std::filesystem::exists(database.url() + ".2"));
}

INSTANTIATE_TEST_SUITE_P(Directions, CopyDbTest,
                         ::testing::Values(Direction{Backend::sqlite, Backend::postgresql},
                                           Direction{Backend::postgresql, Backend::sqlite},
                                           Direction{Backend::sqlite, Backend::sqlite}),
                         [](const ::testing::TestParamInfo<Direction>& info) {
                           return std::string(testing_support::backend_name(info.param.from)) +
                                  "_to_" + testing_support::backend_name(info.param.to);
                         });

}  // namespace
}  // namespace llw::testing
