// The account pages, the change-password page, the sign-in lock-out message and the campaign
// settings page over real HTTP: who gets which status (role × subtree), bad and hostile input
// shown back with Vietnamese messages while nothing is saved, CSRF, and sessions and tokens that
// end when a password is reset or an account disabled.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>

#include "app/accounts.h"
#include "app/campaigns.h"
#include "app/reports.h"
#include "app/signed_copies.h"
#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

// A browser's state on the pages: its session cookie and the CSRF token of the last page read.
struct Browser {
  std::string cookie;  // "Cookie: llw_session=…"
  std::string csrf;
};

// The page helpers of page_session.h under this file's older names.
std::string match_of(const std::string& text, const std::string& pattern) {
  return first_match(text, pattern);
}

std::string form_encode(const FormFields& fields) { return url_encoded(fields); }

class AdminPagesTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    // An account outside the coordinator's subtree, and a campaign the coordinator's own commune
    // issues.
    app_->accounts().add_user("bc.andung", "Báo cáo An Dương", Role::reporter, "HP-AD-THCS",
                              kPassword);
    Campaign own = *store_->campaigns().find_campaign(campaign_id_);
    own.id = 0;
    own.issuer_code = "HP-AH";
    own.reporting_kinds.clear();
    own_campaign_id_ = app_->campaigns().create_campaign(admin_, own).id;
  }

  // Signs in through the sign-in page; the reply must be the redirect that sets the session.
  HttpReply sign_in_reply(const std::string& username, const std::string& password) {
    const HttpReply form = http_->send("GET", "/dang-nhap");
    const std::string pre = match_of(form.header("set-cookie"), "llw_pre=([^;]*)");
    return http_->send(
        "POST", "/dang-nhap",
        form_encode({{"csrf", pre}, {"username", username}, {"password", password}, {"next", "/"}}),
        {"Cookie: llw_pre=" + pre, "Content-Type: application/x-www-form-urlencoded"});
  }

  Browser sign_in(const std::string& username, const std::string& password = kPassword) {
    const HttpReply reply = sign_in_reply(username, password);
    EXPECT_EQ(reply.status, 303) << reply.body;
    Browser browser;
    browser.cookie =
        "Cookie: llw_session=" + match_of(reply.header("set-cookie"), "llw_session=([^;]*)");
    // Any signed-in page carries the session's CSRF token.
    browser.csrf =
        match_of(open(browser, "/doi-mat-khau").body, "name=\"csrf\" value=\"([0-9a-f]+)\"");
    EXPECT_FALSE(browser.csrf.empty());
    return browser;
  }

  HttpReply open(const Browser& browser, const std::string& path) {
    return http_->send("GET", path, {}, {browser.cookie});
  }

  // POSTs the fields with the browser's CSRF token (unless `with_csrf` is false).
  HttpReply submit(const Browser& browser, const std::string& path,
                   std::vector<std::pair<std::string, std::string>> fields, bool with_csrf = true) {
    if (with_csrf) fields.emplace_back("csrf", browser.csrf);
    return http_->send("POST", path, form_encode(fields),
                       {browser.cookie, "Content-Type: application/x-www-form-urlencoded"});
  }

  HttpReply add_user(const Browser& browser, const std::string& username,
                     const std::string& password = "ban-dau-2025",
                     const std::string& password2 = "", const std::string& unit = "HP-AH-THTT",
                     const std::string& role = "reporter", bool with_csrf = true) {
    return submit(browser, "/quan-tri/tai-khoan",
                  {{"username", username},
                   {"name", "Người mới"},
                   {"role", role},
                   {"unit", unit},
                   {"password", password},
                   {"password2", password2.empty() ? password : password2}},
                  with_csrf);
  }

  std::string settings_path(std::int64_t campaign = 0) const {
    return "/dot/" + std::to_string(campaign ? campaign : campaign_id_) + "/cai-dat";
  }

  bool exists(const std::string& username) {
    return store_->accounts().find_user(username).has_value();
  }

  std::int64_t own_campaign_id_ = 0;
};

struct PageCell {
  std::string user;
  std::string path;  // "{campaign}" and "{own_campaign}" are replaced
  long expected;
};

