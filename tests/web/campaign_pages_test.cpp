// The new-campaign page (/dot/moi) over real HTTP on a real database: a coordinator creates its
// commune's campaign from the year alone, every wrong value comes back next to its field with the
// form as typed and nothing created, and only coordinators (for their own unit) and admins get
// the page.

#include <gtest/gtest.h>

#include "app/reports.h"
#include "domain/campaign_year.h"
#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

class CampaignPagesTest : public WebFixture {
 protected:
  PageSession signed_in(const std::string& username) {
    PageSession session(*http_);
    EXPECT_EQ(session.sign_in(username, kPassword).status, 303);
    return session;
  }

  std::size_t campaign_count() { return store_->campaigns().list_campaigns().size(); }

  // A complete, valid form for 2026 with the dates left to their defaults.
  static FormFields form_2026() {
    return {{"year", "2026"},
            {"name", ""},
            {"theme", "Học tập suốt đời – chìa khóa của kỷ nguyên số"},
            {"form_id", "llw-2025"},
            {"kind_school", "1"},
            {"kind_village", "1"},
            {"period_start", ""},
            {"period_end", ""},
            {"deadline", ""},
            {"lock_date", ""}};
  }

  static FormFields without(FormFields fields, const std::string& name) {
    std::erase_if(fields, [&](const auto& field) { return field.first == name; });
    return fields;
  }
};

TEST_F(CampaignPagesTest, TheFormStartsFromTheCurrentYearsDefaults) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply shown = coordinator.open("/dot/moi");
  ASSERT_EQ(shown.status, 200) << shown.body;
  // The fixture's clock is 8/10/2025 in Vietnam.
  const HtmlPage page(shown.body);
  const auto value_of = [&](const std::string& field) {
    return page.attribute("//form[@id='campaign-new']//input[@name='" + field + "']", "value");
  };
  EXPECT_EQ(value_of("year"), "2025");
  EXPECT_EQ(value_of("name"), week_name(2025));
  EXPECT_EQ(value_of("period_start"), "01/10/2025");
  EXPECT_EQ(value_of("period_end"), "07/10/2025");
  EXPECT_EQ(value_of("deadline"), "12/10/2025");
  EXPECT_EQ(value_of("lock_date"), "31/10/2025");
  EXPECT_EQ(page.texts("//select[@name='form_id']/option[@selected]/@value"),
            std::vector<std::string>{"llw-2025"});
  EXPECT_EQ(page.count("//input[@name='kind_school'][@checked]"), 1u);
  // A coordinator issues for its own unit only: shown, not asked.
  EXPECT_EQ(page.text("//dd[@id='campaign-new-issuer']"), "Xã An Hưng (HP-AH)");
  EXPECT_EQ(page.count("//*[@name='issuer']"), 0u);
  EXPECT_EQ(page.count("//nav//a[@href='/dot/moi']"), 1u);  // in the navigation
}

TEST_F(CampaignPagesTest, ACoordinatorCreatesTheYearsCampaignFromTheYearAlone) {
  const PageSession coordinator = signed_in(kCoordinator);
  // An issuer sent by hand is ignored: the coordinator's own unit issues.
  const HttpReply created = coordinator.submit("/dot/moi", with(form_2026(), "issuer", "HP"));
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string location = created.header("location");
  const std::string id = first_match(location, "^/dot/([0-9]+)/tong-quan/HP-AH$");
  ASSERT_FALSE(id.empty()) << location;
  const Campaign stored = *store_->campaigns().find_campaign(std::stoll(id));
  EXPECT_EQ(stored.issuer_code, "HP-AH");
  EXPECT_EQ(stored.year, 2026);
  EXPECT_EQ(stored.name, "Tuần lễ hưởng ứng học tập suốt đời năm 2026");
  EXPECT_EQ(format_iso_date(stored.period_start), "2026-10-01");
  EXPECT_EQ(format_iso_date(stored.period_end), "2026-10-07");
  EXPECT_EQ(format_iso_date(stored.deadline), "2026-10-12");
  EXPECT_EQ(format_iso_date(stored.lock_date), "2026-10-31");
  EXPECT_EQ(stored.form_id, "llw-2025");
  EXPECT_EQ(stored.plan.value("theme", ""), "Học tập suốt đời – chìa khóa của kỷ nguyên số");
  EXPECT_EQ(stored.reporting_kinds, (std::vector<UnitKind>{UnitKind::village, UnitKind::school}));
  // Its schools and its village report in it; nothing of the other commune does.
  EXPECT_EQ(app_->reports().get_report(admin_, stored.id, "HP-AH-THTT").status,
            ReportStatus::not_started);
  EXPECT_THROW(app_->reports().get_report(admin_, stored.id, "HP-AD-THCS"), Error);
  // The dashboard it lands on is the new campaign's.
  EXPECT_EQ(coordinator.open(location).status, 200);
}

