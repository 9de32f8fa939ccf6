#pragma once
// The storage port of the per-node aggregates a summary is read from: a node's slots and
// counters, the bounded lists beside them (missing units, narrative texts) and rebuilding a
// campaign's aggregates from its reports. Implemented by the SQL
// store (sql_aggregate_store.cpp in src/storage/sql/), on both backends. Each method is a
// transaction of its own; a failing one changes nothing.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "org_unit.h"
#include "report.h"
#include "summary.h"

namespace llw {

class AggregateStore {
 public:
  virtual ~AggregateStore() = default;

  virtual Contribution aggregate(std::int64_t campaign_id, std::int64_t unit_id) = 0;
  // The store's own counters on a node's aggregate row (reports the subtree must make, those in a
  // counted state, narrative texts per part); nullopt when the node has no row (no reporting unit
  // below it). What a summary without lists needs besides the slots, in one read.
  struct AggregateCounters {
    std::int64_t reporting_units = 0;
    std::int64_t counted_units = 0;
    std::map<std::string, std::int64_t> narrative_counts;
  };
  virtual std::optional<AggregateCounters> aggregate_counters(std::int64_t campaign_id,
                                                              std::int64_t unit_id) = 0;
  // Units of the subtree that must report and are not in a counted state, by code, at most
  // `limit`; plus their total number.
  virtual std::pair<std::vector<std::string>, std::int64_t> missing_units(std::int64_t campaign_id,
                                                                          std::string_view path,
                                                                          int limit) = 0;
  // Narrative texts of counted reports in the subtree for one part, at most `limit` from the
  // `offset`-th on, in unit path order; plus their total number.
  virtual std::pair<std::vector<UnitText>, std::int64_t> narratives(std::int64_t campaign_id,
                                                                    std::string_view path,
                                                                    std::string_view part,
                                                                    int limit,
                                                                    std::int64_t offset) = 0;
  std::pair<std::vector<UnitText>, std::int64_t> narratives(std::int64_t campaign_id,
                                                            std::string_view path,
                                                            std::string_view part, int limit) {
    return narratives(campaign_id, path, part, limit, 0);
  }
  // Campaigns whose aggregates an upgrade of LLW left to recompute (the migration that changed
  // what a report contributes lists them); rebuild_aggregates takes a campaign off the list.
  virtual std::vector<std::int64_t> campaigns_pending_recount() = 0;
  // Recomputes every aggregate of a campaign from its reports (after moves and imports).
  virtual void rebuild_aggregates(
      std::int64_t campaign_id,
      const std::function<Contribution(const OrgUnit&, const UnitReport&)>& contribution) = 0;
};

}  // namespace llw
