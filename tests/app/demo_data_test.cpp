// The commune demo is consistent: its summary equals a direct sum over its counted reports; a
// demo built for another year than the seed's has its campaign, plan, report dates and texts all
// in that year, and its summary still adds up.
#include "demo/demo_data.h"

#include <chrono>
#include <fstream>

#include "app/accounts.h"
#include "app/campaigns.h"
#include "app/summaries.h"
#include "app/units.h"
#include "app_fixture.h"
#include "domain/year_comparison.h"

namespace llw::testing {
namespace {

using namespace std::chrono;

// What the counted reports add up to, read one by one: what a summary must show.
struct DirectSums {
  std::int64_t submitted = 0, late = 0, participants = 0;
  std::map<std::string, double> totals;

  void add(const UnitReport& r) {
    ++submitted;
    late += r.late;
    for (const char* key : {"media_articles", "banners", "site_posts"}) {
      totals[key] += r.values.value(key, 0.0);
    }
    for (const char* key : {"participants_students", "participants_staff", "participants_parents",
                            "participants_residents"}) {
      participants += r.values.value(key, std::int64_t(0));
    }
  }
  void expect_in(const Summary& s) const {
    EXPECT_EQ(s.submitted, submitted);
    EXPECT_EQ(s.late, late);
    EXPECT_EQ(s.participants, participants);
    for (const auto& [key, value] : totals) EXPECT_EQ(s.totals.at(key), value) << key;
  }
};

TEST_F(AppTest, CommuneDemoSummaryEqualsADirectSumOverItsReports) {
  DemoStats stats = make_demo(*app_, DemoScale::commune);
  EXPECT_EQ(stats.issuer_code, "HP-ANHUNG");
  EXPECT_GE(stats.units, 28);
  for (const char* state :
       {"not_started", "draft", "submitted_on_time", "submitted_late", "returned", "accepted"}) {
    EXPECT_GT(stats.reports_by_state[state], 0) << state;
  }
  EXPECT_EQ(stats.accounts.front().username, "admin");

  Campaign campaign = app_->campaigns().get_campaign(system_admin(), stats.campaign_id);
  EXPECT_EQ(campaign.plan["number"], "83/KH-UBND");
  const ReportForm& form = *campaign.form;
  OrgUnit commune = unit("HP-ANHUNG");
  std::vector<OrgUnit> reporting =
      store_->units().units_in_subtree(commune.path, campaign.reporting_kinds);
  ASSERT_EQ(std::int64_t(reporting.size()), stats.reporting_units);

  DirectSums sums;
  std::int64_t population = 0, reading_sessions = 0;
  for (const OrgUnit& u : reporting) {
    UnitReport r = *store_->reports().find_report(campaign.id, u.id);
    if (r.status == ReportStatus::draft) {
      EXPECT_TRUE(validate_values(form, u, r.values, false).empty()) << u.code;
    }
    if (!campaign.counts(r.status)) continue;
    EXPECT_TRUE(validate_values(form, u, r.values, true).empty()) << u.code;
    sums.add(r);
    for (const auto& [group, n] : u.population) population += n;
    reading_sessions += r.values.value("reading_day_sessions", std::int64_t(0));
  }
  ASSERT_GT(sums.submitted, 0);

  Summary s = app_->summaries().summary(system_admin(), campaign.id, "HP-ANHUNG");
  EXPECT_EQ(s.expected, stats.reporting_units);
  sums.expect_in(s);
  EXPECT_EQ(s.on_time, sums.submitted - sums.late);
  EXPECT_EQ(s.missing_count, stats.reporting_units - sums.submitted);
  EXPECT_EQ(s.population, population);
  EXPECT_GT(s.participation_rate, 0.2);
  EXPECT_LE(s.participation_rate, 1.0);
  EXPECT_EQ(s.activities.at("reading_day").sessions, reading_sessions);
  EXPECT_GT(s.narrative_counts.at("advantages"), 0);

  // The tree has one commune, so the city and the country see the same figures.
  Summary country = app_->summaries().summary(system_admin(), campaign.id, "VN");
  EXPECT_EQ(country.submitted, s.submitted);
  EXPECT_EQ(country.totals.at("media_articles"), s.totals.at("media_articles"));
}

// Last year's campaign (issue 18, item 6): year − 1 for the same subtree, every report accepted
// with figures that pass the form, participants within the population, and a summary that is
// the direct sum; this year's campaign stays the newest and keeps its id.
TEST_F(AppTest, CommuneDemoHasLastYearsCampaignWithAcceptedReports) {
  DemoStats stats = make_demo(*app_, DemoScale::commune, 2025);
  ASSERT_NE(stats.previous_campaign_id, 0);
  EXPECT_EQ(stats.campaign_id, 1);
  const Campaign last = app_->campaigns().get_campaign(system_admin(), stats.previous_campaign_id);
  EXPECT_EQ(last.year, 2024);
  EXPECT_EQ(last.name, "Tuần lễ hưởng ứng học tập suốt đời năm 2024");
  EXPECT_EQ(last.issuer_code, "HP-ANHUNG");
  EXPECT_EQ(last.period_start, 2024y / October / 1);
  EXPECT_EQ(last.lock_date, 2024y / October / 31);
  EXPECT_EQ(app_->campaigns().newest_campaign(system_admin())->id, stats.campaign_id);
  // This year counts as started from last year: starting 2025 again from 2024 is refused.
  EXPECT_EQ(app_->campaigns().next_year_campaign_id(system_admin(), last.id), stats.campaign_id);
  try {
    app_->campaigns().start_next_year(system_admin(), last.id);
    ADD_FAILURE() << "a second 2025 was started from the demo's 2024";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "next_year");
  }

