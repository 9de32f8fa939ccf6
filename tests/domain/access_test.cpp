#include "domain/access.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/error.h"

namespace llw {
namespace {

constexpr Action kActions[] = {Action::read_unit,       Action::manage_unit,   Action::read_report,
                               Action::write_report,    Action::review_report, Action::read_summary,
                               Action::manage_campaign, Action::manage_users,  Action::read_audit};

enum class Where { own, subtree, outside, ancestor };

OrgUnit at(const std::string& path) {
  OrgUnit unit;
  unit.code = "U" + path;
  unit.path = path;
  return unit;
}

// The user sits at /1/2/. Its subtree is /1/2/3/; /1/4/ is a sibling and /1/23/ shares a textual
// prefix but is not below it; /1/ is its parent.
OrgUnit target(Where where, bool prefix_trap = false) {
  switch (where) {
    case Where::own:
      return at("/1/2/");
    case Where::subtree:
      return at("/1/2/3/");
    case Where::outside:
      return prefix_trap ? at("/1/23/") : at("/1/4/");
    case Where::ancestor:
      return at("/1/");
  }
  return at("/");
}

User user(Role role) {
  User u;
  u.id = 5;
  u.username = "u";
  u.role = role;
  u.unit_id = 2;
  u.unit_code = "U/1/2/";
  u.unit_path = "/1/2/";
  return u;
}

std::set<Action> allowed(Role role, Where where, bool prefix_trap = false) {
  std::set<Action> result;
  for (const Action action : kActions) {
    if (is_allowed(user(role), action, target(where, prefix_trap))) result.insert(action);
  }
  return result;
}

std::set<Action> allowed_for(const User& u, Where where) {
  std::set<Action> result;
  for (const Action action : kActions) {
    if (is_allowed(u, action, target(where))) result.insert(action);
  }
  return result;
}

const std::set<Action> kAll(std::begin(kActions), std::end(kActions));
const std::set<Action> kReads = {Action::read_unit, Action::read_report, Action::read_summary};

TEST(AccessPolicy, AdminMayDoEverythingEverywhere) {
  for (const Where where : {Where::own, Where::subtree, Where::outside, Where::ancestor}) {
    EXPECT_EQ(allowed(Role::admin, where), kAll);
  }
}

TEST(AccessPolicy, CoordinatorManagesItsSubtreeButNotTheReviewOfItsOwnReport) {
  std::set<Action> own = kAll;
  own.erase(Action::review_report);
  EXPECT_EQ(allowed(Role::coordinator, Where::own), own);
  EXPECT_EQ(allowed(Role::coordinator, Where::subtree), kAll);
  EXPECT_EQ(allowed(Role::coordinator, Where::outside), std::set<Action>{});
  EXPECT_EQ(allowed(Role::coordinator, Where::outside, true), std::set<Action>{});
  EXPECT_EQ(allowed(Role::coordinator, Where::ancestor), std::set<Action>{});
}

TEST(AccessPolicy, ReporterReadsAndWritesOnlyItsOwnUnit) {
  EXPECT_EQ(allowed(Role::reporter, Where::own),
            (std::set<Action>{Action::read_unit, Action::read_report, Action::write_report,
                              Action::read_summary}));
  EXPECT_EQ(allowed(Role::reporter, Where::subtree), std::set<Action>{});
  EXPECT_EQ(allowed(Role::reporter, Where::outside), std::set<Action>{});
  EXPECT_EQ(allowed(Role::reporter, Where::ancestor), std::set<Action>{});
}

TEST(AccessPolicy, ViewerOnlyReadsItsSubtree) {
  EXPECT_EQ(allowed(Role::viewer, Where::own), kReads);
  EXPECT_EQ(allowed(Role::viewer, Where::subtree), kReads);
  EXPECT_EQ(allowed(Role::viewer, Where::outside), std::set<Action>{});
  EXPECT_EQ(allowed(Role::viewer, Where::outside, true), std::set<Action>{});
  EXPECT_EQ(allowed(Role::viewer, Where::ancestor), std::set<Action>{});
}

TEST(AccessPolicy, DisabledUserMayDoNothing) {
  for (const Role role : {Role::admin, Role::coordinator, Role::reporter, Role::viewer}) {
    User u = user(role);
    u.disabled = true;
    for (const Action action : kActions) {
      EXPECT_FALSE(is_allowed(u, action, target(Where::own))) << to_string(role);
    }
  }
}

TEST(AccessPolicy, NonAdminWithoutAUnitPathMayDoNothing) {
  User u = user(Role::coordinator);
  u.unit_path.clear();
  for (const Where where : {Where::own, Where::subtree, Where::ancestor}) {
    EXPECT_EQ(allowed_for(u, where), std::set<Action>{});
  }
}

TEST(AccessPolicy, RequireAllowedThrowsForbiddenInVietnamese) {
  try {
    require_allowed(user(Role::reporter), Action::write_report, target(Where::outside));
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::forbidden);
    EXPECT_EQ(e.message().rfind("Bạn không có quyền", 0), 0u) << e.message();
  }
  EXPECT_NO_THROW(require_allowed(user(Role::reporter), Action::write_report, target(Where::own)));
}

TEST(AccountPolicy, ACoordinatorGivesRolesUpToItsOwnInsideItsSubtreeOnly) {
  const User coordinator = user(Role::coordinator);
  for (const Where where : {Where::own, Where::subtree}) {
    const OrgUnit unit = target(where);
    for (const Role role : {Role::coordinator, Role::reporter, Role::viewer}) {
      EXPECT_TRUE(may_assign_role(coordinator, role, &unit));
    }
    EXPECT_FALSE(may_assign_role(coordinator, Role::admin, &unit));
  }
  for (const Where where : {Where::outside, Where::ancestor}) {
    const OrgUnit unit = target(where, true);
    EXPECT_FALSE(may_assign_role(coordinator, Role::coordinator, &unit));
    EXPECT_FALSE(may_assign_role(coordinator, Role::viewer, &unit));
  }
  EXPECT_FALSE(may_assign_role(coordinator, Role::viewer, nullptr));
  const OrgUnit anywhere = target(Where::ancestor);
  EXPECT_TRUE(may_assign_role(user(Role::admin), Role::admin, nullptr));
  EXPECT_TRUE(may_assign_role(user(Role::admin), Role::coordinator, &anywhere));
  for (const Role role : {Role::reporter, Role::viewer}) {
    const OrgUnit own = target(Where::own);
    EXPECT_FALSE(may_assign_role(user(role), Role::viewer, &own));
  }
}

TEST(AccountPolicy, ACoordinatorManagesAccountsOfItsSubtreeButNoAdminAndNoOneAbove) {
  const User coordinator = user(Role::coordinator);
  const OrgUnit below = target(Where::subtree);
  const OrgUnit above = target(Where::ancestor);
  const OrgUnit trap = target(Where::outside, true);
  User reporter = user(Role::reporter);
  EXPECT_TRUE(may_manage_user(coordinator, reporter, &below));
  EXPECT_FALSE(may_manage_user(coordinator, reporter, &trap));
  User city = user(Role::coordinator);
  EXPECT_FALSE(may_manage_user(coordinator, city, &above));
  User admin = user(Role::admin);
  EXPECT_FALSE(may_manage_user(coordinator, admin, &below));
  EXPECT_FALSE(may_manage_user(coordinator, admin, nullptr));
  EXPECT_TRUE(may_manage_user(user(Role::admin), city, &above));
  EXPECT_FALSE(may_manage_user(user(Role::viewer), reporter, &below));
  User disabled = user(Role::admin);
  disabled.disabled = true;
  EXPECT_FALSE(may_manage_user(disabled, reporter, &below));
  EXPECT_FALSE(may_assign_role(disabled, Role::viewer, &below));
}

TEST(Roles, RoundTripThroughTheirWireNames) {
  for (const Role role : {Role::admin, Role::coordinator, Role::reporter, Role::viewer}) {
    EXPECT_EQ(role_from_string(to_string(role)), role);
  }
  EXPECT_FALSE(role_from_string("root").has_value());
}

}  // namespace
}  // namespace llw
