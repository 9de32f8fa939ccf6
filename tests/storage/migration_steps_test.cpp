// A database that lived through every release, upgraded one migration at a time from 001, must end
// with the schema a new database gets: the same tables, columns, types, defaults, indexes,
// constraints and triggers. Run on both backends; the data written after 001 goes through every
// later migration, so the migrations that rewrite rows (027's search keys and recount list) meet
// rows as on a real upgrade.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/text.h"
#include "storage/open_store.h"
#include "storage/sql/migrations.h"
#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::Backend;
using testing_support::PgConnection;
using testing_support::PostgresDatabase;
using testing_support::SqliteDatabase;
using testing_support::TestDatabase;

// Writes straight into the database, as an older LLW would have (RawDb only reads).
void execute(TestDatabase& database, const std::string& statements) {
  if (database.backend() == Backend::postgresql) {
    PgConnection(database.url()).rows(statements);
    return;
  }
  sqlite3* db = nullptr;
  char* message = nullptr;
  const bool opened =
      sqlite3_open_v2(database.url().c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
  const bool done =
      opened && sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &message) == SQLITE_OK;
  std::string error = message ? message : (opened ? "" : sqlite3_errmsg(db));
  sqlite3_free(message);
  sqlite3_close(db);
  if (!done) throw std::runtime_error(error + " in: " + statements);
}

// Rows as the schema of 001 holds them: a commune, a school below it, a campaign and the school's
// submitted report.
const char kRowsOf001[] = R"sql(
INSERT INTO units (id, code, name, kind, level, parent_id, path)
  VALUES (1, 'HP-ANHUNG', 'Xã An Hưng', 'commune', 'none', NULL, '/1/');
INSERT INTO units (id, code, name, kind, level, parent_id, path)
  VALUES (2, 'HP-AH-TH1', 'Trường Tiểu học An Hưng', 'school', 'primary', 1, '/1/2/');
INSERT INTO campaigns (id, name, year, issuer_unit_id, period_start, period_end, deadline,
                       lock_date)
  VALUES (1, 'Tuần lễ hưởng ứng học tập suốt đời 2025', 2025, 1, '2025-10-01', '2025-10-07',
          '2025-10-20', '2025-10-31');
INSERT INTO reports (campaign_id, unit_id, path, status, version, values_json, counted)
  VALUES (1, 2, '/1/2/', 'submitted', 2, '{"participants": 120}', 1);
)sql";

// The school's history and evidence as 037 left them: versions 1 and 2 saved at 100 and 200, a
// file attached at 150 (while at version 1) and one attached at 50 (before any version) and
// removed at 250 (at version 2).
const char kRowsBefore038[] = R"sql(
INSERT INTO report_versions (campaign_id, unit_id, version, status, values_json, action, at)
  VALUES (1, 2, 1, 'draft', '{}', 'save', 100), (1, 2, 2, 'submitted', '{}', 'submit', 200);
INSERT INTO evidence_files (sha256, kind, content_type, size, content, created_at)
  VALUES ('aa', 'pdf', 'application/pdf', 3, 'pdf', 50);
INSERT INTO evidence (campaign_id, unit_id, file_sha256, kind, added_at)
  VALUES (1, 2, 'aa', 'pdf', 150);
INSERT INTO evidence (campaign_id, unit_id, file_sha256, kind, added_at, removed, removed_at)
  VALUES (1, 2, 'aa', 'pdf', 50, 1, 250);
)sql";

// The schema as text, one line per table, column, index, constraint, trigger or function, in a
// fixed order, so two databases compare with one EXPECT_EQ (and a failure shows the lines).
std::string schema_of(TestDatabase& database) {
  auto raw = database.raw();
  if (database.backend() == Backend::sqlite) {
    return "-- sqlite_master\n" +
           raw->rows(
               "SELECT type, name, tbl_name, replace(replace(sql, char(10), ' '), '  ', ' ') "
               "FROM sqlite_master ORDER BY type, name") +
           "-- columns\n" +
           raw->rows(
               "SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk "
               "FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' "
               "ORDER BY m.name, c.cid") +
           "-- indexes\n" +
           raw->rows(
               "SELECT m.name, i.name, i.\"unique\", i.origin, i.partial, c.seqno, c.name "
               "FROM sqlite_master m, pragma_index_list(m.name) i, "
               "pragma_index_info(i.name) c WHERE m.type = 'table' "
               "ORDER BY m.name, i.name, c.seqno");
  }
  return "-- columns\n" +
         raw->rows(
             "SELECT table_name, ordinal_position, column_name, data_type, collation_name, "
             "is_nullable, column_default FROM information_schema.columns "
             "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position") +
         "-- indexes\n" +
         raw->rows(
             "SELECT tablename, indexname, indexdef FROM pg_indexes "
             "WHERE schemaname = 'public' ORDER BY tablename, indexname") +
         "-- constraints\n" +
         raw->rows(
             "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
             "FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
             "ORDER BY 1, 2") +
         "-- sequences\n" +
         raw->rows(
             "SELECT sequence_name, data_type, start_value, increment "
             "FROM information_schema.sequences WHERE sequence_schema = 'public' "
             "ORDER BY 1") +
         "-- triggers\n" +
         raw->rows(
             "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger "
             "WHERE NOT tgisinternal ORDER BY 1, 2") +
         "-- functions\n" +
         raw->rows(
             "SELECT proname, pg_get_functiondef(oid) FROM pg_proc "
             "WHERE pronamespace = 'public'::regnamespace ORDER BY 1");
}

class MigrationStepsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgresql && testing_support::pg_server_url().empty()) {
      GTEST_SKIP() << testing_support::kPgSkipMessage;
    }
  }

  // An empty database: no migration applied yet.
  std::unique_ptr<TestDatabase> empty_database() const {
    if (GetParam() == Backend::sqlite) return std::make_unique<SqliteDatabase>();
    return std::make_unique<PostgresDatabase>(testing_support::pg_server_url(),
                                              PostgresDatabase::Schema::empty);
  }

  const std::vector<sql::Migration>& migrations() const {
    return GetParam() == Backend::sqlite ? sql::sqlite_migrations() : sql::postgresql_migrations();
  }

  // Applies the migrations one at a time, each with a connection of its own (as one release
  // after another would), writing kRowsOf001 once 001 is in.
  void upgrade_step_by_step(TestDatabase& database) {
    std::vector<sql::Migration> released;
    for (const sql::Migration* migration : sql::in_number_order(migrations())) {
      released.push_back(*migration);
      SCOPED_TRACE("up to " + migration->name);
      migrate_database(database.url(), released);
      ASSERT_EQ(database.raw()->integer("SELECT COUNT(*) FROM schema_migrations"),
                static_cast<long long>(released.size()));
      if (released.size() == 1) execute(database, kRowsOf001);
      if (migration->name.rfind("037", 0) == 0) execute(database, kRowsBefore038);
    }
  }
};

TEST_P(MigrationStepsTest, UpgradingOneMigrationAtATimeEndsWithTheSchemaOfANewDatabase) {
  auto upgraded = empty_database();
  upgrade_step_by_step(*upgraded);
  if (HasFatalFailure()) return;
  auto created = empty_database();
  open_store(created->url()).reset();  // every migration at once, as a first start does

  const std::string schema = schema_of(*created);
  ASSERT_NE(schema.find("units"), std::string::npos);
  EXPECT_EQ(schema_of(*upgraded), schema);
}

TEST_P(MigrationStepsTest, RowsWrittenBefore027GetTheirSearchKeyAndTheirRecount) {
  auto upgraded = empty_database();
  upgrade_step_by_step(*upgraded);
  if (HasFatalFailure()) return;

  auto raw = upgraded->raw();
  EXPECT_EQ(raw->text("SELECT search_key FROM units WHERE code = 'HP-AH-TH1'"),
            search_key("Trường Tiểu học An Hưng") + " " + search_key("HP-AH-TH1"));
  EXPECT_EQ(raw->rows("SELECT campaign_id FROM pending_recounts"), "1\n");
  // The store opens on the upgraded database and reads what the old version wrote.
  auto store = open_store(upgraded->url());
  const auto school = store->units().find_unit("HP-AH-TH1");
  ASSERT_TRUE(school.has_value());
  EXPECT_EQ(school->path, "/1/2/");
  EXPECT_EQ(store->reports().find_report(1, school->id)->status, ReportStatus::submitted);
}

TEST_P(MigrationStepsTest, EvidenceAttachedBefore038IsPlacedBetweenTheVersionsOfItsTime) {
  auto upgraded = empty_database();
  upgrade_step_by_step(*upgraded);
  if (HasFatalFailure()) return;
  auto raw = upgraded->raw();
  EXPECT_EQ(raw->rows("SELECT added_at, added_version, COALESCE(removed_version, -1), "
                      "CASE WHEN item_key IS NULL THEN 1 ELSE 0 END FROM evidence "
                      "ORDER BY added_at"),
            "50|0|2|1\n150|1|-1|1\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationStepsTest, testing_support::kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
