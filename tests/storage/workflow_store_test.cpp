// The store's workflow records on both backends (SQLite file, PostgreSQL database): reminders
// claimed once per slot and released after a failed send, the units still to be reminded,
// lock-date extensions, one stored version with its comment, and audit reads by subtree,
// user, action prefix and time.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "domain/error.h"
#include "storage/open_store.h"
#include "test_database.h"

namespace llw {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using testing_support::Backend;
using testing_support::kPgSkipMessage;
using testing_support::pg_server_url;
using testing_support::PostgresDatabase;
using testing_support::SqliteDatabase;
using testing_support::TestDatabase;

UnitInput unit_input(std::string code, UnitKind kind, std::string parent, std::string email = {}) {
  UnitInput input;
  input.code = code;
  input.name = "Đơn vị " + code;
  input.kind = kind;
  input.parent_code = std::move(parent);
  input.email = std::move(email);
  return input;
}

class WorkflowStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgresql) {
      std::string server = pg_server_url();
      if (server.empty()) GTEST_SKIP() << kPgSkipMessage;
      database_ = std::make_unique<PostgresDatabase>(server);
    } else {
      database_ = std::make_unique<SqliteDatabase>();
    }
    store_ = open_store(database_->url());
    store_->upsert_units({
        unit_input("HP", UnitKind::province, ""),
        unit_input("HP-AH", UnitKind::commune, "HP"),
        unit_input("HP-AH-A", UnitKind::school, "HP-AH", "a@anhung.edu.vn"),
        unit_input("HP-AH-B", UnitKind::school, "HP-AH", "b@anhung.edu.vn"),
        unit_input("HP-KS", UnitKind::commune, "HP"),
        unit_input("HP-KS-C", UnitKind::school, "HP-KS"),
    });
    Campaign c;
    c.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
    c.year = 2025;
    c.issuer_unit_id = store_->find_unit("HP")->id;
    c.period_start = year{2025} / month{10} / day{1};
    c.period_end = year{2025} / month{10} / day{7};
    c.deadline = year{2025} / month{10} / day{12};
    c.lock_date = year{2025} / month{10} / day{20};
    c.reporting_kinds = {UnitKind::school};
    c.form_id = "llw-2025";
    campaign_ = store_->insert_campaign(
        c, store_->units_in_subtree(store_->find_unit("HP")->path, c.reporting_kinds));
  }

  std::int64_t id(const std::string& code) { return store_->find_unit(code)->id; }

  void write(const std::string& code, ReportStatus status, std::int64_t version,
             const std::string& comment = {}) {
    UnitReport report = *store_->find_report(campaign_, id(code));
    ReportWrite w;
    w.expected_version = report.version;
    report.status = status;
    report.version = version;
    report.values = {{"media_articles", static_cast<int>(version)}};
    report.updated_at = 1000 + version;
    report.comment = comment;
    w.report = report;
    w.action = status == ReportStatus::returned ? "return" : "save";
    store_->write_report(w, {});
  }

  std::unique_ptr<TestDatabase> database_;
  std::shared_ptr<Store> store_;
  std::int64_t campaign_ = 0;
};

TEST_P(WorkflowStoreTest, AReminderSlotIsClaimedOnceAndAReleasedOneCanBeClaimedAgain) {
  const ReminderRecord record{campaign_, id("HP-AH-A"), "d-3", "a@anhung.edu.vn", 100};
  EXPECT_TRUE(store_->claim_reminder(record));
  EXPECT_FALSE(store_->claim_reminder(record));
  ReminderRecord other_slot = record;
  other_slot.slot = "d-1";
  EXPECT_TRUE(store_->claim_reminder(other_slot));
  EXPECT_EQ(store_->reminders(campaign_).size(), 2u);
  store_->release_reminder(campaign_, id("HP-AH-A"), "d-3");
  EXPECT_EQ(store_->reminders(campaign_).size(), 1u);
  EXPECT_TRUE(store_->claim_reminder(record));
  const auto records = store_->reminders(campaign_);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].email, "a@anhung.edu.vn");
}

