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
};

// admin: everything. coordinator: everything in its subtree (not its own report's review, which
// belongs to the level above). reporter: read and write its own unit's report, read its own
// unit and summary. viewer: read its subtree. A disabled user may do nothing.
bool is_allowed(const User& user, Action action, const OrgUnit& target);

// Throws Error{forbidden} with a Vietnamese message when !is_allowed.
void require_allowed(const User& user, Action action, const OrgUnit& target);

}  // namespace llw
