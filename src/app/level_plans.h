#pragma once
// What the use cases of the plans at every level (level_plans.cpp) take and give.

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/level_plan.h"
#include "domain/org_unit.h"

namespace llw {

// A coordinator's draft of its node's plan: what PUT …/plans/{unit} carries.
struct LevelPlanDraft {
  std::string number;
  std::optional<std::chrono::year_month_day> issued_on;
  std::chrono::year_month_day deadline{};
  std::chrono::year_month_day lock_date{};
  nlohmann::json content = nlohmann::json::object();
};

// A node's plan as its reader sees it: the editions it may see (a composer every one, a unit
// below only the issued ones), the dates the level above set for the node, the citation of the
// plan above that opens the legal basis, and the years the current draft writes that differ from
// the campaign's.
struct LevelPlanSheet {
  OrgUnit node;
  std::vector<LevelPlan> editions;
  bool may_compose = false;
  bool is_issuer = false;  // the campaign's issuer: its legal basis is typed, not cited
  EffectiveDates above;
  std::string legal_basis;
  std::map<std::string, std::string> warnings;
};

}  // namespace llw
