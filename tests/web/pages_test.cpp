// The web application's pages over real HTTP: sign-in and its cookie, CSRF, the page access
// matrix (role × subtree, checked on the server), saving the report form without JavaScript,
// a stale save showing both versions, escaping, security headers and static files. Plus the view
// functions, which the tests check as data rather than as HTML.

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "app/campaigns.h"
#include "app/reports.h"
#include "app/units.h"
#include "app/vietnamese_text.h"
#include "html_query.h"
#include "sample_data.h"
#include "web/pages/consolidated_view.h"
#include "web/pages/dashboard_view.h"
#include "web/pages/labels.h"
#include "web/pages/page_support.h"
#include "web/pages/report_form_view.h"
#include "web/pages/view_format.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

class PagesTest : public WebFixture {
 protected:
  // Signs in through the page and returns the Cookie header to send afterwards.
  std::string sign_in(const std::string& username, const std::string& password = kPassword) {
    const HttpReply form = http_->send("GET", "/dang-nhap");
    EXPECT_EQ(form.status, 200);
    const std::string pre = cookie_value(form.header("set-cookie"), "llw_pre");
    const HttpReply reply =
        http_->send("POST", "/dang-nhap",
                    "csrf=" + pre + "&username=" + username + "&password=" + password + "&next=%2F",
                    {"Cookie: llw_pre=" + pre, "Content-Type: application/x-www-form-urlencoded"});
    EXPECT_EQ(reply.status, 303) << reply.body;
    last_set_cookie_ = reply.header("set-cookie");
    const std::string session = cookie_value(last_set_cookie_, "llw_session");
    return "Cookie: llw_session=" + session;
  }

  static std::string cookie_value(const std::string& set_cookie, const std::string& name) {
    const std::regex pattern(name + "=([^;]*)");
    std::smatch match;
    return std::regex_search(set_cookie, match, pattern) ? match[1].str() : std::string{};
  }

  static std::string csrf_of(const std::string& html) {
    const std::regex pattern("name=\"csrf\" value=\"([0-9a-f]+)\"");
    std::smatch match;
    return std::regex_search(html, match, pattern) ? match[1].str() : std::string{};
  }

  HttpReply page_get(const std::string& path, const std::string& cookie) {
    return http_->send("GET", path, {}, {cookie});
  }

  HttpReply page_post(const std::string& path, const std::string& cookie, const std::string& body) {
    return http_->send("POST", path, body,
                       {cookie, "Content-Type: application/x-www-form-urlencoded"});
  }

  // Posts `bytes` as the import page's file, as the page's form sends it.
  HttpReply post_import(const std::string& cookie, const std::string& csrf,
                        const std::string& file_name, const std::string& type,
                        const std::string& bytes) {
    const std::string boundary = "----llwtest";
    const std::string body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
        "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
        file_name + "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes + "\r\n--" + boundary +
        "--\r\n";
    return http_->send("POST", "/quan-tri/nhap-don-vi", body,
                       {cookie, "Content-Type: multipart/form-data; boundary=" + boundary});
  }

  std::string report_page(const std::string& unit) {
    return "/dot/" + std::to_string(campaign_id_) + "/bao-cao/" + unit;
  }

  std::string last_set_cookie_;
};