TEST_F(AdminPagesTest, EveryRoleGetsThePolicysStatusOnTheAdminPages) {
  // clang-format off
  const std::vector<PageCell> matrix = {
      {kAdmin,       "/quan-tri/tai-khoan",                 200},
      {kCoordinator, "/quan-tri/tai-khoan",                 200},
      {kReporter,    "/quan-tri/tai-khoan",                 403},
      {kViewer,      "/quan-tri/tai-khoan",                 403},
      {kAdmin,       "/quan-tri/tai-khoan/reporter.thtt",   200},
      {kCoordinator, "/quan-tri/tai-khoan/reporter.thtt",   200},  // subtree
      {kCoordinator, "/quan-tri/tai-khoan/bc.andung",       403},  // outside
      {kCoordinator, "/quan-tri/tai-khoan/admin",           403},  // above
      {kCoordinator, "/quan-tri/tai-khoan/khong.co",        404},
      {kReporter,    "/quan-tri/tai-khoan/reporter.thtt",   403},  // not even itself
      {kViewer,      "/quan-tri/tai-khoan/reporter.thtt",   403},
      {kAdmin,       "/dot/{campaign}/cai-dat",             200},
      {kCoordinator, "/dot/{campaign}/cai-dat",             403},  // issued by the city above
      {kCoordinator, "/dot/{own_campaign}/cai-dat",         200},  // issued by its commune
      {kViewer,      "/dot/{own_campaign}/cai-dat",         403},
      {kReporter,    "/dot/{campaign}/cai-dat",             403},
      {kAdmin,       "/dot/999999/cai-dat",                 404},
      {kAdmin,       "/dot/abc/cai-dat",                    404},
      {kAdmin,       "/doi-mat-khau",                       200},
      {kCoordinator, "/doi-mat-khau",                       200},
      {kReporter,    "/doi-mat-khau",                       200},
      {kViewer,      "/doi-mat-khau",                       200},
  };
  // clang-format on
  std::map<std::string, Browser> browsers;
  for (const PageCell& cell : matrix) {
    if (!browsers.count(cell.user)) browsers[cell.user] = sign_in(cell.user);
    std::string path =
        std::regex_replace(cell.path, std::regex("\\{campaign\\}"), std::to_string(campaign_id_));
    path = std::regex_replace(path, std::regex("\\{own_campaign\\}"),
                              std::to_string(own_campaign_id_));
    const HttpReply reply = open(browsers[cell.user], path);
    EXPECT_EQ(reply.status, cell.expected) << cell.user << " GET " << path;
    if (reply.status == 403) {
      EXPECT_EQ(HtmlPage(reply.body).text("//h1"), "Bạn không có quyền xem trang này") << path;
    }
  }
  // Without a session every one of them sends the browser to the sign-in page.
  for (const std::string path :
       {"/quan-tri/tai-khoan", "/quan-tri/tai-khoan/admin", "/doi-mat-khau", "/dot/1/cai-dat"}) {
    const HttpReply reply = http_->send("GET", path);
    EXPECT_EQ(reply.status, 303) << path;
    EXPECT_EQ(reply.header("location"), "/dang-nhap") << path;
  }
}

TEST_F(AdminPagesTest, WritesAreRefusedToRolesThatMayNotMakeThem) {
  const Browser reporter = sign_in(kReporter);
  const Browser viewer = sign_in(kViewer);
  const Browser coordinator = sign_in(kCoordinator);
  EXPECT_EQ(add_user(reporter, "moi.mot").status, 403);
  EXPECT_EQ(add_user(viewer, "moi.hai").status, 403);
  EXPECT_EQ(add_user(coordinator, "moi.ba", "ban-dau-2025", "", "HP-AD-THCS").status, 403);
  EXPECT_EQ(add_user(coordinator, "moi.bon", "ban-dau-2025", "", "HP-AH", "admin").status, 403);
  EXPECT_EQ(add_user(coordinator, "moi.nam", "ban-dau-2025", "", "HP", "coordinator").status, 403);
  for (const char* name : {"moi.mot", "moi.hai", "moi.ba", "moi.bon", "moi.nam"}) {
    EXPECT_FALSE(exists(name)) << name;
  }
  EXPECT_EQ(submit(coordinator, "/quan-tri/tai-khoan/bc.andung", {{"action", "khoa"}}).status, 403);
  EXPECT_FALSE(store_->accounts().find_user("bc.andung")->user.disabled);
  EXPECT_EQ(submit(reporter, "/quan-tri/tai-khoan/reporter.mn",
                   {{"action", "dat-mat-khau"},
                    {"password", "cay-phuong-do-7"},
                    {"password2", "cay-phuong-do-7"}})
                .status,
            403);
  const Campaign before = *store_->campaigns().find_campaign(campaign_id_);
  EXPECT_EQ(submit(coordinator, settings_path(),
                   {{"name", "Đổi tên"},
                    {"period_start", "01/10/2025"},
                    {"period_end", "07/10/2025"},
                    {"deadline", "12/10/2025"},
                    {"lock_date", "20/10/2025"}})
                .status,
            403);
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_id_)->name, before.name);
}

