// The review workflow in the browser, over real HTTP with cookie sessions: who sees and may use
// the return/accept/reopen/extension forms, refused input shown again with a Vietnamese message
// and nothing changed, the returned report's comment on the unit's form, the lock-date message,
// the unit report's exports, the history page's difference, the audit page with filters and CSV,
// and the coordinators' notifications.

#include <gtest/gtest.h>

#include <regex>

#include "app/accounts.h"
#include "app/reports.h"
#include "html_query.h"
#include "web/pages/page_support.h"
#include "web/pages/workflow_view.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;

// A signed-in browser: its Cookie header and the CSRF token of its session.
struct Session {
  std::string cookie;
  std::string csrf;
};

class WorkflowPagesTest : public WebFixture {
 protected:
  const json values_{{"media_articles", 3}, {"banners", 2}, {"advantages", "Có nhiều thuận lợi."}};

  void SetUp() override {
    WebFixture::SetUp();
    app_->accounts().add_user(kOtherCoordinator, "Điều phối An Dương", Role::coordinator, "HP-AD",
                              kPassword);
  }

  Session sign_in(const std::string& username) {
    const HttpReply form = http_->send("GET", "/dang-nhap");
    const std::string pre = match(form.header("set-cookie"), "llw_pre=([^;]*)");
    const HttpReply reply = http_->send(
        "POST", "/dang-nhap", "csrf=" + pre + "&username=" + username + "&password=" + kPassword,
        {"Cookie: llw_pre=" + pre, "Content-Type: application/x-www-form-urlencoded"});
    EXPECT_EQ(reply.status, 303) << username << ": " << reply.body;
    const std::string token = match(reply.header("set-cookie"), "llw_session=([^;]*)");
    return {"Cookie: llw_session=" + token, pages::csrf_token_for(token)};
  }

  static std::string match(const std::string& text, const std::string& pattern) {
    std::smatch found;
    return std::regex_search(text, found, std::regex(pattern)) ? found[1].str() : std::string();
  }

  HttpReply open(const Session& session, const std::string& path) {
    return http_->send("GET", path, {}, {session.cookie});
  }

  // Posts a form with the session's CSRF token (unless `with_csrf` is false).
  HttpReply send_form(const Session& session, const std::string& path, const std::string& fields,
                      bool with_csrf = true) {
    const std::string body = (with_csrf ? "csrf=" + session.csrf + "&" : std::string()) + fields;
    return http_->send("POST", path, body,
                       {session.cookie, "Content-Type: application/x-www-form-urlencoded"});
  }

  std::string page_of(const std::string& unit) const {
    return "/dot/" + std::to_string(campaign_id_) + "/bao-cao/" + unit;
  }
  std::string review_of(const std::string& unit) const { return page_of(unit) + "/duyet"; }

  void submit(const std::string& unit = "HP-AH-THTT", const std::string& user = kReporter) {
    ASSERT_EQ(save_draft(unit, values_, user).status, 200);
    const HttpReply submitted = post(report_path(unit) + "/submit", token(user));
    ASSERT_EQ(submitted.status, 200) << submitted.body;
  }

  std::string status_of(const std::string& unit) { return report_of(unit).value("status", ""); }

  static constexpr const char* kOtherCoordinator = "coord.anduong";
};

TEST_F(WorkflowPagesTest, OnlyTheLevelAboveSeesTheReviewFormsAndOthersAreRefused) {
  submit();
  const Session reporter = sign_in(kReporter);
  const Session viewer = sign_in(kViewer);
  const Session coordinator = sign_in(kCoordinator);
  const Session outsider = sign_in(kOtherCoordinator);

  const std::string review_buttons = "//section[@id='review']//button[@name='action']/@value";
  const HtmlPage mine(open(reporter, page_of("HP-AH-THTT")).body);
  EXPECT_EQ(mine.count("//section[@id='review']"), 0u);
  const HtmlPage viewed(open(viewer, page_of("HP-AH-THTT")).body);
  EXPECT_EQ(viewed.count("//section[@id='review']"), 0u);
  const HtmlPage reviewed(open(coordinator, page_of("HP-AH-THTT")).body);
  // Accept and return; not reopen, the report is not accepted yet.
  EXPECT_EQ(reviewed.texts(review_buttons), (std::vector<std::string>{"accept", "return"}));
  EXPECT_EQ(open(outsider, page_of("HP-AH-THTT")).status, 403);

  // Posting anyway: 403 and the report stays submitted.
  for (const Session* refused : {&reporter, &viewer, &outsider}) {
    EXPECT_EQ(send_form(*refused, review_of("HP-AH-THTT"), "action=accept").status, 403);
    EXPECT_EQ(send_form(*refused, review_of("HP-AH-THTT"), "action=return&comment=Sai").status,
              403);
  }
  EXPECT_EQ(status_of("HP-AH-THTT"), "submitted");
}

