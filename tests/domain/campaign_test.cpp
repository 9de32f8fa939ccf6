#include "domain/campaign.h"

#include <gtest/gtest.h>

#include "domain/error.h"

namespace llw {
namespace {

using namespace std::chrono;

Campaign campaign_2025() {
  Campaign c;
  c.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
  c.year = 2025;
  c.issuer_unit_id = 2;
  c.issuer_path = "/1/2/";
  c.period_start = 2025y / October / 1d;
  c.period_end = 2025y / October / 7d;
  c.deadline = 2025y / October / 12d;
  c.lock_date = 2025y / October / 20d;
  c.reporting_kinds = {UnitKind::department, UnitKind::organization, UnitKind::village,
                       UnitKind::school};
  c.form_id = "llw-2025";
  c.plan = {{"number", "83/KH-UBND"}, {"issued_on", "2025-10-01"}};
  return c;
}

OrgUnit unit(const std::string& path, UnitKind kind) {
  OrgUnit u;
  u.path = path;
  u.kind = kind;
  return u;
}

std::string rejected_field(const Campaign& c) {
  try {
    validate_campaign(c);
    return "";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    return e.field();
  }
}

TEST(Campaign, UnitsBelowTheIssuerOfAReportingKindMustReport) {
  const Campaign c = campaign_2025();
  EXPECT_TRUE(c.must_report(unit("/1/2/5/", UnitKind::school)));
  EXPECT_TRUE(c.must_report(unit("/1/2/5/9/", UnitKind::village)));
  EXPECT_FALSE(c.must_report(unit("/1/2/", UnitKind::department)));  // the issuer itself
  EXPECT_FALSE(c.must_report(unit("/1/3/5/", UnitKind::school)));    // another commune
  EXPECT_FALSE(c.must_report(unit("/1/23/", UnitKind::school)));     // shares a text prefix
  EXPECT_FALSE(c.must_report(unit("/1/2/6/", UnitKind::commune)));   // not a reporting kind
}

TEST(Campaign, CountsSubmittedAndAcceptedByDefault) {
  const Campaign c = campaign_2025();
  EXPECT_TRUE(c.counts(ReportStatus::submitted));
  EXPECT_TRUE(c.counts(ReportStatus::accepted));
  EXPECT_FALSE(c.counts(ReportStatus::draft));
  EXPECT_FALSE(c.counts(ReportStatus::returned));
  EXPECT_FALSE(c.counts(ReportStatus::not_started));
}

TEST(Campaign, DeadlineEndsAtTheEndOfTheDayInVietnam) {
  EXPECT_EQ(campaign_2025().deadline_end(), 1760288399);
}

TEST(ValidateCampaign, AcceptsThe2025Plan) { EXPECT_EQ(rejected_field(campaign_2025()), ""); }

TEST(ValidateCampaign, RejectsDatesOutOfOrder) {
  Campaign c = campaign_2025();
  c.period_end = 2025y / September / 30d;
  EXPECT_EQ(rejected_field(c), "period_end");
  c = campaign_2025();
  c.deadline = 2025y / October / 6d;
  EXPECT_EQ(rejected_field(c), "deadline");
  c = campaign_2025();
  c.lock_date = 2025y / October / 11d;
  EXPECT_EQ(rejected_field(c), "lock_date");
  c = campaign_2025();
  c.period_start = 2025y / February / 30d;
  EXPECT_EQ(rejected_field(c), "period_start");
}

TEST(ValidateCampaign, RejectsMissingNameKindsAndBadPlanFields) {
  Campaign c = campaign_2025();
  c.name.clear();
  EXPECT_EQ(rejected_field(c), "name");
  c = campaign_2025();
  c.reporting_kinds.clear();
  EXPECT_EQ(rejected_field(c), "reporting_kinds");
  c = campaign_2025();
  c.plan["issued_on"] = "01/10/2025";
  EXPECT_EQ(rejected_field(c), "plan.issued_on");
  c = campaign_2025();
  c.plan["number"] = 83;
  EXPECT_EQ(rejected_field(c), "plan.number");
  c = campaign_2025();
  c.counted_states = {ReportStatus::draft};
  EXPECT_EQ(rejected_field(c), "counted_states");
}

}  // namespace
}  // namespace llw
