// The step before a report is submitted (issue 17): the page lists the activities with neither
// "Có" nor "Không" and asks to confirm with "Vẫn nộp" (plain POST forms, no JavaScript); the
// coordinator's dashboard shows how many activities each report answers, by the same rule.
#include <regex>

#include "html_query.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

class SubmitConfirmPagesTest : public WebFixture {
 protected:
  std::string sign_in(const std::string& username) {
    const HttpReply form = http_->send("GET", "/dang-nhap");
    const std::string pre = value_of(form.header("set-cookie"), "llw_pre=([^;]*)");
    const HttpReply reply = http_->send(
        "POST", "/dang-nhap",
        "csrf=" + pre + "&username=" + username + "&password=" + kPassword + "&next=%2F",
        {"Cookie: llw_pre=" + pre, "Content-Type: application/x-www-form-urlencoded"});
    EXPECT_EQ(reply.status, 303) << reply.body;
    return "Cookie: llw_session=" + value_of(reply.header("set-cookie"), "llw_session=([^;]*)");
  }

  static std::string value_of(const std::string& text, const std::string& pattern) {
    std::smatch match;
    return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : std::string{};
  }

  HttpReply post(const std::string& path, const std::string& cookie, const std::string& body) {
    return http_->send("POST", path, body,
                       {cookie, "Content-Type: application/x-www-form-urlencoded"});
  }

  std::string form_path() const {
    return "/dot/" + std::to_string(campaign_id_) + "/bao-cao/HP-AH-THTT";
  }
};

TEST_F(SubmitConfirmPagesTest, ANearlyEmptyReportListsWhatIsUnansweredAndSubmitsOnlyWhenConfirmed) {
  const std::string cookie = sign_in(kReporter);
  const std::string csrf = value_of(http_->send("GET", form_path(), {}, {cookie}).body,
                                    "name=\"csrf\" value=\"([0-9a-f]+)\"");
  const HttpReply asked =
      post(form_path(), cookie,
           "csrf=" + csrf + "&version=0&action=submit&f.flag_talk_held=co&f.stem_held=khong");
  ASSERT_EQ(asked.status, 200) << asked.body;
  const HtmlPage page(asked.body);
  EXPECT_EQ(page.text("//*[@id='confirm-completeness']/strong"), "2/12 hoạt động");
  const auto unanswered = page.texts("//ul[@id='confirm-unanswered']/li");
  EXPECT_EQ(unanswered.size(), 10u);
  for (const auto& label : unanswered) EXPECT_NE(label, "Sinh hoạt chuyên đề dưới cờ");
  EXPECT_EQ(page.text("//button[@id='confirm-submit']"), "Vẫn nộp");
  EXPECT_EQ(page.attribute("//button[@id='confirm-submit']", "value"), "submit_confirmed");
  // Nothing is submitted yet: the values are saved as a draft.
  EXPECT_EQ(report_of("HP-AH-THTT").value("status", ""), "draft");
  const std::string version = page.attribute("//input[@name='version']", "value");
  EXPECT_EQ(version, "1");

  // Wrong and hostile versions are refused with a message, and submit nothing.
  EXPECT_EQ(
      post(form_path(), cookie, "csrf=" + csrf + "&version=abc&action=submit_confirmed").status,
      400);
  const HttpReply stale =
      post(form_path(), cookie, "csrf=" + csrf + "&version=0&action=submit_confirmed");
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("phiên bản hiện tại"), std::string::npos);
  EXPECT_EQ(report_of("HP-AH-THTT").value("status", ""), "draft");
  // Another unit's account cannot confirm this unit's submit.
  const std::string other = sign_in(kReporterMn);
  const std::string other_csrf = value_of(http_->send("GET", "/doi-mat-khau", {}, {other}).body,
                                          "name=\"csrf\" value=\"([0-9a-f]+)\"");
  EXPECT_EQ(
      post(form_path(), other, "csrf=" + other_csrf + "&version=1&action=submit_confirmed").status,
      403);

  const HttpReply done = post(form_path(), cookie,
                              "csrf=" + csrf + "&version=" + version + "&action=submit_confirmed");
  EXPECT_EQ(done.status, 303) << done.body;
  EXPECT_NE(done.header("location").find("da-nop=1"), std::string::npos);
  const nlohmann::json submitted = report_of("HP-AH-THTT");
  EXPECT_EQ(submitted.value("status", ""), "submitted");
  EXPECT_EQ(submitted["values"]["flag_talk_held"], true);  // the confirmation posted no values

  // The coordinator's dashboard shows the same count for the report.
  const std::string coordinator = sign_in(kCoordinator);
  const HtmlPage dashboard(http_
                               ->send("GET",
                                      "/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH",
                                      {}, {coordinator})
                               .body);
  EXPECT_EQ(dashboard.text("//tr[@data-unit='HP-AH-THTT']/td[contains(@class,'completeness')]"),
            "2/12 hoạt động");
}

}  // namespace
}  // namespace llw::test
