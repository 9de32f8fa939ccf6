// The report form page as a clerk on a phone meets it (issue 17): every problem of a save found
// in one round and said once, beside its box and in the summary; each activity one card with its
// boxes; hints said once; dates as dd/mm/yyyy; no rate above 100 %.

#include <gtest/gtest.h>

#include "html_query.h"
#include "page_session.h"
#include "web/pages/report_form_view.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;

const std::string kTypeMessage =
    "Hãy nhập một số nguyên không âm, chỉ gồm chữ số (ví dụ 12 hoặc 1.155).";
const std::string kNeedsYes = "Hãy chọn “Có” ở mục “Trải nghiệm STEM” hoặc để số buổi bằng 0.";

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

class ReportFormPageTest : public WebFixture {
 protected:
  std::string report_page(const std::string& unit) const {
    return "/dot/" + std::to_string(campaign_id_) + "/bao-cao/" + unit;
  }

  // A save with a box that is not a number, a count with "Không" and more students than the
  // unit has: three different kinds of problem in one post.
  FormFields three_problems(const std::string& action) const {
    return {{"version", "0"},         {"action", action},       {"f.banners", "abc"},
            {"f.stem_held", "khong"}, {"f.stem_sessions", "4"}, {"f.participants_students", "451"}};
  }
};

TEST_F(ReportFormPageTest, ATypeErrorAndTheRulesAreReportedInOneRoundEachOnce) {
  PageSession clerk(*http_);
  ASSERT_EQ(clerk.sign_in(kReporter, kPassword).status, 303);
  const json before = report_of("HP-AH-THTT");
  const HttpReply reply = clerk.submit(report_page("HP-AH-THTT"), three_problems("save"));
  ASSERT_EQ(reply.status, 422) << reply.body;
  const HtmlPage page(reply.body);
  EXPECT_EQ(page.count("//*[@id='error-summary']//li"), 3u);
  EXPECT_EQ(page.text("//*[@id='f-banners-err']"), kTypeMessage);
  EXPECT_EQ(page.text("//*[@id='f-stem_sessions-err']"), kNeedsYes);
  EXPECT_NE(page.text("//*[@id='f-participants_students-err']").find("(450)"), std::string::npos);
  // Each message once in the summary and once beside its box, never a second box.
  for (const std::string& message : {kTypeMessage, kNeedsYes}) {
    EXPECT_EQ(page.count("//*[@id='error-summary']//li[contains(., '" + message + "')]"), 1u);
    EXPECT_EQ(page.count("//form//p[contains(@class, 'field-error') and not(@hidden) and .='" +
                         message + "']"),
              1u);
  }
  // The boxes keep what was typed, and nothing is saved.
  EXPECT_EQ(page.attribute("//input[@id='f-banners']", "value"), "abc");
  EXPECT_EQ(page.attribute("//input[@id='f-stem_sessions']", "value"), "4");
  EXPECT_EQ(report_of("HP-AH-THTT"), before);
}

TEST_F(ReportFormPageTest, TheAutosaveHearsEveryProblemInOneRoundToo) {
  PageSession clerk(*http_);
  ASSERT_EQ(clerk.sign_in(kReporter, kPassword).status, 303);
  FormFields fields = three_problems("save");
  fields.emplace_back("ajax", "1");
  const HttpReply reply = clerk.submit(report_page("HP-AH-THTT"), fields);
  ASSERT_EQ(reply.status, 422) << reply.body;
  const json errors = json::parse(reply.body)["errors"];
  EXPECT_EQ(errors.size(), 3u) << errors.dump();
  EXPECT_EQ(errors.value("banners", ""), kTypeMessage);
  EXPECT_EQ(errors.value("stem_sessions", ""), kNeedsYes);
  EXPECT_TRUE(errors.contains("participants_students"));
}

TEST_F(ReportFormPageTest, AnUnreadableTableCellStillLetsTheOtherCellsBeChecked) {
  PageSession clerk(*http_);
  ASSERT_EQ(clerk.sign_in(kReporter, kPassword).status, 303);
  const HttpReply reply =
      clerk.submit(report_page("HP-AH-THTT"), {{"version", "0"},
                                               {"action", "save"},
                                               {"n.other_activities", "1"},
                                               {"t.other_activities.0.name", "Ngày hội"},
                                               {"t.other_activities.0.date", "32/13/2025"},
                                               {"t.other_activities.0.sessions", "x"},
                                               {"f.stem_sessions", "2"}});
  ASSERT_EQ(reply.status, 422) << reply.body;
  const HtmlPage page(reply.body);
  EXPECT_EQ(page.count("//*[@id='error-summary']//li"), 3u);
  EXPECT_EQ(page.attribute("//input[@id='f-other_activities-0-date']", "value"), "32/13/2025");
}

TEST_F(ReportFormPageTest, EachActivityIsOneCardWithItsBoxesAndTheHintsAreSaidOnce) {
  PageSession clerk(*http_);
  ASSERT_EQ(clerk.sign_in(kReporter, kPassword).status, 303);
  const HttpReply reply = clerk.open(report_page("HP-AH-THTT"));
  ASSERT_EQ(reply.status, 200);
  const HtmlPage page(reply.body);
  EXPECT_EQ(page.count("//div[@id='act-stem']//input"), 4u);  // Có, Không, buổi, lượt người
  EXPECT_EQ(page.count("//div[@id='act-stem']//select"), 1u);
  EXPECT_EQ(page.text("//div[@id='act-stem']//select/option[1]"),
            "Mặc định: đ) Cuộc thi, hoạt động trải nghiệm về công nghệ số và tri thức mới");
  EXPECT_EQ(occurrences(reply.body, "Đơn vị có tổ chức hoạt động này trong Tuần lễ không?"), 1u);
  EXPECT_EQ(occurrences(reply.body, "Các hoạt động truyền thông về Tuần lễ học tập suốt đời."), 1u);
  EXPECT_EQ(occurrences(reply.body, "mục II.3"), 0u);
  EXPECT_NE(reply.body.find("Đơn vị có 450 học sinh."), std::string::npos);
  EXPECT_EQ(reply.body.find("Số của đơn vị:"), std::string::npos);
}

TEST(ReportFormPageView, DatesGoBackAsDayMonthYearAndTheRateNeverPasses100Percent) {
  const auto form = load_form(json::parse(R"({
    "id": "t", "title": "T", "version": 1,
    "population_groups": [{"key": "students", "label": "Học sinh"}],
    "sections": [{"key": "I", "title": "I", "items": [
      {"key": "d", "label": "D", "type": "date"},
      {"key": "p", "label": "P", "type": "count", "aggregate": "sum",
       "summary": "participation.participants", "population_group": "students"}]}]})"),
                              "test");
  Campaign campaign;
  campaign.form = form;
  OrgUnit unit;
  unit.code = "U";
  unit.population["students"] = 100;
  UnitReport report;
  pages::ReportFormInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.report = &report;
  input.values = {{"d", "2025-10-05"}, {"p", 12345}};
  const json view = pages::report_form_view(input);
  const json& items = view["sections"][0]["items"];
  EXPECT_EQ(items[0]["value"], "05/10/2025");
  EXPECT_EQ(view["participation_rate"].get<std::string>().find('%'), std::string::npos);
  input.values = {{"p", 50}};
  EXPECT_EQ(pages::report_form_view(input)["participation_rate"], "50,0%");
}

}  // namespace
}  // namespace llw::test