TEST_F(PagesTest, SignInSetsAnHttpOnlySameSiteSessionCookie) {
  sign_in(kReporter);
  EXPECT_NE(last_set_cookie_.find("HttpOnly"), std::string::npos);
  EXPECT_NE(last_set_cookie_.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(last_set_cookie_.find("Path=/"), std::string::npos);
}

TEST_F(PagesTest, WrongPasswordShowsAVietnameseMessageAndNoSession) {
  const HttpReply form = http_->send("GET", "/dang-nhap");
  const std::string pre = cookie_value(form.header("set-cookie"), "llw_pre");
  const HttpReply reply =
      http_->send("POST", "/dang-nhap", "csrf=" + pre + "&username=" + kReporter + "&password=sai",
                  {"Cookie: llw_pre=" + pre, "Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(HtmlPage(reply.body).count("//*[@id='sign-in-message']"), 1u);
  EXPECT_EQ(reply.header("set-cookie").find("llw_session"), std::string::npos);
}

TEST_F(PagesTest, PagesWithoutASessionRedirectToSignIn) {
  const HttpReply reply = http_->send("GET", report_page("HP-AH-THTT"));
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.header("location"), "/dang-nhap");
}

TEST_F(PagesTest, TheDashboardFiltersPagesAndSearchesWhateverTheQueryHolds) {
  const std::string cookie = sign_in(kCoordinator);
  const std::string base = "/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH";
  const HttpReply all = page_get(base, cookie);
  ASSERT_EQ(all.status, 200) << all.body;
  const HtmlPage all_page(all.body);
  EXPECT_EQ(all_page.count("//tr[@data-unit='HP-AH-THTT']"), 1u);
  EXPECT_EQ(all_page.text("//select[@id='trang-thai']/option[@value='missing']"), "Chưa nộp (3)");
  // Hostile and wrong parameters: the page answers, echoes nothing as markup, lists what it can.
  for (const std::string& query : std::vector<std::string>{
           "?trang-thai=%3Cscript%3E&trang=abc", "?trang=-5", "?trang=999999999999999999999",
           "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "?q=%25%25%25&trang-thai=missing",
           "?q=" + std::string(3000, 'a'), "?q=thon&trang=7"}) {
    const HttpReply reply = page_get(base + query, cookie);
    EXPECT_EQ(reply.status, 200) << query;
    EXPECT_EQ(reply.body.find("<script>alert"), std::string::npos) << query;  // raw: escaping
  }
  const HttpReply village = page_get(base + "?q=THON&trang=7", cookie);  // past the end: page 1
  const HtmlPage village_page(village.body);
  EXPECT_EQ(village_page.count("//tr[@data-unit='HP-AH-THON1']"), 1u);
  EXPECT_EQ(village_page.count("//tr[@data-unit='HP-AH-THTT']"), 0u);
  const HtmlPage missing(page_get(base + "?trang-thai=missing", cookie).body);
  EXPECT_EQ(missing.texts("//select[@id='trang-thai']/option[@selected]/@value"),
            std::vector<std::string>{"missing"});
  // Another commune's coordinator is refused the node.
  EXPECT_EQ(page_get("/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP", cookie).status, 403);
}

TEST_F(PagesTest, PagesCarryAStrictContentSecurityPolicy) {
  const std::string cookie = sign_in(kReporter);
  const HttpReply reply = page_get(report_page("HP-AH-THTT"), cookie);
  ASSERT_EQ(reply.status, 200);
  const std::string csp = reply.header("content-security-policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("style-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(reply.header("content-type"), "text/html; charset=utf-8");
  // No inline script or style in the page itself.
  const HtmlPage page(reply.body);
  EXPECT_EQ(page.count("//script[not(@src)]"), 0u);  // only scripts from files, under the CSP
  EXPECT_EQ(page.count("//*[@style]"), 0u);
}

TEST_F(PagesTest, StaticFilesAreServedAndCannotEscapeTheirFolder) {
  EXPECT_EQ(http_->send("GET", "/static/app.css").status, 200);
  EXPECT_EQ(http_->send("GET", "/static/app.js").header("content-type"),
            "text/javascript; charset=utf-8");
  EXPECT_EQ(http_->send("GET", "/static/../CMakeLists.txt").status, 404);
  EXPECT_EQ(http_->send("GET", "/static/%2e%2e/CMakeLists.txt").status, 404);
  EXPECT_EQ(http_->send("GET", "/static/%2e%2e%2fCMakeLists.txt").status, 404);
  EXPECT_EQ(http_->send("GET", "/static/nothing.css").status, 404);
}

// Role × target × page, as the access policy says (see access_matrix_test.cpp for the API).
TEST_F(PagesTest, EveryPageChecksRoleAndSubtreeOnTheServer) {
  struct Probe {
    std::string user, method, path;
    long status;
  };
  const std::string c = std::to_string(campaign_id_);
  const std::vector<Probe> probes = {
      {kReporter, "GET", "/dot/" + c + "/bao-cao/HP-AH-THTT", 200},
      {kReporter, "GET", "/dot/" + c + "/bao-cao/HP-AH-MN", 403},
      {kReporter, "GET", "/dot/" + c + "/bao-cao/HP-AD-THCS", 403},
      {kReporter, "GET", "/dot/" + c + "/tong-quan/HP-AH", 403},
      {kReporter, "GET", "/dot/" + c + "/tong-hop/HP-AH", 403},
      {kReporter, "POST", "/dot/" + c + "/tong-hop/HP-AH", 403},
      {kReporter, "POST", "/dot/" + c + "/bao-cao/HP-AH-MN", 403},
      {kViewer, "GET", "/dot/" + c + "/bao-cao/HP-AH-THTT", 200},
      {kViewer, "POST", "/dot/" + c + "/bao-cao/HP-AH-THTT", 403},
      {kViewer, "GET", "/dot/" + c + "/tong-quan/HP-AH", 200},
      {kViewer, "GET", "/dot/" + c + "/tong-quan/HP-AD", 403},
      {kViewer, "GET", "/dot/" + c + "/tong-hop/HP-AH", 200},
      {kViewer, "POST", "/dot/" + c + "/tong-hop/HP-AH", 403},
      {kCoordinator, "GET", "/dot/" + c + "/bao-cao/HP-AH-MN", 200},
      {kCoordinator, "GET", "/dot/" + c + "/bao-cao/HP-AD-THCS", 403},
      {kCoordinator, "GET", "/dot/" + c + "/tong-quan/HP-AH", 200},
      {kCoordinator, "GET", "/dot/" + c + "/tong-quan/HP", 403},
      {kCoordinator, "GET", "/dot/" + c + "/tong-quan/HP-AH/hoat-dong.svg", 200},
      {kCoordinator, "GET", "/dot/" + c + "/tong-quan/HP-AD/hoat-dong.svg", 403},
      {kCoordinator, "GET", "/dot/" + c + "/tong-hop/HP-AH", 200},
      {kCoordinator, "POST", "/dot/" + c + "/tong-hop/HP-AH", 303},
      {kCoordinator, "POST", "/dot/" + c + "/tong-hop/HP-AD", 403},
      {kAdmin, "GET", "/dot/" + c + "/tong-quan/HP", 200},
      {kAdmin, "GET", "/dot/" + c + "/bao-cao/HP-AD-THCS", 200},
  };
  std::map<std::string, std::string> cookies;
  for (const auto& probe : probes) {
    if (!cookies.count(probe.user)) cookies[probe.user] = sign_in(probe.user);
    HttpReply reply;
    if (probe.method == "GET") {
      reply = page_get(probe.path, cookies[probe.user]);
    } else {
      const std::string csrf = pages::csrf_token_for(cookies[probe.user].substr(20));
      reply = page_post(probe.path, cookies[probe.user],
                        "csrf=" + csrf + "&version=0&n.advantages=abc&action=save");
    }
    EXPECT_EQ(reply.status, probe.status) << probe.user << " " << probe.method << " " << probe.path;
    if (probe.status == 403) {
      EXPECT_NE(HtmlPage(reply.body).text("//p[@role='alert']").find("không có quyền"),
                std::string::npos)
          << probe.path;
    }
  }
}

TEST_F(PagesTest, APostWithoutTheCsrfTokenIsRefusedAndChangesNothing) {
  const std::string cookie = sign_in(kReporter);
  const nlohmann::json before = report_of("HP-AH-THTT");
  const HttpReply reply =
      page_post(report_page("HP-AH-THTT"), cookie, "version=0&action=save&f.banners=5");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(report_of("HP-AH-THTT"), before);
  const HttpReply forged = page_post(report_page("HP-AH-THTT"), cookie,
                                     "csrf=" + std::string(64, 'a') + "&version=0&action=save");
  EXPECT_EQ(forged.status, 400);
}

TEST_F(PagesTest, TheReportSavesWithoutJavaScriptAndRedirects) {
  const std::string cookie = sign_in(kReporter);
  const std::string csrf = csrf_of(page_get(report_page("HP-AH-THTT"), cookie).body);
  const HttpReply reply = page_post(
      report_page("HP-AH-THTT"), cookie,
      "csrf=" + csrf +
          "&version=0&action=save&f.banners=1.155&f.flag_talk_held=co&f.flag_talk_sessions=2"
          "&n.directives=2&t.directives.0.summary=K%E1%BA%BF+ho%E1%BA%A1ch&t.directives.0.date="
          "05%2F10%2F2025&t.directives.1.summary=");
  ASSERT_EQ(reply.status, 303) << reply.body;
  EXPECT_NE(reply.header("location").find("da-luu=1"), std::string::npos);
  const nlohmann::json saved = report_of("HP-AH-THTT");
  EXPECT_EQ(saved["values"]["banners"], 1155);
  EXPECT_EQ(saved["values"]["flag_talk_held"], true);
  ASSERT_EQ(saved["values"]["directives"].size(), 1u);  // the blank row is dropped
  EXPECT_EQ(saved["values"]["directives"][0]["date"], "2025-10-05");
}

TEST_F(PagesTest, ParticipantsAbovePopulationShowTheMessageNextToTheFieldAndSaveNothing) {
  const std::string cookie = sign_in(kReporter);
  const std::string csrf = csrf_of(page_get(report_page("HP-AH-THTT"), cookie).body);
  const nlohmann::json before = report_of("HP-AH-THTT");
  const HttpReply reply = page_post(report_page("HP-AH-THTT"), cookie,
                                    "csrf=" + csrf +
                                        "&version=0&action=save&f.participants_students=451"
                                        "&f.banners=abc");
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(
      HtmlPage(reply.body).text("//*[@id='f-banners-err']").rfind("Hãy nhập một số nguyên", 0), 0u);
  EXPECT_EQ(report_of("HP-AH-THTT"), before);
  const HttpReply second = page_post(report_page("HP-AH-THTT"), cookie,
                                     "csrf=" + csrf +
                                         "&version=0&action=save"
                                         "&f.participants_students=451");
  EXPECT_EQ(second.status, 422);
  const HtmlPage second_page(second.body);
  EXPECT_NE(second_page.text("//*[@id='f-participants_students-err']").find("(450)"),
            std::string::npos);
  // The typed value stays in the field so nothing is lost.
  EXPECT_EQ(second_page.attribute("//input[@id='f-participants_students']", "value"), "451");
  EXPECT_EQ(report_of("HP-AH-THTT"), before);
}

TEST_F(PagesTest, AStaleSaveShowsBothVersionsAndKeepsTheOtherSave) {
  const std::string cookie = sign_in(kReporter);
  const std::string csrf = csrf_of(page_get(report_page("HP-AH-THTT"), cookie).body);
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"banners", 9}}).status, 200);  // someone else, version 1
  const HttpReply reply = page_post(report_page("HP-AH-THTT"), cookie,
                                    "csrf=" + csrf + "&version=0&action=save&f.banners=4");
  EXPECT_EQ(reply.status, 409);
  const HtmlPage page(reply.body);
  // One differing row: the label, the user's value, the saved value.
  EXPECT_EQ(page.texts("//*[@id='conflict']//tbody/tr/td[position() > 1]"),
            (std::vector<std::string>{"4", "9"}));
  EXPECT_EQ(report_of("HP-AH-THTT")["values"]["banners"], 9);
  // The form now carries the newer version: saving again keeps the user's value knowingly.
  EXPECT_EQ(page.attribute("//form[@id='report-form']//input[@name='version']", "value"), "1");
}

