// Reporting up in the domain: who may submit a node's consolidated report, and the arithmetic of
// summaries in "accepted" mode (a consolidating child's live figures replaced by its snapshot).
#include "domain/consolidated_report.h"

#include <gtest/gtest.h>

#include "domain/access.h"

namespace llw {
namespace {

OrgUnit node_at(const std::string& path) {
  OrgUnit unit;
  unit.code = "U" + path;
  unit.path = path;
  return unit;
}

User user_at(Role role, const std::string& path) {
  User user;
  user.id = 7;
  user.role = role;
  user.unit_path = path;
  return user;
}

TEST(ConsolidatedReportAccess, OnlyTheNodesOwnCoordinatorAndAdminsSubmitIt) {
  const OrgUnit commune = node_at("/1/2/");
  EXPECT_TRUE(
      is_allowed(user_at(Role::coordinator, "/1/2/"), Action::submit_consolidated, commune));
  EXPECT_FALSE(is_allowed(user_at(Role::coordinator, "/1/"), Action::submit_consolidated,
                          commune));  // the city reviews it instead
  EXPECT_TRUE(is_allowed(user_at(Role::coordinator, "/1/"), Action::review_report, commune));
  EXPECT_FALSE(is_allowed(user_at(Role::coordinator, "/1/2/"), Action::review_report, commune));
  EXPECT_FALSE(
      is_allowed(user_at(Role::coordinator, "/1/4/"), Action::submit_consolidated, commune));
  EXPECT_FALSE(is_allowed(user_at(Role::reporter, "/1/2/"), Action::submit_consolidated, commune));
  EXPECT_FALSE(is_allowed(user_at(Role::viewer, "/1/2/"), Action::submit_consolidated, commune));
  User admin;
  admin.role = Role::admin;
  EXPECT_TRUE(is_allowed(admin, Action::submit_consolidated, commune));
  admin.disabled = true;
  EXPECT_FALSE(is_allowed(admin, Action::submit_consolidated, commune));
}

ChildFigures child(Contribution live, bool reports_itself = false) {
  ChildFigures figures;
  figures.live = std::move(live);
  figures.reports_itself = reports_itself;
  return figures;
}

TEST(AcceptedSlots, AConsolidatingChildCountsByItsSnapshotAndKeepsTheLiveExpected) {
  // A city of two communes (3 and 2 units) and one school reporting directly to it.
  const Contribution city{{"expected", 6},
                          {"submitted", 5},
                          {"totals.media_articles", 20},
                          {"participation.participants", 500},
                          {"participation.population", 1000}};
  ChildFigures accepted = child({{"expected", 3},
                                 {"submitted", 3},
                                 {"totals.media_articles", 12},
                                 {"participation.participants", 300},
                                 {"participation.population", 600}});
  ConsolidatedSnapshot snapshot;
  snapshot.slots = {{"expected", 3},
                    {"submitted", 2},
                    {"totals.media_articles", 7},
                    {"participation.participants", 200},
                    {"participation.population", 400}};
  accepted.snapshot = snapshot;
  const ChildFigures not_accepted = child({{"expected", 2},
                                           {"submitted", 1},
                                           {"totals.media_articles", 5},
                                           {"participation.participants", 100},
                                           {"participation.population", 200}});
  const ChildFigures school = child({{"expected", 1},
                                     {"submitted", 1},
                                     {"totals.media_articles", 3},
                                     {"participation.participants", 100},
                                     {"participation.population", 200}},
                                    true);
  EXPECT_TRUE(accepted.consolidates());
  EXPECT_FALSE(school.consolidates());

  const Contribution slots = accepted_slots(city, {accepted, not_accepted, school});
  EXPECT_EQ(slots.at("expected"), 6);  // every unit that must report, accepted or not
  EXPECT_EQ(slots.at("submitted"), 2 + 1);
  EXPECT_EQ(slots.at("totals.media_articles"), 7 + 3);
  EXPECT_EQ(slots.at("participation.participants"), 200 + 100);
  EXPECT_EQ(slots.at("participation.population"), 400 + 200);
  // Without consolidating children the live figures are the accepted ones.
  EXPECT_EQ(accepted_slots(city, {school}), city);
}

}  // namespace
}  // namespace llw
