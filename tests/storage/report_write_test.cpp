// The store's report write path, on both backends: the one-read lookup of a report with its
// campaign and unit (the start of every save), and the write of a draft the campaign counts
// neither before nor after, which skips reading the current row and lets the compare-and-swap
// alone decide.

#include <gtest/gtest.h>

#include "domain/error.h"
#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::kBothBackends;
using testing_support::StoreFixture;
using testing_support::unit_input;

class ReportWriteTest : public StoreFixture {
 protected:
  // HP (city) → HP-AH (commune) → HP-AH-TH (school), HP-AH-T1 (village); only schools report.
  void populate() override {
    store_->units().upsert_units({
        unit_input("HP", "Thành phố Hải Phòng", UnitKind::province, ""),
        unit_input("HP-AH", "Xã An Hưng", UnitKind::commune, "HP"),
        unit_input("HP-AH-TH", "Trường Tiểu học An Hưng", UnitKind::school, "HP-AH",
                   {{"students", 450}}),
        unit_input("HP-AH-T1", "Thôn 1", UnitKind::village, "HP-AH"),
    });
    Campaign c = testing_support::week_campaign_2025();
    c.name = "Tuần lễ 2025";
    c.issuer_unit_id = id_of("HP-AH");
    c.reporting_kinds = {UnitKind::school};
    c.counted_states = {ReportStatus::submitted, ReportStatus::accepted};
    c.plan = {{"number", "83/KH-UBND"}};
    auto units = store_->units().units_in_subtree(store_->units().find_unit("HP-AH")->path,
                                                  c.reporting_kinds);
    campaign_id_ = store_->campaigns().insert_campaign(c, units);
    school_id_ = id_of("HP-AH-TH");
  }

  // A draft save of the school's report from `expected_version`, as the app layer sends it.
  ReportWrite draft_save(std::int64_t expected_version, int banners) {
    ReportWrite write;
    write.report = *store_->reports().find_report(campaign_id_, school_id_);
    write.report.status = ReportStatus::draft;
    write.report.values = {{"banners", banners}};
    write.report.version = expected_version + 1;
    write.report.updated_at = 1759300000 + expected_version;
    write.expected_version = expected_version;
    write.action = "save";
    write.uncounted_before_and_after = true;
    return write;
  }

  std::int64_t campaign_id_ = 0;
  std::int64_t school_id_ = 0;
};

TEST_P(ReportWriteTest, TheContextReadReturnsTheCampaignTheUnitAndTheReportTogether) {
  auto found = store_->reports().find_report_in_context(campaign_id_, "HP-AH-TH");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->campaign.id, campaign_id_);
  EXPECT_EQ(found->campaign.name, "Tuần lễ 2025");
  EXPECT_EQ(found->campaign.issuer_code, "HP-AH");
  EXPECT_EQ(found->campaign.plan.at("number"), "83/KH-UBND");
  ASSERT_EQ(found->campaign.counted_states.size(), 2u);
  EXPECT_EQ(found->unit.id, school_id_);
  EXPECT_EQ(found->unit.name, "Trường Tiểu học An Hưng");
  EXPECT_EQ(found->unit.parent_code, "HP-AH");
  EXPECT_EQ(found->unit.population.at("students"), 450);
  EXPECT_EQ(found->report.unit_id, school_id_);
  EXPECT_EQ(found->report.unit_code, "HP-AH-TH");
  EXPECT_EQ(found->report.status, ReportStatus::not_started);
  EXPECT_EQ(found->report.version, 0);
}

TEST_P(ReportWriteTest, TheContextReadIsEmptyWhenTheCampaignTheUnitOrTheReportIsMissing) {
  EXPECT_FALSE(store_->reports().find_report_in_context(campaign_id_ + 1, "HP-AH-TH").has_value());
  EXPECT_FALSE(store_->reports().find_report_in_context(campaign_id_, "HP-AH-XX").has_value());
  EXPECT_FALSE(
      store_->reports().find_report_in_context(campaign_id_, "HP-AH-T1").has_value());  // village
  EXPECT_FALSE(store_->reports().find_report_in_context(campaign_id_, "HP-AH").has_value());
  EXPECT_FALSE(store_->reports().find_report_in_context(campaign_id_, "' OR 1=1 --").has_value());
}

