// The store's reads for documents and exports, on both backends (SQLite file, PostgreSQL
// database): every report of a subtree in path order, and a campaign's plan replaced with its
// revision bumped.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "domain/error.h"
#include "store_fixture.h"

namespace llw {
namespace {

using nlohmann::json;
using testing_support::kBothBackends;
using testing_support::StoreFixture;
using testing_support::unit_input;

class ExportsStoreTest : public StoreFixture {
 protected:
  // One connection: the walk must not need a second one, whatever the callback does with the
  // values it is given.
  ExportsStoreTest() : StoreFixture(testing_support::with_connections(1)) {}

  void populate() override {
    // Created out of path order on purpose: the second commune's school is made before the
    // first commune's second school, so insertion order and path order differ.
    store_->units().upsert_units({
        unit_input("VN", "Việt Nam", UnitKind::country, ""),
        unit_input("HP", "Thành phố Hải Phòng", UnitKind::province, "VN"),
        unit_input("HP-AH", "Xã An Hưng", UnitKind::commune, "HP"),
        unit_input("HP-AH-TH", "Trường Tiểu học An Hưng", UnitKind::school, "HP-AH"),
        unit_input("HP-KS", "Xã Kim Sơn", UnitKind::commune, "HP"),
        unit_input("HP-KS-TH", "Trường Tiểu học Kim Sơn", UnitKind::school, "HP-KS"),
        unit_input("HP-AH-T1", "Thôn 1", UnitKind::village, "HP-AH"),
        unit_input("HN", "Thành phố Hà Nội", UnitKind::province, "VN"),
        unit_input("HN-X", "Xã Kim Sơn", UnitKind::commune, "HN"),
        unit_input("HN-X-TH", "Trường Tiểu học Kim Sơn", UnitKind::school, "HN-X"),
    });
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_unit_id = id_of("VN");
    c.lock_date = testing_support::date_2025(10, 20);
    c.reporting_kinds = {UnitKind::school, UnitKind::village};
    c.plan = {{"number", "83/KH-UBND"}};
    campaign_id_ = store_->campaigns().insert_campaign(
        c,
        store_->units().units_in_subtree(store_->units().find_unit("VN")->path, c.reporting_kinds));
  }

  std::vector<std::string> codes_under(const std::string& code) {
    std::vector<std::string> codes;
    store_->reports().for_each_report_in_subtree(
        campaign_id_, store_->units().find_unit(code)->path,
        [&](const OrgUnit& unit, const UnitReport& report) {
          EXPECT_EQ(unit.code, report.unit_code);
          EXPECT_EQ(unit.id, report.unit_id);
          EXPECT_EQ(report.campaign_id, campaign_id_);
          codes.push_back(unit.code);
        });
    return codes;
  }

