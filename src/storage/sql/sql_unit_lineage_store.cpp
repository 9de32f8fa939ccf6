// SqlUnitLineageStore (the UnitLineageStore port, domain/unit_lineage_store.h): one row per
// (unit, predecessor) in unit_predecessors.
#include "storage/sql/sql_unit_lineage_store.h"

#include "storage/sql/connection_pool.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

std::vector<OrgUnit> SqlUnitLineageStore::predecessors(std::int64_t unit_id) {
  auto connection = context_.pool().acquire();
  return query_units(*connection,
                     "JOIN unit_predecessors l ON l.predecessor_id = u.id WHERE l.unit_id = :u "
                     "ORDER BY u.code",
                     static_cast<long long>(unit_id));
}

void SqlUnitLineageStore::set_predecessors(std::int64_t unit_id,
                                           const std::vector<std::int64_t>& predecessor_ids) {
  context_.write_transaction([&](Connection& connection) {
    const long long unit = unit_id;
    connection.write<long long>("DELETE FROM unit_predecessors WHERE unit_id = :u").run(unit);
    auto& insert = connection.write<long long, long long>(
        "INSERT INTO unit_predecessors (unit_id, predecessor_id) VALUES (:u, :p)");
    for (const std::int64_t predecessor : predecessor_ids) {
      insert.run(unit, static_cast<long long>(predecessor));
    }
    bump_all_revisions(connection);
  });
}

}  // namespace llw::sql