  const std::vector<OrgUnit> reporting =
      store_->units().units_in_subtree(unit("HP-ANHUNG").path, last.reporting_kinds);
  DirectSums sums;
  for (const OrgUnit& u : reporting) {
    const UnitReport r = *store_->reports().find_report(last.id, u.id);
    ASSERT_EQ(r.status, ReportStatus::accepted) << u.code;
    EXPECT_TRUE(validate_values(*last.form, u, r.values, true).empty()) << u.code;
    sums.add(r);
    // Each group's participants within its population.
    for (const auto& [group, key] : {std::pair{"students", "participants_students"},
                                     {"staff", "participants_staff"},
                                     {"parents", "participants_parents"},
                                     {"residents", "participants_residents"}}) {
      const auto population = u.population.find(group);
      if (population == u.population.end()) continue;
      EXPECT_LE(r.values.value(key, std::int64_t(0)), population->second) << u.code << " " << key;
    }
  }
  EXPECT_EQ(sums.submitted, stats.reporting_units);
  const Summary s = app_->summaries().summary(system_admin(), last.id, "HP-ANHUNG");
  sums.expect_in(s);
  EXPECT_EQ(s.expected, stats.reporting_units);
  EXPECT_EQ(s.missing_count, 0);
  EXPECT_LE(s.participants, s.population);

  // The same figures every run: a second demo gives last year the same totals.
  AppTest::TearDown();
  AppTest::SetUp();
  const DemoStats again = make_demo(*app_, DemoScale::commune, 2025);
  EXPECT_EQ(
      app_->summaries().summary(system_admin(), again.previous_campaign_id, "HP-ANHUNG").totals,
      s.totals);
}

// The 2025 mergers: Xã An Hưng records the two communes it was made of, and right after the demo
// its comparison with last year is the merged commune's rule (its own figures plus those of its
// predecessors), checked here against last year's reports below it and below them, summed one by
// one.
TEST_F(AppTest, DemoCommuneIsMergedAndComparedWithItsPredecessorsLastYear) {
  const DemoStats stats = make_demo(*app_, DemoScale::commune, 2025);
  std::vector<std::string> codes;
  for (const OrgUnit& p : app_->units().predecessors(system_admin(), "HP-ANHUNG")) {
    codes.push_back(p.code);
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"HP-ANHUNGDONG", "HP-ANHUNGTAY"}));
  const Campaign last = app_->campaigns().get_campaign(system_admin(), stats.previous_campaign_id);
  DirectSums before;
  for (const char* root : {"HP-ANHUNG", "HP-ANHUNGDONG", "HP-ANHUNGTAY"}) {
    for (const OrgUnit& u :
         store_->units().units_in_subtree(unit(root).path, last.reporting_kinds)) {
      const auto report = store_->reports().find_report(last.id, u.id);
      if (report && last.counts(report->status)) before.add(*report);
    }
  }
  ASSERT_GT(before.submitted, 0);
  const Summary now = app_->summaries().summary(system_admin(), stats.campaign_id, "HP-ANHUNG");
  ASSERT_NE(now.previous_year, nullptr);
  EXPECT_EQ(now.previous_year->year, 2024);
  EXPECT_EQ(now.previous_year->campaign_id, last.id);
  std::map<std::string, FigureComparison> figures;
  for (const FigureComparison& f : now.previous_year->figures) figures[f.id] = f;
  EXPECT_EQ(figures.at("participation.participants").previous,
            static_cast<double>(before.participants));
  for (const auto& [key, value] : before.totals) {
    EXPECT_EQ(figures.at("totals." + key).previous, value) << key;
    EXPECT_EQ(figures.at("totals." + key).current, now.totals.at(key)) << key;
  }
  // The old communes are left without units: nothing of this year's reports is theirs.
  EXPECT_EQ(app_->summaries().summary(system_admin(), stats.campaign_id, "HP-ANHUNGDONG").expected,
            0);
}