  std::int64_t campaign_id_ = 0;
};

TEST_P(ExportsStoreTest, ReportsOfASubtreeComeInPathOrderWithTheirUnits) {
  const std::vector<std::string> province = codes_under("HP");
  // Path order: the first commune's units (by id: school, then the village made later), then
  // the second commune's school; nothing of the other province.
  EXPECT_EQ(province, (std::vector<std::string>{"HP-AH-TH", "HP-AH-T1", "HP-KS-TH"}));
  EXPECT_EQ(codes_under("HP-AH"), (std::vector<std::string>{"HP-AH-TH", "HP-AH-T1"}));
  EXPECT_EQ(codes_under("HN").size(), 1u);
  EXPECT_EQ(codes_under("VN").size(), 4u);
  EXPECT_EQ(codes_under("HP-AH-T1"), (std::vector<std::string>{"HP-AH-T1"}));
}

TEST_P(ExportsStoreTest, TheWalkCarriesTheUnitsParentAndTheReportsState) {
  const OrgUnit school = *store_->units().find_unit("HP-AH-TH");
  UnitReport current = *store_->reports().find_report(campaign_id_, school.id);
  ReportWrite write;
  write.report = current;
  write.report.status = ReportStatus::submitted;
  write.report.values = {{"banners", 12}};
  write.report.version = current.version + 1;
  write.report.submitted_at = 1759300000;
  write.report.late = true;
  write.expected_version = current.version;
  write.action = "submit";
  store_->reports().write_report(write, {});

  int seen = 0;
  store_->reports().for_each_report_in_subtree(campaign_id_, school.path,
                                               [&](const OrgUnit& unit, const UnitReport& report) {
                                                 ++seen;
                                                 EXPECT_EQ(unit.parent_code, "HP-AH");
                                                 EXPECT_EQ(unit.kind, UnitKind::school);
                                                 EXPECT_EQ(report.status, ReportStatus::submitted);
                                                 EXPECT_EQ(report.values.at("banners"), 12);
                                                 EXPECT_EQ(report.submitted_at, 1759300000);
                                                 EXPECT_TRUE(report.late);
                                                 EXPECT_EQ(report.version, current.version + 1);
                                               });
  EXPECT_EQ(seen, 1);
}

TEST_P(ExportsStoreTest, AWalkForSomeKeysReadsOnlyThoseValues) {
  const OrgUnit school = *store_->units().find_unit("HP-AH-TH");
  UnitReport current = *store_->reports().find_report(campaign_id_, school.id);
  ReportWrite write;
  write.report = current;
  write.report.values = {{"banners", 12},
                         {"clubs_held", true},
                         {"advantages", "Được sự quan tâm, chỉ đạo sát sao"},
                         {"directives", json::array({{{"number", "1/KH"}}})}};
  write.report.version = current.version + 1;
  write.expected_version = current.version;
  write.action = "save";
  store_->reports().write_report(write, {});

  ReportValueKeys keys;
  keys.only = {{"banners", "clubs_held", "not_answered"}};
  int seen = 0;
  store_->reports().for_each_report_in_subtree(
      campaign_id_, school.path, keys, [&](const OrgUnit&, const UnitReport& report) {
        ++seen;
        EXPECT_EQ(report.values, json({{"banners", 12}, {"clubs_held", true}}));
      });
  EXPECT_EQ(seen, 1);
  // Without keys, every value.
  store_->reports().for_each_report_in_subtree(
      campaign_id_, school.path,
      [&](const OrgUnit&, const UnitReport& report) { EXPECT_EQ(report.values.size(), 4u); });
}

TEST_P(ExportsStoreTest, LargeSubtreesAreReadPageByPageWithoutLosingOrRepeatingARow) {
  // More reporting units than one page holds (2,000), under one commune.
  std::vector<UnitInput> villages;
  for (int i = 0; i < 2105; ++i) {
    villages.push_back(unit_input("HP-AH-V" + std::to_string(i), "Thôn " + std::to_string(i),
                                  UnitKind::village, "HP-AH"));
  }
  store_->units().upsert_units(villages);
  for (const UnitInput& input : villages) {
    store_->campaigns().add_reporting_unit(
        campaign_id_, *store_->units().find_unit(input.code), {{"expected", 1}},
        store_->units().ancestor_ids(store_->units().find_unit(input.code)->id));
  }
  std::vector<std::string> paths;
  store_->reports().for_each_report_in_subtree(
      campaign_id_, store_->units().find_unit("HP-AH")->path,
      [&](const OrgUnit& unit, const UnitReport&) { paths.push_back(unit.path); });
  ASSERT_EQ(paths.size(), 2u + 2105u);
  EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));
  EXPECT_EQ(std::adjacent_find(paths.begin(), paths.end()), paths.end());
}

TEST_P(ExportsStoreTest, AnExceptionInTheCallbackLeavesTheStoreUsable) {
  EXPECT_THROW(store_->reports().for_each_report_in_subtree(
                   campaign_id_, "/",
                   [](const OrgUnit&, const UnitReport&) { throw std::runtime_error("stop"); }),
               std::runtime_error);
  // The one connection is back, outside any transaction: reads and writes work.
  EXPECT_EQ(codes_under("VN").size(), 4u);
  store_->campaigns().update_campaign_plan(campaign_id_, {{"number", "84/KH-UBND"}});
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_id_)->plan.at("number"), "84/KH-UBND");
}

TEST_P(ExportsStoreTest, ReplacingThePlanBumpsTheRevision) {
  const std::int64_t before = *store_->campaigns().campaign_revision(campaign_id_);
  const nlohmann::json plan = {{"number", "99/KH-UBND"},
                               {"purposes", {"Mục đích một", "Mục đích hai"}},
                               {"place", "An Hưng"}};
  store_->campaigns().update_campaign_plan(campaign_id_, plan);
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_id_)->plan, plan);
  EXPECT_EQ(*store_->campaigns().campaign_revision(campaign_id_), before + 1);
}

TEST_P(ExportsStoreTest, ReplacingThePlanOfAnUnknownCampaignIsNotFound) {
  try {
    store_->campaigns().update_campaign_plan(campaign_id_ + 100, {{"number", "1/KH"}});
    FAIL() << "expected not_found";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportsStoreTest, kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
