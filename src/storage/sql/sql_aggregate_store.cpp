// SqlAggregateStore: reading the per-node aggregates and the bounded lists beside them (the
// AggregateStore port, domain/aggregate_store.h). Debian's soci-config.h claims Boost support; we
// do not use (or install) Boost.
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
#include "storage/sql/aggregate_writers.h"
#include "storage/sql/audit_params.h"
#include "storage/sql/batch_statement.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/report_writers.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_aggregate_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

// -----------------------------------------------------------------------------------------------
// Consolidated figures.

Contribution SqlAggregateStore::aggregate(std::int64_t campaign_id, std::int64_t unit_id) {
  auto connection = context_.pool().acquire();
  auto row = connection
                 ->prepared<TextRow, long long, long long>(
                     "SELECT slots_json FROM aggregates WHERE campaign_id = :c AND unit_id = :u")
                 .one(campaign_id, unit_id);
  if (!row) return {};
  return slots_from_text(row->value);
}

namespace {

// The stored counters of the node whose path this is (its last id); nullopt when the path names
// no node with an aggregate row.
std::optional<CountersRow> node_counters(Connection& connection, long long campaign_id,
                                         std::string_view path) {
  auto ids = path_ids(path);
  if (ids.empty()) return std::nullopt;
  return connection
      .prepared<CountersRow, long long, long long>(
          "SELECT reporting_units, counted_units, narrative_counts_json FROM aggregates "
          "WHERE campaign_id = :c AND unit_id = :u")
      .one(campaign_id, ids.back());
}

}  // namespace

std::optional<AggregateStore::AggregateCounters> SqlAggregateStore::aggregate_counters(
    std::int64_t campaign_id, std::int64_t unit_id) {
  auto connection = context_.pool().acquire();
  auto row = connection
                 ->prepared<CountersRow, long long, long long>(
                     "SELECT reporting_units, counted_units, narrative_counts_json FROM aggregates "
                     "WHERE campaign_id = :c AND unit_id = :u")
                 .one(campaign_id, unit_id);
  if (!row) return std::nullopt;
  return AggregateCounters{row->reporting_units, row->counted_units,
                           counts_from_text(row->narrative_counts)};
}

std::pair<std::vector<std::string>, std::int64_t> SqlAggregateStore::missing_units(
    std::int64_t campaign_id, std::string_view path, int limit) {
  auto connection = context_.pool().acquire();
  std::string low(path);
  std::string high = path_upper_bound(low);
  int n = std::max(limit, 0);
  std::vector<std::string> codes;
  if (n > 0) {
    connection
        ->prepared<TextRow, long long, std::string, std::string, int>(
            "SELECT u.code FROM reports r JOIN units u ON u.id = r.unit_id "
            "WHERE r.campaign_id = :c AND r.counted = 0 AND r.path >= :low AND r.path < :high "
            "ORDER BY r.path LIMIT :n")
        .each([&](const TextRow& row) { codes.push_back(row.value); }, campaign_id, low, high, n);
  }
  std::int64_t total = static_cast<std::int64_t>(codes.size());
  if (static_cast<int>(codes.size()) == n) {
    // The list may be cut: the node's counters give the total without scanning the subtree.
    if (auto counters = node_counters(*connection, campaign_id, path)) {
      total = counters->reporting_units - counters->counted_units;
    } else {
      const auto count = connection
                             ->prepared<CountRow, long long, std::string, std::string>(
                                 "SELECT COUNT(*) FROM reports WHERE campaign_id = :c AND "
                                 "counted = 0 AND path >= :low AND path < :high")
                             .one(campaign_id, low, high);
      total = count ? count->value : 0;
    }
  }
  return {std::move(codes), total};
}

std::pair<std::vector<UnitText>, std::int64_t> SqlAggregateStore::narratives(
    std::int64_t campaign_id, std::string_view path, std::string_view part, int limit,
    std::int64_t offset) {
  auto connection = context_.pool().acquire();
  std::string low(path);
  std::string high = path_upper_bound(low);
  std::string part_name(part);
  int n = std::max(limit, 0);
  const long long skip = std::max<std::int64_t>(offset, 0);
  std::vector<UnitText> texts;
  if (n > 0) {
    connection
        ->prepared<UnitTextRow, long long, std::string, std::string, std::string, int, long long>(
            "SELECT unit_code, unit_name, text FROM report_narratives "
            "WHERE campaign_id = :c AND part = :part AND path >= :low AND path < :high "
            "ORDER BY path LIMIT :n OFFSET :skip")
        .each([&](const UnitTextRow& row) { texts.push_back(row.text); }, campaign_id, part_name,
              low, high, n, skip);
  }
  std::int64_t total = skip + static_cast<std::int64_t>(texts.size());
  if (static_cast<int>(texts.size()) == n || (skip > 0 && texts.empty())) {
    if (auto counters = node_counters(*connection, campaign_id, path)) {
      auto counts = counts_from_text(counters->narrative_counts);
      auto it = counts.find(part_name);
      total = it == counts.end() ? 0 : it->second;
    } else {
      const auto count = connection
                             ->prepared<CountRow, long long, std::string, std::string, std::string>(
                                 "SELECT COUNT(*) FROM report_narratives WHERE campaign_id = :c "
                                 "AND part = :part AND path >= :low AND path < :high")
                             .one(campaign_id, part_name, low, high);
      total = count ? count->value : 0;
    }
  }
  return {std::move(texts), total};
}

std::vector<std::int64_t> SqlAggregateStore::campaigns_pending_recount() {
  auto connection = context_.pool().acquire();
  std::vector<std::int64_t> ids;
  connection->prepared<CountRow>("SELECT campaign_id FROM pending_recounts ORDER BY campaign_id")
      .each([&](const CountRow& row) { ids.push_back(row.value); });
  return ids;
}

}  // namespace llw::sql
