#pragma once
// Who may do what where: the whole access policy in one pure function, enforced on the server for
// every route and page.

#include "org_unit.h"
#include "user.h"

namespace llw {

enum class Action {
  read_unit,        // GET a unit, list its children
  manage_unit,      // create, edit, move, import units under the target
  read_report,      // GET a unit's report
  write_report,     // save a draft, submit
  review_report,    // return, accept, reopen
  read_summary,     // consolidated summary of the target's subtree
  manage_campaign,  // create or edit a campaign issued by the target
  manage_users,     // create accounts at the target
  read_audit,       // read the audit log of the target's subtree (coordinators and admins)
  write_summary,    // write the consolidated narrative of the target (its coordinators, admins)
  // Submit the target's consolidated report to the level above (the target's own coordinators,
  // admins); its return, accept and reopen are review_report on the target.
  submit_consolidated,
};

// admin: everything. coordinator: everything in its subtree (not its own report's review, which
// belongs to the level above). reporter: read and write its own unit's report, read its own
// unit and summary. viewer: read its subtree. A disabled user may do nothing.
bool is_allowed(const User& user, Action action, const OrgUnit& target);

// Throws Error{forbidden} with a Vietnamese message when !is_allowed.
void require_allowed(const User& user, Action action, const OrgUnit& target);

// Accounts. An admin manages every account. A coordinator manages the accounts at units of its
// subtree (manage_users on the unit), except admins' — so it never acts on an account above its
// own; it may give the roles coordinator, reporter and viewer, at units of its subtree only (an
// ancestor's coordinator is out of reach). `unit` is the account's unit, nullptr when it has none.
bool may_manage_user(const User& actor, const User& target, const OrgUnit* unit);
bool may_assign_role(const User& actor, Role role, const OrgUnit* unit);

}  // namespace llw
