// Aggregate arithmetic for the members that edit units and reporting lists (aggregate_shift.h).
// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/error.h"
#include "storage/sql/aggregate_shift.h"
#include "storage/sql/aggregate_writers.h"
#include "storage/sql/audit_params.h"
#include "storage/sql/batch_statement.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/report_writers.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

void add_to_aggregates(Connection& connection, long long campaign_id,
                       const std::vector<long long>& unit_ids, const Contribution& delta) {
  if (delta.empty() || unit_ids.empty()) return;
  AggregateWriter& writer = connection.aggregates();
  AggregateDelta change;
  change.slots = delta;
  for (long long unit_id : unit_ids) writer.add(campaign_id, unit_id, change);
}

AggregateAdder::AggregateAdder(Connection& connection) : writer_(connection.aggregates()) {}

void AggregateAdder::add(long long campaign_id, const std::vector<std::int64_t>& unit_ids,
                         const Contribution& slots, long long reporting_units,
                         long long counted_units) {
  AggregateDelta delta;
  delta.slots = slots;
  delta.reporting_units = reporting_units;
  delta.counted_units = counted_units;
  for (long long unit_id : unit_ids) writer_.add(campaign_id, unit_id, delta);
}

std::vector<std::int64_t> ancestor_ids_of_path(std::string_view path) {
  return ancestors_from_path(path);
}

namespace {

struct AggregateRowRead {
  std::string slots, counts;
  long long reporting = 0, counted = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(slots));
    st.exchange(soci::into(reporting));
    st.exchange(soci::into(counted));
    st.exchange(soci::into(counts));
  }
};

}  // namespace

bool shift_aggregate(Connection& connection, long long campaign_id, long long from_unit,
                     const std::vector<long long>& subtract_from,
                     const std::vector<long long>& add_to) {
  const auto row = connection
                       .prepared<AggregateRowRead, long long, long long>(
                           "SELECT slots_json, reporting_units, counted_units, "
                           "narrative_counts_json FROM aggregates WHERE campaign_id = :c AND "
                           "unit_id = :u")
                       .one(campaign_id, from_unit);
  if (!row) return false;
  AggregateDelta plus{slots_from_text(row->slots), row->reporting, row->counted,
                      counts_from_text(row->counts)};
  AggregateDelta minus{plus.slots, -row->reporting, -row->counted, plus.narrative_counts};
  for (auto& [name, amount] : minus.slots) amount = -amount;
  for (auto& [part, n] : minus.narrative_counts) n = -n;
  AggregateWriter& writer = connection.aggregates();
  for (long long unit_id : subtract_from) writer.add(campaign_id, unit_id, minus);
  for (long long unit_id : add_to) writer.add(campaign_id, unit_id, plus);
  return true;
}

}  // namespace llw::sql