TEST_F(AppTest, DemoRefusesADatabaseThatAlreadyHasUnits) {
  make_small_tree();
  EXPECT_EQ(error_kind_of([&] { make_demo(*app_, DemoScale::commune); }), ErrorKind::conflict);
}

TEST_F(AppTest, DemoRefusesADatabaseWithOnlyAnAccountAndWritesNothing) {
  // A production database before its units are imported: demo rows must not be mixed in.
  app_->accounts().add_user("quantri", "Quản trị", Role::admin, "", "mat-khau-quan-tri-9");
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

// Every string inside `value` (report values, table rows), for looking for a year in them.
void each_string(const nlohmann::json& value, const std::function<void(const std::string&)>& f) {
  if (value.is_string()) f(value.get<std::string>());
  if (value.is_structured()) {
    for (const auto& item : value) each_string(item, f);
  }
}

year_month_day vietnam_date(Timestamp at) {
  return year_month_day{floor<days>(sys_seconds{seconds{at + vietnam_utc_offset_seconds}})};
}

TEST_F(AppTest, DemoOfAnotherYearIsInThatYearAndItsSummaryAddsUp) {
  DemoStats stats = make_demo(*app_, DemoScale::commune, 2027);
  Campaign campaign = app_->campaigns().get_campaign(system_admin(), stats.campaign_id);
  EXPECT_EQ(campaign.year, 2027);
  EXPECT_EQ(campaign.name, "Tuần lễ hưởng ứng học tập suốt đời năm 2027");
  EXPECT_EQ(stats.campaign_name, campaign.name);
  EXPECT_EQ(campaign.period_start, year{2027} / October / 1);
  EXPECT_EQ(campaign.period_end, year{2027} / October / 7);
  EXPECT_EQ(campaign.deadline, year{2027} / October / 12);
  EXPECT_EQ(campaign.lock_date, year{2027} / October / 31);
  EXPECT_EQ(campaign.plan["issued_on"], "2027-10-01");
  const std::string plan = campaign.plan.dump(-1, ' ', false);
  EXPECT_EQ(plan.find("2025"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Tuần lễ hưởng ứng học tập suốt đời năm 2027"), std::string::npos);
  EXPECT_NE(plan.find("12/10/2027"), std::string::npos);

  // Every report's dates and texts are in 2027; the counted ones, summed unit by unit, are what
  // the root of the tree shows.
  const OrgUnit country = unit("VN");
  DirectSums sums;
  for (const OrgUnit& u :
       store_->units().units_in_subtree(country.path, campaign.reporting_kinds)) {
    const UnitReport r = *store_->reports().find_report(campaign.id, u.id);
    if (r.status == ReportStatus::not_started) continue;
    EXPECT_EQ(vietnam_date(r.updated_at).year(), year{2027}) << u.code;
    each_string(r.values, [&](const std::string& text) {
      EXPECT_EQ(text.find("2025"), std::string::npos) << u.code << ": " << text;
    });
    if (!campaign.counts(r.status)) continue;
    ASSERT_TRUE(r.submitted_at) << u.code;
    EXPECT_EQ(vietnam_date(*r.submitted_at).year(), year{2027}) << u.code;
    sums.add(r);
  }
  ASSERT_GT(sums.submitted, 0);
  EXPECT_GT(sums.late, 0);
  const Summary root = app_->summaries().summary(system_admin(), campaign.id, "VN");
  EXPECT_EQ(root.expected, stats.reporting_units);
  sums.expect_in(root);
}

TEST_F(AppTest, DemoRefusesAYearOutsideItsRange) {
  EXPECT_EQ(error_kind_of([&] { make_demo(*app_, DemoScale::commune, 1999); }),
            ErrorKind::bad_input);
  EXPECT_EQ(store_->units().count_units(), 0);
}

}  // namespace
}  // namespace llw::testing
