// Flags: values that pass the form's checks but contradict the campaign (dates, activity figures,
// impossible counts). They are warnings; validate_values is what blocks.
#include "domain/report_flags.h"

#include <gtest/gtest.h>

#include "form_fixtures.h"

namespace llw {
namespace {

using nlohmann::json;
using std::chrono::year_month_day;
using namespace std::chrono_literals;

Campaign week_2025() {
  Campaign c = testing::campaign_2025();
  c.period_start = 2025y / 10 / 1;
  c.period_end = 2025y / 10 / 7;
  c.deadline = 2025y / 10 / 12;
  c.lock_date = 2025y / 10 / 31;
  c.plan = {{"number", "83/KH-UBND"}, {"issued_on", "2025-10-01"}};
  return c;
}

OrgUnit ward(std::int64_t residents) {
  OrgUnit u;
  u.id = 2;
  u.code = "HP-X-T1";
  u.kind = UnitKind::village;
  u.population = {{"residents", residents}};
  return u;
}

std::map<std::string, std::string> flags_of(const json& values, const OrgUnit& unit = ward(5000),
                                            year_month_day on = 2025y / 10 / 10) {
  std::map<std::string, std::string> out;
  for (const ReportFlag& f : report_flags(week_2025(), unit, values, on)) out[f.field] = f.message;
  return out;
}

TEST(ReportFlags, ConsistentFiguresRaiseNothing) {
  EXPECT_TRUE(flags_of({{"directives", json::array({{{"number", "12/KH-THTT"},
                                                     {"date", "2025-10-02"},
                                                     {"summary", "Kế hoạch"}}})},
                        {"reading_day_held", true},
                        {"reading_day_sessions", 2},
                        {"reading_day_participants", 300},
                        {"other_activities", json::array({{{"name", "Hội thi"},
                                                           {"date", "2025-10-03"},
                                                           {"direction", "a"},
                                                           {"sessions", 1},
                                                           {"participants", 80}}})}})
                  .empty());
}

TEST(ReportFlags, ADirectiveOfLastYearIsFlaggedBeforeThePlan) {
  const auto flags = flags_of(
      {{"directives", json::array({{{"date", "2024-10-14"}, {"summary", "Kế hoạch năm trước"}}})}});
  ASSERT_EQ(flags.count("directives[0].date"), 1u);
  EXPECT_EQ(flags.at("directives[0].date"),
            "Ngày 14/10/2024 trước ngày ban hành Kế hoạch số 83/KH-UBND (01/10/2025); hãy kiểm "
            "tra lại năm và ngày.");
}

TEST(ReportFlags, ADateAfterTheReportIsFlagged) {
  const auto flags =
      flags_of({{"directives", json::array({{{"date", "2025-11-20"}, {"summary", "Công văn"}}})}});
  ASSERT_EQ(flags.count("directives[0].date"), 1u);
  EXPECT_NE(flags.at("directives[0].date").find("sau ngày báo cáo (10/10/2025)"),
            std::string::npos);
}

TEST(ReportFlags, AnActivityOutsideTheWeekIsFlagged) {
  const auto flags = flags_of({{"other_activities", json::array({{{"name", "Hội thi"},
                                                                  {"date", "2024-10-14"},
                                                                  {"direction", "a"},
                                                                  {"sessions", 1},
                                                                  {"participants", 80}}})}});
  ASSERT_EQ(flags.count("other_activities[0].date"), 1u);
  EXPECT_EQ(flags.at("other_activities[0].date"),
            "Ngày 14/10/2024 nằm ngoài thời gian Tuần lễ (01/10/2025 – 07/10/2025); hãy kiểm tra "
            "lại.");
}

TEST(ReportFlags, WithoutAPlanDateTheYearIsTheLowerBound) {
  Campaign c = week_2025();
  c.plan = json::object();
  const auto flags = report_flags(
      c, ward(100), {{"directives", json::array({{{"date", "2024-12-31"}, {"summary", "x"}}})}},
      2025y / 10 / 10);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_NE(flags[0].message.find("trước năm 2025 của Tuần lễ"), std::string::npos);
}

TEST(ReportFlags, ParticipantsWithoutSessionsAndTheReverseAreFlagged) {
  const auto flags = flags_of({{"stem_held", true},
                               {"stem_participants", 120},
                               {"clubs_held", true},
                               {"clubs_sessions", 3},
                               {"clubs_participants", 0},
                               {"flag_talk_held", true}});
  ASSERT_EQ(flags.count("stem_sessions"), 1u);
  EXPECT_EQ(flags.at("stem_sessions"),
            "Có 120 lượt người tham gia nhưng số buổi, lớp để trống; hãy nhập số buổi, lớp đã tổ "
            "chức.");
  ASSERT_EQ(flags.count("clubs_participants"), 1u);
  EXPECT_NE(flags.at("clubs_participants").find("bằng 0"), std::string::npos);
  ASSERT_EQ(flags.count("flag_talk_held"), 1u);
  EXPECT_NE(flags.at("flag_talk_held").find("không phải 0"), std::string::npos);
}

TEST(ReportFlags, AnActivityNotHeldIsNotCrossChecked) {
  EXPECT_TRUE(flags_of({{"stem_held", false}}).empty());
}

TEST(ReportFlags, MoreParticipationsThanTheHeadcountTimesSessionsIsFlaggedWithTheReason) {
  const auto flags = flags_of({{"reading_day_held", true},
                               {"reading_day_sessions", 3},
                               {"reading_day_participants", 99999}});
  ASSERT_EQ(flags.count("reading_day_participants"), 1u);
  EXPECT_EQ(flags.at("reading_day_participants"),
            "99.999 lượt người vượt quá số có thể: đơn vị có 5.000 người và 3 buổi, lớp, mỗi "
            "người tham gia nhiều nhất một lần mỗi buổi (tối đa 15.000 lượt). Hãy kiểm tra lại "
            "số liệu.");
  // Exactly at the bound is possible.
  EXPECT_TRUE(flags_of({{"reading_day_held", true},
                        {"reading_day_sessions", 3},
                        {"reading_day_participants", 15000}})
                  .empty());
  // A unit that declared no population cannot be checked this way.
  EXPECT_TRUE(flags_of({{"reading_day_held", true},
                        {"reading_day_sessions", 3},
                        {"reading_day_participants", 99999}},
                       ward(0))
                  .count("reading_day_participants") == 0);
}

TEST(ReportFlags, ARowOfOtherActivitiesIsCheckedLikeAnActivity) {
  const auto flags = flags_of(
      {{"other_activities",
        json::array({{{"name", "Hội thi"}, {"direction", "a"}, {"participants", 6000}}})}});
  EXPECT_EQ(flags.count("other_activities[0].sessions"), 1u);
  EXPECT_EQ(flags.count("other_activities[0].participants"), 1u);  // 6,000 > 5,000 × 1
}

TEST(ReportFlags, AStatedTotalThatIsNotTheSumOfItsRowsIsFlagged) {
  const json rows =
      json::array({{{"content", "Học bổng của Hội Khuyến học"}, {"quantity", 40}, {"unit", "suất"}},
                   {{"content", "Học bổng của doanh nghiệp"}, {"quantity", 29}, {"unit", "suất"}},
                   {{"content", "Sách tặng thư viện"}, {"quantity", 1200}, {"unit", "cuốn"}}});
  const auto flags = flags_of(
      {{"other_results", rows},
       {"emulation_movement",
        "Trao tặng 71 suất học bổng, trong đó 40 suất của Hội Khuyến học; 1.200 cuốn sách; "
        "5 đồng chí được biểu dương."}});
  ASSERT_EQ(flags.count("emulation_movement"), 1u);
  EXPECT_EQ(flags.at("emulation_movement"),
            "Ghi 71 suất, nhưng các dòng của “Kết quả khác đếm được (số lượng theo đơn vị tính)” "
            "cộng lại 69 suất; hãy sửa cho khớp.");
  // The total and a single row are consistent mentions.
  EXPECT_TRUE(flags_of({{"other_results", rows},
                        {"emulation_movement", "Trao 69 suất học bổng (40 suất của Hội)."}})
                  .empty());
}

TEST(ReportFlags, AFreeTextNamingAnotherYearIsFlagged) {
  const auto flags = flags_of(
      {{"advantages", "Kết quả Tuần lễ hưởng ứng học tập suốt đời năm 2021 được duy trì."},
       {"directives", json::array({{{"number", "15/KH-THTT"}, {"summary", "Kế hoạch năm 2021"}}})},
       {"difficulties", "Theo Quyết định số 1373/QĐ-TTg ngày 30/7/2021, đến năm 2030."}});
  ASSERT_EQ(flags.count("advantages"), 1u);
  EXPECT_EQ(flags.at("advantages").rfind("Năm 2021 khác năm của Tuần lễ 2025.", 0), 0u)
      << flags.at("advantages");
  EXPECT_EQ(flags.count("directives[0].summary"), 1u);
  EXPECT_EQ(flags.count("difficulties"), 0u);  // a cited document and a horizon are not years
}

TEST(ReportFlags, AHostileUnitOfMeasureIsMatchedLiterally) {
  auto form = std::make_shared<ReportForm>(*testing::form_2025());
  for (auto& section : form->sections) {
    for (auto& item : section.items) {
      for (auto& column : item.columns) {
        if (column.measure == "unit_of_measure") column.choices.push_back("(a+)+$");
      }
    }
  }
  Campaign c = week_2025();
  c.form = form;
  const auto flags = report_flags(
      c, ward(10),
      {{"other_results", json::array({{{"content", "x"}, {"quantity", 2}, {"unit", "(a+)+$"}}})},
       {"commend_notes", "3 (a+)+$"}},
      2025y / 10 / 10);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].field, "commend_notes");
}

}  // namespace
}  // namespace llw