// A submitted report's page shows its participation rate too, in the one percent format: 384 of
// the school's 480 people is "80,0%" (one decimal always, never "80%").
TEST_F(PagesTest, ASubmittedReportsPageShowsItsRateWithOneDecimal) {
  ASSERT_EQ(
      save_draft("HP-AH-THTT", {{"participants_students", 354}, {"participants_staff", 30}}).status,
      200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  const std::string cookie = sign_in(kReporter);
  const HttpReply page = page_get(report_page("HP-AH-THTT"), cookie);
  ASSERT_EQ(page.status, 200);
  const HtmlPage html(page.body);
  EXPECT_EQ(html.count("//form[@id='report-form']"), 0u);  // read only
  EXPECT_EQ(html.text("//*[@id='report-rate-value']"), "80,0%") << page.body;
}

// A report the commune returned with a comment: version 3 (save, submit, return).
class ReturnedReportPagesTest : public PagesTest {
 protected:
  void SetUp() override {
    PagesTest::SetUp();
    ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 3}, {"banners", 2}}).status, 200);
    ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
    const HttpReply returned = post(report_path("HP-AH-THTT") + "/return", token(kCoordinator),
                                    nlohmann::json{{"comment", kComment}}.dump());
    ASSERT_EQ(returned.status, 200) << returned.body;
  }

  // Posts the report form as `username` with the fields after "csrf=…&version=3&".
  HttpReply post_form(const std::string& username, const std::string& fields) {
    const std::string cookie = sign_in(username);
    const std::string csrf = csrf_of(page_get(report_page("HP-AH-THTT"), cookie).body);
    return page_post(report_page("HP-AH-THTT"), cookie, "csrf=" + csrf + "&version=3&" + fields);
  }

  static constexpr const char* kComment = "Số băng rôn chưa khớp với sổ theo dõi.";
};

TEST_F(ReturnedReportPagesTest, AnInvalidSaveByTheCoordinatorKeepsTheReviewBlockAndSavesNothing) {
  const nlohmann::json before = report_of("HP-AH-THTT");
  const HttpReply reply = post_form(kCoordinator, "action=save&f.banners=abc");
  EXPECT_EQ(reply.status, 422);
  const HtmlPage page(reply.body);
  EXPECT_EQ(page.count("//*[@id='f-banners-err']"), 1u);
  // Everything the page shows on a GET is still there after the refused save.
  EXPECT_EQ(page.count("//section[@id='review']"), 1u);
  EXPECT_EQ(page.text("//*[@id='return-comment']/p[@class='comment']"), kComment);
  EXPECT_EQ(page.count("//a[@id='history-link']"), 1u);
  EXPECT_EQ(page.count("//section[contains(@class, 'history')]"), 1u);
  EXPECT_EQ(page.attribute("//input[@id='f-banners']", "value"), "abc");  // the typed text stays
  EXPECT_EQ(report_of("HP-AH-THTT"), before);
}

TEST_F(ReturnedReportPagesTest, AnInvalidSaveByTheUnitKeepsTheReturnCommentAndSavesNothing) {
  const nlohmann::json before = report_of("HP-AH-THTT");
  const HttpReply reply = post_form(kReporter, "action=submit&f.banners=-4");
  EXPECT_EQ(reply.status, 422);
  const HtmlPage page(reply.body);
  EXPECT_EQ(page.count("//*[@id='error-summary']"), 1u);
  EXPECT_EQ(page.text("//*[@id='return-comment']/p[@class='comment']"), kComment);
  EXPECT_EQ(page.count("//*[@id='review']"), 0u);  // not the unit's to review
  EXPECT_EQ(report_of("HP-AH-THTT"), before);
}

TEST_F(ReturnedReportPagesTest, ARefusedSubmitKeepsTheReturnCommentAndTheReviewBlock) {
  // A directive without its required summary saves as a draft but cannot be submitted.
  const HttpReply reply = post_form(
      kCoordinator, "action=confirm_submit&f.banners=5&n.directives=1&t.directives.0.number=12");
  EXPECT_EQ(reply.status, 422) << reply.body;
  const HtmlPage page(reply.body);
  EXPECT_NE(page.text("//p[@id='notice']").find("chưa nộp được"), std::string::npos);
  EXPECT_EQ(page.count("//section[@id='review']"), 1u);
  EXPECT_EQ(page.text("//*[@id='return-comment']/p[@class='comment']"), kComment);
  const nlohmann::json after = report_of("HP-AH-THTT");
  EXPECT_EQ(after.value("status", ""), "draft");
  EXPECT_EQ(after["values"]["banners"], 5);
}

