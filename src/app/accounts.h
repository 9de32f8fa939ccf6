#pragma once
// Accounts (user_admin.cpp) and the reporter accounts of a subtree's units (unit_accounts.cpp).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "app/unit_accounts.h"
#include "app/use_case_area.h"
#include "domain/user.h"

namespace llw {

// A new account as an administrator enters it (user_admin.cpp).
struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::reporter;
  std::string unit_code;  // empty only for an admin
  std::string password;   // the initial password; the user must change it at first sign-in
};

// A change to an existing account: only the members that are set change.
struct UserChange {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<std::string> unit_code;
  std::optional<bool> disabled;
};

class Accounts : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // Creates an account (CLI and admins). Role other than admin needs a unit.
  User add_user(const std::string& username, const std::string& display_name, Role role,
                const std::string& unit_code, const std::string& password,
                const RequestContext& context = {});
  // Account administration (user_admin.cpp). Admins manage every account; a coordinator those
  // at units of its subtree and never gives a role above its own (domain/access.h). Every write
  // is audited. `search` ignores case and diacritics (username, name, unit code).
  std::vector<User> list_users(const User& actor, const std::string& unit_code,
                               const std::string& search, int limit = 200);
  User get_user(const User& actor, const std::string& username);
  User create_user(const User& actor, const NewUser& input, const RequestContext& context = {});
  User update_user(const User& actor, const std::string& username, const UserChange& change,
                   const RequestContext& context = {});
  // Sets a new password chosen by the administrator; the user's sessions and tokens end and the
  // user must choose a password at the next sign-in.
  void reset_password(const User& actor, const std::string& username,
                      const std::string& new_password, const RequestContext& context = {});
  // The signed-in user's own password: the current one must match and the new one pass the
  // strength rule; every other session of the user ends, `session_token`'s stays.
  void change_password(const User& actor, const std::string& session_token,
                       const std::string& current_password, const std::string& new_password,
                       const RequestContext& context = {});
  bool must_change_password(const User& user);
  // Reporter accounts for the units of a subtree (unit_accounts.cpp), for whoever may manage the
  // accounts of the scope's unit (a coordinator its subtree, an admin any). `unit_accounts` lists
  // the scope's units with their reporters; `create_unit_accounts` gives each unit that has none
  // a reporter account with a one-time password (the account must choose its own at the first
  // sign-in); `reset_unit_accounts` gives the named reporter accounts of the scope new one-time
  // passwords, ending their sessions (reprinting a slip). Every account is audited, never its
  // password. At most kMaxAccountsPerCall accounts per call.
  std::vector<UnitAccountStatus> unit_accounts(const User& actor, const UnitAccountScope& scope);
  // The codes of those of `units` (a unit's children, at most 500 looked at) that report (a
  // department, organization, village or school) and have no reporter account, among the units
  // whose accounts the actor manages: the unit tree page marks them and links to create one.
  std::set<std::string> units_without_reporter(const User& actor,
                                               const std::vector<OrgUnit>& units);
  std::vector<IssuedAccount> create_unit_accounts(const User& actor, const UnitAccountScope& scope,
                                                  const RequestContext& context = {});
  std::vector<IssuedAccount> reset_unit_accounts(const User& actor, const UnitAccountScope& scope,
                                                 const std::vector<std::string>& usernames,
                                                 const RequestContext& context = {});

 private:
  // Validates and stores an account (user_admin.cpp); `must_change` makes the user choose a
  // password at the first sign-in.
  User insert_account(const NewUser& input, bool must_change);
};

}  // namespace llw