TEST_F(AdminPagesTest, CoordinatorAddsAUserForItsSchoolWhoMustThenChangeThePassword) {
  const Browser coordinator = sign_in(kCoordinator);
  const HttpReply added = add_user(coordinator, "th2.anhung");
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(added.header("location"), "/quan-tri/tai-khoan/th2.anhung?ok=tao");
  const HttpReply shown = open(coordinator, added.header("location"));
  EXPECT_NE(HtmlPage(shown.body).text("//p[@id='user-saved']").find("Đã tạo tài khoản"),
            std::string::npos);
  EXPECT_EQ(HtmlPage(open(coordinator, "/quan-tri/tai-khoan?q=TH2").body)
                .texts("//table//tbody/tr/td[1]/a"),
            std::vector<std::string>{"th2.anhung"});

  // The new user lands on the change-password page, which says why.
  const HttpReply first = sign_in_reply("th2.anhung", "ban-dau-2025");
  EXPECT_EQ(first.status, 303);
  EXPECT_EQ(first.header("location"), "/doi-mat-khau");
  Browser user = sign_in("th2.anhung", "ban-dau-2025");
  EXPECT_EQ(HtmlPage(open(user, "/doi-mat-khau").body).count("//*[@id='must-change']"), 1u);
  const HttpReply changed = submit(user, "/doi-mat-khau",
                                   {{"current_password", "ban-dau-2025"},
                                    {"new_password", "cua-rieng-toi-9"},
                                    {"new_password2", "cua-rieng-toi-9"}});
  EXPECT_EQ(changed.status, 303) << changed.body;
  EXPECT_EQ(HtmlPage(open(user, "/doi-mat-khau?ok=1").body).count("//*[@id='must-change']"), 0u);
  EXPECT_EQ(sign_in_reply("th2.anhung", "cua-rieng-toi-9").header("location"), "/");
}

TEST_F(AdminPagesTest, BadAccountInputIsShownBackNextToItsFieldAndNothingIsSaved) {
  const Browser admin = sign_in(kAdmin);
  struct Case {
    std::string username, password, password2, field;
  };
  const std::vector<Case> cases = {
      {"", "ban-dau-2025", "", "username-err"},
      {"<script>alert(1)</script>", "ban-dau-2025", "", "username-err"},
      {std::string(5000, 'a'), "ban-dau-2025", "", "username-err"},
      {"Nguyễn Văn A", "ban-dau-2025", "", "username-err"},
      {"tv.yeu", "12345678", "", "password-err"},
      {"tv.yeu", "ngan", "", "password-err"},
      {"tv.khac", "ban-dau-2025", "ban-dau-2026", "password2-err"},
  };
  for (const Case& c : cases) {
    const HttpReply reply = add_user(admin, c.username, c.password, c.password2);
    EXPECT_EQ(reply.status, 422) << c.username.substr(0, 40);
    EXPECT_EQ(HtmlPage(reply.body).count("//p[@class='field-error'][@id='" + c.field + "']"), 1u)
        << c.username.substr(0, 40) << reply.body.substr(0, 300);
    // Raw bytes on purpose: a hostile value comes back as text, never as markup, and passwords
    // never come back.
    EXPECT_EQ(reply.body.find("<script>alert"), std::string::npos);
    EXPECT_EQ(reply.body.find("ban-dau-2025"), std::string::npos);
  }
  const HttpReply taken = add_user(admin, kReporter);
  EXPECT_EQ(taken.status, 409);
  EXPECT_NE(
      HtmlPage(taken.body).text("//*[@role='alert' or @class='field-error']").find("đã được dùng"),
      std::string::npos)
      << taken.body;
  const HttpReply bad_role = add_user(admin, "tv.vaitro", "ban-dau-2025", "", "HP-AH", "sieu-cap");
  EXPECT_EQ(bad_role.status, 422);
  const HttpReply no_unit = add_user(admin, "tv.donvi", "ban-dau-2025", "", "KHONG-CO");
  EXPECT_EQ(no_unit.status, 404);
  EXPECT_EQ(HtmlPage(no_unit.body).count("//p[@class='field-error'][@id='unit-err']"), 1u);
  const HttpReply no_csrf =
      add_user(admin, "tv.csrf", "ban-dau-2025", "", "HP-AH-THTT", "reporter", false);
  EXPECT_EQ(no_csrf.status, 400);
  for (const char* name : {"tv.yeu", "tv.khac", "tv.vaitro", "tv.donvi", "tv.csrf"}) {
    EXPECT_FALSE(exists(name)) << name;
  }
  EXPECT_EQ(app_->accounts().list_users(admin_, "", "").size(), 6u);
}