TEST_F(PagesTest, ScriptTypedInANarrativeShowsAsText) {
  const std::string cookie = sign_in(kReporter);
  const std::string csrf = csrf_of(page_get(report_page("HP-AH-THTT"), cookie).body);
  ASSERT_EQ(page_post(report_page("HP-AH-THTT"), cookie,
                      "csrf=" + csrf +
                          "&version=0&action=save&f.advantages=%3Cscript%3Ealert(1)"
                          "%3C%2Fscript%3E%22%27")
                .status,
            303);
  const std::string body = page_get(report_page("HP-AH-THTT"), cookie).body;
  // Raw bytes on purpose: these check the escaping itself.
  EXPECT_EQ(body.find("<script>alert"), std::string::npos);
  EXPECT_NE(body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&apos;"), std::string::npos);
}

TEST_F(PagesTest, TheConsolidatedNarrativeIsVersionedAndAStaleSaveConflicts) {
  const std::string cookie = sign_in(kCoordinator);
  const std::string path = "/dot/" + std::to_string(campaign_id_) + "/tong-hop/HP-AH";
  const std::string csrf = csrf_of(page_get(path, cookie).body);
  ASSERT_EQ(
      page_post(path, cookie, "csrf=" + csrf + "&version=0&n.advantages=Thu%E1%BA%ADn").status,
      303);
  const HttpReply stale =
      page_post(path, cookie, "csrf=" + csrf + "&version=0&n.advantages=Kh%C3%A1c");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(HtmlPage(stale.body).count("//*[@id='conflict']"), 1u);
  const HtmlPage page(page_get(path, cookie).body);
  EXPECT_EQ(page.text("//form[@id='narrative-form']//textarea[@name='n.advantages']"), "Thuận");
  EXPECT_EQ(page.texts("//section[contains(@class, 'history')]//li").size(), 1u);
  EXPECT_EQ(page.text("//section[contains(@class, 'history')]//li").rfind("Phiên bản 1 ", 0), 0u);
}

// Issue 18, item 5: the page says when its figures were taken, by the application's clock in
// Vietnam time, and a counted change read later shows with the later time.
TEST_F(PagesTest, TheConsolidatedPageStatesWhenItsFiguresWereTaken) {
  now_ = testing_support::vietnam_time(10, 11, 17, 0);
  const std::string cookie = sign_in(kCoordinator);
  const std::string path = "/dot/" + std::to_string(campaign_id_) + "/tong-hop/HP-AH";
  const HtmlPage before(page_get(path, cookie).body);
  EXPECT_EQ(before.text("//p[@id='cutoff']"), "Số liệu tính đến 17 giờ 00 ngày 11/10/2025.");
  // Below the page's title, above the figures it speaks of.
  EXPECT_EQ(before.count("//h1/following-sibling::p[@id='cutoff']"), 1u);

  now_ = testing_support::vietnam_time(10, 11, 17, 20);
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 3}}).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  const HtmlPage after(page_get(path, cookie).body);
  EXPECT_EQ(after.text("//p[@id='cutoff']"), "Số liệu tính đến 17 giờ 20 ngày 11/10/2025.");
}

TEST_F(PagesTest, TheConsolidatedPageFollowsARenamedOrMovedUnitAtOnce) {
  // The page's access check reads the node as it stood at the campaign's revision; a rename or a
  // move changes the revision, so neither a name nor a permission outlives it.
  const std::string coordinator = sign_in(kCoordinator);
  const std::string base = "/dot/" + std::to_string(campaign_id_) + "/tong-hop/";
  ASSERT_EQ(page_get(base + "HP-AH-THON1", coordinator).status, 200);
  const std::string title = "Báo cáo tổng hợp: ";
  ASSERT_EQ(HtmlPage(page_get(base + "HP-AH", coordinator).body).text("//h1"),
            title + "Xã An Hưng");

  UnitChanges rename;
  rename.name = "Xã An Hưng Mới";
  app_->units().update_unit(admin_, "HP-AH", rename);
  EXPECT_EQ(HtmlPage(page_get(base + "HP-AH", coordinator).body).text("//h1"),
            title + "Xã An Hưng Mới");

  UnitChanges move;
  move.parent_code = "HP";
  app_->units().update_unit(admin_, "HP-AH-THON1", move);
  EXPECT_EQ(page_get(base + "HP-AH-THON1", coordinator).status, 403);
  EXPECT_EQ(page_get(base + "HP-AH-THON1", sign_in(kViewer)).status, 403);
}

TEST_F(PagesTest, TheNavigationLinksToACampaignCreatedSinceTheLastPage) {
  // The navigation trusts its cached campaigns while the fingerprint read with the session
  // stands; a new campaign changes it.
  const std::string cookie = sign_in(kCoordinator);
  const std::string first =
      "//nav//a[@href='/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH']";
  ASSERT_EQ(HtmlPage(page_get("/thong-bao", cookie).body).count(first), 1u);
  Campaign next = testing_support::week_campaign_2025();
  next.issuer_code = "HP";
  next.name = "Tuần lễ hưởng ứng học tập suốt đời (đợt bổ sung)";
  const std::int64_t id = app_->campaigns().create_campaign(admin_, next).id;
  const HtmlPage page(page_get("/thong-bao", cookie).body);
  EXPECT_EQ(page.count("//nav//a[@href='/dot/" + std::to_string(id) + "/tong-quan/HP-AH']"), 1u);
  EXPECT_EQ(page.count(first), 0u);
}

TEST_F(PagesTest, UnitTextsHaveTheirOwnPagedListChecksAndAllForBadInput) {
  const std::string cookie = sign_in(kCoordinator);
  const std::string base = "/dot/" + std::to_string(campaign_id_) + "/tong-hop/";
  const HttpReply page = page_get(base + "HP-AH/y-kien/advantages", cookie);
  EXPECT_EQ(page.status, 200);
  const HtmlPage html(page.body);
  EXPECT_EQ(html.text("//h1"), "Thuận lợi: ý kiến của các đơn vị");
  EXPECT_EQ(html.count("//main//a[@href='" + base + "HP-AH']"), 1u);  // back
  for (const char* query :
       {"?trang=abc", "?trang=-5", "?trang=0", "?trang=99999999999999999999", "?trang=1&trang=2"}) {
    EXPECT_EQ(page_get(base + "HP-AH/y-kien/advantages" + query, cookie).status, 200) << query;
  }
  // Bytes that are not text are refused before any page is built, in Vietnamese.
  const HttpReply binary = page_get(base + "HP-AH/y-kien/advantages?trang=%00%ff", cookie);
  EXPECT_EQ(binary.status, 400);
  // Not a page: refused before any route, as the API's JSON error.
  EXPECT_NE(binary.body.find("Tham số truy vấn không hợp lệ"), std::string::npos);
  const HttpReply unknown = page_get(base + "HP-AH/y-kien/khong-co", cookie);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(HtmlPage(unknown.body).text("//p[@role='alert']").find("Không có phần nội dung này"),
            std::string::npos);
  EXPECT_EQ(page_get(base + "HP-AH/y-kien/" + std::string(5000, 'a'), cookie).status, 404);
  EXPECT_EQ(page_get(base + "HP-AD/y-kien/advantages", cookie).status, 403);
  EXPECT_EQ(page_get(base + "HP-AH/y-kien/advantages", sign_in(kReporter)).status, 403);
  EXPECT_EQ(page_get(base + "HP-AH/y-kien/advantages", sign_in(kViewer)).status, 200);
}

