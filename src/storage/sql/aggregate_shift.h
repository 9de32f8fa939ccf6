#pragma once
// Aggregate-row arithmetic for SqlStore members defined outside sql_store.cpp (the unit editor in
// sql_store_units.cpp), on top of sql_store.cpp's own row writer, so that there is one place that
// reads, adds to and writes an aggregate row. Both run inside the caller's write transaction.

#include <vector>

#include "domain/summary.h"
#include "storage/sql/dialect.h"

namespace soci {
class session;
}  // namespace soci

namespace llw::sql {

// Adds `delta` to the slots of each of `unit_ids`' rows of the campaign (rows created as needed).
void add_to_aggregates(soci::session& sql, const Dialect& dialect, long long campaign_id,
                       const std::vector<long long>& unit_ids, const Contribution& delta);

// Takes the whole aggregate row of `from_unit` (slots and the store's counters) off the rows of
// `subtract_from` and puts it on the rows of `add_to`: a subtree leaving some ancestors and joining
// others. False (and nothing written) when `from_unit` has no row in the campaign.
bool shift_aggregate(soci::session& sql, const Dialect& dialect, long long campaign_id,
                     long long from_unit, const std::vector<long long>& subtract_from,
                     const std::vector<long long>& add_to);

}  // namespace llw::sql
