// SqlReportingUpStore members for reporting up (migrations 007, 008): a node's consolidated report
// to the level above, its versions, the direct children a summary in "accepted" mode sums, and the
// campaign's summary source. None of these is on a hot path: a summary in "accepted" mode reads
// one row per direct child of the node (a few hundred at most), and only on a cache miss.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_reporting_up_store.h"
#include "storage/sql/store_queries.h"

namespace llw::sql {
namespace {

using nlohmann::json;

[[noreturn]] void corrupt(const std::string& what) {
  throw Error(ErrorKind::internal, "Dữ liệu báo cáo tổng hợp trong cơ sở dữ liệu không hợp lệ (" +
                                       what + "). Hãy báo cho quản trị hệ thống.");
}

Contribution slots_of(const json& object) {
  Contribution slots;
  if (!object.is_object()) return slots;
  for (const auto& [name, amount] : object.items()) {
    if (amount.is_number()) slots[name] = amount.get<double>();
  }
  return slots;
}

std::string snapshot_text(const std::optional<ConsolidatedSnapshot>& snapshot) {
  if (!snapshot) return "{}";
  json slots = json::object();
  for (const auto& [name, amount] : snapshot->slots) slots[name] = amount;
  json narrative = json::object();
  for (const auto& [part, text] : snapshot->narrative) narrative[part] = text;
  return json{{"slots", std::move(slots)},
              {"narrative", std::move(narrative)},
              {"narrative_version", snapshot->narrative_version},
              {"source", std::string(to_string(snapshot->source))}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<ConsolidatedSnapshot> snapshot_of(const std::string& text) {
  const json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) corrupt("snapshot_json");
  if (!parsed.contains("slots")) return std::nullopt;  // "{}": never submitted
  ConsolidatedSnapshot snapshot;
  snapshot.slots = slots_of(parsed["slots"]);
  if (const auto narrative = parsed.find("narrative");
      narrative != parsed.end() && narrative->is_object()) {
    for (const auto& [part, value] : narrative->items()) {
      if (value.is_string()) snapshot.narrative[part] = value.get<std::string>();
    }
  }
  snapshot.narrative_version = parsed.value("narrative_version", std::int64_t{0});
  snapshot.source = summary_source_from_string(parsed.value("source", std::string("live")))
                        .value_or(SummarySource::live);
  return snapshot;
}

ReportStatus status_of(const std::string& text) {
  auto status = report_status_from_string(text);
  if (!status) corrupt("status = '" + text + "'");
  return *status;
}

Error stale_version(long long current) {
  return Error(ErrorKind::conflict,
               "Báo cáo tổng hợp vừa được người khác thay đổi (phiên bản hiện tại: " +
                   std::to_string(current) + "). Hãy tải lại trang rồi thực hiện lại.",
               "version");
}

// The columns a version row and a current row share, read with typed into()s.
struct ReportColumns {
  std::string status, snapshot, comment;
  long long version = 0, submitted_at = 0, late = 0, at = 0, by = 0;
  soci::indicator submitted_ind = soci::i_ok, by_ind = soci::i_ok;

  // Its columns in the order the SELECTs of this file list them.
  void bind(soci::statement& st) {
    st.exchange(soci::into(status));
    st.exchange(soci::into(version));
    st.exchange(soci::into(snapshot));
    st.exchange(soci::into(submitted_at, submitted_ind));
    st.exchange(soci::into(late));
    st.exchange(soci::into(comment));
    st.exchange(soci::into(at));
    st.exchange(soci::into(by, by_ind));
  }

  ConsolidatedReport to_report(std::int64_t campaign_id, std::int64_t unit_id) const {
    ConsolidatedReport report;
    report.campaign_id = campaign_id;
    report.unit_id = unit_id;
    report.status = status_of(status);
    report.version = version;
    report.snapshot = snapshot_of(snapshot);
    if (submitted_ind == soci::i_ok) report.submitted_at = submitted_at;
    report.late = late != 0;
    report.comment = comment;
    report.updated_at = at;
    if (by_ind == soci::i_ok) report.updated_by = by;
    return report;
  }
};

}  // namespace

namespace {

// The current consolidated report of a node with its unit's code (find_consolidated_report).
struct CurrentConsolidatedRow {
  ReportColumns report;
  std::string code;