TEST_F(CampaignPagesTest, TheCampaignsPageListsEveryYearOneMaySeeAndMarksTheOneLookedAt) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply created = coordinator.submit("/dot/moi", form_2026());
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string id = first_match(created.header("location"), "^/dot/([0-9]+)/");
  ASSERT_FALSE(id.empty());
  // The home page sends the coordinator to the newest year; the list shows both, newest first
  // and marked, each linked to the coordinator's dashboard in it.
  EXPECT_EQ(coordinator.open("/").header("location"), "/dot/" + id + "/tong-quan/HP-AH");
  const HtmlPage newest(coordinator.open("/dot").body);
  ASSERT_EQ(newest.count("//ul[@id='campaign-list']/li"), 2u);
  EXPECT_EQ(newest.attribute("//li[@class='current']/a", "href"),
            "/dot/" + id + "/tong-quan/HP-AH");
  const std::string older = "/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH";
  EXPECT_EQ(newest.attribute("//ul[@id='campaign-list']/li[2]/a", "href"), older);
  // Looked at from the older year's page, the older one is marked; its navigation links here.
  const HtmlPage dashboard(coordinator.open(older).body);
  EXPECT_EQ(dashboard.attribute("//a[@id='nav-campaigns']", "href"),
            "/dot?dang-xem=" + std::to_string(campaign_id_));
  const HtmlPage marked(coordinator.open("/dot?dang-xem=" + std::to_string(campaign_id_)).body);
  EXPECT_EQ(marked.attribute("//li[@class='current']/a", "href"), older);
  // A campaign the coordinator may not see is neither listed nor marked.
  const HtmlPage other(
      coordinator.open("/dot?dang-xem=" + std::to_string(other_campaign_id_)).body);
  EXPECT_EQ(other.count("//a[@id='campaign-" + std::to_string(other_campaign_id_) + "']"), 0u);
  EXPECT_EQ(other.attribute("//li[@class='current']/a", "href"), "/dot/" + id + "/tong-quan/HP-AH");
  // A reporter's links go to its own report.
  const PageSession reporter = signed_in(kReporter);
  const HtmlPage reporters(reporter.open("/dot").body);
  EXPECT_EQ(reporters.attribute("//li[@class='current']/a", "href"),
            "/dot/" + id + "/bao-cao/HP-AH-THTT");
}

TEST_F(CampaignPagesTest, DatesTypedTheVietnameseWayAreKept) {
  const PageSession coordinator = signed_in(kCoordinator);
  FormFields fields = with(form_2026(), "deadline", "10/10/2026");
  fields = with(fields, "lock_date", "5/11/2026");
  fields = with(fields, "name", "Tuần lễ học tập suốt đời xã An Hưng năm 2026");
  const HttpReply created = coordinator.submit("/dot/moi", fields);
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string id = first_match(created.header("location"), "^/dot/([0-9]+)/");
  const Campaign stored = *store_->campaigns().find_campaign(std::stoll(id));
  EXPECT_EQ(stored.name, "Tuần lễ học tập suốt đời xã An Hưng năm 2026");
  EXPECT_EQ(format_iso_date(stored.deadline), "2026-10-10");
  EXPECT_EQ(format_iso_date(stored.lock_date), "2026-11-05");
}

TEST_F(CampaignPagesTest, EveryWrongValueIsNamedNextToItsFieldAndNothingIsCreated) {
  const PageSession coordinator = signed_in(kCoordinator);
  const std::size_t before = campaign_count();
  struct Case {
    FormFields fields;
    std::string error_id;
  };
  const std::vector<Case> cases = {
      {with(form_2026(), "year", "20x6"), "year-err"},
      {with(form_2026(), "year", "1999"), "year-err"},
      {with(form_2026(), "year", ""), "year-err"},
      {with(form_2026(), "year", "<script>alert(1)</script>"), "year-err"},
      {with(form_2026(), "year", std::string(5000, '9')), "year-err"},
      {with(form_2026(), "period_start", "31/02/2026"), "period_start-err"},
      {with(form_2026(), "period_end", "2026-10-07"), "period_end-err"},
      {with(form_2026(), "deadline", "05/10/2026"), "deadline-err"},  // before the week ends
      {with(with(form_2026(), "deadline", "25/10/2026"), "lock_date", "20/10/2026"),
       "lock_date-err"},
      {with(form_2026(), "period_start", "01/10/2025"), "year-err"},  // another year's week
      {with(form_2026(), "name", std::string(400, 'x')), "name-err"},
      {with(form_2026(), "form_id", "../../etc/passwd"), "form_id-err"},
      {with(form_2026(), "form_id", "llw-1900"), "form_id-err"},
      {without(without(form_2026(), "kind_school"), "kind_village"), "reporting_kinds-err"},
  };
  for (const Case& c : cases) {
    const HttpReply reply = coordinator.submit("/dot/moi", c.fields);
    EXPECT_EQ(reply.status, 422) << c.error_id;
    const HtmlPage page(reply.body);
    EXPECT_EQ(page.count("//p[@class='field-error'][@id='" + c.error_id + "']"), 1u)
        << c.error_id << "\n"
        << reply.body.substr(0, 3000);
    EXPECT_EQ(page.count("//p[@id='campaign-new-message']"), 1u);
    EXPECT_EQ(reply.body.find("<script>alert"), std::string::npos);  // raw: escaping
    // The form comes back as typed: the theme is still there.
    EXPECT_EQ(page.text("//textarea[@name='theme']"),
              "Học tập suốt đời – chìa khóa của kỷ nguyên số")
        << c.error_id;
  }
  EXPECT_EQ(campaign_count(), before);
}

