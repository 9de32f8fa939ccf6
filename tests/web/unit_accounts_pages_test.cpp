// Accounts for a subtree's units in one step over real HTTP: the page and the API create the
// missing reporter accounts, answer with the slips PDF (read back with pdftotext) or the
// passwords shown once, reset chosen accounts; a one-time password signs in only to the
// change-password page (every other page redirects, every other API call is 403) until the user
// sets their own; and only coordinators of the subtree and admins get any of it.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

std::string pdf_text_of(const std::filesystem::path& dir, const std::string& bytes) {
  const auto path = dir / "slips.pdf";
  std::ofstream(path, std::ios::binary) << bytes;
  std::string text;
  FILE* pipe = popen(("pdftotext -layout '" + path.string() + "' - 2>/dev/null").c_str(), "r");
  char buffer[4096];
  std::size_t n;
  while (pipe && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  if (pipe) pclose(pipe);
  return text;
}

class UnitAccountsPagesTest : public WebFixture {
 protected:
  PageSession signed_in(const std::string& username) {
    PageSession session(*http_);
    EXPECT_EQ(session.sign_in(username, kPassword).status, 303);
    return session;
  }

  std::string campaign() const { return std::to_string(campaign_id_); }

  HttpReply create(const PageSession& session, const std::string& format,
                   const std::string& unit = "HP-AH") {
    return session.submit(
        "/quan-tri/tai-khoan-don-vi",
        {{"unit", unit}, {"campaign", campaign()}, {"action", "create"}, {"format", format}});
  }

  std::size_t account_count() { return store_->accounts().list_users("", 1000).size(); }
};

TEST_F(UnitAccountsPagesTest, TheListShowsWhichUnitsHaveNoAccount) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply shown = coordinator.open("/quan-tri/tai-khoan-don-vi");
  ASSERT_EQ(shown.status, 200) << shown.body;
  const HtmlPage page(shown.body);
  // The units' table: name, code, reporting accounts.
  const std::string units = "//table[@id='accounts-units']//tr";
  EXPECT_NE(page.text(units + "[td[2]='HP-AH-THTT']/td[3]").find("reporter.thtt"),
            std::string::npos);
  EXPECT_EQ(page.text(units + "[td[2]='HP-AH-THON1']/td[1]"), "Thôn Đông");
  EXPECT_EQ(page.text(units + "[td[2]='HP-AH-THON1']/td[3]"), "Chưa có");
  EXPECT_EQ(page.text("//form[@id='accounts-create']/p").rfind("1 đơn vị chưa có tài khoản", 0),
            0u);
  EXPECT_EQ(page.count("//form[@id='accounts-create']//button[@id='accounts-create-pdf']"), 1u);
  EXPECT_EQ(page.count(units + "[td[2]='HP-AD-THCS']"), 0u);  // another commune's school
}

