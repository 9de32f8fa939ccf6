// Reporting up over HTTP: a commune's consolidated report submitted to the city, returned,
// resubmitted, accepted, reopened; the campaign's summary source; 409 with the current state for
// transitions out of order and stale versions; bad input; two reviewers at once.

#include <atomic>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "html_query.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;

const std::string kCity = "coord.haiphong";         // coordinator of HP
const std::string kOtherCommune = "coord.anduong";  // coordinator of HP-AD

class ReportingUpApiTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    add_account(kCity, Role::coordinator, "HP");
    add_account(kOtherCommune, Role::coordinator, "HP-AD");
  }

  std::string consolidated(const std::string& unit, const std::string& action = "") const {
    return "/api/v1/campaigns/" + std::to_string(campaign_id_) + "/consolidated/" + unit +
           (action.empty() ? "" : "/" + action);
  }

  void submit_school(int articles) {
    ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", articles}, {"banners", 1}}).status, 200);
    ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  }

  HttpReply patch_campaign(const std::string& username, const std::string& body) {
    return http_->send(
        "PATCH", "/api/v1/campaigns/" + std::to_string(campaign_id_), body,
        {"Authorization: Bearer " + token(username), "Content-Type: application/json"});
  }

  double articles_in(const std::string& unit) {
    return get(summary_path(unit), token(kAdmin)).json()["totals"].value("media_articles", -1.0);
  }
};

TEST_F(ReportingUpApiTest, CommuneSubmitsCityReturnsAcceptsAndTheAcceptedSummaryFollows) {
  submit_school(3);
  const HttpReply before = get(consolidated("HP-AH"), token(kCoordinator));
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json()["status"], "not_started");
  EXPECT_TRUE(before.json()["snapshot"].is_null());

  const HttpReply submitted = post(consolidated("HP-AH", "submit"), token(kCoordinator));
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  const json report = submitted.json();
  EXPECT_EQ(report["status"], "submitted");
  EXPECT_EQ(report["version"], 1);
  EXPECT_EQ(report["snapshot"]["figures"]["totals"]["media_articles"], 3);
  EXPECT_EQ(report["snapshot"]["figures"]["expected"], 3);
  EXPECT_EQ(report["snapshot"]["figures"]["submitted"], 1);
  EXPECT_EQ(report["versions"].size(), 1u);

  // The city sets the campaign to count accepted reports only.
  const HttpReply set = patch_campaign(kCity, json{{"summary_source", "accepted"}}.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["summary_source"], "accepted");
  EXPECT_EQ(get("/api/v1/campaigns/" + std::to_string(campaign_id_), token(kViewer))
                .json()["summary_source"],
            "accepted");
  json city = get(summary_path("HP"), token(kCity)).json();
  EXPECT_EQ(city["source"], "accepted");
  EXPECT_EQ(city["totals"]["media_articles"], 0);
  EXPECT_EQ(city["not_accepted"], json::array({"HP-AD", "HP-AH"}));
  EXPECT_EQ(articles_in("HP-AH"), 3);  // the commune sums its schools live in both modes

  const HttpReply returned =
      post(consolidated("HP-AH", "return"), token(kCity),
           json{{"comment", "Thiếu số liệu của thôn."}, {"version", 1}}.dump());
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json()["status"], "returned");
  EXPECT_EQ(get(consolidated("HP-AH"), token(kCoordinator)).json()["comment"],
            "Thiếu số liệu của thôn.");

  // The school's figures change; the commune resubmits; the city accepts.
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/return", token(kCoordinator),
                 json{{"comment", "Sửa số bài viết."}}.dump())
                .status,
            200);
  submit_school(5);
  ASSERT_EQ(post(consolidated("HP-AH", "submit"), token(kCoordinator)).status, 200);
  const HttpReply accepted = post(consolidated("HP-AH", "accept"), token(kCity));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "accepted");
  city = get(summary_path("HP"), token(kCity)).json();
  EXPECT_EQ(city["totals"]["media_articles"], 5);
  EXPECT_EQ(city["submitted"], 1);
  EXPECT_EQ(city["not_accepted"], json::array({"HP-AD"}));
  // The city's consolidated report lists its communes' states.
  const json city_report = get(consolidated("HP"), token(kCity)).json();
  ASSERT_EQ(city_report["children"].size(), 2u);
  EXPECT_EQ(city_report["children"][1]["unit"], "HP-AH");
  EXPECT_EQ(city_report["children"][1]["status"], "accepted");

  // Every version is kept, the first snapshot with its figures.
  const HttpReply first = get(consolidated("HP-AH", "versions/1"), token(kViewer));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["action"], "submit");
  EXPECT_EQ(first.json()["by"], kCoordinator);
  EXPECT_EQ(first.json()["snapshot"]["figures"]["totals"]["media_articles"], 3);
  EXPECT_EQ(get(consolidated("HP-AH"), token(kAdmin)).json()["versions"].size(), 4u);

  // Reopen with a reason takes the figures out of the city's summary again.
  expect_error(post(consolidated("HP-AH", "reopen"), token(kCity), "{}"), 422, "validation_failed",
               "reason");
  ASSERT_EQ(
      post(consolidated("HP-AH", "reopen"), token(kCity), json{{"reason", "Cần bổ sung."}}.dump())
          .status,
      200);
  EXPECT_EQ(articles_in("HP"), 0);
}

