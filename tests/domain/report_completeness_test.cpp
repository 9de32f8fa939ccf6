// The completeness rule: an activity counts as answered when its held item is yes or no, on the
// shipped 2025 form (12 such activities; the "other" table is not counted).
#include "domain/report_completeness.h"

#include <gtest/gtest.h>

#include "form_fixtures.h"

namespace llw {
namespace {

using nlohmann::json;

TEST(ReportCompleteness, AnEmptyReportAnswersNothing) {
  const ReportCompleteness c = report_completeness(*testing::form_2025(), json::object());
  EXPECT_EQ(c.answered, 0);
  EXPECT_EQ(c.total, 12);
  ASSERT_EQ(c.unanswered.size(), 12u);
  EXPECT_EQ(c.unanswered.front(), "Sinh hoạt chuyên đề dưới cờ");
  EXPECT_FALSE(c.complete());
  EXPECT_EQ(c.text(), "0/12 hoạt động");
}

TEST(ReportCompleteness, YesAndNoBothAnswerAnActivity) {
  const json values = {{"flag_talk_held", true}, {"stem_held", false}, {"banners", 4}};
  const ReportCompleteness c = report_completeness(*testing::form_2025(), values);
  EXPECT_EQ(c.answered, 2);
  EXPECT_EQ(c.text(), "2/12 hoạt động");
  for (const auto& label : c.unanswered) {
    EXPECT_NE(label, "Sinh hoạt chuyên đề dưới cờ");
  }
  EXPECT_EQ(c.unanswered.size(), 10u);
}

TEST(ReportCompleteness, FiguresWithoutTheYesNoDoNotAnswerIt) {
  // Sessions typed but "Có/Không" left empty, or a held value of the wrong type.
  const json values = {{"flag_talk_sessions", 4}, {"stem_held", "yes"}, {"clubs_held", nullptr}};
  EXPECT_EQ(report_completeness(*testing::form_2025(), values).answered, 0);
}

TEST(ReportCompleteness, EveryActivityAnsweredIsComplete) {
  json values = json::object();
  for (const FormItem* item : testing::form_2025()->items()) {
    if (item->measure == "held") values[item->key] = false;
  }
  const ReportCompleteness c = report_completeness(*testing::form_2025(), values);
  EXPECT_TRUE(c.complete());
  EXPECT_TRUE(c.unanswered.empty());
}

TEST(ReportCompleteness, ValuesThatAreNotAnObjectAnswerNothing) {
  const ReportCompleteness c = report_completeness(*testing::form_2025(), json::array({true}));
  EXPECT_EQ(c.answered, 0);
  EXPECT_EQ(c.total, 12);
}

}  // namespace
}  // namespace llw
