// The store's workflow records on both backends (SQLite file, PostgreSQL database): reminders
// claimed once per slot and released after a failed send, the units still to be reminded,
// lock-date extensions, one stored version with its comment, and audit reads by subtree,
// user, action prefix and time.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "domain/error.h"
#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::date_2025;
using testing_support::kBothBackends;
using testing_support::StoreFixture;
using testing_support::unit_input;

class WorkflowStoreTest : public StoreFixture {
 protected:
  void populate() override {
    store_->units().upsert_units({
        unit_input("HP", UnitKind::province, ""),
        unit_input("HP-AH", UnitKind::commune, "HP"),
        unit_input("HP-AH-A", UnitKind::school, "HP-AH", "a@anhung.edu.vn"),
        unit_input("HP-AH-B", UnitKind::school, "HP-AH", "b@anhung.edu.vn"),
        unit_input("HP-KS", UnitKind::commune, "HP"),
        unit_input("HP-KS-C", UnitKind::school, "HP-KS"),
    });
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_unit_id = id_of("HP");
    c.lock_date = date_2025(10, 20);
    c.reporting_kinds = {UnitKind::school};
    campaign_ = store_->campaigns().insert_campaign(
        c,
        store_->units().units_in_subtree(store_->units().find_unit("HP")->path, c.reporting_kinds));
  }

  void write(const std::string& code, ReportStatus status, std::int64_t version,
             const std::string& comment = {}) {
    UnitReport report = *store_->reports().find_report(campaign_, id_of(code));
    ReportWrite w;
    w.expected_version = report.version;
    report.status = status;
    report.version = version;
    report.values = {{"media_articles", static_cast<int>(version)}};
    report.updated_at = 1000 + version;
    report.comment = comment;
    w.report = report;
    w.action = status == ReportStatus::returned ? "return" : "save";
    store_->reports().write_report(w, {});
  }

  std::int64_t campaign_ = 0;
};

TEST_P(WorkflowStoreTest, AReminderSlotIsClaimedOnceAndAReleasedOneCanBeClaimedAgain) {
  const ReminderRecord record{campaign_, id_of("HP-AH-A"), "d-3", "a@anhung.edu.vn", 100};
  EXPECT_TRUE(store_->reminder_log().claim_reminder(record));
  EXPECT_FALSE(store_->reminder_log().claim_reminder(record));
  ReminderRecord other_slot = record;
  other_slot.slot = "d-1";
  EXPECT_TRUE(store_->reminder_log().claim_reminder(other_slot));
  EXPECT_EQ(store_->reminder_log().reminders(campaign_).size(), 2u);
  store_->reminder_log().release_reminder(campaign_, id_of("HP-AH-A"), "d-3");
  EXPECT_EQ(store_->reminder_log().reminders(campaign_).size(), 1u);
  EXPECT_TRUE(store_->reminder_log().claim_reminder(record));
  const auto records = store_->reminder_log().reminders(campaign_);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].email, "a@anhung.edu.vn");
}

TEST_P(WorkflowStoreTest, AQueuedReminderWaitsUntilMarkedSentAndTheDashboardListSaysWhen) {
  const std::int64_t before = *store_->campaigns().campaign_revision(campaign_);
  ReminderRecord asked{campaign_, id_of("HP-AH-A"), "manual-2025-10-01", "a@anhung.edu.vn", 500,
                       true};
  EXPECT_TRUE(store_->reminder_log().claim_reminder(asked));
  // A double click claims nothing more.
  EXPECT_FALSE(store_->reminder_log().claim_reminder(asked));
  // The dashboards that show it refresh.
  EXPECT_GT(*store_->campaigns().campaign_revision(campaign_), before);
  // A review's e-mail is queued too, but is no deadline reminder.
  EXPECT_TRUE(store_->reminder_log().claim_reminder(
      {campaign_, id_of("HP-AH-B"), "review-2", "b@anhung.edu.vn", 400, true}));
  auto queued = store_->reminder_log().queued_reminders(10);
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[0].slot, "review-2");  // oldest first
  EXPECT_EQ(queued[1].slot, "manual-2025-10-01");
  EXPECT_TRUE(queued[1].queued);
  EXPECT_EQ(store_->reminder_log().queued_reminders(1).size(), 1u);

  ReportListQuery query;
  query.campaign_id = campaign_;
  query.path = store_->units().find_unit("HP")->path;
  auto rows = store_->report_listing().list_reports(query).rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].code, "HP-AH-A");
  ASSERT_TRUE(rows[0].reminded_at.has_value());
  EXPECT_EQ(*rows[0].reminded_at, 500);
  EXPECT_TRUE(rows[0].reminder_queued);
  EXPECT_FALSE(rows[1].reminded_at.has_value()) << "a review's e-mail is not a reminder";

  store_->reminder_log().mark_reminder_sent(campaign_, id_of("HP-AH-A"), "manual-2025-10-01", 560);
  queued = store_->reminder_log().queued_reminders(10);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].slot, "review-2");
  rows = store_->report_listing().list_reports(query).rows;
  EXPECT_EQ(*rows[0].reminded_at, 560);
  EXPECT_FALSE(rows[0].reminder_queued);
}

