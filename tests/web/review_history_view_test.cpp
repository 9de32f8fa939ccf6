// The view data of a report read for review (report_review_view) and of its history
// (history_view, default_comparison): activities as rows with the plan's content in words, empty
// items named once, autosaves grouped into editing sessions, every version with an author, the
// default comparison against the last submission, and differences without rows that change
// nothing.

#include <gtest/gtest.h>

#include "domain/form.h"
#include "web/pages/plan_links.h"
#include "web/pages/report_review_view.h"
#include "web/pages/workflow_view.h"

namespace llw::test {
namespace {

using nlohmann::json;

std::shared_ptr<const ReportForm> activity_form() {
  return load_form(json::parse(R"({
    "id": "t", "title": "T", "version": 1,
    "population_groups": [{"key": "students", "label": "Học sinh"}],
    "directions": [{"key": "a", "label": "Tuyên truyền về tự học"},
                   {"key": "đ", "label": "Cuộc thi về công nghệ số"}],
    "sections": [{"key": "I", "title": "I. Kết quả", "items": [
      {"key": "articles", "label": "Số bài viết", "type": "count", "aggregate": "sum"},
      {"key": "talk_held", "label": "Sinh hoạt dưới cờ", "type": "yes_no", "activity": "talk",
       "measure": "held", "default_direction": "a", "aggregate": "count_yes"},
      {"key": "talk_sessions", "label": "Sinh hoạt dưới cờ: số buổi", "type": "count",
       "activity": "talk", "measure": "sessions", "aggregate": "sum"},
      {"key": "talk_direction", "label": "Sinh hoạt dưới cờ: nội dung", "type": "choice",
       "choices": ["a", "đ"], "activity": "talk", "measure": "direction"},
      {"key": "contest_held", "label": "Cuộc thi", "type": "yes_no", "activity": "contest",
       "measure": "held", "default_direction": "đ", "aggregate": "count_yes"},
      {"key": "contest_direction", "label": "Cuộc thi: nội dung", "type": "choice",
       "choices": ["a", "đ"], "activity": "contest", "measure": "direction"},
      {"key": "club_held", "label": "Câu lạc bộ", "type": "yes_no", "activity": "club",
       "measure": "held", "aggregate": "count_yes"},
      {"key": "banners", "label": "Số băng zôn", "type": "count", "aggregate": "sum"},
      {"key": "directives", "label": "Văn bản chỉ đạo", "type": "table", "columns": [
        {"key": "number", "label": "Số, ký hiệu", "type": "short_text"},
        {"key": "summary", "label": "Trích yếu", "type": "short_text"}]},
      {"key": "advantages", "label": "Thuận lợi", "type": "narrative"}]}]})"),
                   "test");
}

TEST(ReportReviewView, ActivitiesAreOneTableWithThePlansContentInWords) {
  Campaign campaign;
  campaign.id = 3;
  campaign.form = activity_form();
  OrgUnit unit;
  unit.code = "HP-AH-TH";
  unit.name = "Trường Tiểu học An Hưng";
  UnitReport report;
  report.status = ReportStatus::submitted;
  report.version = 4;
  report.values = {{"articles", 12},
                   {"talk_held", true},
                   {"talk_sessions", 4},
                   {"talk_direction", "đ"},
                   {"contest_held", true},
                   {"club_held", false},
                   {"directives", json::array({{{"number", "12/KH"}, {"summary", "Kế hoạch"}}})}};
  pages::ReviewPageInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.report = &report;
  input.workflow = {{"can_accept", true}, {"can_return", true}};
  const json view = pages::report_review_view(input);

  const json& blocks = view["sections"][0]["blocks"];
  ASSERT_EQ(blocks.size(), 3u) << blocks.dump(2);  // figures, activities, table
  EXPECT_TRUE(blocks[0].value("is_values", false));
  EXPECT_EQ(blocks[0]["rows"][0]["text"], "12");
  const json& activities = blocks[1];
  ASSERT_TRUE(activities.value("is_activities", false));
  ASSERT_EQ(activities["rows"].size(), 3u);
  EXPECT_EQ(activities["rows"][0]["name"], "Sinh hoạt dưới cờ");
  EXPECT_EQ(activities["rows"][0]["held"], "Có");
  EXPECT_EQ(activities["rows"][0]["sessions"], "4");
  EXPECT_EQ(activities["rows"][0]["direction"], "đ) Cuộc thi về công nghệ số");
  EXPECT_EQ(activities["rows"][0]["default_direction"], false);
  // Held without a choice: the outline's default, in words and marked as such.
  EXPECT_EQ(activities["rows"][1]["direction"], "đ) Cuộc thi về công nghệ số");
  EXPECT_EQ(activities["rows"][1]["default_direction"], true);
  // Not held: no content at all.
  EXPECT_EQ(activities["rows"][2]["held"], "Không");
  EXPECT_EQ(activities["rows"][2]["direction"], "");
  EXPECT_TRUE(blocks[2].value("is_table", false));
  EXPECT_EQ(blocks[2]["rows"][0]["cells"][1]["text"], "Kế hoạch");
  // Empty items are named once, at the end of their section.
  EXPECT_EQ(view["sections"][0]["missing"], json::array({"Số băng zôn", "Thuận lợi"}));
  EXPECT_EQ(view["decide"], true);
}

TEST(ReportReviewView, NoDecisionBarForAReaderWhoCannotDecide) {
  Campaign campaign;
  campaign.form = activity_form();
  OrgUnit unit;
  UnitReport report;
  pages::ReviewPageInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.report = &report;
  input.workflow = {{"can_accept", false}, {"can_return", false}, {"can_reopen", true}};
  const json view = pages::report_review_view(input);
  EXPECT_EQ(view["decide"], false);
  // An activity nobody answered says so, instead of a blank row.
  EXPECT_EQ(view["sections"][0]["blocks"][0]["rows"][0]["held"], "Chưa trả lời");
}

ReportVersion version(std::int64_t number, const std::string& action, Timestamp at,
                      std::optional<std::int64_t> by = 7, const std::string& name = "Cô Lan") {
  ReportVersion v;
  v.version = number;
  v.action = action;
  v.at = at;
  v.by = by;
  v.by_name = by ? name : std::string();
  v.status = action == "submit" ? ReportStatus::submitted : ReportStatus::draft;
  return v;
}

TEST(HistoryView, AutosavesOfOneSessionAreOneRowAndEveryVersionHasAnAuthor) {
  Campaign campaign;
  campaign.form = activity_form();
  OrgUnit unit;
  unit.name = "Trường Tiểu học An Hưng";
  pages::HistoryInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.base = "/dot/3/bao-cao/HP-AH-TH";
  const Timestamp t = 1'759'300'000;
  // Newest first: a submit, three autosaves within a minute, a save by another person, and
  // the imported first version.
  input.versions = {version(6, "submit", t + 600),
                    version(5, "save", t + 50),
                    version(4, "save", t + 20),
                    version(3, "save", t),
                    version(2, "save", t - 10, 9, "Thầy Nam"),
                    version(1, "import", t - 9000, {})};
  json view = pages::history_view(input);
  ASSERT_EQ(view["versions"].size(), 4u) << view["versions"].dump(2);
  EXPECT_EQ(view["versions"][1]["version"], "5");
  EXPECT_EQ(view["versions"][1]["session"], true);
  EXPECT_NE(view["versions"][1]["action"].get<std::string>().find("3 lần lưu, phiên bản 3–5"),
            std::string::npos);
  EXPECT_EQ(view["versions"][2]["by"], "Thầy Nam");
  EXPECT_EQ(view["versions"][3]["by"], "Hệ thống (nhập dữ liệu)");
  EXPECT_EQ(view["collapsed"], true);

  // Every save on its own when asked, and a compared version inside a session shows it.
  input.every_save = true;
  EXPECT_EQ(pages::history_view(input)["versions"].size(), 6u);
  input.every_save = false;
  input.compared = true;
  input.from = 4;
  input.to = 6;
  view = pages::history_view(input);
  ASSERT_EQ(view["versions"].size(), 5u);  // 6, 5, then 4 with 3 as its session, 2, 1
  EXPECT_EQ(view["versions"][2]["version"], "4");
  EXPECT_EQ(view["versions"][2]["from_checked"], true);
  // Two autosaves an hour apart are two sessions.
  input.compared = false;
  input.versions = {version(2, "save", t + 3600), version(1, "save", t)};
  EXPECT_EQ(pages::history_view(input)["versions"].size(), 2u);
}

TEST(HistoryView, TheDefaultComparisonIsAgainstTheLastSubmission) {
  const Timestamp t = 1'759'300'000;
  // Never submitted: against the empty report.
  auto comparison = pages::default_comparison({version(2, "save", t), version(1, "save", t)});
  ASSERT_TRUE(comparison);
  EXPECT_EQ(comparison->from, 0);
  EXPECT_EQ(comparison->to, 2);
  // Edited after a return: the current draft against the submission.
  comparison = pages::default_comparison({version(5, "save", t), version(4, "return", t),
                                          version(3, "submit", t), version(2, "save", t)});
  EXPECT_EQ(comparison->from, 3);
  EXPECT_EQ(comparison->to, 5);
  // Resubmitted and accepted: the resubmission against the submission before it.
  comparison = pages::default_comparison({version(7, "accept", t), version(6, "submit", t),
                                          version(5, "save", t), version(4, "return", t),
                                          version(3, "submit", t), version(2, "save", t)});
  EXPECT_EQ(comparison->from, 3);
  EXPECT_EQ(comparison->to, 6);
  EXPECT_FALSE(pages::default_comparison({}));
}

TEST(HistoryView, DifferencesNameTableCellsAndSkipChangesThatReadTheSame) {
  Campaign campaign;
  campaign.form = activity_form();
  OrgUnit unit;
  pages::HistoryInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.compared = true;
  input.from = 1;
  input.to = 2;
  input.changes = {
      {"directives", "Văn bản chỉ đạo", json::array(),
       json::array({{{"number", "12/KH"}, {"summary", "Kế hoạch"}}})},
      {"advantages", "Thuận lợi", nullptr, ""},  // absent and empty read the same
      {"talk_direction", "Sinh hoạt dưới cờ: nội dung", "a", "đ"},
  };
  const json changes = pages::history_view(input)["changes"];
  ASSERT_EQ(changes.size(), 3u) << changes.dump(2);
  EXPECT_EQ(changes[0]["label"], "Văn bản chỉ đạo — dòng 1, Số, ký hiệu");
  EXPECT_EQ(changes[0]["before"], "(trống)");
  EXPECT_EQ(changes[0]["after"], "12/KH");
  EXPECT_EQ(changes[1]["label"], "Văn bản chỉ đạo — dòng 1, Trích yếu");
  EXPECT_EQ(changes[2]["before"], "a) Tuyên truyền về tự học");
  EXPECT_EQ(changes[2]["after"], "đ) Cuộc thi về công nghệ số");
}

TEST(PlanLinks, OnlyAnIssuedEditionIsLinkedAndTheNewestOne) {
  Campaign campaign;
  campaign.id = 3;
  OrgUnit node;
  node.code = "HP-AH";
  node.name = "UBND xã An Hưng";
  LevelPlan first;
  first.edition = 1;
  first.status = PlanStatus::issued;
  first.number = "83/KH-UBND";
  first.issued_on = std::chrono::year{2025} / 10 / 1;
  LevelPlan adjustment = first;
  adjustment.edition = 2;
  adjustment.number = "90/KH-UBND";
  LevelPlan draft = first;
  draft.edition = 3;
  draft.status = PlanStatus::draft;
  EXPECT_TRUE(pages::plan_link(campaign, node, {draft}).is_null());
  const json link = pages::plan_link(campaign, node, {first, adjustment, draft});
  EXPECT_EQ(link["title"], "Kế hoạch điều chỉnh số 90/KH-UBND ngày 01/10/2025 của UBND xã An Hưng");
  EXPECT_EQ(link["pdf_href"], "/dot/3/ke-hoach/HP-AH/tai/2/pdf");
  EXPECT_EQ(link["docx_href"], "/dot/3/ke-hoach/HP-AH/tai/2/docx");
  EXPECT_EQ(link["href"], "/dot/3/ke-hoach/HP-AH");
}

}  // namespace
}  // namespace llw::test
