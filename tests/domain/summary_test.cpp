#include "domain/summary.h"

#include <gtest/gtest.h>

#include "form_fixtures.h"

namespace llw {
namespace {

using nlohmann::json;
using testing::campaign_2025;

OrgUnit unit(std::int64_t id, Population population) {
  OrgUnit u;
  u.id = id;
  u.code = "U" + std::to_string(id);
  u.kind = UnitKind::school;
  u.path = "/1/" + std::to_string(id) + "/";
  u.population = std::move(population);
  return u;
}

UnitReport report(ReportStatus status, json values, bool late = false) {
  UnitReport r;
  r.status = status;
  r.values = std::move(values);
  r.late = late;
  return r;
}

double slot(const Contribution& c, const std::string& name) {
  const auto it = c.find(name);
  return it == c.end() ? 0 : it->second;
}

TEST(Contribution, DraftCountsOnlyAsExpected) {
  const auto c = contribution_of(campaign_2025(), unit(2, {{"students", 100}}),
                                 report(ReportStatus::draft, {{"banners", 4}}));
  // Expected, and the dashboard's counters of its kind and its state.
  EXPECT_EQ(c,
            (Contribution{{"expected", 1}, {"kinds.school.expected", 1}, {"statuses.draft", 1}}));
}

TEST(Contribution, SubmittedReportAddsItsFigures) {
  const auto c = contribution_of(campaign_2025(), unit(2, {{"students", 100}, {"staff", 10}}),
                                 report(ReportStatus::submitted, {{"banners", 4},
                                                                  {"media_articles", 2},
                                                                  {"participants_students", 80},
                                                                  {"participants_staff", 9},
                                                                  {"commend_individuals", 3}}));
  EXPECT_EQ(slot(c, "expected"), 1);
  EXPECT_EQ(slot(c, "submitted"), 1);
  EXPECT_EQ(slot(c, "on_time"), 1);
  EXPECT_EQ(slot(c, "late"), 0);
  EXPECT_EQ(slot(c, "totals.banners"), 4);
  EXPECT_EQ(slot(c, "totals.media_articles"), 2);
  EXPECT_EQ(slot(c, "participation.participants"), 89);
  EXPECT_EQ(slot(c, "participation.population"), 110);
  EXPECT_EQ(slot(c, "totals.participants_students"), 80);
  EXPECT_EQ(slot(c, "commendations.individuals"), 3);
}

TEST(Contribution, AGroupLeftEmptyAddsNeitherParticipantsNorPopulation) {
  // A learning centre that reported 250 of its 400 students and left the residents empty: the
  // residents are "no data", not 0 of 3,000.
  const auto c =
      contribution_of(campaign_2025(), unit(2, {{"students", 400}, {"residents", 3000}}),
                      report(ReportStatus::submitted, {{"participants_students", 250},
                                                       {"reading_day_held", true},
                                                       {"reading_day_participants", 1155}}));
  EXPECT_EQ(slot(c, "participation.participants"), 250);
  EXPECT_EQ(slot(c, "participation.population"), 400);
  EXPECT_EQ(slot(c, "participation.students.participants"), 250);
  EXPECT_EQ(slot(c, "participation.students.population"), 400);
  EXPECT_EQ(slot(c, "participation.students.units"), 1);
  EXPECT_EQ(slot(c, "participation.residents.population"), 0);
  EXPECT_EQ(slot(c, "participation.residents.units"), 0);

  Contribution node;
  add_into(node, c);
  const Summary s = summary_from_aggregate(campaign_2025(), unit(1, {}), node);
  EXPECT_DOUBLE_EQ(s.participation_rate, 0.625);
  ASSERT_EQ(s.participation_groups.size(), 4u);
  EXPECT_EQ(s.participation_groups[0].group, "students");
  EXPECT_EQ(s.participation_groups[0].label, "Học sinh");
  EXPECT_DOUBLE_EQ(s.participation_groups[0].rate, 0.625);
  EXPECT_EQ(s.participation_groups[3].group, "residents");
  EXPECT_EQ(s.participation_groups[3].units, 0);
  EXPECT_EQ(s.participation_groups[3].population, 0);
}

TEST(Contribution, AGroupFilledWithZeroCountsItsWholePopulation) {
  const auto c = contribution_of(campaign_2025(), unit(2, {{"students", 400}, {"parents", 300}}),
                                 report(ReportStatus::submitted, {{"participants_students", 250},
                                                                  {"participants_parents", 0}}));
  EXPECT_EQ(slot(c, "participation.population"), 700);
  EXPECT_EQ(slot(c, "participation.parents.units"), 1);
  EXPECT_EQ(slot(c, "participation.parents.population"), 300);
}

TEST(Contribution, QuantityRowsSumPerUnitOfMeasure) {
  const auto c = contribution_of(
      campaign_2025(), unit(2, {}),
      report(ReportStatus::submitted,
             {{"other_results",
               json::array(
                   {{{"content", "Học bổng"}, {"quantity", 40}, {"unit", "suất"}},
                    {{"content", "Học bổng"}, {"quantity", 29}, {"unit", "suất"}},
                    {{"content", "Trị giá học bổng"}, {"quantity", 34500000}, {"unit", "đồng"}},
                    {{"content", "Sách"}, {"quantity", 120}, {"unit", "cuốn"}}})}}));
  EXPECT_EQ(slot(c, "quantities.other_results.suất"), 69);
  EXPECT_EQ(slot(c, "quantities.other_results.đồng"), 34500000);
  EXPECT_EQ(slot(c, "quantities.other_results.cuốn"), 120);
  Contribution node;
  add_into(node, c);
  add_into(node, c);
  const Summary s = summary_from_aggregate(campaign_2025(), unit(1, {}), node);
  EXPECT_EQ(s.quantities.at("other_results").at("suất"), 138);
  EXPECT_EQ(s.quantities.at("other_results").at("cuốn"), 240);
}

TEST(Contribution, LateSubmissionCountsAsLate) {
  const auto c = contribution_of(campaign_2025(), unit(2, {}),
                                 report(ReportStatus::accepted, json::object(), true));
  EXPECT_EQ(slot(c, "late"), 1);
  EXPECT_EQ(slot(c, "on_time"), 0);
  EXPECT_EQ(slot(c, "submitted"), 1);
}

TEST(Contribution, ReturnedReportIsNotCountedByDefault) {
  const auto c = contribution_of(campaign_2025(), unit(2, {}),
                                 report(ReportStatus::returned, {{"banners", 4}}));
  EXPECT_EQ(
      c, (Contribution{{"expected", 1}, {"kinds.school.expected", 1}, {"statuses.returned", 1}}));
}

TEST(Contribution, HeldActivityGoesToItsDefaultDirectionUnlessTheReportNamesOne) {
  const auto c = contribution_of(campaign_2025(), unit(2, {}),
                                 report(ReportStatus::submitted, {{"reading_day_held", true},
                                                                  {"reading_day_sessions", 2},
                                                                  {"reading_day_participants", 300},
                                                                  {"new_books_held", true},
                                                                  {"new_books_sessions", 1},
                                                                  {"new_books_participants", 50},
                                                                  {"stem_held", true},
                                                                  {"stem_direction", "a"},
                                                                  {"stem_sessions", 3},
                                                                  {"stem_participants", 40},
                                                                  {"clubs_held", false}}));
  EXPECT_EQ(slot(c, "activities.reading_day.units"), 1);
  EXPECT_EQ(slot(c, "activities.reading_day.sessions"), 2);
  EXPECT_EQ(slot(c, "activities.reading_day.participants"), 300);
  EXPECT_EQ(slot(c, "activities.clubs.units"), 0);
  // Reading day and new books both default to d: one unit, their sessions and people added.
  EXPECT_EQ(slot(c, "directions.d.units"), 1);
  EXPECT_EQ(slot(c, "directions.d.sessions"), 3);
  EXPECT_EQ(slot(c, "directions.d.participants"), 350);
  // STEM defaults to đ but this report tagged it a.
  EXPECT_EQ(slot(c, "directions.đ.units"), 0);
  EXPECT_EQ(slot(c, "directions.a.units"), 1);
  EXPECT_EQ(slot(c, "directions.a.sessions"), 3);
}

TEST(Contribution, OtherActivityRowsAddToOtherAndToTheirDirections) {
  const json rows = json::array({
      {{"name", "Ngày hội STEM"}, {"direction", "đ"}, {"sessions", 1}, {"participants", 120}},
      {{"name", "Tọa đàm hướng nghiệp"}, {"direction", "e"}, {"sessions", 2}, {"participants", 60}},
  });
  const auto c = contribution_of(campaign_2025(), unit(2, {}),
                                 report(ReportStatus::submitted, {{"other_activities", rows}}));
  EXPECT_EQ(slot(c, "activities.other.units"), 1);
  EXPECT_EQ(slot(c, "activities.other.sessions"), 3);
  EXPECT_EQ(slot(c, "activities.other.participants"), 180);
  EXPECT_EQ(slot(c, "directions.đ.participants"), 120);
  EXPECT_EQ(slot(c, "directions.e.sessions"), 2);
  EXPECT_EQ(slot(c, "directions.e.units"), 1);
}

// Số hoạt động: a held activity is one, each row of other activities is one more; "units" stays
// the number of units. The unit's report, the annex and the summary all read "held".
TEST(Contribution, ActivitiesHeldCountEachOtherRowAsOneActivity) {
  const json rows = json::array({
      {{"name", "Ngày hội STEM"}, {"direction", "đ"}, {"sessions", 1}, {"participants", 120}},
      {{"name", "Tọa đàm hướng nghiệp"}, {"direction", "đ"}, {"sessions", 2}},
  });
  const Campaign campaign = campaign_2025();
  const OrgUnit u = unit(2, {});
  const auto c = contribution_of(campaign, u,
                                 report(ReportStatus::submitted, {{"flag_talk_held", true},
                                                                  {"stem_held", true},
                                                                  {"clubs_held", false},
                                                                  {"other_activities", rows}}));
  EXPECT_EQ(slot(c, "activities.other.units"), 1);
  EXPECT_EQ(slot(c, "activities.other.held"), 2);
  EXPECT_EQ(slot(c, "activities.stem.held"), 1);
  EXPECT_EQ(slot(c, "activities.clubs.held"), 0);
  EXPECT_EQ(slot(c, "directions.đ.units"), 1);
  EXPECT_EQ(slot(c, "directions.đ.held"), 3);  // STEM and both rows
  const Summary s = summary_from_aggregate(campaign, u, c);
  std::int64_t held = 0;
  for (const auto& [key, f] : s.activities) held += f.held;
  EXPECT_EQ(held, 4);
  EXPECT_EQ(s.activities.at("other").held, 2);
  EXPECT_EQ(s.activities.at("other").units, 1);
}

TEST(SummaryArithmetic, ParticipationRateIsWeightedNotAnAverageOfRates) {
  const Campaign campaign = campaign_2025();
  // A small school where 90% took part and a big one where 10% did: the average of rates is
  // 50%, the true share is 190 / 1100.
  const OrgUnit small = unit(2, {{"students", 100}});
  const OrgUnit big = unit(3, {{"students", 1000}});
  Contribution total;
  add_into(total,
           contribution_of(campaign, small,
                           report(ReportStatus::submitted, {{"participants_students", 90}})));
  add_into(total,
           contribution_of(campaign, big,
                           report(ReportStatus::submitted, {{"participants_students", 100}})));
  const Summary s = summary_from_aggregate(campaign, unit(1, {}), total);
  EXPECT_EQ(s.participants, 190);
  EXPECT_EQ(s.population, 1100);
  EXPECT_DOUBLE_EQ(s.participation_rate, 190.0 / 1100.0);
  EXPECT_GT(std::abs(s.participation_rate - 0.5), 0.3);
}

TEST(SummaryArithmetic, ResubmissionReplacesInsteadOfAdding) {
  const Campaign campaign = campaign_2025();
  const OrgUnit school = unit(2, {{"students", 500}});
  const OrgUnit other = unit(3, {{"students", 200}});
  Contribution aggregate;
  add_into(aggregate,
           contribution_of(campaign, other, report(ReportStatus::submitted, {{"banners", 10}})));
  const UnitReport first =
      report(ReportStatus::submitted, {{"banners", 5}, {"participants_students", 300}});
  const UnitReport second =
      report(ReportStatus::submitted, {{"banners", 7}, {"participants_students", 250}});
  const Contribution unsent = contribution_of(campaign, school, UnitReport{});
  add_into(aggregate, unsent);
  add_into(aggregate, difference(contribution_of(campaign, school, first), unsent));
  add_into(aggregate, difference(contribution_of(campaign, school, second),
                                 contribution_of(campaign, school, first)));
  const Summary s = summary_from_aggregate(campaign, unit(1, {}), aggregate);
  EXPECT_EQ(s.expected, 2);
  EXPECT_EQ(s.submitted, 2);
  EXPECT_EQ(s.on_time, 2);
  EXPECT_DOUBLE_EQ(s.totals.at("banners"), 17);  // 10 + 7, not 10 + 5 + 7
  EXPECT_EQ(s.participants, 250);
  // The other unit reported no participants: its 200 students are not in the rate.
  EXPECT_EQ(s.population, 500);
}

TEST(SummaryArithmetic, ReturningAReportRemovesItsFigures) {
  const Campaign campaign = campaign_2025();
  const OrgUnit school = unit(2, {{"students", 500}});
  const UnitReport submitted = report(ReportStatus::submitted, {{"banners", 5}}, true);
  UnitReport returned = submitted;
  returned.status = ReportStatus::returned;
  Contribution aggregate = contribution_of(campaign, school, submitted);
  add_into(aggregate, difference(contribution_of(campaign, school, returned),
                                 contribution_of(campaign, school, submitted)));
  EXPECT_EQ(
      aggregate,
      (Contribution{{"expected", 1}, {"kinds.school.expected", 1}, {"statuses.returned", 1}}));
}

TEST(SummaryArithmetic, DifferenceDropsZerosAndAddIntoErasesEmptiedSlots) {
  const Contribution before = {{"expected", 1}, {"totals.banners", 4}, {"totals.media_news", 2}};
  const Contribution after = {{"expected", 1}, {"totals.banners", 6}, {"submitted", 1}};
  const Contribution delta = difference(after, before);
  EXPECT_EQ(delta,
            (Contribution{{"totals.banners", 2}, {"totals.media_news", -2}, {"submitted", 1}}));
  Contribution total = before;
  add_into(total, delta);
  EXPECT_EQ(total, after);
}

TEST(SummaryFromAggregate, ListsEveryItemActivityAndDirectionEvenWhenZero) {
  const Campaign campaign = campaign_2025();
  const Summary s = summary_from_aggregate(campaign, unit(1, {}), {{"expected", 3}});
  EXPECT_EQ(s.expected, 3);
  EXPECT_EQ(s.missing_count, 3);
  for (const char* key : {"media_articles", "media_news", "media_features", "site_posts",
                          "school_radio", "lll_articles", "banners", "reading_day_held",
                          "participants_students", "commend_collectives"}) {
    ASSERT_TRUE(s.totals.count(key)) << key;
    EXPECT_EQ(s.totals.at(key), 0) << key;
  }
  EXPECT_EQ(s.activities.size(), 13u);  // twelve activities and "other"
  EXPECT_TRUE(s.activities.count("other"));
  EXPECT_EQ(s.directions.size(), 6u);
  EXPECT_TRUE(s.directions.count("đ"));
  EXPECT_EQ(s.commendations.at("collectives"), 0);
  EXPECT_EQ(s.commendations.at("individuals"), 0);
  for (const char* part :
       {"advantages", "difficulties", "next_plan", "recommendations", "awareness_students"}) {
    EXPECT_TRUE(s.narratives.count(part)) << part;
  }
  EXPECT_EQ(s.participation_rate, 0);
}

TEST(SummaryFromAggregate, ReadsActivityAndDirectionFigures) {
  const Contribution aggregate = {{"expected", 2},
                                  {"submitted", 2},
                                  {"on_time", 1},
                                  {"late", 1},
                                  {"activities.reading_day.units", 2},
                                  {"activities.reading_day.sessions", 5},
                                  {"activities.reading_day.participants", 640},
                                  {"directions.đ.units", 1},
                                  {"directions.đ.participants", 40},
                                  {"commendations.collectives", 6}};
  const Summary s = summary_from_aggregate(campaign_2025(), unit(1, {}), aggregate);
  EXPECT_EQ(s.activities.at("reading_day").units, 2);
  EXPECT_EQ(s.activities.at("reading_day").sessions, 5);
  EXPECT_EQ(s.activities.at("reading_day").participants, 640);
  EXPECT_EQ(s.directions.at("đ").participants, 40);
  EXPECT_EQ(s.commendations.at("collectives"), 6);
  EXPECT_EQ(s.late, 1);
  EXPECT_EQ(s.missing_count, 0);
}

TEST(SummaryArithmetic, WeightedRateItemIsWeightedByItsPopulationGroup) {
  Campaign campaign = campaign_2025();
  campaign.form = load_form(json::parse(R"({
    "id": "rates", "title": "Tỷ lệ",
    "population_groups": [{"key": "students", "label": "Học sinh"}],
    "sections": [{"key": "I", "title": "I", "items": [
      {"key": "reading_rate", "label": "Tỷ lệ học sinh đọc sách", "type": "percent",
       "aggregate": "weighted_rate", "weight_group": "students"}]}]})"),
                            "rates.json");
  Contribution total;
  add_into(total, contribution_of(campaign, unit(2, {{"students", 100}}),
                                  report(ReportStatus::submitted, {{"reading_rate", 90}})));
  add_into(total, contribution_of(campaign, unit(3, {{"students", 900}}),
                                  report(ReportStatus::submitted, {{"reading_rate", 10}})));
  const Summary s = summary_from_aggregate(campaign, unit(1, {}), total);
  EXPECT_DOUBLE_EQ(s.rates.at("reading_rate"), (90.0 * 100 + 10.0 * 900) / 1000);  // 18, not 50
}

TEST(NarrativeTexts, CollectsNonEmptyTextsByPart) {
  const auto texts =
      narrative_texts(*testing::form_2025(), {{"advantages", "Được lãnh đạo quan tâm."},
                                              {"difficulties", "   "},
                                              {"commend_notes", "Không thuộc phần tổng hợp."},
                                              {"recommendations", "Bổ sung kinh phí."}});
  EXPECT_EQ(texts, (std::map<std::string, std::string>{{"advantages", "Được lãnh đạo quan tâm."},
                                                       {"recommendations", "Bổ sung kinh phí."}}));
}

}  // namespace
}  // namespace llw