TEST_P(WorkflowStoreTest, AUnitKeepsItsTelephoneAndAnImportWithoutOneDoesNotEraseIt) {
  UnitInput input = unit_input("HP-AH-A", UnitKind::school, "HP-AH", "a@anhung.edu.vn");
  input.phone = "0912 345 678";
  store_->units().update_unit(input);
  EXPECT_EQ(store_->units().find_unit("HP-AH-A")->phone, "0912 345 678");
  // A spreadsheet without the column keeps the number.
  store_->units().upsert_units({unit_input("HP-AH-A", UnitKind::school, "HP-AH", "a@x.vn")});
  EXPECT_EQ(store_->units().find_unit("HP-AH-A")->phone, "0912 345 678");
  UnitInput child = unit_input("HP-AH-D", UnitKind::school, "HP-AH");
  child.phone = "+84 225 3842 123";
  EXPECT_EQ(store_->units().insert_unit(child).phone, "+84 225 3842 123");
  ReportListQuery query;
  query.campaign_id = campaign_;
  query.path = store_->units().find_unit("HP-AH")->path;
  const auto rows = store_->report_listing().list_reports(query).rows;
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].phone, "0912 345 678");
}

TEST_P(WorkflowStoreTest, UnitsNotSubmittedAreTheNotStartedDraftAndReturnedOnes) {
  write("HP-AH-A", ReportStatus::submitted, 1);
  write("HP-AH-B", ReportStatus::submitted, 1);
  write("HP-AH-B", ReportStatus::returned, 2, "Thiếu số liệu");
  std::vector<std::string> codes;
  for (const OrgUnit& unit : store_->reminder_log().units_not_submitted(campaign_))
    codes.push_back(unit.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"HP-AH-B", "HP-KS-C"}));
  EXPECT_EQ(store_->reminder_log().units_not_submitted(campaign_).front().email, "b@anhung.edu.vn");
  // The returned report keeps its comment, and so does that version of its history.
  EXPECT_EQ(store_->reports().find_report(campaign_, id_of("HP-AH-B"))->comment, "Thiếu số liệu");
  auto version = store_->reports().report_version(campaign_, id_of("HP-AH-B"), 2);
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(version->first.comment, "Thiếu số liệu");
  EXPECT_EQ(version->first.action, "return");
  EXPECT_EQ(version->second, (nlohmann::json{{"media_articles", 2}}));
  EXPECT_FALSE(store_->reports().report_version(campaign_, id_of("HP-AH-B"), 3).has_value());
}

TEST_P(WorkflowStoreTest, AnExtensionIsPerUnitAndANewGrantReplacesTheOld) {
  EXPECT_FALSE(store_->reports().find_extension(campaign_, id_of("HP-AH-A")).has_value());
  store_->reports().put_extension({campaign_, id_of("HP-AH-A"), date_2025(10, 25), {}, 50});
  store_->reports().put_extension({campaign_, id_of("HP-AH-A"), date_2025(10, 28), {}, 60});
  auto extension = store_->reports().find_extension(campaign_, id_of("HP-AH-A"));
  ASSERT_TRUE(extension.has_value());
  EXPECT_EQ(extension->until, date_2025(10, 28));
  EXPECT_EQ(extension->granted_at, 60);
  EXPECT_FALSE(store_->reports().find_extension(campaign_, id_of("HP-AH-B")).has_value());
}

