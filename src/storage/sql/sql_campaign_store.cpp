// SqlCampaignStore: campaigns (the CampaignStore port,
// domain/campaign_store.h), except the changes of reporting kinds
// (sql_campaign_reporting_units.cpp). Debian's soci-config.h claims Boost support; we do not use
// (or install) Boost.
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
#include "storage/sql/sql_campaign_store.h"
#include "storage/sql/sql_plan_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

// -----------------------------------------------------------------------------------------------
// Campaigns and forms.

namespace {

// The campaign's row, a not-started report per reporting unit and the aggregates of the issuer's
// subtree, inside the caller's transaction (insert_campaign, insert_next_year_campaign).
long long insert_campaign_rows(Connection& connection, const Dialect& dialect,
                               const Campaign& campaign,
                               const std::vector<OrgUnit>& reporting_units) {
  soci::session& sql = connection.sql;
  std::string name = campaign.name;
  int year = campaign.year;
  long long issuer = campaign.issuer_unit_id;
  std::string start = format_iso_date(campaign.period_start);
  std::string end = format_iso_date(campaign.period_end);
  std::string deadline = format_iso_date(campaign.deadline);
  std::string lock = format_iso_date(campaign.lock_date);
  json kinds = json::array();
  for (auto kind : campaign.reporting_kinds) kinds.push_back(std::string(to_string(kind)));
  std::string kinds_text = kinds.dump();
  std::string counted_text = status_list_text(campaign.counted_states);
  std::string plan_text = campaign.plan.dump();
  std::string form_id = campaign.form_id;
  std::string source(to_string(campaign.summary_source));
  const long long campaign_id =
      connection
          .prepared<CountRow, std::string, int, long long, std::string, std::string, std::string,
                    std::string, std::string, std::string, std::string, std::string, std::string>(
              "INSERT INTO campaigns (name, year, issuer_unit_id, period_start, period_end, "
              "deadline, lock_date, reporting_kinds, counted_states, plan_json, form_id, "
              "summary_source) VALUES (:name, :year, :issuer, :start, :end, :deadline, "
              ":lock, :kinds, :counted, :plan, :form, :source) RETURNING id")
          .one(name, year, issuer, start, end, deadline, lock, kinds_text, counted_text, plan_text,
               form_id, source)
          .value()
          .value;

  // One not_started row per reporting unit; each adds what the domain says a report not
  // started contributes ("expected", its kind's and its state's counters) to every node above
  // it, summed in memory and written once per node.
  bool not_started_counts =
      std::find(campaign.counted_states.begin(), campaign.counted_states.end(),
                ReportStatus::not_started) != campaign.counted_states.end();
  long long counted = not_started_counts ? 1 : 0;
  BatchStatement insert_report(
      sql, dialect,
      {{"campaign_id", ColumnType::integer},
       {"unit_id", ColumnType::integer},
       {"path", ColumnType::text},
       {"counted", ColumnType::integer}},
      "INSERT INTO reports (campaign_id, unit_id, path, status, version, values_json, late, "
      "updated_at, counted) SELECT v.campaign_id, v.unit_id, v.path, 'not_started', 0, '{}', "
      "0, 0, v.counted FROM {rows} WHERE true");
  struct NodeSums {
    Contribution slots;
    long long units = 0;
  };
  std::unordered_map<long long, NodeSums> sums;
  sums.reserve(reporting_units.size() + reporting_units.size() / 8);
  for (const auto& unit : reporting_units) {
    long long unit_id = unit.id;
    std::string path = unit.path;
    if (path.empty()) {
      auto row = connection.prepared<TextRow, long long>("SELECT path FROM units WHERE id = :id")
                     .one(unit_id);
      if (row) path = row->value;
    }
    insert_report.add(campaign_id, unit_id, path, counted);
    insert_report.flush_if_full(20000);
    const Contribution contribution =
        contribution_of(campaign, unit, not_started_report(campaign, unit));
    for (auto ancestor : path_ids(path)) {
      NodeSums& node = sums[ancestor];
      add_slots(node.slots, contribution);
      node.units += 1;
    }
  }
  insert_report.flush();
  AggregatePutter aggregates(sql, dialect);
  for (const auto& [node, sum] : sums) {
    aggregates.put(campaign_id, node, sum.slots, sum.units, not_started_counts ? sum.units : 0, {});
  }
  aggregates.flush();
  return campaign_id;
}

// The campaign started from `previous_id` (campaign_successors), if any.
std::optional<std::int64_t> successor_of(Connection& connection, std::int64_t previous_id) {
  const auto row =
      connection
          .prepared<CountRow, long long>(
              "SELECT campaign_id FROM campaign_successors WHERE previous_campaign_id = :p")
          .one(static_cast<long long>(previous_id));
  if (!row) return std::nullopt;
  return static_cast<std::int64_t>(row->value);
}

// Records `campaign_id` as `previous_id`'s next year, inside the caller's transaction; the
// conflict of next_year_started(`year`) when it has one already.
void insert_successor(Connection& connection, std::int64_t previous_id, std::int64_t campaign_id,
                      int year) {
  if (successor_of(connection, previous_id)) throw next_year_started(year);
  connection
      .write<long long, long long>(
          "INSERT INTO campaign_successors (previous_campaign_id, campaign_id) VALUES (:p, :c)")
      .run(static_cast<long long>(previous_id), static_cast<long long>(campaign_id));
}

}  // namespace

