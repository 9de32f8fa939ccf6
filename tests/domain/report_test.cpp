#include "domain/report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "form_fixtures.h"

namespace llw {
namespace {

using nlohmann::json;
using testing::form_2025;

OrgUnit school() {
  OrgUnit unit;
  unit.id = 7;
  unit.code = "AH-THTT";
  unit.name = "Trường Tiểu học Thị trấn";
  unit.kind = UnitKind::school;
  unit.path = "/1/2/7/";
  unit.population = {{"students", 450}, {"staff", 38}, {"parents", 420}};
  return unit;
}

std::map<std::string, std::string> check(const json& values, bool for_submit = false) {
  return validate_values(*form_2025(), school(), values, for_submit);
}

// The one message for `key`, or "" when there is none.
std::string message_for(const std::map<std::string, std::string>& messages,
                        const std::string& key) {
  const auto it = messages.find(key);
  return it == messages.end() ? "" : it->second;
}

TEST(ValidateValues, AcceptsAPlausibleFullReport) {
  const json values = {
      {"directives", json::array({{{"number", "12/KH-THTT"},
                                   {"date", "2025-09-28"},
                                   {"summary", "Kế hoạch tổ chức Tuần lễ học tập suốt đời"}}})},
      {"media_articles", 2},
      {"banners", 3},
      {"reading_day_held", true},
      {"reading_day_sessions", 2},
      {"reading_day_participants", 430},
      {"reading_day_direction", "d"},
      {"stem_held", false},
      {"stem_sessions", 0},
      {"other_activities", json::array({{{"name", "Ngày hội STEM"},
                                         {"direction", "đ"},
                                         {"sessions", 1},
                                         {"participants", 120}}})},
      {"participants_students", 450},
      {"participants_staff", 38},
      {"commend_collectives", 2},
      {"commend_forms", "Giấy khen của Hiệu trưởng"},
      {"advantages", "Được sự quan tâm của lãnh đạo xã."},
      {"next_plan", nullptr},
  };
  EXPECT_EQ(check(values, true), (std::map<std::string, std::string>{}));
}

TEST(ValidateValues, RejectsNegativeCount) {
  const auto messages = check({{"banners", -1}});
  EXPECT_NE(message_for(messages, "banners").find("không được âm"), std::string::npos);
}

TEST(ValidateValues, RejectsNonIntegerCount) {
  const auto messages = check({{"media_news", 2.5}, {"banners", -0.5}});
  EXPECT_NE(message_for(messages, "media_news").find("số nguyên"), std::string::npos);
  EXPECT_FALSE(message_for(messages, "banners").empty());
}

TEST(ValidateValues, AcceptsIntegralFloatCount) { EXPECT_TRUE(check({{"banners", 3.0}}).empty()); }

TEST(ValidateValues, RejectsHugeNumberNamingTheLimit) {
  const auto messages = check({{"banners", 1e300}, {"media_news", 1000000001}});
  EXPECT_NE(message_for(messages, "banners").find("1.000.000.000"), std::string::npos)
      << message_for(messages, "banners");
  EXPECT_NE(message_for(messages, "media_news").find("1.000.000.000"), std::string::npos);
  EXPECT_TRUE(check({{"banners", 1000000000}}).empty());
}

TEST(ValidateValues, RejectsNanAndInfinityBuiltInCode) {
  const auto messages = check({{"banners", std::numeric_limits<double>::quiet_NaN()},
                               {"media_news", std::numeric_limits<double>::infinity()}});
  EXPECT_EQ(messages.size(), 2u);
}

TEST(ValidateValues, RejectsTextInNumberField) {
  const auto messages = check({{"banners", "ba"}, {"media_news", true}});
  EXPECT_NE(message_for(messages, "banners").find("Hãy nhập một số nguyên"), std::string::npos);
  EXPECT_FALSE(message_for(messages, "media_news").empty());
}

TEST(ValidateValues, RejectsParticipantsAbovePopulationNamingIt) {
  const auto messages = check({{"participants_students", 451}, {"participants_staff", 38}});
  EXPECT_EQ(message_for(messages, "participants_students"),
            "Số người tham gia (học sinh) không được lớn hơn số học sinh của đơn vị (450).");
  EXPECT_EQ(message_for(messages, "participants_staff"), "");
}

TEST(ValidateValues, RejectsParticipantsOfAGroupTheUnitDoesNotHave) {
  // The school declares no residents: any resident participant would push the rate past 100%.
  const auto messages = check({{"participants_residents", 5}});
  EXPECT_NE(message_for(messages, "participants_residents").find("(0)"), std::string::npos);
  EXPECT_TRUE(check({{"participants_residents", 0}}).empty());
}

TEST(ValidateValues, RejectsSessionsWhenActivityNotHeld) {
  const auto messages = check({{"stem_held", false}, {"stem_sessions", 2}});
  EXPECT_NE(message_for(messages, "stem_sessions").find("Trải nghiệm STEM"), std::string::npos);
  const auto missing_held = check({{"stem_participants", 30}});
  EXPECT_FALSE(message_for(missing_held, "stem_participants").empty());
  EXPECT_TRUE(check({{"stem_held", true}, {"stem_sessions", 2}}).empty());
  EXPECT_TRUE(check({{"stem_held", false}, {"stem_sessions", 0}}).empty());
}

TEST(ValidateValues, RejectsUnknownKey) {
  const auto messages = check({{"banner", 3}});
  EXPECT_EQ(message_for(messages, "banner"), "Mục không có trong đề cương.");
}

TEST(ValidateValues, RejectsChoiceOutsideTheList) {
  const auto messages = check({{"stem_held", true}, {"stem_direction", "g"}});
  EXPECT_NE(message_for(messages, "stem_direction").find("a, b, c, d, đ, e"), std::string::npos);
}

TEST(ValidateValues, RejectsDatesThatAreNotRealDays) {
  for (const char* bad : {"2025-02-30", "12/10/2025", "2025-1-5", "2025-13-01", ""}) {
    const json values = {{"directives", json::array({{{"summary", "KH"}, {"date", bad}}})}};
    EXPECT_FALSE(message_for(check(values), "directives[0].date").empty()) << bad;
  }
}

TEST(ValidateValues, RejectsInvalidUtf8Text) {
  const auto messages = check({{"advantages", std::string("Thu\xe1\xba n l\xff")}});
  EXPECT_NE(message_for(messages, "advantages").find("UTF-8"), std::string::npos);
}

TEST(ValidateValues, RejectsOversizedTextNamingTheLimit) {
  std::string long_text;
  for (int i = 0; i < 20001; ++i) long_text += "ệ";  // 20,001 characters, 60,003 bytes
  const auto messages =
      check({{"advantages", long_text}, {"commend_forms", std::string(501, 'x')}});
  EXPECT_NE(message_for(messages, "advantages").find("20.000"), std::string::npos)
      << message_for(messages, "advantages");
  EXPECT_NE(message_for(messages, "commend_forms").find("500"), std::string::npos);
  std::string exactly(20000, 'a');
  EXPECT_TRUE(check({{"advantages", exactly}}).empty());
}

TEST(ValidateValues, ReportsTableErrorsByRowAndColumn) {
  const json rows = json::array({
      {{"name", "Ngày hội đọc sách"}, {"direction", "d"}, {"sessions", 1}},
      {{"name", "Tọa đàm"}, {"direction", "z"}, {"sessions", -1}, {"color", "red"}},
      "not a row",
  });
  const auto messages = check({{"other_activities", rows}}, true);
  EXPECT_EQ(message_for(messages, "other_activities[0].direction"), "");
  EXPECT_FALSE(message_for(messages, "other_activities[1].direction").empty());
  EXPECT_FALSE(message_for(messages, "other_activities[1].sessions").empty());
  EXPECT_EQ(message_for(messages, "other_activities[1].color"), "Cột không có trong đề cương.");
  EXPECT_FALSE(message_for(messages, "other_activities[2]").empty());
}

TEST(ValidateValues, RequiresTableColumnsOnlyOnSubmit) {
  const json rows = json::array({{{"sessions", 1}}});
  EXPECT_TRUE(check({{"other_activities", rows}}, false).empty());
  const auto messages = check({{"other_activities", rows}}, true);
  EXPECT_FALSE(message_for(messages, "other_activities[0].name").empty());
}

TEST(ValidateValues, RejectsTooManyRows) {
  json rows = json::array();
  for (int i = 0; i < 51; ++i) rows.push_back({{"summary", "Văn bản " + std::to_string(i)}});
  const auto messages = check({{"directives", rows}});
  EXPECT_NE(message_for(messages, "directives").find("50"), std::string::npos);
}

TEST(ValidateValues, RejectsTableThatIsNotAList) {
  EXPECT_FALSE(message_for(check({{"directives", "KH số 12"}}), "directives").empty());
}

TEST(ValidateValues, NullMeansEmpty) {
  EXPECT_TRUE(
      check({{"banners", nullptr}, {"advantages", nullptr}, {"directives", nullptr}}).empty());
}

TEST(ValidateValues, RejectsValuesThatAreNotAnObject) {
  EXPECT_FALSE(check(json::array({1, 2})).empty());
}

TEST(ValidateValues, RequiredItemsAreCheckedOnlyOnSubmit) {
  auto definition = testing::read_json_file(testing::form_2025_path());
  definition["sections"][4]["items"][0]["required"] = true;  // recommendations
  const auto form = load_form(definition, "forms/required.json");
  EXPECT_TRUE(validate_values(*form, school(), json::object(), false).empty());
  const auto messages = validate_values(*form, school(), {{"recommendations", "  "}}, true);
  EXPECT_FALSE(message_for(messages, "recommendations").empty());
  EXPECT_TRUE(
      validate_values(*form, school(), {{"recommendations", "Đề nghị hỗ trợ"}}, true).empty());
}

TEST(ValidateValues, ChecksPercentRangeAndAtMostItem) {
  const auto form = load_form(json::parse(R"({
    "id": "t", "title": "T",
    "sections": [{"key": "I", "title": "I", "items": [
      {"key": "rate", "label": "Tỷ lệ", "type": "percent"},
      {"key": "total", "label": "Tổng số", "type": "count"},
      {"key": "part", "label": "Trong đó nữ", "type": "count"}]}],
    "rules": [{"kind": "at_most_item", "item": "part", "other": "total"}]})"),
                              "t.json");
  auto messages =
      validate_values(*form, school(), {{"rate", 100.5}, {"total", 3}, {"part", 4}}, false);
  EXPECT_NE(message_for(messages, "rate").find("100"), std::string::npos);
  EXPECT_NE(message_for(messages, "part").find("Tổng số"), std::string::npos);
  EXPECT_TRUE(
      validate_values(*form, school(), {{"rate", 87.5}, {"total", 4}, {"part", 4}}, false).empty());
}

TEST(ReportStatus, RoundTripsThroughItsWireName) {
  for (const auto status : {ReportStatus::not_started, ReportStatus::draft, ReportStatus::submitted,
                            ReportStatus::returned, ReportStatus::accepted}) {
    EXPECT_EQ(report_status_from_string(to_string(status)), status);
  }
  EXPECT_FALSE(report_status_from_string("sent").has_value());
}

}  // namespace
}  // namespace llw
