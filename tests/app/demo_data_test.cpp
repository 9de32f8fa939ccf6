// The commune demo is consistent: its summary equals a direct sum over its counted reports.
#include "app/demo_data.h"

#include <fstream>

#include "app_fixture.h"

namespace llw::testing {
namespace {

TEST_F(AppTest, CommuneDemoSummaryEqualsADirectSumOverItsReports) {
  DemoStats stats = make_demo(*app_, DemoScale::commune);
  EXPECT_EQ(stats.issuer_code, "HP-ANHUNG");
  EXPECT_GE(stats.units, 28);
  for (const char* state :
       {"not_started", "draft", "submitted_on_time", "submitted_late", "returned", "accepted"}) {
    EXPECT_GT(stats.reports_by_state[state], 0) << state;
  }
  EXPECT_EQ(stats.accounts.front().username, "admin");

  Campaign campaign = app_->get_campaign(system_admin(), stats.campaign_id);
  EXPECT_EQ(campaign.plan["number"], "83/KH-UBND");
  const ReportForm& form = *campaign.form;
  OrgUnit commune = unit("HP-ANHUNG");
  std::vector<OrgUnit> reporting =
      store_->units().units_in_subtree(commune.path, campaign.reporting_kinds);
  ASSERT_EQ(std::int64_t(reporting.size()), stats.reporting_units);

  std::int64_t submitted = 0, late = 0, participants = 0, population = 0;
  std::map<std::string, double> totals;
  std::int64_t reading_sessions = 0;
  for (const OrgUnit& u : reporting) {
    UnitReport r = *store_->reports().find_report(campaign.id, u.id);
    if (r.status == ReportStatus::draft) {
      EXPECT_TRUE(validate_values(form, u, r.values, false).empty()) << u.code;
    }
    if (!campaign.counts(r.status)) continue;
    EXPECT_TRUE(validate_values(form, u, r.values, true).empty()) << u.code;
    ++submitted;
    late += r.late;
    for (const char* key : {"media_articles", "banners", "site_posts"}) {
      totals[key] += r.values.value(key, 0.0);
    }
    for (const char* key : {"participants_students", "participants_staff", "participants_parents",
                            "participants_residents"}) {
      participants += r.values.value(key, std::int64_t(0));
    }
    for (const auto& [group, n] : u.population) population += n;
    reading_sessions += r.values.value("reading_day_sessions", std::int64_t(0));
  }
  ASSERT_GT(submitted, 0);

  Summary s = app_->summary(system_admin(), campaign.id, "HP-ANHUNG");
  EXPECT_EQ(s.expected, stats.reporting_units);
  EXPECT_EQ(s.submitted, submitted);
  EXPECT_EQ(s.late, late);
  EXPECT_EQ(s.on_time, submitted - late);
  EXPECT_EQ(s.missing_count, stats.reporting_units - submitted);
  for (const auto& [key, value] : totals) EXPECT_EQ(s.totals.at(key), value) << key;
  EXPECT_EQ(s.participants, participants);
  EXPECT_EQ(s.population, population);
  EXPECT_GT(s.participation_rate, 0.2);
  EXPECT_LE(s.participation_rate, 1.0);
  EXPECT_EQ(s.activities.at("reading_day").sessions, reading_sessions);
  EXPECT_GT(s.narrative_counts.at("advantages"), 0);

  // The tree has one commune, so the city and the country see the same figures.
  Summary country = app_->summary(system_admin(), campaign.id, "VN");
  EXPECT_EQ(country.submitted, s.submitted);
  EXPECT_EQ(country.totals.at("media_articles"), s.totals.at("media_articles"));
}

TEST_F(AppTest, DemoRefusesADatabaseThatAlreadyHasUnits) {
  make_small_tree();
  EXPECT_EQ(error_kind_of([&] { make_demo(*app_, DemoScale::commune); }), ErrorKind::conflict);
}

TEST_F(AppTest, DemoRefusesADatabaseWithOnlyAnAccountAndWritesNothing) {
  // A production database before its units are imported: demo rows must not be mixed in.
  app_->add_user("quantri", "Quản trị", Role::admin, "", "mat-khau-quan-tri-9");
  EXPECT_TRUE(database_holds_data(*app_));
  EXPECT_EQ(error_kind_of([&] { make_demo(*app_, DemoScale::commune); }), ErrorKind::conflict);
  EXPECT_EQ(store_->units().count_units(), 0);
}

TEST(DemoValues, GeneratedValuesPassTheFormsValidation) {
  auto definition =
      nlohmann::json::parse(std::ifstream(std::string(LLW_SOURCE_DIR) + "/forms/llw-2025.json"));
  auto form = load_form(definition, "forms/llw-2025.json");
  OrgUnit village;
  village.code = "V";
  village.kind = UnitKind::village;
  village.population = {{"residents", 1200}};
  OrgUnit school;
  school.code = "S";
  school.kind = UnitKind::school;
  school.population = {{"students", 300}, {"staff", 25}, {"parents", 280}};
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    for (const OrgUnit* u : {&village, &school}) {
      auto complete = demo_report_values(*form, *u, seed, true);
      EXPECT_TRUE(validate_values(*form, *u, complete, true).empty()) << u->code << seed;
      auto draft = demo_report_values(*form, *u, seed, false);
      EXPECT_TRUE(validate_values(*form, *u, draft, false).empty()) << u->code << seed;
      EXPECT_LT(draft.size(), complete.size());
    }
  }
}

}  // namespace
}  // namespace llw::testing