TEST_F(AdminPagesTest, AResetEndsTheUsersTokensAndSessions) {
  const std::string old_token = token(kReporter);
  Browser reporter = sign_in(kReporter);
  ASSERT_EQ(get("/api/v1/me", old_token).status, 200);
  const Browser coordinator = sign_in(kCoordinator);
  const HttpReply mismatch = submit(
      coordinator, "/quan-tri/tai-khoan/reporter.thtt",
      {{"action", "dat-mat-khau"}, {"password", "tam-thoi-2025"}, {"password2", "tam-thoi-2026"}});
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_EQ(get("/api/v1/me", old_token).status, 200);  // nothing happened yet
  const HttpReply reset = submit(
      coordinator, "/quan-tri/tai-khoan/reporter.thtt",
      {{"action", "dat-mat-khau"}, {"password", "tam-thoi-2025"}, {"password2", "tam-thoi-2025"}});
  EXPECT_EQ(reset.status, 303) << reset.body;
  EXPECT_EQ(get("/api/v1/me", old_token).status, 401);
  EXPECT_EQ(open(reporter, "/doi-mat-khau").status, 303);  // back to the sign-in page
  EXPECT_EQ(sign_in_reply(kReporter, kPassword).status, 401);
  EXPECT_EQ(sign_in_reply(kReporter, "tam-thoi-2025").header("location"), "/doi-mat-khau");
}

TEST_F(AdminPagesTest, ADisabledUserIsSignedOutAndCannotSignInUntilEnabled) {
  const Browser reporter = sign_in(kReporter);
  const Browser admin = sign_in(kAdmin);
  EXPECT_EQ(submit(admin, "/quan-tri/tai-khoan/reporter.thtt", {{"action", "khoa"}}).status, 303);
  EXPECT_EQ(HtmlPage(open(admin, "/quan-tri/tai-khoan/reporter.thtt").body)
                .text("//dd[@id='user-status']"),
            "Đã khóa");
  EXPECT_EQ(open(reporter, "/doi-mat-khau").status, 303);
  const HttpReply refused = sign_in_reply(kReporter, kPassword);
  EXPECT_EQ(refused.status, 401);
  EXPECT_NE(HtmlPage(refused.body).text("//*[@id='sign-in-message']").find("đã bị khóa"),
            std::string::npos);
  EXPECT_EQ(submit(admin, "/quan-tri/tai-khoan/reporter.thtt", {{"action", "mo-khoa"}}).status,
            303);
  EXPECT_EQ(sign_in_reply(kReporter, kPassword).status, 303);
  // Nobody locks themselves out.
  EXPECT_EQ(submit(admin, "/quan-tri/tai-khoan/admin", {{"action", "khoa"}}).status, 403);
  EXPECT_EQ(submit(admin, "/quan-tri/tai-khoan/admin", {{"action", "xoa-het"}}).status, 400);
}

TEST_F(AdminPagesTest, ChangingThePasswordChecksTheCurrentOneTheRuleAndTheRepeat) {
  Browser here = sign_in(kViewer);
  const Browser elsewhere = sign_in(kViewer);
  struct Case {
    std::string current, next, repeat, field;
    long status;
  };
  const std::vector<Case> cases = {
      {"sai-mat-khau", "moi-hon-2025", "moi-hon-2025", "current_password-err", 422},
      {kPassword, "moi-hon-2025", "moi-hon-2026", "new_password2-err", 422},
      {kPassword, "12345678", "12345678", "new_password-err", 422},
      {kPassword, "viewer.anhung-1", "viewer.anhung-1", "new_password-err", 422},
      {"", "moi-hon-2025", "moi-hon-2025", "current_password-err", 422},
  };
  for (const Case& c : cases) {
    const HttpReply reply = submit(
        here, "/doi-mat-khau",
        {{"current_password", c.current}, {"new_password", c.next}, {"new_password2", c.repeat}});
    EXPECT_EQ(reply.status, c.status) << c.next;
    EXPECT_EQ(HtmlPage(reply.body).count("//p[@class='field-error'][@id='" + c.field + "']"), 1u)
        << c.next;
  }
  EXPECT_EQ(submit(here, "/doi-mat-khau",
                   {{"current_password", kPassword},
                    {"new_password", "moi-hon-2025"},
                    {"new_password2", "moi-hon-2025"}},
                   false)
                .status,
            400);
  EXPECT_EQ(open(elsewhere, "/doi-mat-khau").status, 200);  // nothing changed so far
  const HttpReply done = submit(here, "/doi-mat-khau",
                                {{"current_password", kPassword},
                                 {"new_password", "moi-hon-2025"},
                                 {"new_password2", "moi-hon-2025"}});
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(HtmlPage(open(here, "/doi-mat-khau?ok=1").body).count("//*[@id='password-saved']"), 1u);
  EXPECT_EQ(open(elsewhere, "/doi-mat-khau").status, 303);
  EXPECT_EQ(sign_in_reply(kViewer, kPassword).status, 401);
  EXPECT_EQ(sign_in_reply(kViewer, "moi-hon-2025").status, 303);
}