TEST_P(WorkflowStoreTest, UnitsNotSubmittedAreTheNotStartedDraftAndReturnedOnes) {
  write("HP-AH-A", ReportStatus::submitted, 1);
  write("HP-AH-B", ReportStatus::submitted, 1);
  write("HP-AH-B", ReportStatus::returned, 2, "Thiếu số liệu");
  std::vector<std::string> codes;
  for (const OrgUnit& unit : store_->units_not_submitted(campaign_)) codes.push_back(unit.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"HP-AH-B", "HP-KS-C"}));
  EXPECT_EQ(store_->units_not_submitted(campaign_).front().email, "b@anhung.edu.vn");
  // The returned report keeps its comment, and so does that version of its history.
  EXPECT_EQ(store_->find_report(campaign_, id("HP-AH-B"))->comment, "Thiếu số liệu");
  auto version = store_->report_version(campaign_, id("HP-AH-B"), 2);
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(version->first.comment, "Thiếu số liệu");
  EXPECT_EQ(version->first.action, "return");
  EXPECT_EQ(version->second, (nlohmann::json{{"media_articles", 2}}));
  EXPECT_FALSE(store_->report_version(campaign_, id("HP-AH-B"), 3).has_value());
}

TEST_P(WorkflowStoreTest, AnExtensionIsPerUnitAndANewGrantReplacesTheOld) {
  EXPECT_FALSE(store_->find_extension(campaign_, id("HP-AH-A")).has_value());
  store_->put_extension({campaign_, id("HP-AH-A"), year{2025} / month{10} / day{25}, {}, 50});
  store_->put_extension({campaign_, id("HP-AH-A"), year{2025} / month{10} / day{28}, {}, 60});
  auto extension = store_->find_extension(campaign_, id("HP-AH-A"));
  ASSERT_TRUE(extension.has_value());
  EXPECT_EQ(extension->until, year{2025} / month{10} / day{28});
  EXPECT_EQ(extension->granted_at, 60);
  EXPECT_FALSE(store_->find_extension(campaign_, id("HP-AH-B")).has_value());
}

TEST_P(WorkflowStoreTest, AuditReadsFilterBySubtreeUserActionAndTimeNewestFirst) {
  const OrgUnit a = *store_->find_unit("HP-AH-A");
  const OrgUnit c = *store_->find_unit("HP-KS-C");
  auto entry = [](Timestamp at, std::string user, std::string action, const OrgUnit* unit) {
    AuditEntry e;
    e.at = at;
    e.username = std::move(user);
    e.action = std::move(action);
    e.address = "10.0.0.1";
    if (unit) {
      e.unit_id = unit->id;
      e.unit_path = unit->path;
      e.target = unit->code;
    }
    return e;
  };
  store_->append_audit(entry(10, "a", "report.save", &a));
  store_->append_audit(entry(20, "a", "report.submit", &a));
  store_->append_audit(entry(30, "coord", "report.return", &a));
  store_->append_audit(entry(40, "c", "report.save", &c));
  store_->append_audit(entry(50, "nobody", "login", nullptr));

  EXPECT_EQ(store_->query_audit({}).size(), 5u);
  EXPECT_EQ(store_->query_audit({}).front().at, 50);  // newest first
  AuditQuery q;
  q.path = store_->find_unit("HP-AH")->path;
  EXPECT_EQ(store_->query_audit(q).size(), 3u);
  q.username = "a";
  EXPECT_EQ(store_->query_audit(q).size(), 2u);
  q = {};
  q.action = "report.";
  EXPECT_EQ(store_->query_audit(q).size(), 4u);
  q.action = "report.save";
  EXPECT_EQ(store_->query_audit(q).size(), 2u);
  q = {};
  q.from = 20;
  q.to = 40;
  EXPECT_EQ(store_->query_audit(q).size(), 3u);
  q.limit = 1;
  ASSERT_EQ(store_->query_audit(q).size(), 1u);
  EXPECT_EQ(store_->query_audit(q).front().at, 40);
  q = {};
  q.unit_id = c.id;
  EXPECT_EQ(store_->query_audit(q).front().username, "c");
  EXPECT_EQ(store_->query_audit(q).front().address, "10.0.0.1");
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkflowStoreTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::sqlite ? "Sqlite" : "Postgresql";
                         });

}  // namespace
}  // namespace llw