TEST_P(ReportWriteTest, AnUncountedDraftSaveStoresTheVersionItsHistoryAndTheStagedAuditEntry) {
  const auto revision = store_->campaigns().campaign_revision(campaign_id_);
  AuditEntry entry;
  entry.at = 1759300000;
  entry.username = "th.anhung";
  entry.action = "report.save";
  entry.target = "campaign / HP-AH-TH";
  store_->audit().stage_audit(entry);
  store_->reports().write_report(draft_save(0, 3), {});
  EXPECT_FALSE(store_->audit().take_staged_audit().has_value()) << "the entry was not committed";

  auto saved = store_->reports().find_report(campaign_id_, school_id_);
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(saved->status, ReportStatus::draft);
  EXPECT_EQ(saved->values.at("banners"), 3);
  auto history = store_->reports().report_history(campaign_id_, school_id_, 10);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "save");
  auto audit = store_->audit().query_audit({});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "report.save");
  // Nothing a summary shows changed: its cached copies stay valid.
  EXPECT_EQ(store_->campaigns().campaign_revision(campaign_id_), revision);
  EXPECT_EQ(
      raw()->integer("SELECT counted FROM reports WHERE unit_id = " + std::to_string(school_id_)),
      0);
}

TEST_P(ReportWriteTest, AStaleUncountedDraftSaveIsAConflictNamingTheWinnerAndChangesNothing) {
  store_->reports().write_report(draft_save(0, 3), {});
  store_->reports().write_report(draft_save(1, 4), {});
  AuditEntry entry;
  entry.action = "report.save";
  store_->audit().stage_audit(entry);
  try {
    store_->reports().write_report(draft_save(1, 99), {});  // read before the second save
    FAIL() << "stale write accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "version");
    EXPECT_NE(e.message().find("phiên bản 2"), std::string::npos) << e.message();
  }
  // The staged entry was rolled back with the write: the caller logs the refusal itself.
  EXPECT_TRUE(store_->audit().take_staged_audit().has_value());
  EXPECT_TRUE(store_->audit().query_audit({}).empty());
  auto kept = store_->reports().find_report(campaign_id_, school_id_);
  EXPECT_EQ(kept->version, 2);
  EXPECT_EQ(kept->values.at("banners"), 4);
  EXPECT_EQ(store_->reports().report_history(campaign_id_, school_id_, 10).size(), 2u);
}

TEST_P(ReportWriteTest, AnUncountedDraftSaveOfAUnitThatDoesNotReportIsNotFound) {
  ReportWrite write = draft_save(0, 1);
  write.report.unit_id = id_of("HP-AH-T1");
  try {
    store_->reports().write_report(write, {});
    FAIL() << "a report that does not exist was written";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
  }
  EXPECT_EQ(raw()->integer("SELECT COUNT(*) FROM report_versions"), 0);
}

// write_reports: the coordinator's entry from a file, many writes in one transaction.
TEST_P(ReportWriteTest, ABatchOfWritesIsStoredTogetherOrNotAtAll) {
  const auto accepted = [&](std::int64_t expected_version, double banners, double before) {
    ReportWrite write = draft_save(expected_version, int(banners));
    write.report.status = ReportStatus::accepted;
    write.uncounted_before_and_after = false;
    write.action = "file_entry";
    write.delta = {{"totals.banners", banners - before}};
    return write;
  };
  // The second write expects a version the first does not leave: both are refused.
  try {
    store_->reports().write_reports({accepted(0, 3, 0), accepted(5, 4, 3)}, {{}, {}});
    FAIL() << "a stale write in a batch was stored";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
  }
  EXPECT_EQ(store_->reports().find_report(campaign_id_, school_id_)->version, 0);
  EXPECT_EQ(raw()->integer("SELECT COUNT(*) FROM report_versions"), 0);
  EXPECT_EQ(store_->aggregates().aggregate(campaign_id_, id_of("HP-AH")).count("totals.banners"),
            0u);

  // In order, both are stored with their history, and the aggregates hold new − old once.
  store_->reports().write_reports({accepted(0, 3, 0), accepted(1, 4, 3)}, {{}, {}});
  const auto saved = store_->reports().find_report(campaign_id_, school_id_);
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(saved->status, ReportStatus::accepted);
  const auto history = store_->reports().report_history(campaign_id_, school_id_, 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "file_entry");
  const Contribution commune = store_->aggregates().aggregate(campaign_id_, id_of("HP-AH"));
  ASSERT_TRUE(commune.count("totals.banners"));
  EXPECT_EQ(commune.at("totals.banners"), 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportWriteTest, kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