TEST_F(AdminPagesTest, TheSignInPageSaysHowLongToWaitAfterTooManyFailures) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sign_in_reply(kCoordinator, "sai-" + std::to_string(i)).status, 401);
    advance_clock(60);
  }
  const HttpReply limited = sign_in_reply(kCoordinator, kPassword);
  EXPECT_EQ(limited.status, 429);
  EXPECT_NE(HtmlPage(limited.body).text("//*[@id='sign-in-message']").find("Hãy đợi 12 phút"),
            std::string::npos)
      << limited.body;
  EXPECT_EQ(limited.header("set-cookie").find("llw_session"), std::string::npos);
  advance_clock(12 * 60);
  EXPECT_EQ(sign_in_reply(kCoordinator, kPassword).status, 303);
}

TEST_F(AdminPagesTest, AfterGuessingFromElsewhereTheOwnerSeesAWarningFirst) {
  // Three failures from another network before this sign-in (the page's own requests all come
  // from 127.0.0.1, so they are written to the sign-in log directly).
  for (int i = 0; i < 3; ++i) {
    store_->sign_ins().record_attempt(kCoordinator, "203.0.113.7", false, 1759890000 + i);
  }
  const HttpReply reply = sign_in_reply(kCoordinator, kPassword);
  ASSERT_EQ(reply.status, 303);
  EXPECT_EQ(reply.header("location"), "/thong-bao?tiep=%2F");
  Browser browser;
  browser.cookie =
      "Cookie: llw_session=" + match_of(reply.header("set-cookie"), "llw_session=([^;]*)");
  const HttpReply warning = open(browser, "/thong-bao?tiep=%2F");
  ASSERT_EQ(warning.status, 200);
  const HtmlPage page(warning.body);
  const std::string text = page.text("//section[@id='sign-in-warning']");
  EXPECT_NE(text.find("có 3 lần đăng nhập sai vào tài khoản của bạn từ nơi khác"),
            std::string::npos)
      << warning.body;
  EXPECT_NE(text.find("203.0.113.7"), std::string::npos);
  EXPECT_EQ(page.attribute("//section[@id='sign-in-warning']//a[@id='continue-link']", "href"),
            "/");
  // A continue link leads only into the site.
  EXPECT_EQ(HtmlPage(open(browser, "/thong-bao?tiep=//evil.example").body)
                .count("//a[contains(@href, 'evil.example')]"),
            0u);
  // The next sign-in has nothing new to tell and goes straight on.
  EXPECT_EQ(sign_in_reply(kCoordinator, kPassword).header("location"), "/");
}

TEST_F(AdminPagesTest, CampaignSettingsShowDatesTheVietnameseWayAndSaveThem) {
  const Browser admin = sign_in(kAdmin);
  const HttpReply shown = open(admin, settings_path());
  ASSERT_EQ(shown.status, 200);
  const HtmlPage page(shown.body);
  EXPECT_EQ(page.attribute("//input[@id='period_start']", "value"), "01/10/2025");
  EXPECT_EQ(page.attribute("//input[@id='lock_date']", "value"), "20/10/2025");
  EXPECT_EQ(page.count("//label[input[@name='kind_school']][normalize-space()='Trường học']"), 1u);
  const auto revision = *store_->campaigns().campaign_revision(campaign_id_);
  const HttpReply saved = submit(admin, settings_path(),
                                 {{"name", "Tuần lễ 2025 (điều chỉnh)"},
                                  {"period_start", "2/10/2025"},
                                  {"period_end", "08/10/2025"},
                                  {"deadline", "15/10/2025"},
                                  {"lock_date", "05/11/2025"}});
  EXPECT_EQ(saved.status, 303) << saved.body;
  const Campaign stored = *store_->campaigns().find_campaign(campaign_id_);
  EXPECT_EQ(stored.name, "Tuần lễ 2025 (điều chỉnh)");
  EXPECT_EQ(format_iso_date(stored.lock_date), "2025-11-05");
  EXPECT_GT(*store_->campaigns().campaign_revision(campaign_id_), revision);
  EXPECT_EQ(HtmlPage(open(admin, settings_path() + "?ok=1").body)
                .attribute("//input[@id='period_start']", "value"),
            "02/10/2025");
}

TEST_F(AdminPagesTest, TheSummarySourceIsChosenOnTheSettingsPage) {
  const Browser admin = sign_in(kAdmin);
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_id_)->summary_source, SummarySource::live);
  const std::string chosen = "//input[@name='summary_source'][@checked]/@value";
  EXPECT_EQ(HtmlPage(open(admin, settings_path()).body).texts(chosen),
            std::vector<std::string>{"live"});
  const auto revision = *store_->campaigns().campaign_revision(campaign_id_);
  const HttpReply saved = submit(admin, settings_path(),
                                 {{"name", "Tuần lễ 2025"},
                                  {"period_start", "01/10/2025"},
                                  {"period_end", "07/10/2025"},
                                  {"deadline", "12/10/2025"},
                                  {"lock_date", "20/10/2025"},
                                  {"summary_source", "accepted"}});
  EXPECT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_id_)->summary_source,
            SummarySource::accepted);
  EXPECT_GT(*store_->campaigns().campaign_revision(campaign_id_), revision);
  EXPECT_EQ(HtmlPage(open(admin, settings_path()).body).texts(chosen),
            std::vector<std::string>{"accepted"});
}

