// The review workflow in the browser, over real HTTP with cookie sessions: who sees and may use
// the return/accept/reopen/extension forms, refused input shown again with a Vietnamese message
// and nothing changed, the returned report's comment on the unit's form, the lock-date message,
// the unit report's exports, the history page's difference, the audit page with filters and CSV,
// and the coordinators' notifications.

#include <gtest/gtest.h>

#include <regex>

#include "web/pages/page_support.h"
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
    app_->add_user(kOtherCoordinator, "Điều phối An Dương", Role::coordinator, "HP-AD", kPassword);
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

  const std::string mine = open(reporter, page_of("HP-AH-THTT")).body;
  EXPECT_EQ(mine.find("id=\"accept-report\""), std::string::npos);
  EXPECT_EQ(mine.find("id=\"return-report\""), std::string::npos);
  const std::string viewed = open(viewer, page_of("HP-AH-THTT")).body;
  EXPECT_EQ(viewed.find("id=\"review\""), std::string::npos);
  const std::string reviewed = open(coordinator, page_of("HP-AH-THTT")).body;
  EXPECT_NE(reviewed.find("id=\"accept-report\""), std::string::npos);
  EXPECT_NE(reviewed.find("id=\"return-report\""), std::string::npos);
  EXPECT_EQ(reviewed.find("id=\"reopen-report\""), std::string::npos);  // not accepted yet
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
  EXPECT_NE(missing.body.find("id=\"review-error\""), std::string::npos);
  EXPECT_NE(missing.body.find("Hãy ghi nhận xét"), std::string::npos);
  EXPECT_EQ(status_of("HP-AH-THTT"), "submitted");

  const HttpReply returned =
      send_form(coordinator, review_of("HP-AH-THTT"),
                "action=return&version=2&comment=Thi%E1%BA%BFu+s%E1%BB%91+li%E1%BB%87u+"
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_EQ(returned.status, 303) << returned.body;
  EXPECT_NE(returned.header("location").find("?da-tra-lai=1"), std::string::npos);
  EXPECT_NE(open(coordinator, returned.header("location")).body.find("Đã trả lại báo cáo"),
            std::string::npos);
  EXPECT_EQ(status_of("HP-AH-THTT"), "returned");

  const std::string form = open(sign_in(kReporter), page_of("HP-AH-THTT")).body;
  EXPECT_NE(form.find("id=\"return-comment\""), std::string::npos);
  EXPECT_NE(form.find("Thiếu số liệu &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(form.find("<script>alert"), std::string::npos);
  // The comment comes before the form the unit edits.
  EXPECT_LT(form.find("id=\"return-comment\""), form.find("id=\"report-form\""));
}

TEST_F(WorkflowPagesTest, AcceptThenReopenWithAReasonAndOutOfOrderActionsConflict) {
  const Session coordinator = sign_in(kCoordinator);
  // Accepting a report nobody submitted: 409 naming the state; nothing changes.
  const HttpReply early = send_form(coordinator, review_of("HP-AH-THTT"), "action=accept");
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("chưa bắt đầu"), std::string::npos);
  EXPECT_EQ(status_of("HP-AH-THTT"), "not_started");

  submit();
  ASSERT_EQ(send_form(coordinator, review_of("HP-AH-THTT"), "action=accept&version=2").status, 303);
  EXPECT_EQ(status_of("HP-AH-THTT"), "accepted");
  const std::string accepted = open(coordinator, page_of("HP-AH-THTT")).body;
  EXPECT_NE(accepted.find("id=\"reopen-report\""), std::string::npos);
  EXPECT_EQ(accepted.find("id=\"accept-report\""), std::string::npos);

  EXPECT_EQ(send_form(coordinator, review_of("HP-AH-THTT"), "action=reopen&reason=").status, 422);
  EXPECT_EQ(status_of("HP-AH-THTT"), "accepted");
  ASSERT_EQ(send_form(coordinator, review_of("HP-AH-THTT"),
                      "action=reopen&reason=S%E1%BB%ADa+s%E1%BB%91+bi%E1%BB%83u+ng%E1%BB%AF")
                .status,
            303);
  EXPECT_EQ(status_of("HP-AH-THTT"), "returned");
  EXPECT_NE(open(sign_in(kReporter), page_of("HP-AH-THTT")).body.find("Sửa số biểu ngữ"),
            std::string::npos);
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
  const std::string closed = open(reporter, page_of("HP-AH-THTT")).body;
  EXPECT_NE(closed.find("id=\"lock-message\""), std::string::npos);
  EXPECT_NE(closed.find("20/10/2025"), std::string::npos);
  EXPECT_NE(closed.find("Xã An Hưng"), std::string::npos);  // the level above to ask
  EXPECT_EQ(closed.find("id=\"report-form\""), std::string::npos);

  const Session coordinator = sign_in(kCoordinator);
  EXPECT_NE(open(coordinator, page_of("HP-AH-THTT")).body.find("id=\"extend-form\""),
            std::string::npos);
  // A day that does not exist, and a date before the lock date: refused, no extension.
  const HttpReply bad =
      send_form(coordinator, review_of("HP-AH-THTT"), "action=extend&until=31%2F02%2F2025");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("dd/mm/yyyy"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"31/02/2025\""), std::string::npos);
  EXPECT_EQ(
      send_form(coordinator, review_of("HP-AH-THTT"), "action=extend&until=15%2F10%2F2025").status,
      422);
  EXPECT_FALSE(app_->extension(admin_, campaign_id_, "HP-AH-THTT").has_value());
  // The reporter cannot extend its own deadline.
  EXPECT_EQ(
      send_form(reporter, review_of("HP-AH-THTT"), "action=extend&until=30%2F10%2F2025").status,
      403);

  ASSERT_EQ(
      send_form(coordinator, review_of("HP-AH-THTT"), "action=extend&until=30%2F10%2F2025").status,
      303);
  const std::string open_again = open(reporter, page_of("HP-AH-THTT")).body;
  EXPECT_EQ(open_again.find("id=\"lock-message\""), std::string::npos);
  EXPECT_NE(open_again.find("id=\"report-form\""), std::string::npos);
}

