#include "domain/level_plan.h"

#include <gtest/gtest.h>

#include "domain/error.h"

namespace llw {
namespace {

using namespace std::chrono;

Campaign province_campaign() {
  Campaign c;
  c.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
  c.year = 2025;
  c.issuer_unit_id = 2;
  c.issuer_path = "/1/2/";
  c.period_start = 2025y / October / 1d;
  c.period_end = 2025y / October / 7d;
  c.deadline = 2025y / October / 12d;
  c.lock_date = 2025y / October / 20d;
  return c;
}

IssuedPlanDates commune_plan(int edition, unsigned deadline_day) {
  return {3,
          "HP-AH",
          "/1/2/3/",
          edition,
          2025y / October / day{deadline_day},
          2025y / October / day{deadline_day + 1}};
}

TEST(LevelPlan, AUnitWorksUnderTheNearestIssuedPlanAboveItElseTheCampaign) {
  const Campaign campaign = province_campaign();
  const std::vector<IssuedPlanDates> issued{commune_plan(1, 9), commune_plan(2, 10)};
  const EffectiveDates school = effective_dates(campaign, "/1/2/3/7/", issued);
  EXPECT_EQ(school.deadline, 2025y / October / 10d);  // the latest edition
  EXPECT_EQ(school.lock_date, 2025y / October / 11d);
  EXPECT_EQ(school.plan_unit_code, "HP-AH");
  // The commune itself answers to the level above; another commune's school to the campaign.
  EXPECT_EQ(effective_dates(campaign, "/1/2/3/", issued).deadline, campaign.deadline);
  EXPECT_EQ(effective_dates(campaign, "/1/2/30/8/", issued).deadline, campaign.deadline);
  EXPECT_EQ(effective_dates(campaign, "/1/2/30/8/", issued).plan_unit_id, 0);
}

TEST(LevelPlan, DatesMustFallWithinTheLevelAbovesAndTheYear) {
  const Campaign campaign = province_campaign();
  const EffectiveDates above{campaign.deadline, campaign.lock_date, 0, {}};
  LevelPlan plan;
  plan.deadline = 2025y / October / 9d;
  plan.lock_date = 2025y / October / 10d;
  EXPECT_NO_THROW(validate_level_plan(plan, campaign, above, false));
  auto field_of = [&](LevelPlan p, bool to_issue) {
    try {
      validate_level_plan(p, campaign, above, to_issue);
    } catch (const Error& e) {
      return e.field();
    }
    return std::string("none");
  };
  LevelPlan late = plan;
  late.deadline = 2025y / October / 13d;
  late.lock_date = 2025y / October / 14d;
  EXPECT_EQ(field_of(late, false), "deadline");
  LevelPlan unlocked = plan;
  unlocked.lock_date = 2025y / October / 8d;
  EXPECT_EQ(field_of(unlocked, false), "lock_date");
  LevelPlan old = plan;
  old.issued_on = 2024y / October / 1d;
  EXPECT_EQ(field_of(old, false), "issued_on");
  EXPECT_EQ(field_of(plan, true), "issued_on");  // number and date are needed to issue
}

TEST(LevelPlan, AUnitsTasksArePickedByItsNameOrItsGroup) {
  const nlohmann::json content = {
      {"assignments",
       {{{"title", "Phòng Văn hóa - Xã hội"}, {"tasks", {"Tham mưu"}}},
        {{"title", "Đề nghị các phòng, đơn vị, các tổ chức, các thôn"}, {"tasks", {"Tổ chức"}}},
        {{"title", "Các cơ sở giáo dục trên địa bàn"}, {"tasks", {"Ngày hội đọc sách"}}},
        {{"title", "Trường Tiểu học An Hưng"}, {"tasks", {"Thư viện số"}}}}}};
  OrgUnit school;
  school.name = "Trường Tiểu học An Hưng";
  school.kind = UnitKind::school;
  const auto tasks = assignments_for(content, school);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0]["title"], "Các cơ sở giáo dục trên địa bàn");
  OrgUnit village;
  village.name = "Thôn Đông";
  village.kind = UnitKind::village;
  ASSERT_EQ(assignments_for(content, village).size(), 1u);
  OrgUnit department;
  department.name = "Phòng Văn hóa - Xã hội";
  department.kind = UnitKind::department;
  EXPECT_EQ(assignments_for(content, department).size(), 2u);
}

TEST(LevelPlan, YearsOfAnEarlierTemplateAreFlaggedPerMember) {
  LevelPlan plan;
  plan.content = {{"closing", "Kế hoạch năm 2021."},
                  {"assignments", {{{"title", "Các thôn"}, {"tasks", {"năm học 2020-2021"}}}}},
                  {"purposes", {"Đến năm 2030 xây dựng xã hội học tập."}}};
  const auto warnings = level_plan_year_warnings(plan, 2025);
  EXPECT_EQ(warnings.at("content.closing"), "Năm 2021 khác năm của Tuần lễ 2025.");
  EXPECT_EQ(warnings.at("content.assignments"), "Năm 2020, 2021 khác năm của Tuần lễ 2025.");
  EXPECT_FALSE(warnings.contains("content.purposes"));
}

}  // namespace
}  // namespace llw
