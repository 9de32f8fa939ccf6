#pragma once
// The UnitStore port: the org tree, its units read, searched, created, edited and moved.
// Defined in sql_unit_store.cpp.

#include "domain/unit_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlUnitStore : public UnitStore {
 public:
  explicit SqlUnitStore(SqlContext& context) : context_(context) {}

  std::optional<OrgUnit> find_unit(std::string_view code) override;
  std::optional<OrgUnit> find_unit_by_id(std::int64_t id) override;
  std::vector<OrgUnit> children(std::int64_t parent_id) override;
  OrgUnit insert_unit(const UnitInput& input) override;
  OrgUnit update_unit(const UnitInput& input) override;
  OrgUnit edit_unit(const UnitEdit& edit) override;
  std::pair<int, int> upsert_units(const std::vector<UnitInput>& inputs) override;
  std::vector<std::int64_t> ancestor_ids(std::int64_t unit_id) override;
  std::vector<OrgUnit> units_in_subtree(std::string_view path,
                                        const std::vector<UnitKind>& kinds) override;
  std::vector<OrgUnit> search_units(std::string_view path, const std::string& key,
                                    int limit) override;
  std::int64_t count_units() override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
