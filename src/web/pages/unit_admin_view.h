#pragma once
// The unit tree page (/quan-tri/don-vi/{code}): the unit's place (breadcrumb, link up), its
// children, and four forms — edit the unit (signer included), add a child unit, move the unit
// under another parent, record the units it was merged from (sáp nhập từ). Built as data from plain
// inputs so that tests check it without HTML.

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/org_unit.h"

namespace llw::pages {

// The population groups a unit form asks for, in order, with their Vietnamese labels.
const std::vector<std::pair<std::string, std::string>>& population_groups();

// What one of the page's forms shows: the values (as typed, or the stored ones) and the errors
// by field name ("name", "pop_students", "signer_name", "parent_code", …).
struct UnitFormState {
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> errors;
  std::string message;  // the headline of a refused submission
};

struct UnitAdminInput {
  const OrgUnit* unit = nullptr;
  std::vector<OrgUnit> ancestors;         // root first, only those the user may manage
  std::vector<OrgUnit> children;          // in display order
  std::set<std::string> without_account;  // codes of children that report and have no account
  bool can_move = false;
  std::string notice;  // after a successful POST (redirect-after-post)
  UnitFormState edit;  // values default to the unit's
  UnitFormState add;
  UnitFormState move;
  // The units this unit replaced (sáp nhập từ), and the form that records them: the codes as one
  // line, "HP-X, HP-Y" (value "predecessors"; the stored list when nothing was typed).
  std::vector<OrgUnit> predecessors;
  UnitFormState merge;
  // The move form's search for a new parent: what was typed and the units it found that the
  // unit may move under (chosen from a list instead of typing a code).
  std::string parent_search;
  bool searched = false;
  std::vector<OrgUnit> parent_choices;
};

// The edit form's values of a stored unit (field name → text).
std::map<std::string, std::string> unit_form_values(const OrgUnit& unit);

nlohmann::json unit_admin_view(const UnitAdminInput& input);

// "/quan-tri/don-vi/HP-AH"
std::string unit_admin_path(const std::string& code);

}  // namespace llw::pages