// "Chỉ chấp nhận báo cáo có bản ký số hợp lệ": saved through SignedCopies::set_required, the use
// case behind PUT /signed-copy-policy; a refused save keeps it as it was; a post without the
// page's marker leaves it alone.
TEST_F(AdminPagesTest, TheSignedCopyPolicyIsTickedOnTheSettingsPage) {
  const Browser admin = sign_in(kAdmin);
  const std::string box = "//input[@type='checkbox'][@id='signed_copy_required']";
  const HtmlPage first(open(admin, settings_path()).body);
  EXPECT_EQ(first.count(box), 1u);
  EXPECT_EQ(first.count(box + "[@checked]"), 0u);
  EXPECT_NE(first.text("//fieldset[@id='signed-copy-policy']//label")
                .find("Chỉ chấp nhận báo cáo có bản ký số hợp lệ"),
            std::string::npos);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"name", "Tuần lễ 2025"},     {"period_start", "01/10/2025"}, {"period_end", "07/10/2025"},
      {"deadline", "12/10/2025"},   {"lock_date", "20/10/2025"},    {"signed_copy_present", "1"},
      {"signed_copy_required", "1"}};
  const HttpReply saved = submit(admin, settings_path(), fields);
  EXPECT_EQ(saved.status, 303) << saved.body;
  EXPECT_TRUE(app_->signed_copies().required(admin_, campaign_id_));
  EXPECT_EQ(HtmlPage(open(admin, settings_path()).body).count(box + "[@checked]"), 1u);

  // Unticked with a date that does not exist: nothing is saved, the box shows as posted.
  std::vector<std::pair<std::string, std::string>> refused(fields.begin(), fields.end() - 1);
  refused[3].second = "31/02/2025";
  const HttpReply bad = submit(admin, settings_path(), refused);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(HtmlPage(bad.body).count(box + "[@checked]"), 0u);
  EXPECT_TRUE(app_->signed_copies().required(admin_, campaign_id_));
  // Without the marker (an older page, a script) the setting stays.
  const std::vector<std::pair<std::string, std::string>> unmarked(fields.begin(),
                                                                  fields.begin() + 5);
  EXPECT_EQ(submit(admin, settings_path(), unmarked).status, 303);
  EXPECT_TRUE(app_->signed_copies().required(admin_, campaign_id_));
  // Unticked with the marker: off.
  refused[3].second = "12/10/2025";
  EXPECT_EQ(submit(admin, settings_path(), refused).status, 303);
  EXPECT_FALSE(app_->signed_copies().required(admin_, campaign_id_));
}

TEST_F(AdminPagesTest, TheReportingKindsAreTickedOnTheSettingsPage) {
  const Browser admin = sign_in(kAdmin);
  CampaignSettings schools_only;
  const Campaign before = *store_->campaigns().find_campaign(campaign_id_);
  schools_only.name = before.name;
  schools_only.period_start = before.period_start;
  schools_only.period_end = before.period_end;
  schools_only.deadline = before.deadline;
  schools_only.lock_date = before.lock_date;
  schools_only.reporting_kinds = std::vector<UnitKind>{UnitKind::school};
  app_->campaigns().update_campaign_settings(admin_, campaign_id_, schools_only);
  const std::string ticked = "//input[@type='checkbox'][@checked]/@name";
  EXPECT_EQ(HtmlPage(open(admin, settings_path()).body).texts(ticked),
            std::vector<std::string>{"kind_school"});
  std::vector<std::pair<std::string, std::string>> fields = {
      {"name", "Tuần lễ 2025"},   {"period_start", "01/10/2025"}, {"period_end", "07/10/2025"},
      {"deadline", "12/10/2025"}, {"lock_date", "20/10/2025"},    {"reporting_kinds_present", "1"}};
  // Nothing ticked: refused with a message next to the checkboxes, nothing saved.
  const HttpReply none = submit(admin, settings_path(), fields);
  EXPECT_EQ(none.status, 422);
  EXPECT_EQ(HtmlPage(none.body).count("//p[@class='field-error'][@id='reporting_kinds-err']"), 1u);
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_id_)->reporting_kinds,
            std::vector<UnitKind>{UnitKind::school});
  fields.emplace_back("kind_school", "1");
  fields.emplace_back("kind_village", "1");
  const HttpReply saved = submit(admin, settings_path(), fields);
  EXPECT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_id_)->reporting_kinds,
            (std::vector<UnitKind>{UnitKind::village, UnitKind::school}));
  EXPECT_EQ(HtmlPage(open(admin, settings_path()).body).texts(ticked),
            (std::vector<std::string>{"kind_village", "kind_school"}));
}