// The texts page is rendered once per campaign revision: a unit's submit moves the revision, so
// the text it wrote shows on the next request.
TEST_F(PagesTest, UnitTextsShowATextSubmittedSinceTheLastView) {
  const std::string cookie = sign_in(kCoordinator);
  const std::string path =
      "/dot/" + std::to_string(campaign_id_) + "/tong-hop/HP-AH/y-kien/advantages";
  const std::string text = "Thư viện mở cửa cả buổi tối";
  const std::string written = "//main//*[contains(text(), '" + text + "')]";
  ASSERT_EQ(page_get(path, cookie).status, 200);
  EXPECT_EQ(HtmlPage(page_get(path, cookie).body).count(written), 0u);
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"advantages", text}}).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  const HttpReply after = page_get(path, cookie);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(HtmlPage(after.body).count(written), 1u) << after.body;
}

TEST_F(PagesTest, PagesServedFromRenderedBodiesCarryEachSessionsOwnToken) {
  const std::string dashboard = "/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH";
  const std::string consolidated = "/dot/" + std::to_string(campaign_id_) + "/tong-hop/HP-AH";
  const std::string first = sign_in(kCoordinator);
  const std::string second = sign_in(kCoordinator);
  std::set<std::string> tokens;
  for (const std::string& cookie : {first, second, first, second}) {
    const std::string body = page_get(dashboard, cookie).body;
    EXPECT_EQ(body.find("__llw_csrf_token__"), std::string::npos);  // raw: no placeholder left
    // The sign-out form's token is the one the session's other pages carry.
    const std::string token = csrf_of(body);
    EXPECT_FALSE(token.empty());
    EXPECT_EQ(token, csrf_of(page_get(consolidated, cookie).body));
    tokens.insert(token);
  }
  EXPECT_EQ(tokens.size(), 2u);
  // What a page offers follows its reader: the coordinator edits, the viewer of the same node
  // reads, whatever was rendered before.
  const std::string viewer = sign_in(kViewer);
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(HtmlPage(page_get(consolidated, first).body).count("//form[@id='narrative-form']"),
              1u);
    const std::string read_only = page_get(consolidated, viewer).body;
    EXPECT_EQ(HtmlPage(read_only).count("//form[@id='narrative-form']"), 0u);
    EXPECT_EQ(read_only.find("__llw_csrf_token__"), std::string::npos);  // raw: no placeholder left
  }
  // Signing out with the token of a page served from the cache works.
  EXPECT_EQ(
      page_post("/dang-xuat", first, "csrf=" + csrf_of(page_get(dashboard, first).body)).status,
      303);
}

TEST_F(PagesTest, TheDashboardAndConsolidatedPagesShowTheSummaryApisFiguresAtEveryLevel) {
  // Two schools of two communes submit; a village keeps a draft.
  for (const auto& [unit, students] : {std::pair{"HP-AH-THTT", 300}, {"HP-AD-THCS", 450}}) {
    const UnitReport saved = app_->reports().save_draft(
        admin_, campaign_id_, unit, 0,
        {{"banners", 2}, {"media_articles", 3}, {"participants_students", students}}, {});
    app_->reports().submit(admin_, campaign_id_, unit, saved.version);
  }
  app_->reports().save_draft(admin_, campaign_id_, "HP-AH-THON1", 0, {{"banners", 1}}, {});
  const std::string cookie = sign_in(kAdmin);
  const auto text_of = [](const std::string& html, const std::string& pattern) {
    std::smatch match;
    return std::regex_search(html, match, std::regex(pattern)) ? match[1].str() : "(không có)";
  };
  const auto count = [](const nlohmann::json& value) {
    EXPECT_TRUE(value.is_number()) << value.dump();
    return value.is_number() ? pages::format_count(value.get<double>()) : value.dump();
  };
  const std::string c = std::to_string(campaign_id_);
  for (const std::string node : {"HP", "HP-AH", "HP-AD"}) {
    const nlohmann::json api = nlohmann::json::parse(get(summary_path(node), token(kAdmin)).body);
    ASSERT_TRUE(api.contains("expected")) << api.dump();
    const std::string dashboard = page_get("/dot/" + c + "/tong-quan/" + node, cookie).body;
    const auto figure = [&](const std::string& id) {
      return text_of(dashboard, "id=\"count-" + id + "\">([^<]*)<");
    };
    EXPECT_EQ(figure("expected"), count(api["expected"])) << node;
    EXPECT_EQ(figure("submitted"), count(api["submitted"])) << node;
    EXPECT_EQ(figure("on-time"), count(api["on_time"])) << node;
    EXPECT_EQ(figure("late"), count(api["late"])) << node;
    EXPECT_EQ(figure("missing"), count(api["missing_count"])) << node;
    const std::string consolidated = page_get("/dot/" + c + "/tong-hop/" + node, cookie).body;
    const auto row = [&](const std::string& label) {
      return text_of(consolidated, "<th scope=\"row\">" + label + "</th><td class=\"n\">([^<]*)<");
    };
    EXPECT_EQ(row("Đơn vị phải báo cáo"), count(api["expected"])) << node;
    EXPECT_EQ(row("Đơn vị đã nộp"), count(api["submitted"])) << node;
    EXPECT_EQ(row("Chưa nộp"), count(api["missing_count"])) << node;
    EXPECT_EQ(row("Người tham gia \\(các nhóm có số liệu\\)"),
              count(api["participation"]["participants"]))
        << node;
  }
  // The figures are not all zero: the commune's page counts its one submitted school of three.
  const std::string commune = page_get("/dot/" + c + "/tong-quan/HP-AH", cookie).body;
  EXPECT_EQ(text_of(commune, "id=\"count-submitted\">([^<]*)<"), "1");
  EXPECT_EQ(text_of(commune, "id=\"count-expected\">([^<]*)<"), "3");
}

TEST_F(PagesTest, AnImportWithABadRowShowsTheRowAndWritesNothingThenTheFixedFileImports) {
  const std::string cookie = sign_in(kAdmin);
  const std::string csrf = csrf_of(page_get("/quan-tri/nhap-don-vi", cookie).body);
  ASSERT_FALSE(csrf.empty());
  const auto upload = [&](const std::string& csv) {
    return post_import(cookie, csrf, "don-vi.csv", "text/csv", csv);
  };
  const std::string good_row = "HP-AH-THON9,Thôn Chín,village,HP-AH\n";
  const HttpReply bad =
      upload("code,name,kind,parent\n" + good_row + "HP-AH-X,Thôn Lỗi,village,KHONG-CO\n");
  EXPECT_EQ(bad.status, 422);
  const std::vector<std::string> row_errors =
      HtmlPage(bad.body).texts("//*[@id='import-errors']//ul[@class='row-errors']/li");
  ASSERT_EQ(row_errors.size(), 1u);
  EXPECT_EQ(row_errors[0].rfind("Dòng 3, cột Đơn vị cấp trên: ", 0), 0u) << row_errors[0];
  EXPECT_EQ(get("/api/v1/units/HP-AH-THON9", token(kAdmin)).status, 404);
  const HttpReply fixed = upload("code,name,kind,parent\n" + good_row);
  EXPECT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(HtmlPage(fixed.body).count("//*[@id='import-result']"), 1u);
  EXPECT_EQ(get("/api/v1/units/HP-AH-THON9", token(kAdmin)).status, 200);
  // A reporter may not import.
  const std::string reporter = sign_in(kReporter);
  EXPECT_EQ(page_get("/quan-tri/nhap-don-vi", reporter).status, 403);
}