TEST_F(UnitAccountsPagesTest, ASchoolSignsInWithItsSlipAndMustSetItsOwnPasswordFirst) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply slips = create(coordinator, "pdf");
  ASSERT_EQ(slips.status, 200) << slips.body.substr(0, 2000);
  EXPECT_EQ(slips.header("content-type"), "application/pdf");
  EXPECT_NE(slips.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(slips.header("cache-control"), "no-store");
  const std::string text = pdf_text_of(dir_, slips.body);
  EXPECT_NE(text.find("Thôn Đông (HP-AH-THON1)"), std::string::npos) << text;
  EXPECT_NE(text.find("thon1.ah"), std::string::npos) << text;
  EXPECT_NE(text.find("http://127.0.0.1:" + std::to_string(server_->port()) + "/dang-nhap"),
            std::string::npos)
      << text;
  const std::string password =
      first_match(text, "Mật khẩu dùng một lần:\\s+([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})");
  ASSERT_FALSE(password.empty()) << text;
  EXPECT_EQ(store_->accounts().find_user("thon1.ah")->password_hash.find(password),
            std::string::npos);

  PageSession village(*http_);
  const HttpReply signed_in = village.sign_in("thon1.ah", password);
  ASSERT_EQ(signed_in.status, 303);
  EXPECT_EQ(signed_in.header("location"), "/doi-mat-khau");
  const std::string report = "/dot/" + campaign() + "/bao-cao/HP-AH-THON1";
  for (const std::string& path : {report, std::string("/"), std::string("/thong-bao")}) {
    const HttpReply refused = village.open(path);
    EXPECT_EQ(refused.status, 303) << path;
    EXPECT_EQ(refused.header("location"), "/doi-mat-khau") << path;
  }
  EXPECT_EQ(village.submit(report, {{"action", "save"}}).status, 303);
  EXPECT_EQ(HtmlPage(village.open("/doi-mat-khau").body).count("//*[@id='must-change']"), 1u);

  // The API refuses the one-time password's token everywhere but /me and /me/password.
  const HttpReply token =
      http_->send_json("POST", "/api/v1/auth/token", "",
                       nlohmann::json{{"username", "thon1.ah"}, {"password", password}}.dump());
  ASSERT_EQ(token.status, 200);
  const std::string bearer = token.json().value("token", "");
  expect_error(get(report_path("HP-AH-THON1"), bearer), 403, "forbidden", "password");
  const HttpReply me = get("/api/v1/me", bearer);
  EXPECT_EQ(me.status, 200);
  EXPECT_TRUE(me.json()["user"].value("must_change_password", false));

  const HttpReply changed = village.submit("/doi-mat-khau", {{"current_password", password},
                                                             {"new_password", "thon-dong-2025"},
                                                             {"new_password2", "thon-dong-2025"}});
  ASSERT_EQ(changed.status, 303) << changed.body;
  const HttpReply form = village.open(report);
  EXPECT_EQ(form.status, 200);
  EXPECT_EQ(HtmlPage(form.body).text("//h1"), "Thôn Đông");
  // The other token was ended by the change; the new password works for the API.
  EXPECT_EQ(get(report_path("HP-AH-THON1"), bearer).status, 401);
}

TEST_F(UnitAccountsPagesTest, ThePasswordsAreShownOnceAndAResetEndsTheOldOne) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply shown = create(coordinator, "html");
  ASSERT_EQ(shown.status, 200);
  const std::string one_time_password = "//table//code[@class='one-time-password']";
  const std::string password = HtmlPage(shown.body).text(one_time_password);
  ASSERT_FALSE(password.empty()) << shown.body;
  // Raw bytes on purpose: the password appears nowhere in the page, not even in an attribute.
  EXPECT_EQ(coordinator.open("/quan-tri/tai-khoan-don-vi").body.find(password), std::string::npos);
  // Nothing left to create: said so, nothing created.
  const std::size_t before = account_count();
  const HttpReply again = create(coordinator, "pdf");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(HtmlPage(again.body).count("//p[@id='accounts-notice']"), 1u);
  EXPECT_EQ(account_count(), before);

  const HttpReply reset =
      coordinator.submit("/quan-tri/tai-khoan-don-vi", {{"unit", "HP-AH"},
                                                        {"campaign", campaign()},
                                                        {"action", "reset"},
                                                        {"format", "html"},
                                                        {"reset_thon1.ah", "1"}});
  ASSERT_EQ(reset.status, 200);
  const std::string renewed = HtmlPage(reset.body).text(one_time_password);
  ASSERT_FALSE(renewed.empty());
  EXPECT_NE(renewed, password);
  PageSession village(*http_);
  EXPECT_EQ(village.sign_in("thon1.ah", password).status, 401);  // the form again
  EXPECT_EQ(village.sign_in("thon1.ah", renewed).status, 303);
}

TEST_F(UnitAccountsPagesTest, AResetOfNothingOrOfAnotherAccountIsRefusedOnThePage) {
  const PageSession coordinator = signed_in(kCoordinator);
  const std::string hash = store_->accounts().find_user(kReporter)->password_hash;
  const FormFields base = {
      {"unit", "HP-AH"}, {"campaign", campaign()}, {"action", "reset"}, {"format", "pdf"}};
  const HttpReply nothing = coordinator.submit("/quan-tri/tai-khoan-don-vi", base);
  EXPECT_EQ(nothing.status, 422);
  EXPECT_EQ(HtmlPage(nothing.body).count("//form[@id='accounts-reset']//p[@id='usernames-err']"),
            1u);
  FormFields hostile = base;
  hostile.emplace_back("reset_" + kReporter, "1");
  hostile.emplace_back("reset_<script>alert(1)</script>", "1");
  const HttpReply refused = coordinator.submit("/quan-tri/tai-khoan-don-vi", hostile);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body.find("<script>alert"), std::string::npos);  // raw: escaping
  EXPECT_EQ(store_->accounts().find_user(kReporter)->password_hash, hash);
  FormFields unknown_action = base;
  unknown_action[2].second = "delete";
  EXPECT_EQ(coordinator.submit("/quan-tri/tai-khoan-don-vi", unknown_action).status, 400);
}

