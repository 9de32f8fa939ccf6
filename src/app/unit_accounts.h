#pragma once
// Reporter accounts for the units of a subtree in one step (tài khoản cho các đơn vị): the types
// the use cases in unit_accounts.cpp take and return, and the slip PDF of the accounts just given
// a one-time password.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/documents.h"
#include "domain/org_unit.h"

namespace llw {

// Which units: those of the subtree of `unit_code` that must report in `campaign_id`, or without
// a campaign every unit of a reporting kind (department, organization, village, school) there.
struct UnitAccountScope {
  std::string unit_code;
  std::optional<std::int64_t> campaign_id;
};

// One unit of a scope with the usernames of its reporter accounts (none: it needs one).
struct UnitAccountStatus {
  OrgUnit unit;
  std::vector<std::string> reporters;
};

// An account given a one-time password just now. The password lives only in this value (the
// store keeps its argon2id hash): it is shown once and printed on the slip in the same request,
// and the account must choose its own password at the first sign-in.
struct IssuedAccount {
  OrgUnit unit;
  std::string username;
  std::string password;
  bool created = false;  // a new account; false for a reset (a reprinted slip)
};

// At most this many accounts are created or reset by one call: each costs one argon2id hash
// (~150 ms), and a request should answer within seconds. A larger subtree is done in turns.
inline constexpr std::size_t kMaxAccountsPerCall = 100;

// The username a unit's reporter account gets: the unit's code below its parent's, a dot, the
// parent's last code segment, lower-case ASCII ("HP-ANHUNG-TH1" under "HP-ANHUNG" → "th1.anhung"),
// at most 60 characters. Uniqueness is the caller's (a digit is appended: "th1.anhung2").
std::string reporter_username_for(const OrgUnit& unit);

// A PDF of one slip per account (unit, username, one-time password, the sign-in address and its
// QR code), four to an A4 page with cut lines, titled for `heading` (the issuing unit's name).
DocumentFile credential_slips_pdf(const std::vector<IssuedAccount>& accounts,
                                  const std::string& heading, const std::string& sign_in_url);

}  // namespace llw
