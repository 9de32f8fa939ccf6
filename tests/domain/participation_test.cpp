// participation_of is the participation part of contribution_of, computed alone for exports:
// the two must agree on every report, counted or not, with tables and unknown groups.
#include <gtest/gtest.h>

#include "domain/summary.h"
#include "form_fixtures.h"

namespace llw {
namespace {

using nlohmann::json;
using testing::campaign_2025;

void expect_same_as_contribution(const Campaign& campaign, const OrgUnit& unit,
                                 const UnitReport& report) {
  const Contribution c = contribution_of(campaign, unit, report);
  const auto slot = [&](const char* name) {
    const auto it = c.find(name);
    return it == c.end() ? 0.0 : it->second;
  };
  const Participation p = participation_of(campaign, unit, report);
  EXPECT_EQ(p.participants, slot("participation.participants")) << report.values.dump();
  EXPECT_EQ(p.population, slot("participation.population")) << report.values.dump();
}

TEST(Participation, EqualsTheContributionsParticipationSlots) {
  const Campaign campaign = campaign_2025();
  OrgUnit school;
  school.id = 7;
  school.code = "HP-X-A";
  school.population = {{"students", 900}, {"staff", 60}, {"parents", 800}, {"unknown", 5}};
  UnitReport report;
  report.unit_id = school.id;
  report.status = ReportStatus::submitted;
  report.values = {{"participants_students", 840},
                   {"participants_staff", 58},
                   {"participants_parents", 120},
                   {"reading_day_held", true},
                   {"reading_day_participants", 300},
                   {"other_activities", json::array({{{"name", "Hội thảo"}, {"sessions", 2}}})}};
  expect_same_as_contribution(campaign, school, report);
  EXPECT_EQ(participation_of(campaign, school, report).participants, 840 + 58 + 120);
  EXPECT_EQ(participation_of(campaign, school, report).population, 900 + 60 + 800);

  // Not counted: nothing, as in the contribution.
  report.status = ReportStatus::draft;
  expect_same_as_contribution(campaign, school, report);
  EXPECT_EQ(participation_of(campaign, school, report).population, 0);

  // Counted with no values at all, and with values of the wrong type.
  report.status = ReportStatus::accepted;
  report.values = json::object();
  expect_same_as_contribution(campaign, school, report);
  report.values = {{"participants_students", "nhiều"}, {"other_activities", "không phải bảng"}};
  expect_same_as_contribution(campaign, school, report);
}

}  // namespace
}  // namespace llw
