#pragma once
// The UnitLineageStore port: the units a unit replaced (unit_predecessors). Defined in
// sql_unit_lineage_store.cpp.

#include "domain/unit_lineage_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlUnitLineageStore : public UnitLineageStore {
 public:
  explicit SqlUnitLineageStore(SqlContext& context) : context_(context) {}

  std::vector<OrgUnit> predecessors(std::int64_t unit_id) override;
  void set_predecessors(std::int64_t unit_id,
                        const std::vector<std::int64_t>& predecessor_ids) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