TEST_F(PagesTest, AnOversizedImportShowsTheImportPageWithTheLimitAndWritesNothing) {
  const std::string cookie = sign_in(kAdmin);
  const HtmlPage form(page_get("/quan-tri/nhap-don-vi", cookie).body);
  const std::string csrf = form.attribute("//input[@name='csrf']", "value");
  ASSERT_FALSE(csrf.empty());
  // The page tells the browser the largest file and the words that refuse a larger one.
  const std::string limit = form.attribute("//input[@id='file']", "data-max-bytes");
  ASSERT_FALSE(limit.empty());
  EXPECT_LT(std::stoul(limit), kMaxBody);
  const std::string expected =
      "Tệp nhập quá lớn: tối đa 64 KB. Hãy chia danh sách thành nhiều "
      "tệp nhỏ hơn rồi nhập lần lượt.";
  EXPECT_EQ(form.attribute("//input[@id='file']", "data-too-large-message"), expected);

  // A file a little over the limit (the transport still reads it): the import page again with
  // the message, status 413, and nothing written.
  std::string csv = "code,name,kind,parent\nHP-AH-TO,Thôn To,village,HP-AH\n";
  csv.resize(kMaxBody + 1024, ' ');
  const HttpReply reply = post_import(cookie, csrf, "don-vi.csv", "text/csv", csv);
  EXPECT_EQ(reply.status, 413);
  const HtmlPage html(reply.body);
  EXPECT_EQ(html.text("//*[@id='import-message']"), expected) << reply.body.substr(0, 500);
  EXPECT_EQ(html.count("//form[@action='/quan-tri/nhap-don-vi']//input[@type='file']"), 1u);
  EXPECT_EQ(get("/api/v1/units/HP-AH-TO", token(kAdmin)).status, 404);
  // Without the session's CSRF token it is refused as any other forged post.
  EXPECT_EQ(post_import(cookie, "0000", "don-vi.csv", "text/csv", csv).status, 400);
  // Other pages still refuse a large body with the error page.
  EXPECT_EQ(page_post("/doi-mat-khau", cookie, "csrf=" + csrf + "&x=" + std::string(kMaxBody, 'a'))
                .status,
            413);
}

TEST_F(PagesTest, TheImportPageOffersTheTemplateAsXlsxAndCsv) {
  const std::string cookie = sign_in(kCoordinator);
  const HtmlPage html(page_get("/quan-tri/nhap-don-vi", cookie).body);
  EXPECT_EQ(html.attribute("//a[@id='template-xlsx']", "href"), "/quan-tri/nhap-don-vi?mau=xlsx");
  const HttpReply xlsx = page_get("/quan-tri/nhap-don-vi?mau=xlsx", cookie);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK\x03\x04", 0), 0u);
  EXPECT_NE(xlsx.header("content-disposition").find("mau-nhap-don-vi.xlsx"), std::string::npos);
  const HttpReply csv = page_get("/quan-tri/nhap-don-vi?mau=csv", cookie);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Mã,Tên,Loại"), std::string::npos);
  EXPECT_NE(csv.body.find("Trường học"), std::string::npos);
  for (const char* other : {"pdf", "..%2F..%2Fetc%2Fpasswd", "xlsx%00.exe", ""}) {
    EXPECT_EQ(page_get(std::string("/quan-tri/nhap-don-vi?mau=") + other, cookie).status, 404)
        << other;
  }
  EXPECT_EQ(page_get("/quan-tri/nhap-don-vi?mau=csv", sign_in(kReporter)).status, 403);
}

TEST_F(PagesTest, AWrongImportFileShowsTheImportPageWithEveryProblemAndWritesNothing) {
  const std::string cookie = sign_in(kAdmin);
  const std::string csrf = csrf_of(page_get("/quan-tri/nhap-don-vi", cookie).body);
  const auto upload = [&](const std::string& file_name, const std::string& type,
                          const std::string& bytes) {
    return post_import(cookie, csrf, file_name, type, bytes);
  };
  const std::string items = "//*[@id='import-errors']//ul[@class='row-errors']/li";
  // Files that cannot be read at all: one problem of the whole file, on the import page.
  const std::vector<std::pair<std::string, std::string>> unreadable = {
      {"anh.png", "\x89PNG\r\n\x1a\n"},
      {"bang.xlsx", "PK\x03\x04not a workbook"},
      {"don-vi.csv", "code,name,kind\nA,\xC3\x28,village\n"},
      {"don-vi.csv", "\n\n"},
      {"<script>alert(1)</script>.csv", "code,name,kind\nA,\"unclosed,village\n"}};
  for (const auto& [file_name, bytes] : unreadable) {
    const HttpReply reply = upload(file_name, "application/octet-stream", bytes);
    EXPECT_EQ(reply.status, 422) << file_name;
    const HtmlPage html(reply.body);
    const std::vector<std::string> problems = html.texts(items);
    ASSERT_EQ(problems.size(), 1u) << file_name << reply.body.substr(0, 300);
    EXPECT_EQ(problems[0].rfind("Cả tệp: ", 0), 0u) << problems[0];
    EXPECT_EQ(html.count("//form[@action='/quan-tri/nhap-don-vi']//input[@type='file']"), 1u);
    EXPECT_EQ(reply.body.find("<script>alert"), std::string::npos);
  }
  // Every header problem at once, each with its row and column.
  const HttpReply header =
      upload("don-vi.csv", "text/csv", "Mã,code,Màu,Loại\nHP-AH-Q,HP-AH-Q,đỏ,Thôn\n");
  EXPECT_EQ(header.status, 422);
  const std::vector<std::string> header_problems = HtmlPage(header.body).texts(items);
  ASSERT_EQ(header_problems.size(), 3u) << header.body;
  for (const std::string& text : header_problems) {
    EXPECT_EQ(text.rfind("Dòng 1 (tiêu đề), cột ", 0), 0u) << text;
  }
  // Bad rows: every row's every problem, nothing written.
  const HttpReply rows = upload("don-vi.csv", "text/csv",
                                "Mã,Tên,Loại,Đơn vị cấp trên,Số học sinh\n"
                                "HP-AH-R1,Thôn Một,Thôn,HP-AH,\n"
                                "HP-AH-R2,,Thôn,HP-AH,\n"
                                "HP-AH-R3,Trường Ba,Bệnh viện,HP-AH,mười\n");
  EXPECT_EQ(rows.status, 422);
  const std::vector<std::string> row_problems = HtmlPage(rows.body).texts(items);
  ASSERT_EQ(row_problems.size(), 3u) << rows.body;
  EXPECT_EQ(row_problems[0].rfind("Dòng 3, cột Tên: ", 0), 0u) << row_problems[0];
  EXPECT_EQ(row_problems[1].rfind("Dòng 4, cột Loại: ", 0), 0u) << row_problems[1];
  EXPECT_EQ(row_problems[2].rfind("Dòng 4, cột Số học sinh: ", 0), 0u) << row_problems[2];
  EXPECT_EQ(get("/api/v1/units/HP-AH-R1", token(kAdmin)).status, 404);
  // The API answers the same list as JSON.
  const HttpReply api =
      http_->send("POST", "/api/v1/units/import", "Mã,Tên,Loại,Màu\nA,B,Thôn,đỏ\n",
                  {"Authorization: Bearer " + token(kAdmin), "Content-Type: text/csv"});
  EXPECT_EQ(api.status, 422);
  ASSERT_EQ(api.json()["errors"].size(), 1u) << api.body;
  EXPECT_EQ(api.json()["errors"][0].value("row", -1), 1);
  EXPECT_EQ(api.json()["errors"][0].value("column", ""), "Màu");
  const HttpReply api_file =
      http_->send("POST", "/api/v1/units/import", "x",
                  {"Authorization: Bearer " + token(kAdmin), "Content-Type: application/pdf"});
  EXPECT_EQ(api_file.status, 422);
  EXPECT_EQ(api_file.json()["errors"][0].value("row", -1), 0);
}

