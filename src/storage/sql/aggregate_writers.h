#pragma once
// The aggregate-row writers a connection keeps (Connection::aggregates): read-modify-write of a
// node's sums inside the caller's write transaction, with statements prepared once.

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "domain/store.h"
#include "storage/sql/batch_statement.h"
#include "storage/sql/dialect.h"
#include "storage/sql/rows.h"
#include "storage/sql/store_text.h"

namespace llw::sql {

// ---------------------------------------------------------------------------------------------
// Aggregate rows: read-modify-write of a node's sums inside the caller's write transaction.

struct AggregateDelta {
  Contribution slots;
  long long reporting_units = 0;
  long long counted_units = 0;
  PartCounts narrative_counts;

  bool empty() const {
    return slots.empty() && reporting_units == 0 && counted_units == 0 && narrative_counts.empty();
  }
};

// Read-modify-write of aggregate rows with statements prepared once per connection. Used inside
// the caller's write transaction. The row is read with the dialect's row lock (PostgreSQL: FOR
// UPDATE), so concurrent writers of several servers add their deltas one after the other; a row
// that does not exist yet is first created empty (ON CONFLICT DO NOTHING, so two writers creating
// it at once both end up locking the one row) and then read and locked like any other.
class AggregateWriter {
 public:
  AggregateWriter(soci::session& sql, const Dialect& dialect)
      : select_((sql.prepare << std::string("SELECT slots_json, reporting_units, counted_units, "
                                            "narrative_counts_json FROM aggregates "
                                            "WHERE campaign_id = :c AND unit_id = :u") +
                                    dialect.lock_for_update,
                 soci::into(slots_), soci::into(reporting_), soci::into(counted_),
                 soci::into(counts_), soci::use(campaign_id_), soci::use(unit_id_))),
        create_((sql.prepare << "INSERT INTO aggregates (campaign_id, unit_id) VALUES (:c, :u) "
                                "ON CONFLICT (campaign_id, unit_id) DO NOTHING",
                 soci::use(campaign_id_), soci::use(unit_id_))),
        update_((sql.prepare << "UPDATE aggregates SET slots_json = :s, reporting_units = :r, "
                                "counted_units = :n, narrative_counts_json = :t "
                                "WHERE campaign_id = :c AND unit_id = :u",
                 soci::use(slots_), soci::use(reporting_), soci::use(counted_), soci::use(counts_),
                 soci::use(campaign_id_), soci::use(unit_id_))) {}

  // Adds `delta` to the node's row, creating the row when the node has none yet.
  void add(long long campaign_id, long long unit_id, const AggregateDelta& delta) {
    campaign_id_ = campaign_id;
    unit_id_ = unit_id;
    if (!read()) {
      create_.execute(true);
      if (!read()) throw std::logic_error("aggregate row missing after its creation");
    }
    Contribution slots = slots_from_text(slots_);
    add_slots(slots, delta.slots);
    PartCounts counts = counts_from_text(counts_);
    add_counts(counts, delta.narrative_counts);
    slots_ = slots_to_text(slots);
    counts_ = counts_to_text(counts);
    reporting_ += delta.reporting_units;
    counted_ += delta.counted_units;
    update_.execute(true);
  }

 private:
  bool read() {
    slots_.clear();
    counts_.clear();
    reporting_ = 0;
    counted_ = 0;
    if (!select_.execute(true)) return false;
    // Step past the only row so the kept statement releases its read of the table (SQLite).
    std::string slots = slots_, counts = counts_;
    long long reporting = reporting_, counted = counted_;
    while (select_.fetch()) {
    }
    slots_ = std::move(slots);
    counts_ = std::move(counts);
    reporting_ = reporting;
    counted_ = counted;
    return true;
  }

  // Bound by reference into the statements below, so declared before them.
  long long campaign_id_ = 0;
  long long unit_id_ = 0;
  std::string slots_, counts_;
  long long reporting_ = 0, counted_ = 0;
  soci::statement select_;
  soci::statement create_;
  soci::statement update_;
};

// Replaces whole aggregate rows (new campaigns, rebuilds), in batches.
class AggregatePutter {
 public:
  AggregatePutter(soci::session& sql, const Dialect& dialect)
      : batch_(sql, dialect,
               {{"campaign_id", ColumnType::integer},
                {"unit_id", ColumnType::integer},
                {"slots_json", ColumnType::text},
                {"reporting_units", ColumnType::integer},
                {"counted_units", ColumnType::integer},
                {"narrative_counts_json", ColumnType::text}},
               "INSERT INTO aggregates (campaign_id, unit_id, slots_json, reporting_units, "
               "counted_units, narrative_counts_json) SELECT v.campaign_id, v.unit_id, "
               "v.slots_json, v.reporting_units, v.counted_units, v.narrative_counts_json "
               "FROM {rows} WHERE true ON CONFLICT (campaign_id, unit_id) DO UPDATE SET "
               "slots_json = excluded.slots_json, reporting_units = excluded.reporting_units, "
               "counted_units = excluded.counted_units, "
               "narrative_counts_json = excluded.narrative_counts_json") {}

  void put(long long campaign_id, long long unit_id, const Contribution& slots, long long reporting,
           long long counted, const PartCounts& counts) {
    batch_.add(campaign_id, unit_id, slots_to_text(slots), reporting, counted,
               counts_to_text(counts));
    batch_.flush_if_full();
  }

  void flush() { batch_.flush(); }

 private:
  BatchStatement batch_;
};

// Creates and updates units inside the caller's write transaction with batch statements, so that
// importing a whole country (110,000 units) is one transaction of a few statements (PostgreSQL)
// or of re-executed prepared statements (SQLite). Ids are assigned here, before the rows are

}  // namespace llw::sql
