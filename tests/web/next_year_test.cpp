// Next year from this year over HTTP (issue 18, item 1): POST /api/v1/campaigns/{id}/next-year
// and the settings page's button (a plain form posting to /dot/{id}/nam-sau): 201 / a redirect to
// the new campaign, 409 the second time, 403 for a school's account and for a coordinator of
// another subtree.
#include <gtest/gtest.h>

#include <fstream>

#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

class NextYearWebTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    add_account(kAnDuong, Role::coordinator, "HP-AD");
  }

  std::string next_year(std::int64_t campaign) const {
    return "/api/v1/campaigns/" + std::to_string(campaign) + "/next-year";
  }

  std::size_t campaign_count() { return store_->campaigns().list_campaigns().size(); }

  const std::string kAnDuong =
      "coord.anduong";  // coordinator of HP-AD, other_campaign_id_'s issuer
};

TEST_F(NextYearWebTest, TheApiStartsTheNextYearOnceForTheIssuersCoordinator) {
  const std::size_t before = campaign_count();
  // A school's reporter and the coordinator of another commune may not.
  expect_error(post(next_year(other_campaign_id_), token(kReporter)), 403, "forbidden");
  expect_error(post(next_year(other_campaign_id_), token(kCoordinator)), 403, "forbidden");
  EXPECT_EQ(campaign_count(), before);

  const HttpReply created = post(next_year(other_campaign_id_), token(kAnDuong));
  ASSERT_EQ(created.status, 201) << created.body;
  const nlohmann::json campaign = created.json();
  EXPECT_EQ(campaign["year"], 2026);
  EXPECT_EQ(campaign["issuer"], "HP-AD");
  EXPECT_EQ(campaign["theme"], "");
  EXPECT_EQ(created.header("location"),
            "/api/v1/campaigns/" + std::to_string(campaign["id"].get<std::int64_t>()));
  EXPECT_EQ(campaign_count(), before + 1);

  const HttpReply again = post(next_year(other_campaign_id_), token(kAnDuong));
  expect_error(again, 409, "conflict", "next_year");
  EXPECT_NE(again.json()["error"]["message"].get<std::string>().find("năm 2026"), std::string::npos)
      << again.body;
  EXPECT_EQ(campaign_count(), before + 1);
}

TEST_F(NextYearWebTest, TheSettingsPageButtonStartsTheNextYearWithoutJavaScript) {
  PageSession session(*http_);
  ASSERT_EQ(session.sign_in(kAnDuong, kPassword).status, 303);
  const std::string settings = "/dot/" + std::to_string(other_campaign_id_) + "/cai-dat";
  const HttpReply shown = session.open(settings);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const HtmlPage page(shown.body);
  EXPECT_EQ(page.text("//button[@id='next-year-submit']"), "Tạo Tuần lễ năm 2026 từ năm 2025");
  const std::string action = page.attribute("//section[@id='next-year']//form", "action");
  ASSERT_EQ(action, "/dot/" + std::to_string(other_campaign_id_) + "/nam-sau");

  const HttpReply created = session.submit(action, {});
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string id =
      first_match(created.header("location"), "^/dot/([0-9]+)/cai-dat\\?nam-truoc=1$");
  ASSERT_FALSE(id.empty()) << created.header("location");
  const Campaign stored = *store_->campaigns().find_campaign(std::stoll(id));
  EXPECT_EQ(stored.year, 2026);
  EXPECT_EQ(stored.issuer_code, "HP-AD");
  const HttpReply landed = session.open(created.header("location"));
  ASSERT_EQ(landed.status, 200) << landed.body;
  EXPECT_NE(landed.body.find("Đã tạo Tuần lễ hưởng ứng học tập suốt đời năm 2026"),
            std::string::npos);

  // The old campaign's page now links to it instead of offering the button; a second post is 409.
  const HtmlPage after(session.open(settings).body);
  EXPECT_EQ(after.count("//button[@id='next-year-submit']"), 0u);
  EXPECT_EQ(after.attribute("//a[@id='next-year-link']", "href"), "/dot/" + id + "/cai-dat");
  EXPECT_EQ(session.submit(action, {}).status, 409);

  // Without the CSRF token nothing happens.
  PageSession other(*http_);
  ASSERT_EQ(other.sign_in(kAnDuong, kPassword).status, 303);
  const std::size_t count = campaign_count();
  EXPECT_NE(other.submit("/dot/" + id + "/nam-sau", {}, false).status, 303);
  EXPECT_EQ(campaign_count(), count);
}

// Issue 18, item 2: the next year may use a new form version. The page offers every stored form
// (this year's selected); the API takes {"form_id"} and refuses a wrong one without creating
// anything.
TEST_F(NextYearWebTest, TheNextYearMayUseANewFormVersion) {
  std::ifstream in(std::string(LLW_SOURCE_DIR) + "/forms/llw-2025.json");
  nlohmann::json form = nlohmann::json::parse(in);
  form["id"] = "llw-2026";
  store_->forms().put_form("llw-2026", form.dump());

  PageSession session(*http_);
  ASSERT_EQ(session.sign_in(kAnDuong, kPassword).status, 303);
  const std::string settings = "/dot/" + std::to_string(other_campaign_id_) + "/cai-dat";
  const HtmlPage page(session.open(settings).body);
  EXPECT_EQ(page.count("//select[@id='next-year-form']/option"), 2u);
  EXPECT_EQ(page.attribute("//select[@id='next-year-form']/option[@selected]", "value"),
            "llw-2025");

  const std::size_t before = campaign_count();
  for (const std::string& body :
       {std::string(R"({"form_id": 2026})"), std::string(R"({"form_id": "khong-co"})"),
        std::string(R"({"form_id": "../../etc/passwd"})"), std::string("[1]"),
        std::string("{not json")}) {
    const HttpReply refused = post(next_year(other_campaign_id_), token(kAnDuong), body);
    EXPECT_EQ(refused.status, 400) << body << " → " << refused.body;
  }
  EXPECT_EQ(campaign_count(), before);

  const HttpReply created = session.submit(
      "/dot/" + std::to_string(other_campaign_id_) + "/nam-sau", {{"form_id", "llw-2026"}});
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string id =
      first_match(created.header("location"), "^/dot/([0-9]+)/cai-dat\\?nam-truoc=1$");
  ASSERT_FALSE(id.empty()) << created.header("location");
  EXPECT_EQ(store_->campaigns().find_campaign(std::stoll(id))->form_id, "llw-2026");
}

TEST_F(NextYearWebTest, ASchoolAccountGets403FromThePage) {
  PageSession session(*http_);
  ASSERT_EQ(session.sign_in(kReporter, kPassword).status, 303);
  const std::size_t before = campaign_count();
  EXPECT_EQ(session.submit("/dot/" + std::to_string(campaign_id_) + "/nam-sau", {}).status, 403);
  EXPECT_EQ(campaign_count(), before);
}

}  // namespace
}  // namespace llw::test
