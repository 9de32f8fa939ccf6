#pragma once
// The AggregateStore port: the per-node aggregates and the bounded lists beside them.
// Defined in sql_aggregate_store.cpp, sql_bulk_load.cpp.

#include "domain/aggregate_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlAggregateStore : public AggregateStore {
 public:
  explicit SqlAggregateStore(SqlContext& context) : context_(context) {}

  using AggregateStore::narratives;
  Contribution aggregate(std::int64_t campaign_id, std::int64_t unit_id) override;
  std::optional<AggregateCounters> aggregate_counters(std::int64_t campaign_id,
                                                      std::int64_t unit_id) override;
  std::pair<std::vector<std::string>, std::int64_t> missing_units(std::int64_t campaign_id,
                                                                  std::string_view path,
                                                                  int limit) override;
  std::pair<std::vector<UnitText>, std::int64_t> narratives(std::int64_t campaign_id,
                                                            std::string_view path,
                                                            std::string_view part, int limit,
                                                            std::int64_t offset) override;
  std::vector<std::int64_t> campaigns_pending_recount() override;
  void rebuild_aggregates(
      std::int64_t campaign_id,
      const std::function<Contribution(const OrgUnit&, const UnitReport&)>& contribution) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