// --- View functions ---------------------------------------------------------------------------

// Every detail the application stores in English reads in Vietnamese on the audit page.
TEST(AuditLabels, DetailsStoredInEnglishReadInVietnamese) {
  struct Case {
    const char* action;
    const char* detail;
    const char* words;
  };
  const Case cases[] = {
      {"user.update", "role=coordinator unit=HP-AH disabled=1 name",
       "vai trò: Điều phối; đơn vị: HP-AH; khóa tài khoản; họ tên"},
      {"user.create", "reporter one-time", "vai trò: Báo cáo viên; mật khẩu dùng một lần"},
      {"unit.move", "parent HP-AH → HP-AD", "Sửa: đơn vị cấp trên HP-AH → HP-AD"},
      {"campaign.settings",
       "2025-10-01..2025-10-07 deadline 2025-10-12 lock 2025-10-15 source accepted kinds "
       "school,village",
       "thời gian 01/10/2025 – 07/10/2025; hạn nộp 12/10/2025; khóa sổ 15/10/2025; nguồn số liệu "
       "tổng hợp: chỉ báo cáo tổng hợp đã được chấp nhận; đơn vị báo cáo: Trường học, Thôn"},
      {"report.extension", "2025-10-20", "đến 20/10/2025"},
      {"unit.import", "12 created, 3 updated", "12 đơn vị mới, 3 đơn vị cập nhật"},
      {"unit.import", "4 rows with errors, nothing written",
       "4 dòng có lỗi, không đơn vị nào được lưu"},
      {"login", "password", "mật khẩu"},
      {"plan.issue", "version 3", "phiên bản 3"},
      {"reminder.send", "d-3 → th1@anhung.edu.vn",
       "nhắc 3 ngày trước hạn, gửi tới th1@anhung.edu.vn"},
      {"review.mail", "review-5 → th1@anhung.edu.vn",
       "thông báo kết quả duyệt (phiên bản 5), gửi tới th1@anhung.edu.vn"},
      // Free text (a comment, a unit's name) stays as it was written.
      {"report.return", "Thiếu số liệu mục II", "Thiếu số liệu mục II"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(pages::audit_detail_label(c.action, c.detail), c.words) << c.action;
  }
  EXPECT_EQ(pages::audit_action_label("consolidated.submit"), "Gửi báo cáo tổng hợp lên cấp trên");
  EXPECT_EQ(pages::audit_action_label("consolidated.signed_copy"),
            "Tải lên bản báo cáo tổng hợp đã ký số");
  EXPECT_EQ(pages::audit_action_label("plan."), "Mọi thao tác với kế hoạch");
  // The actions of the yearly cycle and of evidence (issues 18 and 19) are named too.
  EXPECT_EQ(pages::audit_action_label("unit.predecessors"), "Ghi các đơn vị được sáp nhập");
  EXPECT_EQ(pages::audit_action_label("evidence.attach"), "Đính kèm minh chứng");
  EXPECT_EQ(pages::audit_action_label("report.file_entry"), "Nhập báo cáo từ tệp");
  EXPECT_EQ(pages::audit_target_label("campaign 3 / HP-AH-THTT"), "Đợt 3 / HP-AH-THTT");
  EXPECT_EQ(pages::audit_target_label("text/csv"), "Tệp CSV");
  EXPECT_EQ(pages::audit_outcome_label("forbidden"), "Bị từ chối: không có quyền");
}

TEST(ReportFormView, PostedFieldsBecomeTypedValues) {
  const auto form = load_form(nlohmann::json::parse(R"({
    "id": "t", "title": "T", "version": 1,
    "sections": [{"key": "I", "title": "I", "items": [
      {"key": "n", "label": "N", "type": "count", "aggregate": "sum"},
      {"key": "r", "label": "R", "type": "percent"},
      {"key": "d", "label": "D", "type": "date"},
      {"key": "y", "label": "Y", "type": "yes_no"},
      {"key": "t", "label": "T", "type": "table", "columns": [
        {"key": "a", "label": "A", "type": "short_text"},
        {"key": "b", "label": "B", "type": "count"}]}]}]})"),
                              "test");
  const auto posted = pages::values_from_fields(*form, {{"f.n", "1.155"},
                                                        {"f.r", "87,5"},
                                                        {"f.d", "5/10/2025"},
                                                        {"f.y", "khong"},
                                                        {"n.t", "2"},
                                                        {"t.t.0.a", "x"},
                                                        {"t.t.0.b", "12a"},
                                                        {"t.t.1.a", ""}});
  EXPECT_EQ(posted.values["n"], 1155);
  EXPECT_DOUBLE_EQ(posted.values["r"].get<double>(), 87.5);
  EXPECT_EQ(posted.values["d"], "2025-10-05");
  EXPECT_EQ(posted.values["y"], false);
  ASSERT_EQ(posted.values["t"].size(), 2u);
  EXPECT_EQ(posted.errors.at("t[0].b").rfind("Hãy nhập một số nguyên", 0), 0u);
  const auto saved = pages::values_for_saving(*form, posted.values);
  EXPECT_EQ(saved["t"].size(), 1u);
}