  void bind(soci::statement& st) {
    report.bind(st);
    st.exchange(soci::into(code));
  }
};

}  // namespace

std::optional<ConsolidatedReport> SqlReportingUpStore::find_consolidated_report(
    std::int64_t campaign_id, std::int64_t unit_id) {
  // Every reporting-up page and action asks: prepared once per connection.
  auto connection = context_.pool().acquire();
  const auto row =
      connection
          ->prepared<CurrentConsolidatedRow, long long, long long>(
              "SELECT cr.status, cr.version, cr.snapshot_json, cr.submitted_at, cr.late, "
              "cr.comment, cr.updated_at, cr.updated_by, u.code FROM consolidated_reports cr "
              "JOIN units u ON u.id = cr.unit_id WHERE cr.campaign_id = :c AND cr.unit_id = :u")
          .one(campaign_id, unit_id);
  if (!row) return std::nullopt;
  ConsolidatedReport found = row->report.to_report(campaign_id, unit_id);
  found.unit_code = row->code;
  return found;
}

void SqlReportingUpStore::write_consolidated_report(const ConsolidatedReport& report,
                                                    std::int64_t expected_version,
                                                    const std::string& action) {
  context_.with_write_connection([&](Connection& connection) {
    long long cid = report.campaign_id, uid = report.unit_id;
    const auto stored = connection
                            .prepared<CountRow, long long, long long>(
                                "SELECT version FROM consolidated_reports WHERE campaign_id = :c "
                                "AND unit_id = :u")
                            .one(cid, uid);
    const bool exists = stored.has_value();
    const long long current = exists ? stored->value : 0;
    if (current != expected_version || report.version != expected_version + 1) {
      throw stale_version(current);
    }
    const std::string status(to_string(report.status)), snapshot = snapshot_text(report.snapshot);
    const std::string& comment = report.comment;
    long long version = report.version, expected = expected_version, late = report.late ? 1 : 0,
              at = report.updated_at;
    std::optional<long long> submitted_at, by;
    if (report.submitted_at) submitted_at = *report.submitted_at;
    if (report.updated_by) by = *report.updated_by;
    if (exists) {
      // The version in the WHERE clause is the compare-and-swap: on PostgreSQL a concurrent
      // writer that got here first makes this update match no row.
      const long long changed =
          connection
              .write<std::string, long long, std::string, Nullable<long long>, long long,
                     std::string, long long, Nullable<long long>, long long, long long, long long>(
                  "UPDATE consolidated_reports SET status = :status, version = :version, "
                  "snapshot_json = :snapshot, submitted_at = :submitted, late = :late, "
                  "comment = :comment, updated_at = :at, updated_by = :by "
                  "WHERE campaign_id = :c AND unit_id = :u AND version = :expected")
              .run(status, version, snapshot, submitted_at, late, comment, at, by, cid, uid,
                   expected);
      if (changed != 1) throw stale_version(current + 1);
    } else {
      connection
          .write<long long, long long, std::string, long long, std::string, Nullable<long long>,
                 long long, std::string, long long, Nullable<long long>>(
              "INSERT INTO consolidated_reports (campaign_id, unit_id, status, version, "
              "snapshot_json, submitted_at, late, comment, updated_at, updated_by) VALUES (:c, "
              ":u, :status, :version, :snapshot, :submitted, :late, :comment, :at, :by)")
          .run(cid, uid, status, version, snapshot, submitted_at, late, comment, at, by);
    }
    connection
        .write<long long, long long, long long, std::string, std::string, std::string,
               Nullable<long long>, long long, std::string, long long, Nullable<long long>>(
            "INSERT INTO consolidated_report_versions (campaign_id, unit_id, version, status, "
            "action, snapshot_json, submitted_at, late, comment, at, by) VALUES (:c, :u, "
            ":version, :status, :action, :snapshot, :submitted, :late, :comment, :at, :by)")
        .run(cid, uid, version, status, action, snapshot, submitted_at, late, comment, at, by);
    // Summaries in "accepted" mode read snapshots: every change of state makes cached ones stale.
    bump_revision(connection, cid);
  });
}

namespace {

// One stored version of a consolidated report, with the action and its author's name.
struct VersionRow {
  ReportColumns report;
  std::string action, by_name;

