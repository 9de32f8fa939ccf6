// The whole path of a report through the API: a reporter saves a draft and submits it, and the
// coordinator's consolidated summary (and the province's above it) shows the new figures — once.

#include <cmath>

#include "web_fixture.h"

namespace llw::test {
namespace {

class ReportFlowTest : public WebFixture {
 protected:
  nlohmann::json summary(const std::string& unit, const std::string& username = kCoordinator) {
    const HttpReply reply = get(summary_path(unit), token(username));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  // The primary school's report: 450 students, 30 staff, 400 parents.
  const nlohmann::json school_values_{
      {"media_articles", 5},
      {"banners", 3},
      {"reading_day_held", true},
      {"reading_day_sessions", 2},
      {"reading_day_participants", 300},
      {"participants_students", 400},
      {"participants_staff", 25},
      {"commend_collectives", 1},
      {"commend_individuals", 4},
      {"advantages", "Được sự quan tâm của chính quyền địa phương."}};
};

TEST_F(ReportFlowTest, ADraftDoesNotCountUntilItIsSubmitted) {
  const nlohmann::json before = summary("HP-AH");
  EXPECT_EQ(before.value("expected", 0), 3);  // THTT, MN, THON1
  EXPECT_EQ(before.value("submitted", -1), 0);
  EXPECT_EQ(before["totals"].value("media_articles", -1), 0);

  const HttpReply saved = save_draft("HP-AH-THTT", school_values_);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json().value("status", ""), "draft");
  EXPECT_EQ(saved.json().value("version", 0), 1);
  EXPECT_EQ(saved.json()["values"], school_values_);

  const nlohmann::json after_draft = summary("HP-AH");
  EXPECT_EQ(after_draft.value("submitted", -1), 0);
  EXPECT_EQ(after_draft["totals"].value("media_articles", -1), 0);
}

TEST_F(ReportFlowTest, ASubmittedReportAppearsInTheCoordinatorsSummary) {
  ASSERT_EQ(save_draft("HP-AH-THTT", school_values_).status, 200);
  const HttpReply submitted =
      post(report_path("HP-AH-THTT") + "/submit", token(kReporter), R"({"version": 1})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json().value("status", ""), "submitted");
  EXPECT_EQ(submitted.json().value("late", true), false);
  EXPECT_EQ(submitted.json().value("submitted_at", ""), "2025-10-08T10:00:00+07:00");

  const nlohmann::json commune = summary("HP-AH");
  EXPECT_EQ(commune.value("expected", 0), 3);
  EXPECT_EQ(commune.value("submitted", 0), 1);
  EXPECT_EQ(commune.value("on_time", 0), 1);
  EXPECT_EQ(commune.value("late", -1), 0);
  EXPECT_EQ(commune["missing"], (nlohmann::json{"HP-AH-MN", "HP-AH-THON1"}));
  EXPECT_EQ(commune["totals"].value("media_articles", 0), 5);
  EXPECT_EQ(commune["totals"].value("banners", 0), 3);
  EXPECT_EQ(commune["activities"]["reading_day"],
            (nlohmann::json{{"units", 1}, {"held", 1}, {"sessions", 2}, {"participants", 300}}));
  EXPECT_EQ(commune["activities"]["stem"].value("units", -1), 0);
  EXPECT_EQ(commune["participation"].value("participants", 0), 425);
  // The parents were left empty: "no data", so their 400 do not dilute the rate.
  EXPECT_EQ(commune["participation"].value("population", 0), 480);  // 450 + 30
  EXPECT_NEAR(commune["participation"].value("rate", 0.0), 425.0 / 480.0, 1e-4);
  const nlohmann::json& groups = commune["participation"]["groups"];
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0], (nlohmann::json{{"group", "students"},
                                       {"label", "Học sinh"},
                                       {"units", 1},
                                       {"participants", 400},
                                       {"population", 450},
                                       {"rate", 0.8889}}));
  EXPECT_EQ(groups[2].value("group", ""), "parents");
  EXPECT_EQ(groups[2].value("units", -1), 0);
  EXPECT_TRUE(groups[2]["rate"].is_null());
  EXPECT_EQ(commune["commendations"].value("collectives", 0), 1);
  EXPECT_EQ(commune["commendations"].value("individuals", 0), 4);
  ASSERT_EQ(commune["narratives"]["advantages"].size(), 1u);
  EXPECT_EQ(commune["narratives"]["advantages"][0].value("unit", ""), "HP-AH-THTT");

  // The province sums both communes; the sibling commune sees none of it.
  const nlohmann::json province = summary("HP", kAdmin);
  EXPECT_EQ(province.value("expected", 0), 5);
  EXPECT_EQ(province.value("submitted", 0), 1);
  EXPECT_EQ(province["totals"].value("media_articles", 0), 5);
  const nlohmann::json sibling = summary("HP-AD", kAdmin);
  EXPECT_EQ(sibling.value("submitted", -1), 0);
  EXPECT_EQ(sibling["totals"].value("media_articles", -1), 0);

