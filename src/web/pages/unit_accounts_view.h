#pragma once
// View data of the unit accounts page (/quan-tri/tai-khoan-don-vi): the scope (a unit and, when
// chosen, a campaign whose reporting units it lists), every unit of it with its reporter
// accounts, the forms that create the missing accounts or reset chosen ones, and — once, right
// after an HTML create or reset — the one-time passwords.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/unit_accounts.h"
#include "web/pages/form_echo.h"

namespace llw::pages {

struct UnitAccountsPageInput {
  OrgUnit unit;
  std::optional<std::int64_t> campaign_id;
  std::vector<std::pair<std::int64_t, std::string>> campaigns;  // (id, name) to choose from
  std::vector<UnitAccountStatus> units;
  std::vector<IssuedAccount> issued;  // shown once
  std::string notice;
  FormEcho echo;
};

nlohmann::json unit_accounts_view(const UnitAccountsPageInput& input);

}  // namespace llw::pages