TEST_F(UnitAccountsPagesTest, OnlyCoordinatorsOfTheSubtreeAndAdminsGetThePage) {
  const std::size_t before = account_count();
  for (const std::string& username : {kReporter, kViewer}) {
    const PageSession session = signed_in(username);
    EXPECT_EQ(session.open("/quan-tri/tai-khoan-don-vi").status, 403) << username;
    EXPECT_EQ(create(session, "pdf").status, 403) << username;
  }
  const PageSession coordinator = signed_in(kCoordinator);
  EXPECT_EQ(coordinator.open("/quan-tri/tai-khoan-don-vi?don-vi=HP-AD").status, 403);
  EXPECT_EQ(create(coordinator, "pdf", "HP-AD").status, 403);  // another commune
  EXPECT_EQ(create(coordinator, "pdf", "HP").status, 403);     // the city above
  EXPECT_EQ(coordinator.open("/quan-tri/tai-khoan-don-vi?dot=abc").status, 404);
  EXPECT_EQ(coordinator
                .submit("/quan-tri/tai-khoan-don-vi",
                        {{"unit", "HP-AH"}, {"action", "create"}, {"format", "pdf"}}, false)
                .status,
            400);  // no CSRF token
  EXPECT_EQ(account_count(), before);
  const PageSession admin = signed_in(kAdmin);
  EXPECT_EQ(admin.open("/quan-tri/tai-khoan-don-vi?don-vi=HP-AD").status, 200);
}

TEST_F(UnitAccountsPagesTest, TheApiCreatesListsAndResetsWithTheSameRules) {
  const std::string path = "/api/v1/units/HP-AH/accounts";
  const std::string body = nlohmann::json{{"campaign", campaign_id_}}.dump();
  for (const std::string& username : {kReporter, kViewer}) {
    EXPECT_EQ(get(path, token(username)).status, 403) << username;
    EXPECT_EQ(post(path, token(username), body).status, 403) << username;
  }
  EXPECT_EQ(post("/api/v1/units/HP-AD/accounts", token(kCoordinator), body).status, 403);
  EXPECT_EQ(post("/api/v1/units/HP/accounts/slips.pdf", token(kCoordinator), body).status, 403);
  expect_error(post(path, token(kCoordinator), R"({"campaign":1,"extra":2})"), 400, "bad_input");
  expect_error(post(path, token(kCoordinator), R"({"reset":"thon1.ah"})"), 400, "bad_input",
               "reset");
  expect_error(post(path, token(kCoordinator), R"({"campaign":"x"})"), 400, "bad_input");
  expect_error(post(path, token(kCoordinator), std::string(kMaxBody + 10, ' ')), 413, "too_large");

  const HttpReply listed = get(path + "?campaign=" + campaign(), token(kCoordinator));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["units"].size(), 3u);
  const HttpReply created = post(path, token(kCoordinator), body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("cache-control"), "no-store");
  const auto accounts = created.json()["accounts"];
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].value("username", ""), "thon1.ah");
  EXPECT_EQ(accounts[0].value("unit", ""), "HP-AH-THON1");
  EXPECT_TRUE(accounts[0].value("created", false));

  const std::string reset_body =
      nlohmann::json{{"campaign", campaign_id_}, {"reset", {"thon1.ah"}}}.dump();
  const HttpReply slips = post(path + "/slips.pdf", token(kCoordinator), reset_body);
  ASSERT_EQ(slips.status, 200) << slips.body;
  EXPECT_EQ(slips.header("content-type"), "application/pdf");
  EXPECT_NE(pdf_text_of(dir_, slips.body).find("thon1.ah"), std::string::npos);
  EXPECT_EQ(slips.body.find(accounts[0].value("password", "")), std::string::npos);
  expect_error(
      post(path, token(kCoordinator), nlohmann::json{{"reset", {"bc.andung-khong-co"}}}.dump()),
      422, "validation_failed", "usernames");
}

}  // namespace
}  // namespace llw::test