TEST_F(CampaignPagesTest, ANameOrThemeWritingAnotherYearOrTooLongIsRefused) {
  const PageSession coordinator = signed_in(kCoordinator);
  const std::size_t before = campaign_count();
  const std::vector<std::pair<FormFields, std::string>> cases = {
      {with(form_2026(), "theme", "Học tập suốt đời năm 2021"), "theme-err"},
      {with(form_2026(), "theme", std::string(600, 'a')), "theme-err"},
      {with(form_2026(), "name", "Tuần lễ hưởng ứng học tập suốt đời năm 2021"), "name-err"},
  };
  for (const auto& [fields, error_id] : cases) {
    const HttpReply reply = coordinator.submit("/dot/moi", fields);
    EXPECT_EQ(reply.status, 422) << error_id;
    EXPECT_EQ(HtmlPage(reply.body).count("//p[@class='field-error'][@id='" + error_id + "']"), 1u)
        << error_id;
  }
  EXPECT_EQ(campaign_count(), before);
}

TEST_F(CampaignPagesTest, HostileMarkupInTheThemeIsStoredAsTextAndEscapedOnThePage) {
  const PageSession coordinator = signed_in(kCoordinator);
  // Refused for the bad date, shown back escaped.
  const std::string theme = "<img src=x onerror=alert(1)> \"Học\" & 'hành'";
  const HttpReply refused =
      coordinator.submit("/dot/moi", with(with(form_2026(), "theme", theme), "deadline", "x"));
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(HtmlPage(refused.body).text("//textarea[@name='theme']"), theme);
  // Raw bytes on purpose: these check the escaping itself.
  EXPECT_EQ(refused.body.find("<img src=x"), std::string::npos);
  EXPECT_NE(refused.body.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  const HttpReply created = coordinator.submit("/dot/moi", with(form_2026(), "theme", theme));
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string id = first_match(created.header("location"), "^/dot/([0-9]+)/");
  EXPECT_EQ(store_->campaigns().find_campaign(std::stoll(id))->plan.value("theme", ""), theme);
}

TEST_F(CampaignPagesTest, AnAdminChoosesTheIssuerAndAnUnknownOneIsNamed) {
  const PageSession admin = signed_in(kAdmin);
  const HttpReply shown = admin.open("/dot/moi");
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(HtmlPage(shown.body).count("//form[@id='campaign-new']//input[@name='issuer']"), 1u);
  const std::size_t before = campaign_count();
  const HttpReply unknown = admin.submit("/dot/moi", with(form_2026(), "issuer", "<b>XX</b>"));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(HtmlPage(unknown.body).count("//p[@class='field-error'][@id='issuer-err']"), 1u);
  EXPECT_EQ(unknown.body.find("<b>XX</b>"), std::string::npos);  // raw: escaping
  EXPECT_EQ(admin.submit("/dot/moi", without(form_2026(), "issuer")).status, 422);
  EXPECT_EQ(campaign_count(), before);
  const HttpReply created = admin.submit("/dot/moi", with(form_2026(), "issuer", "HP"));
  ASSERT_EQ(created.status, 303) << created.body;
  EXPECT_NE(created.header("location").find("/tong-quan/HP"), std::string::npos);
}

TEST_F(CampaignPagesTest, OnlyCoordinatorsAndAdminsGetThePage) {
  const std::size_t before = campaign_count();
  for (const std::string& username : {kReporter, kViewer}) {
    const PageSession session = signed_in(username);
    EXPECT_EQ(session.open("/dot/moi").status, 403) << username;
    EXPECT_EQ(session.submit("/dot/moi", form_2026()).status, 403) << username;
  }
  const PageSession coordinator = signed_in(kCoordinator);
  EXPECT_EQ(coordinator.submit("/dot/moi", form_2026(), false).status, 400);  // no CSRF token
  EXPECT_EQ(http_->send("GET", "/dot/moi").status, 303);  // signed out: to the sign-in page
  EXPECT_EQ(campaign_count(), before);
}

// The navigation's links follow the campaign the page is about, not always the newest one.
TEST_F(CampaignPagesTest, TheNavigationFollowsTheCampaignInTheAddress) {
  const PageSession admin = signed_in(kAdmin);
  const std::string older = "/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP";
  const HtmlPage page(admin.open(older).body);
  EXPECT_EQ(page.count("//nav//a[@href='" + older + "']"), 1u);
  const std::string other = "/dot/" + std::to_string(other_campaign_id_) + "/tong-quan/HP-AD";
  const HtmlPage other_page(admin.open(other).body);
  EXPECT_EQ(other_page.count("//nav//a[@href='" + other + "']"), 1u);
}

}  // namespace
}  // namespace llw::test