TEST(ConsolidatedView, APartWithMoreTextsThanShownLinksToTheirList) {
  const auto form = load_form(nlohmann::json::parse(R"({
    "id": "t", "title": "T", "version": 1,
    "sections": [{"key": "I", "title": "I", "items": [
      {"key": "advantages", "label": "Thuận lợi", "type": "narrative",
       "aggregate": "texts_by_unit"}]}]})"),
                              "test");
  Campaign campaign;
  campaign.id = 7;
  campaign.form = form;
  OrgUnit node;
  node.code = "HP";
  node.name = "Thành phố Hải Phòng";
  Summary summary;
  for (int i = 0; i < 10; ++i) {
    summary.narratives["advantages"].push_back({"U" + std::to_string(i), "Đơn vị", "Tốt"});
  }
  summary.narrative_counts = {{"advantages", 1234}, {"difficulties", 0}};
  pages::ConsolidatedInput input;
  input.campaign = &campaign;
  input.node = &node;
  input.summary = &summary;
  input.base_href = "/dot/7/tong-hop/HP";
  const auto view = pages::consolidated_view(input);
  for (const auto& part : view["parts"]) {
    if (part["key"] == "advantages") {
      EXPECT_EQ(part["unit_texts"].size(), 10u);
      EXPECT_EQ(part["unit_count"], "1.234");
      EXPECT_EQ(part["all_href"], "/dot/7/tong-hop/HP/y-kien/advantages");
    } else {
      EXPECT_FALSE(part.contains("all_href")) << part["key"];
    }
  }
}

TEST(DashboardView, ShowsOnePageWithEachFiltersCountAndLinksThatKeepTheSearch) {
  const auto form = load_form(nlohmann::json::parse(R"({
    "id": "t", "title": "T", "version": 1,
    "sections": [{"key": "I", "title": "I", "items": [
      {"key": "n", "label": "N", "type": "count", "aggregate": "sum"}]}]})"),
                              "test");
  auto figures = std::make_shared<DashboardFigures>();
  figures->campaign.id = 7;
  figures->campaign.form = form;
  figures->node.name = "Xã An Hưng";
  figures->node.code = "HP-AH";
  figures->counts.all = {120, 80, 70, 10, 40};
  figures->counts.by_kind[UnitKind::school] = {100, 75, 66, 9, 25};
  figures->counts.by_status = {{ReportStatus::not_started, 30},
                               {ReportStatus::draft, 10},
                               {ReportStatus::submitted, 50},
                               {ReportStatus::returned, 0},
                               {ReportStatus::accepted, 30}};
  Dashboard dashboard;
  dashboard.figures = figures;
  dashboard.filter = ReportFilter::missing;
  dashboard.matching = 40;
  dashboard.page_number = 2;
  dashboard.page_count = 3;
  ReportListRow row;
  row.code = "HP-AH-TH";
  row.name = "Trường Tiểu học An Hưng";
  row.kind = UnitKind::school;
  row.parent_name = "Xã An Hưng";
  row.email = "th@anhung.edu.vn";
  row.status = ReportStatus::returned;
  row.late = true;  // late but not counted: no "Muộn" badge
  dashboard.listed = std::make_shared<const ReportListPage>(ReportListPage{{row}, std::nullopt});
  pages::DashboardInput input;
  input.dashboard = &dashboard;
  input.query = "tiểu học & <b>";
  input.base_href = "/dot/7/tong-quan/HP-AH";

  const auto view = pages::dashboard_view(input);
  ASSERT_EQ(view["units"].size(), 1u);
  EXPECT_EQ(view["units"][0]["parent"], "Xã An Hưng");
  EXPECT_EQ(view["units"][0]["status"], "Bị trả lại");
  EXPECT_EQ(view["units"][0]["late"], false);
  EXPECT_EQ(view["units"][0]["href"], "/dot/7/bao-cao/HP-AH-TH");
  EXPECT_EQ(view["unit_count"], "40");
  EXPECT_EQ(view["paging"]["page"], "2");
  EXPECT_EQ(view["paging"]["pages"], "3");
  const std::string kept = "/dot/7/tong-quan/HP-AH?q=ti%E1%BB%83u%20h%E1%BB%8Dc%20%26%20%3Cb%3E";
  EXPECT_EQ(view["paging"]["previous_href"], kept + "&trang-thai=missing");  // page 1: no trang
  EXPECT_EQ(view["paging"]["next_href"], kept + "&trang-thai=missing&trang=3");
  std::map<std::string, std::string> labels;
  for (const auto& filter : view["filters"]) {
    labels[filter["value"]] = filter["label"];
    EXPECT_EQ(filter["selected"], filter["value"] == "missing");
  }
  EXPECT_EQ(labels[""], "Tất cả (120)");
  EXPECT_EQ(labels["missing"], "Chưa nộp (40)");
  EXPECT_EQ(labels["late"], "Nộp muộn (10)");
  EXPECT_EQ(labels["awaiting"], "Chờ duyệt (50)");
  EXPECT_EQ(labels["draft"], "Đang soạn (10)");
  ASSERT_EQ(view["kinds"].size(), 1u);
  EXPECT_EQ(view["kinds"][0]["kind"], "Trường học");
  EXPECT_EQ(view["kinds"][0]["missing"], "25");
}

}  // namespace
}  // namespace llw::test

namespace llw::test {
namespace {

TEST_F(PagesTest, AUnitsPageShowsItsCommunesPlanItsOwnTasksAndItsDeadline) {
  const std::string plan = "/api/v1/campaigns/" + std::to_string(campaign_id_) + "/plans/HP-AH";
  const nlohmann::json draft = {
      {"version", 0},
      {"number", "83/KH-UBND"},
      {"issued_on", "2025-10-01"},
      {"deadline", "2025-10-09"},
      {"lock_date", "2025-10-10"},
      {"content",
       {{"assignments",
         {{{"title", "Các cơ sở giáo dục trên địa bàn"},
           {"tasks", {"Tổ chức Ngày hội đọc sách <b>năm nay</b>."}}},
          {{"title", "Các thôn"}, {"tasks", {"Tuyên truyền trên loa truyền thanh."}}}}}}}};
  ASSERT_EQ(put(plan, token(kCoordinator), draft.dump()).status, 200);
  const std::string cookie = sign_in(kReporter);
  // A draft is not the school's yet: the campaign's deadline, no plan.
  const std::string deadline = "//p[@class='dates']/strong[2]";
  std::string page = page_get(report_page("HP-AH-THTT"), cookie).body;
  EXPECT_EQ(HtmlPage(page).text(deadline), "12/10/2025");
  EXPECT_EQ(HtmlPage(page).count("//*[@id='plan-above']"), 0u);

  ASSERT_EQ(post(plan + "/issue", token(kCoordinator), R"({"version":1})").status, 200);
  page = page_get(report_page("HP-AH-THTT"), cookie).body;
  const HtmlPage issued(page);
  EXPECT_EQ(issued.text(deadline), "09/10/2025");
  EXPECT_EQ(issued.text("//*[@id='plan-above']/p")
                .rfind("Theo Kế hoạch số 83/KH-UBND ngày 01/10/2025 của Xã An Hưng", 0),
            0u)
      << page.substr(0, 3000);
  // Its own tasks; the villages' are not the school's.
  EXPECT_EQ(issued.texts("//*[@id='plan-tasks']//li"),
            std::vector<std::string>{"Tổ chức Ngày hội đọc sách <b>năm nay</b>."});
  // Raw bytes on purpose: the task's markup is escaped.
  EXPECT_NE(page.find("Tổ chức Ngày hội đọc sách &lt;b&gt;năm nay&lt;/b&gt;."), std::string::npos);
}

}  // namespace
}  // namespace llw::test