  void bind(soci::statement& st) {
    report.bind(st);
    st.exchange(soci::into(action));
    st.exchange(soci::into(by_name));
  }
};

constexpr const char* kVersionsSelect =
    "SELECT v.status, v.version, v.snapshot_json, v.submitted_at, v.late, v.comment, v.at, v.by, "
    "v.action, COALESCE(us.display_name, '') FROM consolidated_report_versions v "
    "LEFT JOIN users us ON us.id = v.by WHERE v.campaign_id = :c AND v.unit_id = :u ";

// The newest `limit` versions, or only version `only`: each text prepared once per connection.
std::vector<ConsolidatedReportVersion> query_versions(Connection& connection,
                                                      std::int64_t campaign_id,
                                                      std::int64_t unit_id,
                                                      std::optional<std::int64_t> only, int limit) {
  const std::string text = std::string(kVersionsSelect) +
                           (only ? "AND v.version = :n" : "ORDER BY v.version DESC LIMIT :n");
  std::vector<ConsolidatedReportVersion> out;
  connection.prepared<VersionRow, long long, long long, long long>(text).each(
      [&](const VersionRow& row) {
        out.push_back({row.report.to_report(campaign_id, unit_id), row.action, row.by_name});
      },
      campaign_id, unit_id, only ? *only : limit);
  return out;
}

}  // namespace

std::vector<ConsolidatedReportVersion> SqlReportingUpStore::consolidated_report_history(
    std::int64_t campaign_id, std::int64_t unit_id, int limit) {
  auto connection = context_.pool().acquire();
  return query_versions(*connection, campaign_id, unit_id, std::nullopt, limit);
}

std::optional<ConsolidatedReportVersion> SqlReportingUpStore::consolidated_report_version(
    std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) {
  auto connection = context_.pool().acquire();
  const auto found = query_versions(*connection, campaign_id, unit_id, version, 1);
  if (found.empty()) return std::nullopt;
  return found.front();
}

namespace {

// A child of a node with its aggregate and its consolidated report (child_figures).
struct ChildRow {
  long long id = 0, counted = 0, version = 0, submitted_at = 0, late = 0;
  std::string code, name, kind, path, slots, snapshot, status;
  soci::indicator counted_ind = soci::i_ok, status_ind = soci::i_ok, version_ind = soci::i_ok,
                  snapshot_ind = soci::i_ok, submitted_ind = soci::i_ok, late_ind = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(path));
    st.exchange(soci::into(slots));
    st.exchange(soci::into(counted, counted_ind));
    st.exchange(soci::into(status, status_ind));
    st.exchange(soci::into(version, version_ind));
    st.exchange(soci::into(snapshot, snapshot_ind));
    st.exchange(soci::into(submitted_at, submitted_ind));
    st.exchange(soci::into(late, late_ind));
  }
};

// Only children with an aggregate row: the others have no reporting unit in their subtree. The
// children first (units_parent_name), then their rows: CROSS JOIN keeps that order on SQLite,
// which otherwise read every aggregate row of the campaign (110,000 for the country) to find a
// commune's few children.
constexpr const char* kChildFigures =
    "SELECT u.id, u.code, u.name, u.kind, u.path, a.slots_json, r.counted, "
    "cr.status, cr.version, cr.snapshot_json, cr.submitted_at, cr.late "
    "FROM units u CROSS JOIN aggregates a "
    "LEFT JOIN reports r ON r.campaign_id = :c2 AND r.unit_id = u.id "
    "LEFT JOIN consolidated_reports cr ON cr.campaign_id = :c3 "
    "AND cr.unit_id = u.id WHERE a.campaign_id = :c1 AND a.unit_id = u.id "
    "AND u.parent_id = :p ORDER BY u.code";

}  // namespace

std::vector<ChildFigures> SqlReportingUpStore::child_figures(std::int64_t campaign_id,
                                                             std::int64_t parent_id) {
  // Every consolidated page and summary in "accepted" mode asks: prepared once per connection.
  std::vector<ChildFigures> children;
  auto connection = context_.pool().acquire();
  const long long cid = campaign_id, pid = parent_id;
  connection->prepared<ChildRow, long long, long long, long long, long long>(kChildFigures)
      .each(
          [&](const ChildRow& row) {
            ChildFigures child;
            child.unit.id = row.id;
            child.unit.code = row.code;
            child.unit.name = row.name;
            child.unit.kind = unit_kind_from_string(row.kind).value_or(UnitKind::organization);
            child.unit.parent_id = parent_id;
            child.unit.path = row.path;
            child.live = slots_of(json::parse(row.slots, nullptr, false));
            child.reports_itself = row.counted_ind == soci::i_ok;
            child.counted_itself = child.reports_itself && row.counted != 0;
            if (row.status_ind == soci::i_ok) {
              child.consolidated_status = status_of(row.status);
              child.consolidated_version = row.version_ind == soci::i_ok ? row.version : 0;
              if (row.submitted_ind == soci::i_ok) child.submitted_at = row.submitted_at;
              child.late = row.late_ind == soci::i_ok && row.late != 0;
              if (child.consolidated_status == ReportStatus::accepted &&
                  row.snapshot_ind == soci::i_ok) {
                child.snapshot = snapshot_of(row.snapshot);
              }
            }
            children.push_back(std::move(child));
          },
          cid, cid, cid, pid);
  return children;
}

void SqlReportingUpStore::set_summary_source(std::int64_t campaign_id, SummarySource source) {
  context_.with_write_connection([&](Connection& connection) {
    const long long changed =
        connection
            .write<std::string, long long>(
                "UPDATE campaigns SET summary_source = :s, revision = revision + 1 WHERE id = :id")
            .run(std::string(to_string(source)), campaign_id);
    if (changed != 1) {
      throw Error(ErrorKind::not_found,
                  "Không tìm thấy đợt báo cáo số " + std::to_string(campaign_id) +
                      ". Hãy kiểm tra lại đường dẫn.",
                  "campaign");
    }
  });
}

}  // namespace llw::sql
