#pragma once
// The storage port of the org-unit tree: lookups, inserts and edits (a move re-roots a whole
// subtree and its aggregates), and bulk upserts. Implemented by the SQL
// store (sql_unit_store.cpp in src/storage/sql/), on both backends. Each method is a transaction
// of its own; a failing one changes nothing.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "org_unit.h"
#include "summary.h"

namespace llw {

// One edit of a unit in the tree (Store::edit_unit): its fields, optionally a new parent, and what
// the edit changes in the consolidated figures.
struct UnitEdit {
  // `code` names the unit and stays; name, kind, level, population, email and signer are the new
  // values; parent_code is ignored (see new_parent_code).
  UnitInput input;
  // The path the caller read the unit at and checked the edit against; a unit moved meanwhile
  // is Error{conflict} and nothing changes.
  std::string expected_path;
  // Moves the unit (and its subtree) under this unit; empty keeps it in place.
  std::string new_parent_code;
  // Per campaign: how what the unit's own report contributes changes with the edit (population,
  // kind), after − before; added to the unit and its ancestors (the new ones after a move).
  std::map<std::int64_t, Contribution> report_deltas;
};

class UnitStore {
 public:
  virtual ~UnitStore() = default;

  // Org units.
  virtual std::optional<OrgUnit> find_unit(std::string_view code) = 0;
  virtual std::optional<OrgUnit> find_unit_by_id(std::int64_t id) = 0;
  // Children sorted by name (the web layer re-sorts with the Vietnamese collator).
  virtual std::vector<OrgUnit> children(std::int64_t parent_id) = 0;
  // Inserts a unit under an existing parent (or as a root); computes its path. Duplicate code →
  // Error{conflict, field "code"}.
  virtual OrgUnit insert_unit(const UnitInput& input) = 0;
  // Updates name, kind, level, population, email of an existing unit (code stays).
  virtual OrgUnit update_unit(const UnitInput& input) = 0;
  // Applies a UnitEdit as one transaction (storage/sql/sql_unit_store.cpp): the unit's fields;
  // on a move its parent, the path of every unit of its subtree wherever a path is copied
  // (units, reports, narrative rows), and in every campaign its subtree's aggregate taken off the
  // old ancestors and put on the new ones; the report deltas; and every campaign's revision, so
  // cached summaries refresh. Moving a unit into its own subtree → Error{validation_failed, field
  // "parent"}; unknown unit or parent → Error{not_found}.
  virtual OrgUnit edit_unit(const UnitEdit& edit) = 0;
  // Creates or updates many units in one transaction, parents before children (a row may name a
  // parent created earlier in the same batch). Returns {created, updated}.
  virtual std::pair<int, int> upsert_units(const std::vector<UnitInput>& inputs) = 0;
  // Ancestors of a unit from the unit itself up to the root, as ids.
  virtual std::vector<std::int64_t> ancestor_ids(std::int64_t unit_id) = 0;
  // Every unit in the subtree of `path` (itself included) of one of `kinds`.
  virtual std::vector<OrgUnit> units_in_subtree(std::string_view path,
                                                const std::vector<UnitKind>& kinds) = 0;
  // Units of the subtree of `path` (itself included) whose name or code contains `key` (a
  // search_key, domain/text.h: "ha noi" finds "Hà Nội"), in tree order, at most `limit`.
  virtual std::vector<OrgUnit> search_units(std::string_view path, const std::string& key,
                                            int limit) = 0;
  virtual std::int64_t count_units() = 0;
};

}  // namespace llw