TEST_F(WorkflowPagesTest, AReturnNeedsACommentWhichTheUnitThenSeesEscapedAtTheTopOfItsForm) {
  submit();
  const Session coordinator = sign_in(kCoordinator);
  const HttpReply missing =
      send_form(coordinator, review_of("HP-AH-THTT"), "action=return&version=2&comment=+++");
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(HtmlPage(missing.body)
                .text("//section[@id='review']/p[@id='review-error']")
                .find("Hãy ghi nhận xét"),
            std::string::npos);
  EXPECT_EQ(status_of("HP-AH-THTT"), "submitted");

  const HttpReply returned =
      send_form(coordinator, review_of("HP-AH-THTT"),
                "action=return&version=2&comment=Thi%E1%BA%BFu+s%E1%BB%91+li%E1%BB%87u+"
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_EQ(returned.status, 303) << returned.body;
  EXPECT_NE(returned.header("location").find("?da-tra-lai=1"), std::string::npos);
  EXPECT_NE(HtmlPage(open(coordinator, returned.header("location")).body)
                .text("//p[@id='notice']")
                .find("Đã trả lại báo cáo"),
            std::string::npos);
  EXPECT_EQ(status_of("HP-AH-THTT"), "returned");

  const std::string form = open(sign_in(kReporter), page_of("HP-AH-THTT")).body;
  // The comment, as text, comes before the form the unit edits.
  EXPECT_EQ(HtmlPage(form).text("//*[@id='return-comment'][following::form[@id='report-form']]"
                                "/p[@class='comment']"),
            "Thiếu số liệu <script>alert(1)</script>");
  // Raw bytes on purpose: these check the escaping itself.
  EXPECT_NE(form.find("Thiếu số liệu &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(form.find("<script>alert"), std::string::npos);
}

TEST_F(WorkflowPagesTest, TheReviewPageReadsLikeTheDocumentWithTheDecisionAtHandForReviewersOnly) {
  submit();
  const Session coordinator = sign_in(kCoordinator);
  const HtmlPage reviewed(open(coordinator, page_of("HP-AH-THTT")).body);
  // The report's figures as pairs, the decision bar (accept, and a link to the return form), and
  // a return comment checked in Vietnamese rather than by the browser's own bubble.
  EXPECT_EQ(reviewed.text("//dl[@class='figures-list']/div[@id='r-media_articles']/dd"), "3");
  EXPECT_EQ(reviewed.count("//div[@id='decision-bar']//button[@value='accept']"), 1u);
  EXPECT_EQ(reviewed.text("//div[@id='decision-bar']//a[@id='bar-return']/@href"), "#return-form");
  EXPECT_EQ(reviewed.count("//textarea[@id='return-comment-text'][@required]"), 0u);
  EXPECT_NE(reviewed.text("//textarea[@id='return-comment-text']/@data-required-message")
                .find("Hãy ghi nhận xét"),
            std::string::npos);
  EXPECT_EQ(reviewed.text("//a[@id='print-report']/@href"),
            page_of("HP-AH-THTT") + "/xuat/pdf?in=1");
  EXPECT_EQ(reviewed.count("//form[@id='report-form']"), 0u);

  // The unit reads its submitted report the same way, without anything to decide.
  const HtmlPage mine(open(sign_in(kReporter), page_of("HP-AH-THTT")).body);
  EXPECT_EQ(mine.text("//div[@id='r-media_articles']/dd"), "3");
  EXPECT_EQ(mine.count("//div[@id='decision-bar']"), 0u);
  EXPECT_EQ(mine.count("//section[@id='review']"), 0u);

  // Without JavaScript the server answers an empty comment with the same words, under the box.
  const HttpReply missing =
      send_form(coordinator, review_of("HP-AH-THTT"), "action=return&version=2&comment=");
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(HtmlPage(missing.body).text("//p[@id='return-comment-error']").find("Hãy ghi nhận xét"),
            std::string::npos);
}

TEST_F(WorkflowPagesTest, InBaoCaoOpensThePdfInTheBrowserAndTheDownloadsStayAttachments) {
  submit();
  const Session viewer = sign_in(kViewer);
  const HttpReply shown = open(viewer, page_of("HP-AH-THTT") + "/xuat/pdf?in=1");
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(shown.header("content-disposition").rfind("inline;", 0), 0u);
  EXPECT_EQ(open(viewer, page_of("HP-AH-THTT") + "/xuat/pdf")
                .header("content-disposition")
                .rfind("attachment;", 0),
            0u);
  EXPECT_EQ(open(viewer, page_of("HP-AH-THTT") + "/xuat/docx?in=1")
                .header("content-disposition")
                .rfind("attachment;", 0),
            0u);
  EXPECT_EQ(open(sign_in(kReporterMn), page_of("HP-AH-THTT") + "/xuat/pdf?in=1").status, 403);
}

TEST_F(WorkflowPagesTest, AcceptThenReopenWithAReasonAndOutOfOrderActionsConflict) {
  const Session coordinator = sign_in(kCoordinator);
  // Accepting a report nobody submitted: 409 naming the state; nothing changes.
  const HttpReply early = send_form(coordinator, review_of("HP-AH-THTT"), "action=accept");
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(HtmlPage(early.body).text("//p[@role='alert']").find("chưa bắt đầu"),
            std::string::npos);
  EXPECT_EQ(status_of("HP-AH-THTT"), "not_started");

  submit();
  ASSERT_EQ(send_form(coordinator, review_of("HP-AH-THTT"), "action=accept&version=2").status, 303);
  EXPECT_EQ(status_of("HP-AH-THTT"), "accepted");
  EXPECT_EQ(HtmlPage(open(coordinator, page_of("HP-AH-THTT")).body)
                .texts("//section[@id='review']//button[@name='action']/@value"),
            std::vector<std::string>{"reopen"});

  EXPECT_EQ(send_form(coordinator, review_of("HP-AH-THTT"), "action=reopen&reason=").status, 422);
  EXPECT_EQ(status_of("HP-AH-THTT"), "accepted");
  ASSERT_EQ(send_form(coordinator, review_of("HP-AH-THTT"),
                      "action=reopen&reason=S%E1%BB%ADa+s%E1%BB%91+bi%E1%BB%83u+ng%E1%BB%AF")
                .status,
            303);
  EXPECT_EQ(status_of("HP-AH-THTT"), "returned");
  EXPECT_EQ(HtmlPage(open(sign_in(kReporter), page_of("HP-AH-THTT")).body)
                .text("//*[@id='return-comment']/p[@class='comment']"),
            "Sửa số biểu ngữ");
}

TEST_F(WorkflowPagesTest, ReviewFormsWithoutTheCsrfTokenAreRefused) {
  submit();
  const Session coordinator = sign_in(kCoordinator);
  EXPECT_EQ(send_form(coordinator, review_of("HP-AH-THTT"), "action=accept", false).status, 400);
  EXPECT_EQ(send_form(coordinator, review_of("HP-AH-THTT"),
                      "csrf=" + std::string(64, 'a') + "&action=accept", false)
                .status,
            400);
  EXPECT_EQ(status_of("HP-AH-THTT"), "submitted");
}

TEST_F(WorkflowPagesTest, PastTheLockDateTheUnitIsToldWhomToAskAndTheCoordinatorExtends) {
  advance_clock(13 * 86400);  // 21/10/2025, the day after the lock date
  const Session reporter = sign_in(kReporter);
  const HtmlPage closed(open(reporter, page_of("HP-AH-THTT")).body);
  const std::string lock_message = closed.text("//p[@id='lock-message']");
  EXPECT_NE(lock_message.find("20/10/2025"), std::string::npos) << lock_message;
  EXPECT_NE(lock_message.find("Xã An Hưng"), std::string::npos);  // the level above to ask
  EXPECT_EQ(closed.count("//form[@id='report-form']"), 0u);

  const Session coordinator = sign_in(kCoordinator);
  EXPECT_EQ(HtmlPage(open(coordinator, page_of("HP-AH-THTT")).body)
                .count("//form[@id='extend-form']//input[@name='until']"),
            1u);
  // A day that does not exist, and a date before the lock date: refused, no extension.
  const HttpReply bad =
      send_form(coordinator, review_of("HP-AH-THTT"), "action=extend&until=31%2F02%2F2025");
  EXPECT_EQ(bad.status, 422);
  const HtmlPage bad_page(bad.body);
  EXPECT_NE(bad_page.text("//p[@id='review-error']").find("dd/mm/yyyy"), std::string::npos);
  EXPECT_EQ(bad_page.attribute("//form[@id='extend-form']//input[@name='until']", "value"),
            "31/02/2025");
  EXPECT_EQ(
      send_form(coordinator, review_of("HP-AH-THTT"), "action=extend&until=15%2F10%2F2025").status,
      422);
  EXPECT_FALSE(app_->reports().extension(admin_, campaign_id_, "HP-AH-THTT").has_value());
  // The reporter cannot extend its own deadline.
  EXPECT_EQ(
      send_form(reporter, review_of("HP-AH-THTT"), "action=extend&until=30%2F10%2F2025").status,
      403);

  ASSERT_EQ(
      send_form(coordinator, review_of("HP-AH-THTT"), "action=extend&until=30%2F10%2F2025").status,
      303);
  const HtmlPage open_again(open(reporter, page_of("HP-AH-THTT")).body);
  EXPECT_EQ(open_again.count("//*[@id='lock-message']"), 0u);
  EXPECT_EQ(open_again.count("//form[@id='report-form']"), 1u);
}

TEST_F(WorkflowPagesTest, TheUnitReportDownloadsAsDocxAndPdfWithTheCookieSession) {
  const Session reporter = sign_in(kReporter);
  const HtmlPage page(open(reporter, page_of("HP-AH-THTT")).body);
  EXPECT_EQ(page.count("//a[@class='export'][@href='" + page_of("HP-AH-THTT") + "/xuat/docx']"),
            1u);
  const HttpReply docx = open(reporter, page_of("HP-AH-THTT") + "/xuat/docx");
  ASSERT_EQ(docx.status, 200);
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  EXPECT_NE(docx.header("content-disposition").find("attachment"), std::string::npos);
  const HttpReply pdf = open(reporter, page_of("HP-AH-THTT") + "/xuat/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(open(reporter, page_of("HP-AH-THTT") + "/xuat/exe").status, 404);
  EXPECT_EQ(open(reporter, page_of("HP-AH-MN") + "/xuat/pdf").status, 403);
}

TEST_F(WorkflowPagesTest, TheHistoryPageListsVersionsAndTheItemsThatChanged) {
  const auto articles = [](int count) {
    return json{{"media_articles", count}, {"banners", 2}, {"advantages", "Tốt"}};
  };
  ASSERT_EQ(save_draft("HP-AH-THTT", articles(3)).status, 200);
  ASSERT_EQ(save_draft("HP-AH-THTT", articles(1155)).status, 200);
  const Session coordinator = sign_in(kCoordinator);
  const std::string history = page_of("HP-AH-THTT") + "/lich-su";

  const HttpReply chosen = open(coordinator, history + "?tu=1&den=2");
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  // The versions' table names each version's action; the difference lists only what changed.
  const std::string changes = "//section[@id='diff']//tbody/tr";
  const HtmlPage chosen_page(chosen.body);
  EXPECT_EQ(chosen_page.text("//form[@id='compare-form']//tbody/tr[td[3]='1']/td[4]"),
            "Lưu bản nháp");
  EXPECT_EQ(chosen_page.texts(changes + "/td[2]"), std::vector<std::string>{"3"});
  EXPECT_EQ(chosen_page.texts(changes + "/td[3]"), std::vector<std::string>{"1.155"});

  // By default, without a submission yet: everything since the empty report.
  const HttpReply latest = open(coordinator, history);
  ASSERT_EQ(latest.status, 200);
  const HtmlPage latest_page(latest.body);
  EXPECT_EQ(latest_page.count(changes + "[td[2]='(trống)'][td[3]='1.155']"), 1u);
  EXPECT_EQ(latest_page.count(changes + "[td[2]='(trống)'][td[3]='2']"), 1u);

  // After a submission, a return and a resubmission: what changed since the first submission.
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  ASSERT_TRUE(app_->reports()
                  .return_report(admin_, campaign_id_, "HP-AH-THTT", "Sửa lại", std::nullopt)
                  .version > 0);
  ASSERT_EQ(save_draft("HP-AH-THTT", articles(7)).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  const HttpReply resubmitted = open(coordinator, history);
  const HtmlPage resubmitted_page(resubmitted.body);
  EXPECT_EQ(resubmitted_page.text("//h2[@id='diff-title']"),
            "Khác nhau giữa phiên bản 3 và phiên bản 6");
  EXPECT_EQ(resubmitted_page.count(changes + "[td[2]='1.155'][td[3]='7']"), 1u);
  EXPECT_EQ(resubmitted_page.count(changes + "[td[2]='(trống)'][td[3]='2']"), 0u);

  EXPECT_EQ(open(coordinator, history + "?tu=1&den=9").status, 404);
  EXPECT_EQ(open(coordinator, history + "?tu=x&den=1").status, 400);
  EXPECT_EQ(open(sign_in(kOtherCoordinator), history).status, 403);
  EXPECT_EQ(open(sign_in(kReporterMn), history).status, 403);
  EXPECT_EQ(open(sign_in(kViewer), history).status, 200);
}

TEST_F(WorkflowPagesTest, TheAuditPageFiltersPagesAndExportsCsvWithinTheReadersSubtree) {
  submit();
  submit("HP-AD-THCS", kAdmin);
  const Session coordinator = sign_in(kCoordinator);
  ASSERT_EQ(send_form(coordinator, review_of("HP-AH-THTT"),
                      "action=return&comment=%3Cb%3EThi%E1%BA%BFu%3C%2Fb%3E%2C+%3DSUM(A1)")
                .status,
            303);

  const HttpReply all = open(coordinator, "/nhat-ky");
  ASSERT_EQ(all.status, 200) << all.body;
  // The audit table's rows: action in the fourth cell, target in the fifth, detail in the sixth.
  const std::string audit_rows = "//table//tbody/tr";
  const HtmlPage all_page(all.body);
  EXPECT_NE(all_page.text(audit_rows + "[td[4]='Trả lại báo cáo']/td[6]").find("<b>Thiếu</b>"),
            std::string::npos);
  // Raw bytes on purpose: these check the escaping itself.
  EXPECT_NE(all.body.find("&lt;b&gt;Thiếu&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(all.body.find("<b>Thiếu"), std::string::npos);
  EXPECT_EQ(all_page.count(audit_rows + "[contains(td[5], 'HP-AD-THCS')]"), 0u);  // another's

  const HttpReply returns = open(coordinator,
                                 "/nhat-ky?hanh-dong=report.return&tu-ngay=08%2F10%2F2025"
                                 "&den-ngay=08%2F10%2F2025");
  ASSERT_EQ(returns.status, 200);
  const HtmlPage returns_page(returns.body);
  EXPECT_EQ(returns_page.texts(audit_rows + "/td[4]"), std::vector<std::string>{"Trả lại báo cáo"});
  EXPECT_EQ(returns_page.count("//a[starts-with(@href, '/nhat-ky/xuat.csv?')]"
                               "[contains(@href, 'tu-ngay=08%2F10%2F2025')]"),
            1u);
  const HtmlPage before(open(coordinator, "/nhat-ky?den-ngay=07%2F10%2F2025").body);
  EXPECT_EQ(before.count(audit_rows + "[td[4]='Trả lại báo cáo']"), 0u);

  const HttpReply bad_date = open(coordinator, "/nhat-ky?tu-ngay=31%2F02%2F2025");
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_EQ(HtmlPage(bad_date.body).count("//p[@id='audit-error']"), 1u);

  const HttpReply csv = open(coordinator, "/nhat-ky/xuat.csv?hanh-dong=report.");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("Thời gian,Người dùng"), std::string::npos);
  EXPECT_NE(csv.body.find("report.return"), std::string::npos);
  EXPECT_NE(csv.body.find("\"<b>Thiếu</b>, =SUM(A1)\""), std::string::npos);
  EXPECT_NE(csv.body.find("report.submit"), std::string::npos);
  EXPECT_EQ(csv.body.find("HP-AD-THCS"), std::string::npos);
  EXPECT_EQ(csv.body.find("login"), std::string::npos);  // filtered out

  // The admin reads everything; a unit filter outside a coordinator's subtree is refused.
  EXPECT_GT(HtmlPage(open(sign_in(kAdmin), "/nhat-ky?don-vi=HP-AD").body)
                .count(audit_rows + "[contains(td[5], 'HP-AD-THCS')]"),
            0u);
  EXPECT_EQ(open(coordinator, "/nhat-ky?don-vi=HP-AD").status, 403);
  EXPECT_EQ(open(sign_in(kReporter), "/nhat-ky").status, 403);
  EXPECT_EQ(open(sign_in(kViewer), "/nhat-ky/xuat.csv").status, 403);
}

TEST_F(WorkflowPagesTest, TheAuditPagePagesByFifty) {
  for (int i = 0; i < 26; ++i) {
    ASSERT_EQ(save_draft("HP-AH-THTT", {{"banners", i}}).status, 200);
    ASSERT_EQ(save_draft("HP-AH-MN", {{"banners", i}}, kReporterMn).status, 200);
  }
  const Session coordinator = sign_in(kCoordinator);
  const HttpReply first = open(coordinator, "/nhat-ky?hanh-dong=report.save");
  ASSERT_EQ(first.status, 200);
  const HttpReply second = open(coordinator, "/nhat-ky?hanh-dong=report.save&trang=2");
  ASSERT_EQ(second.status, 200);
  const HtmlPage first_page(first.body);
  const HtmlPage second_page(second.body);
  EXPECT_EQ(first_page.count("//a[@id='audit-next']"), 1u);
  EXPECT_EQ(second_page.count("//a[@id='audit-next']"), 0u);
  const std::string saves = "//table//tbody/tr[td[4]='Lưu bản nháp']";
  EXPECT_EQ(first_page.count(saves), 50u);
  EXPECT_EQ(second_page.count(saves), 2u);
  // Where one is and how many pages there are, with every link keeping the filter.
  EXPECT_EQ(first_page.text("//*[@id='audit-page']"), "Trang 1/2");
  EXPECT_EQ(second_page.text("//*[@id='audit-page']"), "Trang 2/2");
  EXPECT_EQ(first_page.text("//*[@id='audit-count']").rfind("52 mục khớp với bộ lọc", 0), 0u);
  EXPECT_EQ(first_page.attribute("//a[@id='audit-last']", "href"),
            "/nhat-ky?hanh-dong=report.save&trang=2");
  EXPECT_EQ(first_page.count("//a[@id='audit-first']"), 0u);
  EXPECT_EQ(second_page.attribute("//a[@id='audit-first']", "href"),
            "/nhat-ky?hanh-dong=report.save&trang=1");
  EXPECT_EQ(second_page.attribute("//a[@id='audit-previous']", "href"),
            "/nhat-ky?hanh-dong=report.save&trang=1");
  // A page past the last shows none and links back; a hostile page number is page 1.
  const HtmlPage beyond(open(coordinator, "/nhat-ky?hanh-dong=report.save&trang=9").body);
  EXPECT_EQ(beyond.count(saves), 0u);
  EXPECT_EQ(beyond.attribute("//*[@id='audit-empty']/a", "href"),
            "/nhat-ky?hanh-dong=report.save&trang=2");
  for (const char* hostile : {"-3", "abc", "99999999999999999999999", "1%27%20OR%201%3D1"}) {
    const HttpReply reply =
        open(coordinator, std::string("/nhat-ky?hanh-dong=report.save&trang=") + hostile);
    ASSERT_EQ(reply.status, 200) << hostile;
    EXPECT_EQ(HtmlPage(reply.body).count(saves), 50u) << hostile;
  }
  // A narrower filter counts only its own: the kindergarten's saves in the same commune.
  const HtmlPage one_user(
      open(coordinator, "/nhat-ky?hanh-dong=report.save&nguoi-dung=" + std::string(kReporterMn))
          .body);
  EXPECT_EQ(one_user.text("//*[@id='audit-count']").rfind("26 mục", 0), 0u);
  EXPECT_EQ(one_user.count("//*[@id='audit-paging']"), 0u);
}

TEST(AuditView, BeyondTheCountedEntriesThePageSaysMoreAndStillPagesOn) {
  pages::AuditPageInput input;
  input.filters.action = "report.";
  input.filters.page = 200;
  input.total = pages::kAuditCountLimit + 1;
  const nlohmann::json view = pages::audit_view(input);
  EXPECT_EQ(view["total"], "Hơn 10.000");
  EXPECT_EQ(view["paging"]["pages"], "200+");
  EXPECT_EQ(view["paging"]["has_next"], true);
  EXPECT_EQ(view["paging"]["next_href"], "/nhat-ky?hanh-dong=report.&trang=201");
  EXPECT_EQ(view["beyond_last"], false);
  input.total = 120;
  input.filters.page = 1;
  const nlohmann::json exact = pages::audit_view(input);
  EXPECT_EQ(exact["total"], "120");
  EXPECT_EQ(exact["paging"]["pages"], "3");
  EXPECT_EQ(exact["paging"]["last_href"], "/nhat-ky?hanh-dong=report.&trang=3");
}

TEST_F(WorkflowPagesTest, ASubmitShowsInTheCoordinatorsNavigationUntilMarkedRead) {
  const Session coordinator = sign_in(kCoordinator);
  const Session outsider = sign_in(kOtherCoordinator);
  const std::string nav_link = "//nav//a[@href='/thong-bao']";
  EXPECT_EQ(HtmlPage(open(coordinator, "/thong-bao").body).text(nav_link), "Thông báo");
  submit();

  const HttpReply page = open(coordinator, "/thong-bao");
  ASSERT_EQ(page.status, 200);
  const HtmlPage html(page.body);
  EXPECT_EQ(html.text(nav_link), "Thông báo (1)");
  const std::string notice = "//ul[@id='notification-list']/li[@class='unread']/a";
  EXPECT_NE(html.text(notice).find("Trường Tiểu học"), std::string::npos);
  EXPECT_EQ(html.attribute(notice, "href"), page_of("HP-AH-THTT"));
  EXPECT_NE(HtmlPage(open(outsider, "/thong-bao").body).text(nav_link), "Thông báo (1)");
  EXPECT_NE(HtmlPage(open(sign_in(kReporter), "/thong-bao").body).text(nav_link), "Thông báo (1)");

  const std::string newest = match(page.body, "name=\"newest\" value=\"([0-9]+)\"");
  ASSERT_FALSE(newest.empty());
  EXPECT_EQ(send_form(coordinator, "/thong-bao", "newest=" + newest, false).status, 400);
  EXPECT_EQ(send_form(coordinator, "/thong-bao", "newest=abc").status, 400);
  const HttpReply marked = send_form(coordinator, "/thong-bao", "newest=" + newest);
  ASSERT_EQ(marked.status, 303);
  const HtmlPage after(open(coordinator, marked.header("location")).body);
  EXPECT_EQ(after.text(nav_link), "Thông báo");
  EXPECT_NE(after.text("//p[@id='notice']").find("Đã đánh dấu"), std::string::npos);
}

}  // namespace
}  // namespace llw::test