TEST_F(ReportingUpApiTest, TransitionsOutOfOrderAre409WithTheCurrentState) {
  HttpReply reply = post(consolidated("HP-AH", "accept"), token(kCity));
  expect_error(reply, 409, "conflict");
  EXPECT_EQ(reply.json()["error"]["current_status"], "not_started");
  EXPECT_EQ(reply.json()["error"]["current_version"], 0);

  ASSERT_EQ(post(consolidated("HP-AH", "submit"), token(kCoordinator)).status, 200);
  reply = post(consolidated("HP-AH", "submit"), token(kCoordinator));
  expect_error(reply, 409, "conflict");
  EXPECT_EQ(reply.json()["error"]["current_status"], "submitted");
  reply = post(consolidated("HP-AH", "reopen"), token(kCity), json{{"reason", "x"}}.dump());
  expect_error(reply, 409, "conflict");
  reply = post(consolidated("HP-AH", "accept"), token(kCity), json{{"version", 0}}.dump());
  expect_error(reply, 409, "conflict", "version");
  EXPECT_EQ(reply.json()["error"]["current_version"], 1);
  EXPECT_EQ(get(consolidated("HP-AH"), token(kAdmin)).json()["status"], "submitted");
}

TEST_F(ReportingUpApiTest, BadInputIsRefusedWithAClearMessageAndChangesNothing) {
  expect_error(post(consolidated("HP-AH", "submit"), token(kCoordinator),
                    json{{"version", 0}, {"extra", 1}}.dump()),
               400, "bad_input");
  expect_error(post(consolidated("HP-AH", "submit"), token(kCoordinator), "{not json"), 400,
               "bad_input");
  expect_error(
      post(consolidated("HP-AH", "submit"), token(kCoordinator), json{{"version", "một"}}.dump()),
      400, "bad_input");
  expect_error(get(consolidated("HP-AH", "versions/abc"), token(kAdmin)), 400, "bad_input");
  expect_error(get(consolidated("HP-AH", "versions/9"), token(kAdmin)), 404, "not_found");
  expect_error(get(consolidated("HP-AH-THTT"), token(kAdmin)), 404, "not_found", "unit");
  expect_error(get(consolidated("KHONG-CO"), token(kAdmin)), 404, "not_found");
  expect_error(patch_campaign(kAdmin, json{{"summary_source", "sometimes"}}.dump()), 400,
               "bad_input", "summary_source");
  expect_error(patch_campaign(kAdmin, json{{"form_id", "x"}}.dump()), 400, "bad_input");
  EXPECT_EQ(get(consolidated("HP-AH"), token(kAdmin)).json()["version"], 0);

  ASSERT_EQ(post(consolidated("HP-AH", "submit"), token(kCoordinator)).status, 200);
  for (const std::string& comment : {std::string(), std::string(" \n "), std::string(3000, 'x')}) {
    expect_error(
        post(consolidated("HP-AH", "return"), token(kCity), json{{"comment", comment}}.dump()), 422,
        "validation_failed", "comment");
  }
  expect_error(
      post(consolidated("HP-AH", "return"), token(kCity), json{{"comment", "a\x01"}}.dump()), 400,
      "bad_input", "comment");
  EXPECT_EQ(get(consolidated("HP-AH"), token(kAdmin)).json()["status"], "submitted");
  EXPECT_EQ(get("/api/v1/campaigns/" + std::to_string(campaign_id_), token(kAdmin))
                .json()["summary_source"],
            "live");
}

