#pragma once
// The storage port of unit lineage (sáp nhập từ): the units a unit replaced, as the 2025 mergers
// of communes made one commune of several. Year-over-year figures compare a unit that did not
// report last year with the sum of its predecessors. Implemented by the SQL store
// (sql_unit_lineage_store.cpp in src/storage/sql/), on both backends.

#include <cstdint>
#include <vector>

#include "org_unit.h"

namespace llw {

class UnitLineageStore {
 public:
  virtual ~UnitLineageStore() = default;

  // The units `unit_id` replaced, by code; empty when it replaced none.
  virtual std::vector<OrgUnit> predecessors(std::int64_t unit_id) = 0;
  // Replaces the list of `unit_id`'s predecessors in one transaction, and marks every campaign's
  // cached summaries stale (their comparison with last year reads the list). The caller checks
  // the list (no unknown unit, not the unit itself, no cycle).
  virtual void set_predecessors(std::int64_t unit_id,
                                const std::vector<std::int64_t>& predecessor_ids) = 0;
};

}  // namespace llw
