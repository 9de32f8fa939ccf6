#pragma once
// What an edit of a unit may change (Application::update_unit; PATCH /api/v1/units/{code} and the
// unit page): each field that is set changes, the others stay. The code never changes.

#include <optional>
#include <string>
#include <vector>

#include "domain/org_unit.h"

namespace llw {

struct UnitChanges {
  std::optional<std::string> name;
  std::optional<UnitKind> kind;
  std::optional<SchoolLevel> level;
  std::optional<Population> population;  // replaces the whole map
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<UnitSigner> signer;        // replaces all four lines
  std::optional<std::string> parent_code;  // moves the unit (and its subtree) under this unit

  bool moves() const { return parent_code.has_value(); }
};

// Where a unit stands for whoever manages it (Application::unit_place; the unit page): the units
// above it that the actor may manage too, root first, and whether update_unit would let the
// actor move it (manage_unit on its parent; only an admin moves a root unit).
struct UnitPlace {
  std::vector<OrgUnit> managed_ancestors;
  bool may_move = false;
};

}  // namespace llw