TEST_F(ReportingUpApiTest, TwoReviewersAtOnceOneWinsTheOther409) {
  ASSERT_EQ(post(consolidated("HP-AH", "submit"), token(kCoordinator)).status, 200);
  const std::string city = token(kCity), admin = token(kAdmin);
  std::atomic<int> ok{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int who = 0; who < 2; ++who) {
    threads.emplace_back([&, who] {
      const HttpReply reply =
          who == 0 ? post(consolidated("HP-AH", "accept"), city, json{{"version", 1}}.dump())
                   : post(consolidated("HP-AH", "return"), admin,
                          json{{"version", 1}, {"comment", "Sửa lại."}}.dump());
      if (reply.status == 200) ++ok;
      if (reply.status == 409) ++conflicts;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflicts.load(), 1);
  EXPECT_EQ(get(consolidated("HP-AH"), token(kAdmin)).json()["version"], 2);
  const json log = get("/api/v1/audit?action=consolidated.", token(kAdmin)).json();
  int attempts = 0;
  for (const auto& entry : log["entries"]) {
    if (entry["action"] != "consolidated.submit") ++attempts;
  }
  EXPECT_EQ(attempts, 2);
}

// The reporting-up panel of the consolidated report page, without JavaScript: forms with the
// CSRF token, POST then redirect, errors shown on the page with nothing changed.
class ReportingUpPageTest : public ReportingUpApiTest {
 protected:
  // A page session for the account: the cookie carries the same session token as the API's.
  std::string cookie(const std::string& username) {
    return "Cookie: llw_session=" + token(username);
  }

  std::string page_path(const std::string& unit) const {
    return "/dot/" + std::to_string(campaign_id_) + "/tong-hop/" + unit;
  }

  HttpReply page(const std::string& unit, const std::string& username) {
    return http_->send("GET", page_path(unit), {}, {cookie(username)});
  }

  // Posts the panel's form as `username`, with the CSRF token and version of the page it read.
  HttpReply act(const std::string& unit, const std::string& username, const std::string& fields) {
    const std::string html = page(unit, username).body;
    std::smatch csrf, version;
    std::regex_search(html, csrf, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\""));
    std::regex_search(html, version,
                      std::regex("id=\"reporting-up\"[^]*?name=\"version\" value=\"([0-9]+)\""));
    const std::string body = "csrf=" + (csrf.empty() ? "" : csrf[1].str()) +
                             "&version=" + (version.empty() ? "0" : version[1].str()) + "&" +
                             fields;
    return http_->send("POST", page_path(unit) + "/len", body,
                       {cookie(username), "Content-Type: application/x-www-form-urlencoded"});
  }

  // The actions the page's reporting-up panel offers (the values of its buttons).
  static std::vector<std::string> actions(const HttpReply& reply) {
    return HtmlPage(reply.body)
        .texts("//section[@id='reporting-up']//button[@name='action']/@value");
  }

  static std::size_t count(const HttpReply& reply, const std::string& xpath) {
    return HtmlPage(reply.body).count(xpath);
  }
};

TEST_F(ReportingUpPageTest, CommuneSendsUpAndTheCityReturnsAndAcceptsFromThePage) {
  submit_school(3);
  HttpReply commune = page("HP-AH", kCoordinator);
  ASSERT_EQ(commune.status, 200) << commune.body;
  using Actions = std::vector<std::string>;
  EXPECT_EQ(actions(commune), Actions{"submit"});
  EXPECT_EQ(HtmlPage(commune.body).text("//section[@id='reporting-up']//button[@id='up-submit']"),
            "Gửi báo cáo lên cấp trên");
  EXPECT_EQ(actions(page("HP-AH", kViewer)), Actions{});
  EXPECT_EQ(actions(page("HP-AH", kCity)), Actions{});

  // Without the confirmation box ticked nothing is sent.
  HttpReply reply = act("HP-AH", kCoordinator, "action=submit");
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(count(reply, "//section[@id='reporting-up']/p[@id='up-error']"), 1u);
  EXPECT_EQ(get(consolidated("HP-AH"), token(kAdmin)).json()["status"], "not_started");

  reply = act("HP-AH", kCoordinator, "action=submit&confirm=1");
  ASSERT_EQ(reply.status, 303) << reply.body;
  EXPECT_NE(reply.header("location").find("?len=da-gui"), std::string::npos);
  EXPECT_NE(HtmlPage(page("HP-AH", kCoordinator).body).text("//p[@id='up-status']").find("đã nộp"),
            std::string::npos);

  // The city sees the review buttons on the commune's page, and the commune in its own list.
  HttpReply city = page("HP-AH", kCity);
  EXPECT_EQ(actions(city), (Actions{"accept", "return"}));
  EXPECT_EQ(count(page("HP", kCity), "//table[@id='up-children']"), 1u);
  EXPECT_EQ(act("HP-AH", kCity, "action=return&comment=").status, 422);
  ASSERT_EQ(
      act("HP-AH", kCity, "action=return&comment=Thi%E1%BA%BFu+s%E1%BB%91+li%E1%BB%87u").status,
      303);
  commune = page("HP-AH", kCoordinator);
  EXPECT_EQ(HtmlPage(commune.body).text("//*[@id='up-comment']/p[@class='comment']"),
            "Thiếu số liệu");

  ASSERT_EQ(act("HP-AH", kCoordinator, "action=submit&confirm=1").status, 303);
  ASSERT_EQ(act("HP-AH", kCity, "action=accept").status, 303);
  EXPECT_EQ(get(consolidated("HP-AH"), token(kAdmin)).json()["status"], "accepted");
  EXPECT_EQ(actions(page("HP-AH", kCity)), Actions{"reopen"});
  // Accepting twice (a stale page) shows the conflict on the page.
  reply = act("HP-AH", kCity, "action=accept");
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(count(reply, "//section[@id='reporting-up']/p[@id='up-error']"), 1u);
}

TEST_F(ReportingUpPageTest, ReportersAndOtherCommunesCannotActAndAPostWithoutCsrfIsRefused) {
  EXPECT_EQ(act("HP-AH", kReporter, "action=submit&confirm=1").status, 403);
  EXPECT_EQ(act("HP-AH", kOtherCommune, "action=submit&confirm=1").status, 403);
  EXPECT_EQ(act("HP-AH", kViewer, "action=submit&confirm=1").status, 403);
  const HttpReply no_csrf =
      http_->send("POST", page_path("HP-AH") + "/len", "version=0&action=submit&confirm=1",
                  {cookie(kCoordinator), "Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(no_csrf.status, 400);  // the page layer's answer to a form without its token
  EXPECT_EQ(get(consolidated("HP-AH"), token(kAdmin)).json()["status"], "not_started");
  // A school's page has no reporting-up panel: nothing below it to consolidate.
  EXPECT_EQ(count(page("HP-AH-THTT", kCoordinator), "//*[@id='reporting-up']"), 0u);
}

}  // namespace
}  // namespace llw::test