TEST_F(AdminPagesTest, AKindWhoseReportsHaveDataIsKeptWithTheRefusalNextToTheKinds) {
  const Browser admin = sign_in(kAdmin);
  const Campaign before = *store_->campaigns().find_campaign(campaign_id_);
  ASSERT_NE(
      std::find(before.reporting_kinds.begin(), before.reporting_kinds.end(), UnitKind::school),
      before.reporting_kinds.end());
  app_->reports().save_draft(admin_, campaign_id_, "HP-AD-THCS", 0, {{"banners", 2}}, {});
  const auto revision = store_->campaigns().campaign_revision(campaign_id_);
  // Schools unticked: the school that saved a draft would lose it, so nothing changes.
  const HttpReply refused = submit(admin, settings_path(),
                                   {{"name", before.name},
                                    {"period_start", "01/10/2025"},
                                    {"period_end", "07/10/2025"},
                                    {"deadline", "12/10/2025"},
                                    {"lock_date", "20/10/2025"},
                                    {"reporting_kinds_present", "1"},
                                    {"kind_village", "1"}});
  EXPECT_EQ(refused.status, 409);
  const HtmlPage page(refused.body);
  EXPECT_NE(
      page.text("//p[@class='field-error'][@id='reporting_kinds-err']").find("Không bỏ được loại"),
      std::string::npos)
      << refused.body;
  // The form is shown as the user left it: village ticked, school not.
  EXPECT_EQ(page.texts("//input[@type='checkbox'][@checked]/@name"),
            std::vector<std::string>{"kind_village"});
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_id_)->reporting_kinds,
            before.reporting_kinds);
  EXPECT_EQ(store_->campaigns().campaign_revision(campaign_id_), revision);
  const auto kept = app_->reports().get_report(admin_, campaign_id_, "HP-AD-THCS");
  EXPECT_EQ(kept.version, 1);
  EXPECT_EQ(kept.values.at("banners"), 2);
}

TEST_F(AdminPagesTest, InvalidSettingsGetAMessagePerFieldAndNothingIsSaved) {
  const Browser coordinator = sign_in(kCoordinator);
  const std::string path = settings_path(own_campaign_id_);
  const Campaign before = *store_->campaigns().find_campaign(own_campaign_id_);
  struct Case {
    std::vector<std::pair<std::string, std::string>> fields;
    std::vector<std::string> errors;
  };
  const std::vector<Case> cases = {
      {{{"period_start", "31/02/2025"}}, {"period_start-err"}},
      {{{"deadline", "abc"}}, {"deadline-err"}},
      {{{"period_end", "2025-10-07"}}, {"period_end-err"}},
      {{{"lock_date", "<script>alert(1)</script>"}}, {"lock_date-err"}},
      {{{"deadline", "25/10/2025"}, {"lock_date", "20/10/2025"}}, {"lock_date-err"}},
      {{{"period_start", "08/10/2025"}, {"period_end", "01/10/2025"}}, {"period_end-err"}},
      {{{"name", ""}}, {"name-err"}},
      {{{"name", std::string(2000, 'x')}}, {"name-err"}},
      {{{"summary_source", "snapshot<b>"}}, {"summary_source-err"}},
  };
  for (const Case& c : cases) {
    std::map<std::string, std::string> values = {{"name", "Tuần lễ"},
                                                 {"period_start", "01/10/2025"},
                                                 {"period_end", "07/10/2025"},
                                                 {"deadline", "12/10/2025"},
                                                 {"lock_date", "20/10/2025"}};
    for (const auto& [name, value] : c.fields) values[name] = value;
    const HttpReply reply = submit(coordinator, path, {values.begin(), values.end()});
    EXPECT_EQ(reply.status, 422) << c.errors[0];
    for (const std::string& error : c.errors) {
      EXPECT_EQ(HtmlPage(reply.body).count("//p[@class='field-error'][@id='" + error + "']"), 1u)
          << error;
    }
    EXPECT_EQ(reply.body.find("<script>alert"), std::string::npos);  // raw: escaping
  }
  EXPECT_EQ(submit(coordinator, path,
                   {{"name", "Tuần lễ"},
                    {"period_start", "01/10/2025"},
                    {"period_end", "07/10/2025"},
                    {"deadline", "12/10/2025"},
                    {"lock_date", "20/10/2025"}},
                   false)
                .status,
            400);
  const Campaign after = *store_->campaigns().find_campaign(own_campaign_id_);
  EXPECT_EQ(after.name, before.name);
  EXPECT_EQ(after.period_start, before.period_start);
  EXPECT_EQ(after.deadline, before.deadline);
  EXPECT_EQ(after.lock_date, before.lock_date);
}