std::int64_t SqlCampaignStore::insert_campaign(const Campaign& campaign,
                                               const std::vector<OrgUnit>& reporting_units) {
  return context_.write_transaction(
      [&](Connection& connection) {
        return static_cast<std::int64_t>(
            insert_campaign_rows(connection, context_.dialect(), campaign, reporting_units));
      },
      WriteSize::large);
}

std::int64_t SqlCampaignStore::insert_next_year_campaign(
    std::int64_t previous_id, const Campaign& campaign, const std::vector<OrgUnit>& reporting_units,
    const std::vector<LevelPlan>& drafts) {
  return context_.write_transaction(
      [&](Connection& connection) {
        // Refused before the campaign's rows are written (the check is repeated, harmlessly, by
        // insert_successor inside the same transaction).
        if (successor_of(connection, previous_id)) throw next_year_started(campaign.year);
        const long long campaign_id =
            insert_campaign_rows(connection, context_.dialect(), campaign, reporting_units);
        insert_successor(connection, previous_id, campaign_id, campaign.year);
        for (LevelPlan draft : drafts) {
          draft.campaign_id = campaign_id;
          insert_level_plan(connection, draft);
        }
        return static_cast<std::int64_t>(campaign_id);
      },
      WriteSize::large);
}

std::optional<std::int64_t> SqlCampaignStore::next_year_campaign_id(std::int64_t previous_id) {
  auto connection = context_.pool().acquire();
  return successor_of(*connection, previous_id);
}

void SqlCampaignStore::link_next_year(std::int64_t previous_id, std::int64_t campaign_id) {
  context_.write_transaction(
      [&](Connection& connection) { insert_successor(connection, previous_id, campaign_id, 0); });
}

std::optional<Campaign> SqlCampaignStore::find_campaign(std::int64_t id) {
  auto connection = context_.pool().acquire();
  auto row =
      connection
          ->prepared<CampaignRow, long long>(std::string(kCampaignColumns) + "WHERE c.id = :id")
          .one(id);
  if (!row) return std::nullopt;
  return row->to_campaign();
}

std::vector<Campaign> SqlCampaignStore::list_campaigns() {
  auto connection = context_.pool().acquire();
  std::vector<Campaign> campaigns;
  connection
      ->prepared<CampaignRow>(std::string(kCampaignColumns) + "ORDER BY c.year DESC, c.id DESC")
      .each([&](const CampaignRow& row) { campaigns.push_back(row.to_campaign()); });
  return campaigns;
}

namespace {

struct IdRevisionRow {
  long long id = 0, revision = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(revision));
  }
};

}  // namespace

std::vector<std::pair<std::int64_t, std::int64_t>> SqlCampaignStore::campaign_revisions() {
  auto connection = context_.pool().acquire();
  std::vector<std::pair<std::int64_t, std::int64_t>> revisions;
  connection
      ->prepared<IdRevisionRow>("SELECT id, revision FROM campaigns ORDER BY year DESC, id DESC")
      .each([&](const IdRevisionRow& row) { revisions.emplace_back(row.id, row.revision); });
  return revisions;
}

void SqlCampaignStore::keep_reads_in_memory(const std::shared_ptr<const ChangeFeed>& changes) {
  constexpr std::size_t kCampaignsKept = 10'000;
  previous_years_ =
      std::make_unique<KeptReads<std::int64_t, PreviousYear>>(changes, kCampaignsKept);
}

std::optional<CampaignStore::PreviousYear> SqlCampaignStore::previous_year_campaign(
    std::int64_t campaign_id) {
  // A campaign without a last year is answered {0, 0} here, so that it is kept as well.
  auto read = [&]() -> std::optional<PreviousYear> {
    auto connection = context_.pool().acquire();
    const auto row =
        connection
            ->prepared<IdRevisionRow, long long>(
                "SELECT c.id, c.revision FROM campaign_successors s JOIN campaigns c ON "
                "c.id = s.previous_campaign_id WHERE s.campaign_id = :c")
            .one(static_cast<long long>(campaign_id));
    return row ? PreviousYear{row->id, row->revision} : PreviousYear{0, 0};
  };
  const std::optional<PreviousYear> found =
      previous_years_
          ? previous_years_->get(campaign_id, read, [](const PreviousYear&) { return true; })
          : read();
  if (!found || found->campaign_id == 0) return std::nullopt;
  return found;
}

std::optional<std::int64_t> SqlCampaignStore::campaign_revision(std::int64_t campaign_id) {
  auto connection = context_.pool().acquire();
  auto row =
      connection->prepared<CountRow, long long>("SELECT revision FROM campaigns WHERE id = :id")
          .one(campaign_id);
  if (!row) return std::nullopt;
  return row->value;
}

void SqlCampaignStore::update_campaign_plan(std::int64_t campaign_id, const nlohmann::json& plan) {
  const std::string text = plan.dump(-1, ' ', false, json::error_handler_t::strict);
  context_.with_write_connection([&](Connection& connection) {
    const long long cid = campaign_id;
    const auto found =
        connection.prepared<CountRow, long long>("SELECT COUNT(*) FROM campaigns WHERE id = :id")
            .one(cid);
    if (!found || found->value == 0) {
      throw Error(ErrorKind::not_found,
                  "Không tìm thấy đợt báo cáo số " + std::to_string(campaign_id) +
                      ". Hãy kiểm tra lại đường dẫn.",
                  "campaign");
    }
    // The plan shows in the summary's documents: bump the revision like every campaign edit.
    connection
        .write<std::string, long long>(
            "UPDATE campaigns SET plan_json = :plan, revision = revision + 1 WHERE id = :id")
        .run(text, cid);
  });
}

}  // namespace llw::sql