TEST_F(WorkflowPagesTest, TheUnitReportDownloadsAsDocxAndPdfWithTheCookieSession) {
  const Session reporter = sign_in(kReporter);
  const std::string page = open(reporter, page_of("HP-AH-THTT")).body;
  EXPECT_NE(page.find(page_of("HP-AH-THTT") + "/xuat/docx"), std::string::npos);
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
  EXPECT_NE(chosen.body.find("Lưu bản nháp"), std::string::npos);
  EXPECT_NE(chosen.body.find("<td>3</td><td>1.155</td>"), std::string::npos);
  EXPECT_EQ(chosen.body.find("<td>2</td><td>2</td>"), std::string::npos);  // unchanged: not listed

  // By default, without a submission yet: everything since the empty report.
  const HttpReply latest = open(coordinator, history);
  ASSERT_EQ(latest.status, 200);
  EXPECT_NE(latest.body.find("<td>(trống)</td><td>1.155</td>"), std::string::npos);
  EXPECT_NE(latest.body.find("<td>(trống)</td><td>2</td>"), std::string::npos);

  // After a submission, a return and a resubmission: what changed since the first submission.
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  ASSERT_TRUE(
      app_->return_report(admin_, campaign_id_, "HP-AH-THTT", "Sửa lại", std::nullopt).version > 0);
  ASSERT_EQ(save_draft("HP-AH-THTT", articles(7)).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  const HttpReply resubmitted = open(coordinator, history);
  EXPECT_NE(resubmitted.body.find("Khác nhau giữa phiên bản 3 và 6"), std::string::npos);
  EXPECT_NE(resubmitted.body.find("<td>1.155</td><td>7</td>"), std::string::npos);
  EXPECT_EQ(resubmitted.body.find("<td>(trống)</td><td>2</td>"), std::string::npos);

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
  EXPECT_NE(all.body.find("<td>Trả lại báo cáo</td>"), std::string::npos);
  EXPECT_NE(all.body.find("&lt;b&gt;Thiếu&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(all.body.find("<b>Thiếu"), std::string::npos);
  EXPECT_EQ(all.body.find("HP-AD-THCS"), std::string::npos);  // another commune's

  const HttpReply returns = open(coordinator,
                                 "/nhat-ky?hanh-dong=report.return&tu-ngay=08%2F10%2F2025"
                                 "&den-ngay=08%2F10%2F2025");
  ASSERT_EQ(returns.status, 200);
  EXPECT_NE(returns.body.find("<td>Trả lại báo cáo</td>"), std::string::npos);
  EXPECT_EQ(returns.body.find("Nộp báo cáo</td>"), std::string::npos);
  EXPECT_NE(returns.body.find("/nhat-ky/xuat.csv?tu-ngay=08%2F10%2F2025"), std::string::npos);
  const HttpReply before = open(coordinator, "/nhat-ky?den-ngay=07%2F10%2F2025");
  EXPECT_EQ(before.body.find("<td>Trả lại báo cáo</td>"), std::string::npos);

  const HttpReply bad_date = open(coordinator, "/nhat-ky?tu-ngay=31%2F02%2F2025");
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_NE(bad_date.body.find("id=\"audit-error\""), std::string::npos);

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
  EXPECT_NE(open(sign_in(kAdmin), "/nhat-ky?don-vi=HP-AD").body.find("HP-AD-THCS"),
            std::string::npos);
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
  EXPECT_NE(first.body.find("id=\"audit-next\""), std::string::npos);
  const HttpReply second = open(coordinator, "/nhat-ky?hanh-dong=report.save&trang=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.body.find("id=\"audit-next\""), std::string::npos);
  const auto rows = [](const std::string& body) {
    std::size_t count = 0;
    for (auto at = body.find("<td>Lưu bản nháp</td>"); at != std::string::npos;
         at = body.find("<td>Lưu bản nháp</td>", at + 1)) {
      ++count;
    }
    return count;
  };
  EXPECT_EQ(rows(first.body), 50u);
  EXPECT_EQ(rows(second.body), 2u);
}

TEST_F(WorkflowPagesTest, ASubmitShowsInTheCoordinatorsNavigationUntilMarkedRead) {
  const Session coordinator = sign_in(kCoordinator);
  const Session outsider = sign_in(kOtherCoordinator);
  EXPECT_NE(open(coordinator, "/thong-bao").body.find(">Thông báo</a>"), std::string::npos);
  submit();

  const HttpReply page = open(coordinator, "/thong-bao");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Thông báo (1)"), std::string::npos);
  EXPECT_NE(page.body.find("Trường Tiểu học"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"" + page_of("HP-AH-THTT") + "\""), std::string::npos);
  EXPECT_EQ(open(outsider, "/thong-bao").body.find("Thông báo (1)"), std::string::npos);
  EXPECT_EQ(open(sign_in(kReporter), "/thong-bao").body.find("Thông báo (1)"), std::string::npos);

  const std::string newest = match(page.body, "name=\"newest\" value=\"([0-9]+)\"");
  ASSERT_FALSE(newest.empty());
  EXPECT_EQ(send_form(coordinator, "/thong-bao", "newest=" + newest, false).status, 400);
  EXPECT_EQ(send_form(coordinator, "/thong-bao", "newest=abc").status, 400);
  const HttpReply marked = send_form(coordinator, "/thong-bao", "newest=" + newest);
  ASSERT_EQ(marked.status, 303);
  const std::string after = open(coordinator, marked.header("location")).body;
  EXPECT_EQ(after.find("Thông báo (1)"), std::string::npos);
  EXPECT_NE(after.find("Đã đánh dấu"), std::string::npos);
}

}  // namespace
}  // namespace llw::test
