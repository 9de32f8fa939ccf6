// SqlReportingUpStore members for the consolidated narratives a coordinator writes (migration 020):
// one row per version, the newest is current; saving is a compare-and-swap on the version.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_reporting_up_store.h"

namespace llw::sql {

namespace {

constexpr const char* kColumns =
    "SELECT n.version, n.texts, n.updated_at, n.updated_by, COALESCE(u.display_name, '') "
    "FROM consolidated_narratives n LEFT JOIN users u ON u.id = n.updated_by "
    "WHERE n.campaign_id = :campaign AND n.unit_id = :unit ORDER BY n.version DESC";

void set_texts(ConsolidatedNarrative& narrative, const std::string& texts_json) {
  const auto texts = nlohmann::json::parse(texts_json, nullptr, false);
  if (!texts.is_object()) return;
  for (const auto& [part, text] : texts.items()) {
    if (text.is_string()) narrative.texts[part] = text.get<std::string>();
  }
}

// Typed into() rather than rowset<row>: SQLite reports column types loosely.
struct NarrativeRow {
  long long version = 0, at = 0, by = 0;
  std::string texts, by_name;
  soci::indicator by_indicator = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(version));
    st.exchange(soci::into(texts));
    st.exchange(soci::into(at));
    st.exchange(soci::into(by, by_indicator));
    st.exchange(soci::into(by_name));
  }
};

// The newest `limit` versions, prepared once per connection.
std::vector<ConsolidatedNarrative> query(Connection& connection, std::int64_t campaign_id,
                                         std::int64_t unit_id, int limit) {
  std::vector<ConsolidatedNarrative> out;
  connection
      .prepared<NarrativeRow, long long, long long, long long>(std::string(kColumns) +
                                                               " LIMIT :limit")
      .each(
          [&](const NarrativeRow& row) {
            ConsolidatedNarrative narrative;
            narrative.campaign_id = campaign_id;
            narrative.unit_id = unit_id;
            narrative.version = row.version;
            set_texts(narrative, row.texts);
            narrative.updated_at = row.at;
            if (row.by_indicator == soci::i_ok) narrative.updated_by = row.by;
            narrative.updated_by_name = row.by_name;
            out.push_back(std::move(narrative));
          },
          campaign_id, unit_id, limit);
  return out;
}

}  // namespace

void SqlReportingUpStore::keep_reads_in_memory(const std::shared_ptr<const ChangeFeed>& changes) {
  constexpr std::size_t kNarrativeVersionsKept = 50'000;
  narrative_versions_ =
      std::make_unique<KeptReads<std::pair<std::int64_t, std::int64_t>, std::int64_t>>(
          changes, kNarrativeVersionsKept);
}

std::optional<ConsolidatedNarrative> SqlReportingUpStore::find_consolidated_narrative(
    std::int64_t campaign_id, std::int64_t unit_id) {
  auto connection = context_.pool().acquire();
  std::vector<ConsolidatedNarrative> found = query(*connection, campaign_id, unit_id, 1);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::int64_t SqlReportingUpStore::consolidated_narrative_version(std::int64_t campaign_id,
                                                                 std::int64_t unit_id) {
  // Every consolidated page asks (its cache key): prepared once per connection, and kept in
  // memory where other servers announce their writes (PostgreSQL).
  auto read = [&]() -> std::optional<std::int64_t> {
    auto connection = context_.pool().acquire();
    const auto row = connection
                         ->prepared<CountRow, long long, long long>(
                             "SELECT COALESCE(MAX(version), 0) FROM consolidated_narratives "
                             "WHERE campaign_id = :campaign AND unit_id = :unit")
                         .one(campaign_id, unit_id);
    return row ? row->value : 0;
  };
  if (!narrative_versions_) return *read();
  return *narrative_versions_->get({campaign_id, unit_id}, read, [](std::int64_t) { return true; });
}

std::vector<ConsolidatedNarrative> SqlReportingUpStore::consolidated_narrative_history(
    std::int64_t campaign_id, std::int64_t unit_id, int limit) {
  auto connection = context_.pool().acquire();
  return query(*connection, campaign_id, unit_id, limit);
}

void SqlReportingUpStore::save_consolidated_narrative(const ConsolidatedNarrative& narrative,
                                                      std::int64_t expected_version) {
  context_.with_write_connection([&](Connection& connection) {
    const long long campaign = narrative.campaign_id, unit = narrative.unit_id;
    const auto newest = connection
                            .prepared<CountRow, long long, long long>(
                                "SELECT COALESCE(MAX(version), 0) FROM consolidated_narratives "
                                "WHERE campaign_id = :campaign AND unit_id = :unit")
                            .one(campaign, unit);
    const long long current = newest ? newest->value : 0;
    if (current != expected_version || narrative.version != expected_version + 1) {
      throw Error(ErrorKind::conflict,
                  "Người khác vừa lưu báo cáo tổng hợp này (phiên bản " + std::to_string(current) +
                      "). Bản của bạn chưa được lưu; hãy xem bản mới rồi lưu lại.",
                  "version");
    }
    nlohmann::json texts = nlohmann::json::object();
    for (const auto& [part, text] : narrative.texts) texts[part] = text;
    std::string texts_json = texts.dump();
    std::optional<long long> by;
    if (narrative.updated_by) by = *narrative.updated_by;
    connection
        .write<long long, long long, long long, std::string, long long, Nullable<long long>>(
            "INSERT INTO consolidated_narratives (campaign_id, unit_id, version, texts, "
            "updated_at, updated_by) VALUES (:campaign, :unit, :version, :texts, :at, :by)")
        .run(campaign, unit, narrative.version, texts_json, narrative.updated_at, by);
  });
}

}  // namespace llw::sql
