#pragma once
// What an edit of a unit may change (Application::update_unit; PATCH /api/v1/units/{code} and the
// unit page): each field that is set changes, the others stay. The code never changes.

#include <optional>
#include <string>

#include "domain/org_unit.h"

namespace llw {

struct UnitChanges {
  std::optional<std::string> name;
  std::optional<UnitKind> kind;
  std::optional<SchoolLevel> level;
  std::optional<Population> population;  // replaces the whole map
  std::optional<std::string> email;
  std::optional<UnitSigner> signer;        // replaces all four lines
  std::optional<std::string> parent_code;  // moves the unit (and its subtree) under this unit

  bool moves() const { return parent_code.has_value(); }
};

}  // namespace llw