TEST_P(WorkflowStoreTest, AuditReadsFilterBySubtreeUserActionAndTimeNewestFirst) {
  const OrgUnit a = *store_->units().find_unit("HP-AH-A");
  const OrgUnit c = *store_->units().find_unit("HP-KS-C");
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
  store_->audit().append_audit(entry(10, "a", "report.save", &a));
  store_->audit().append_audit(entry(20, "a", "report.submit", &a));
  store_->audit().append_audit(entry(30, "coord", "report.return", &a));
  store_->audit().append_audit(entry(40, "c", "report.save", &c));
  store_->audit().append_audit(entry(50, "nobody", "login", nullptr));

  EXPECT_EQ(store_->audit().query_audit({}).size(), 5u);
  EXPECT_EQ(store_->audit().query_audit({}).front().at, 50);  // newest first
  AuditQuery q;
  q.path = store_->units().find_unit("HP-AH")->path;
  EXPECT_EQ(store_->audit().query_audit(q).size(), 3u);
  q.username = "a";
  EXPECT_EQ(store_->audit().query_audit(q).size(), 2u);
  q = {};
  q.action = "report.";
  EXPECT_EQ(store_->audit().query_audit(q).size(), 4u);
  q.action = "report.save";
  EXPECT_EQ(store_->audit().query_audit(q).size(), 2u);
  q = {};
  q.from = 20;
  q.to = 40;
  EXPECT_EQ(store_->audit().query_audit(q).size(), 3u);
  q.limit = 1;
  ASSERT_EQ(store_->audit().query_audit(q).size(), 1u);
  EXPECT_EQ(store_->audit().query_audit(q).front().at, 40);
  q = {};
  q.unit_id = c.id;
  EXPECT_EQ(store_->audit().query_audit(q).front().username, "c");
  EXPECT_EQ(store_->audit().query_audit(q).front().address, "10.0.0.1");
}

TEST_P(WorkflowStoreTest, AuditCountMatchesTheQueryForEveryFilterUpToItsLimit) {
  const OrgUnit a = *store_->units().find_unit("HP-AH-A");
  const OrgUnit c = *store_->units().find_unit("HP-KS-C");
  const auto add = [&](Timestamp at, const std::string& user, const std::string& action,
                       const OrgUnit* unit) {
    AuditEntry e;
    e.at = at;
    e.username = user;
    e.action = action;
    if (unit) {
      e.unit_id = unit->id;
      e.unit_path = unit->path;
    }
    store_->audit().append_audit(e);
  };
  for (int i = 0; i < 30; ++i) add(100 + i, i % 2 ? "a" : "b", "report.save", &a);
  add(200, "a", "report.submit", &a);
  add(210, "c", "report.save", &c);
  add(220, "x'; DROP TABLE audit_log; --", "login", nullptr);  // a hostile name is only a value

  std::vector<AuditQuery> queries(1);
  AuditQuery q;
  q.path = store_->units().find_unit("HP-AH")->path;
  queries.push_back(q);
  q.username = "a";
  queries.push_back(q);
  q.action = "report.";
  queries.push_back(q);
  q = {};
  q.action = "report.save";
  q.from = 110;
  q.to = 210;
  queries.push_back(q);
  q = {};
  q.unit_id = c.id;
  queries.push_back(q);
  q = {};
  q.username = "x'; DROP TABLE audit_log; --";
  queries.push_back(q);
  q.username = "nobody";
  queries.push_back(q);
  for (AuditQuery query : queries) {
    query.limit = 100000;
    const auto all = static_cast<std::int64_t>(store_->audit().query_audit(query).size());
    query.offset = 10;  // ignored by the count
    EXPECT_EQ(store_->audit().count_audit(query), all)
        << query.path << " " << query.username << " " << query.action;
    // Counting stops at the limit.
    query.limit = 5;
    EXPECT_EQ(store_->audit().count_audit(query), std::min<std::int64_t>(all, 5));
  }
  AuditQuery everything;
  everything.limit = 1000;
  EXPECT_EQ(store_->audit().count_audit(everything), 33);
  q = {};
  q.username = "nobody";
  EXPECT_EQ(store_->audit().count_audit(q), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkflowStoreTest, kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
