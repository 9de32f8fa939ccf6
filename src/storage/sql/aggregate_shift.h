#pragma once
// Aggregate-row arithmetic for the ports' files (the unit editor in sql_unit_store.cpp, the
// reporting units' changes in sql_campaign_reporting_units.cpp), on top of the row writer of
// aggregate_writers.h, so that there is one place that reads, adds to and writes an aggregate
// row. Both run inside the caller's write transaction.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "domain/summary.h"
#include "storage/sql/dialect.h"

namespace llw::sql {

struct Connection;
class AggregateWriter;

// Adds `delta` to the slots of each of `unit_ids`' rows of the campaign (rows created as needed).
void add_to_aggregates(Connection& connection, long long campaign_id,
                       const std::vector<long long>& unit_ids, const Contribution& delta);

// Takes the whole aggregate row of `from_unit` (slots and the store's counters) off the rows of
// `subtract_from` and puts it on the rows of `add_to`: a subtree leaving some ancestors and joining
// others. False (and nothing written) when `from_unit` has no row in the campaign.
bool shift_aggregate(Connection& connection, long long campaign_id, long long from_unit,
                     const std::vector<long long>& subtract_from,
                     const std::vector<long long>& add_to);

// Adds to the aggregate rows of one write transaction with the connection's kept statements
// (Connection::aggregates): a report joining (or, with negated slots, leaving) a campaign adds its
// slots and counters to every ancestor's row (sql_campaign_reporting_units.cpp).
class AggregateAdder {
 public:
  explicit AggregateAdder(Connection& connection);
  AggregateAdder(const AggregateAdder&) = delete;
  AggregateAdder& operator=(const AggregateAdder&) = delete;

  // Adds `slots`, `reporting_units` and `counted_units` to the row of each of `unit_ids`.
  void add(long long campaign_id, const std::vector<std::int64_t>& unit_ids,
           const Contribution& slots, long long reporting_units, long long counted_units);

 private:
  AggregateWriter& writer_;
};

// The ids of a materialized path from the unit itself up to the root ("/1/17/342/" → 342, 17, 1).
std::vector<std::int64_t> ancestor_ids_of_path(std::string_view path);

}  // namespace llw::sql