TEST_F(AdminPagesTest, TheUsersApiFollowsThePolicy) {
  const std::string body =
      R"({"username":"api.moi","name":"Người mới","role":"reporter","unit":"HP-AH-MN",)"
      R"("password":"ban-dau-2025"})";
  EXPECT_EQ(http_->send_json("GET", "/api/v1/users", "").status, 401);
  EXPECT_EQ(get("/api/v1/users", token(kReporter)).status, 403);
  EXPECT_EQ(get("/api/v1/users", token(kViewer)).status, 403);
  EXPECT_EQ(post("/api/v1/users", token(kReporter), body).status, 403);
  EXPECT_FALSE(exists("api.moi"));

  const HttpReply listed = get("/api/v1/users?q=reporter", token(kCoordinator));
  ASSERT_EQ(listed.status, 200);
  const auto users = nlohmann::json::parse(listed.body).at("users");
  ASSERT_EQ(users.size(), 2u);  // reporter.mn, reporter.thtt; not bc.andung of another commune
  EXPECT_EQ(users[0].at("username"), "reporter.mn");

  const HttpReply created = post("/api/v1/users", token(kCoordinator), body);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("location"), "/api/v1/users/api.moi");
  expect_error(post("/api/v1/users", token(kCoordinator), body), 409, "conflict", "username");
  expect_error(
      post("/api/v1/users", token(kCoordinator),
           R"({"username":"api.hai","role":"admin","unit":"HP-AH","password":"ban-dau-2025"})"),
      403, "forbidden", "role");
  expect_error(
      post(
          "/api/v1/users", token(kCoordinator),
          R"({"username":"api.ba","role":"reporter","unit":"HP-AD-THCS","password":"ban-dau-2025"})"),
      403, "forbidden", "role");
  expect_error(
      post("/api/v1/users", token(kCoordinator),
           R"({"username":"api.bon","role":"reporter","unit":"HP-AH-MN","password":"12345678"})"),
      422, "validation_failed", "password");
  expect_error(
      post("/api/v1/users", token(kCoordinator),
           R"({"username":"api.nam","role":"chef","unit":"HP-AH-MN","password":"ban-dau-2025"})"),
      422, "validation_failed", "role");
  expect_error(
      post("/api/v1/users", token(kCoordinator),
           R"({"username":"api.sau","role":"reporter","password":"ban-dau-2025","is_admin":true})"),
      400, "bad_input");
  expect_error(post("/api/v1/users", token(kCoordinator), "{"), 400, "bad_input");
  for (const char* name : {"api.hai", "api.ba", "api.bon", "api.nam", "api.sau"}) {
    EXPECT_FALSE(exists(name)) << name;
  }
  EXPECT_EQ(get("/api/v1/users/bc.andung", token(kCoordinator)).status, 403);
  EXPECT_EQ(get("/api/v1/users/api.moi", token(kCoordinator)).status, 200);
}

TEST_F(AdminPagesTest, TheUsersApiDisablesAndResetsAndEndsTokens) {
  const std::string reporter = token(kReporter);
  const std::string mn = token(kReporterMn);
  const HttpReply disabled = http_->send_json("PATCH", "/api/v1/users/reporter.thtt",
                                              token(kCoordinator), R"({"disabled":true})");
  EXPECT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(nlohmann::json::parse(disabled.body).at("user").at("disabled"), true);
  EXPECT_EQ(get("/api/v1/me", reporter).status, 401);
  expect_error(http_->send_json("PATCH", "/api/v1/users/reporter.thtt", token(kCoordinator),
                                R"({"disabled":"yes"})"),
               400, "bad_input", "disabled");
  expect_error(http_->send_json("PATCH", "/api/v1/users/reporter.mn", token(kCoordinator),
                                R"({"unit":"HP","role":"coordinator"})"),
               403, "forbidden", "role");

  expect_error(
      post("/api/v1/users/reporter.mn/password", token(kCoordinator), R"({"password":"abc"})"), 422,
      "validation_failed", "password");
  EXPECT_EQ(get("/api/v1/me", mn).status, 200);
  const HttpReply reset = post("/api/v1/users/reporter.mn/password", token(kCoordinator),
                               R"({"password":"dat-lai-2025"})");
  EXPECT_EQ(reset.status, 204) << reset.body;
  EXPECT_EQ(get("/api/v1/me", mn).status, 401);
  EXPECT_EQ(http_
                ->send_json("POST", "/api/v1/auth/token", "",
                            R"({"username":"reporter.mn","password":"dat-lai-2025"})")
                .status,
            200);
}

}  // namespace
}  // namespace llw::test