  // The reporter may read its own unit's summary, with the same figures.
  EXPECT_EQ(summary("HP-AH-THTT", kReporter)["totals"].value("media_articles", 0), 5);
}

TEST_F(ReportFlowTest, SubmittingAgainDoesNotDoubleCount) {
  ASSERT_EQ(save_draft("HP-AH-THTT", school_values_).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  const nlohmann::json once = summary("HP-AH");

  const HttpReply again = post(report_path("HP-AH-THTT") + "/submit", token(kReporter));
  expect_error(again, 409, "conflict");
  EXPECT_EQ(again.json()["error"].value("current_version", 0), 2) << again.body;
  // A submitted report cannot be overwritten by a draft either.
  expect_error(save_draft("HP-AH-THTT", {{"media_articles", 50}}), 409, "conflict");

  const nlohmann::json twice = summary("HP-AH");
  EXPECT_EQ(twice, once);
  EXPECT_EQ(twice["totals"].value("media_articles", 0), 5);
  EXPECT_EQ(twice.value("submitted", 0), 1);
}

TEST_F(ReportFlowTest, TwoUnitsAddUpAndRatesAreWeightedByPopulation) {
  ASSERT_EQ(save_draft("HP-AH-THTT", school_values_).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  // The preschool: 200 students and 20 staff, every one of them took part (a rate of 100%).
  const nlohmann::json preschool{{"media_articles", 7},          {"reading_day_held", true},
                                 {"reading_day_sessions", 1},    {"reading_day_participants", 150},
                                 {"participants_students", 200}, {"participants_staff", 20}};
  ASSERT_EQ(save_draft("HP-AH-MN", preschool, kReporterMn).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-MN") + "/submit", token(kReporterMn)).status, 200);

  const nlohmann::json commune = summary("HP-AH");
  EXPECT_EQ(commune.value("submitted", 0), 2);
  EXPECT_EQ(commune["missing"], nlohmann::json{"HP-AH-THON1"});
  EXPECT_EQ(commune["totals"].value("media_articles", 0), 12);
  EXPECT_EQ(commune["activities"]["reading_day"],
            (nlohmann::json{{"units", 2}, {"held", 2}, {"sessions", 3}, {"participants", 450}}));
  // (425 + 220) / (480 + 220) over the groups each unit reported, not the average of 88,5% and
  // 100%, and not diluted by the primary school's parents it left empty.
  EXPECT_EQ(commune["participation"].value("participants", 0), 645);
  EXPECT_EQ(commune["participation"].value("population", 0), 700);
  EXPECT_NEAR(commune["participation"].value("rate", 0.0), 645.0 / 700.0, 1e-4);
  // Per group: students (400 + 200) / (450 + 200).
  const nlohmann::json& students = commune["participation"]["groups"][0];
  EXPECT_EQ(students.value("units", 0), 2);
  EXPECT_EQ(students.value("participants", 0), 600);
  EXPECT_EQ(students.value("population", 0), 650);
  EXPECT_NEAR(students.value("rate", 0.0), 600.0 / 650.0, 1e-4);
}

TEST_F(ReportFlowTest, FlagsComeWithTheReportAndNeverBlockSavingOrSubmitting) {
  nlohmann::json values = school_values_;
  values["directives"] = nlohmann::json::array(
      {{{"number", "15/KH-THTT"}, {"date", "2024-10-14"}, {"summary", "Kế hoạch năm trước"}}});
  values["stem_held"] = true;
  values["stem_participants"] = 120;
  const HttpReply saved = save_draft("HP-AH-THTT", values);
  ASSERT_EQ(saved.status, 200) << saved.body;
  std::map<std::string, std::string> flags;
  const nlohmann::json saved_report = saved.json();
  for (const auto& flag : saved_report["flags"]) {
    flags[flag.value("field", "")] = flag.value("message", "");
  }
  ASSERT_EQ(flags.count("directives[0].date"), 1u) << saved.body;
  EXPECT_NE(flags["directives[0].date"].find("Ngày 14/10/2024"), std::string::npos);
  ASSERT_EQ(flags.count("stem_sessions"), 1u) << saved.body;

  const HttpReply submitted =
      post(report_path("HP-AH-THTT") + "/submit", token(kReporter), R"({"version": 1})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json()["flags"].size(), saved.json()["flags"].size());
  // The reviewer reads the same flags.
  EXPECT_EQ(report_of("HP-AH-THTT")["flags"], submitted.json()["flags"]);
}

TEST_F(ReportFlowTest, EachSaveBumpsTheVersion) {
  const std::string& bearer = token(kReporter);
  HttpReply reply =
      put(report_path("HP-AH-THTT"), bearer, R"({"version": 0, "values": {"banners": 1}})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json().value("version", 0), 1);
  reply = put(report_path("HP-AH-THTT"), bearer, R"({"version": 1, "values": {"banners": 2}})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json().value("version", 0), 2);
  EXPECT_EQ(report_of("HP-AH-THTT")["values"], (nlohmann::json{{"banners", 2}}));
}

TEST_F(ReportFlowTest, TheReportListsItsSavedVersionsNewestFirst) {
  ASSERT_EQ(save_draft("HP-AH-THTT", school_values_).status, 200);
  ASSERT_EQ(
      post(report_path("HP-AH-THTT") + "/submit", token(kReporter), R"({"version": 1})").status,
      200);
  const nlohmann::json history = report_of("HP-AH-THTT")["history"];
  ASSERT_EQ(history.size(), 2u) << history.dump();
  EXPECT_EQ(history[0].value("version", 0), 2);
  EXPECT_EQ(history[0].value("status", ""), "submitted");
  EXPECT_EQ(history[1].value("version", 0), 1);
  EXPECT_EQ(history[1].value("status", ""), "draft");
}

}  // namespace
}  // namespace llw::test
