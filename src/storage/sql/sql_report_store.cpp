// SqlReportStore: reading and writing the units' reports and their history (the ReportStore port,
// domain/report_store.h).
// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/error.h"
#include "storage/sql/aggregate_writers.h"
#include "storage/sql/audit_params.h"
#include "storage/sql/batch_statement.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/report_writers.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_notification_store.h"
#include "storage/sql/sql_report_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

// -----------------------------------------------------------------------------------------------
// Reports.

std::optional<UnitReport> SqlReportStore::find_report(std::int64_t campaign_id,
                                                      std::int64_t unit_id) {
  auto connection = context_.pool().acquire();
  auto row = connection
                 ->prepared<ReportRow, long long, long long>(
                     std::string(kReportColumns) + "WHERE r.campaign_id = :c AND r.unit_id = :u")
                 .one(campaign_id, unit_id);
  if (!row) return std::nullopt;
  return row->to_report();
}

namespace {

Error report_not_found() {
  return Error(ErrorKind::not_found,
               "Đơn vị này không phải gửi báo cáo trong đợt này. Hãy kiểm tra lại đơn vị.", "unit");
}

// Stores the report's new version, and its history row, if the row still has the version the
// writer read; false (nothing written) when another write got there first.
bool store_version(Connection& connection, const ReportWrite& write, const std::string& values_text,
                   int counted) {
  const std::string action = write.action.empty() ? "save" : write.action;
  ReportUpdater& updater = connection.report_updater();
  if (!updater.update(write.report, values_text, counted, write.expected_version, action)) {
    return false;
  }
  if (!updater.writes_history()) {
    VersionWriter& versions = connection.versions();
    versions.append(write.report, values_text, action);
    versions.flush();
  }
  return true;
}

}  // namespace

std::optional<ReportInContext> SqlReportStore::find_report_in_context(
    std::int64_t campaign_id, const std::string& unit_code) {
  auto connection = context_.pool().acquire();
  auto row = connection
                 ->prepared<ReportInContextRow, long long, std::string>(
                     std::string("SELECT ") + kCampaignColumnList + ", " + kUnitColumns + ", " +
                     kReportColumnList + kReportFrom +
                     "LEFT JOIN units p ON p.id = u.parent_id "
                     "JOIN campaigns c ON c.id = r.campaign_id "
                     "JOIN units i ON i.id = c.issuer_unit_id "
                     // The unit's id first, so the report is found by its key whatever the
                     // planner believes about the campaign's share of the reports table.
                     "WHERE r.campaign_id = :c AND r.unit_id = (SELECT id FROM units "
                     "WHERE code = :code)")
                 .one(campaign_id, unit_code);
  if (!row) return std::nullopt;
  return ReportInContext{row->campaign.to_campaign(), row->unit.to_unit(), row->report.to_report()};
}

void SqlReportStore::write_report(const ReportWrite& write,
                                  const std::map<std::string, std::string>& narratives_if_counted) {
  const UnitReport& report = write.report;
  if (write.uncounted_before_and_after && !write.notify_reviewers && !write.notify_unit) {
    write_uncounted_report(write);
    return;
  }
  // Serialize before taking the lock: the JSON text is the bulk of the work of a save.
  const std::string values_text = report.values.dump();
  context_.write_transaction([&](Connection& connection) {
    write_in_transaction(connection, write, values_text, narratives_if_counted);
  });
}

void SqlReportStore::write_reports(
    const std::vector<ReportWrite>& writes,
    const std::vector<std::map<std::string, std::string>>& narratives_if_counted) {
  if (writes.size() != narratives_if_counted.size()) {
    throw std::invalid_argument("write_reports: one narrative map per write");
  }
  if (writes.empty()) return;
  std::vector<std::string> values_texts;
  values_texts.reserve(writes.size());
  for (const ReportWrite& write : writes) values_texts.push_back(write.report.values.dump());
  // A subtree's reports at once run alone, outside any shared group commit.
  const WriteSize size = writes.size() > 50 ? WriteSize::large : WriteSize::small;
  context_.write_transaction(
      [&](Connection& connection) {
        for (std::size_t i = 0; i < writes.size(); ++i) {
          write_in_transaction(connection, writes[i], values_texts[i], narratives_if_counted[i]);
        }
      },
      size);
}

void SqlReportStore::write_in_transaction(
    Connection& connection, const ReportWrite& write, const std::string& values_text,
    const std::map<std::string, std::string>& narratives_if_counted) {
  const UnitReport& report = write.report;
  long long cid = report.campaign_id;
  long long uid = report.unit_id;
  // One round trip for everything the write needs to know (on PostgreSQL each statement is
  // one; a save is a handful of them plus the commit).
  auto& read_current = connection.prepared<CurrentReportRow, long long, long long>(
      "SELECT r.version, r.counted, u.path, u.code, u.name, c.counted_states FROM reports r "
      "JOIN units u ON u.id = r.unit_id JOIN campaigns c ON c.id = r.campaign_id "
      "WHERE r.campaign_id = :c AND r.unit_id = :u");
  auto current = read_current.one(cid, uid);
  if (!current) throw report_not_found();
  if (current->version != write.expected_version) throw stale_version(current->version);

  auto counted_states = counted_set_from_text(current->counted_states);
  int counted = counted_states.count(std::string(to_string(report.status))) ? 1 : 0;
  // The UPDATE's version condition repeats the check above as the compare-and-swap itself, so
  // the guarantee holds even if a writer of another process got in between.
  if (!store_version(connection, write, values_text, counted)) {
    // Another server's save committed after the read above (PostgreSQL, READ COMMITTED): the
    // message names the version that won, which a fresh read sees.
    auto winner = read_current.one(cid, uid);
    throw stale_version(winner ? winner->version : current->version);
  }
  if (write.notify_reviewers) insert_submit_notifications(connection, report, current->path);
  if (write.notify_unit) insert_unit_notifications(connection, report, write.action);

  AggregateDelta delta;
  delta.slots = write.delta;
  delta.counted_units = counted - current->counted;
  // Narrative rows exist only for counted reports, so a draft save of a report that was not
  // counted has none to replace and touches no aggregate: the fast path.
  if (current->counted || counted) {
    static const std::map<std::string, std::string> none;
    delta.narrative_counts =
        connection.narratives().replace(cid, uid, current->path, current->code, current->name,
                                        counted ? narratives_if_counted : none, !current->counted);
  }
  if (!delta.empty()) {
    auto ids = write.ancestor_ids.empty() ? ancestors_from_path(current->path) : write.ancestor_ids;
    for (auto node : ids) connection.aggregates().add(cid, node, delta);
  }
  // A report counted before or after this write changes what summaries show (figures, texts
  // or the missing list); a change of state between uncounted ones changes the dashboard's
  // counters. A draft saved again leaves every summary as it was.
  if (current->counted || counted || !delta.empty()) bump_revision(connection, cid);
}

void SqlReportStore::write_uncounted_report(const ReportWrite& write) {
  std::string values_text = write.report.values.dump();
  // Lost: name the version that won (or say the report is gone).
  auto lost = [&](Connection& connection) {
    auto current = connection
                       .prepared<VersionOnlyRow, long long, long long>(
                           "SELECT version FROM reports WHERE campaign_id = :c AND unit_id = :u")
                       .one(write.report.campaign_id, write.report.unit_id);
    if (!current) return report_not_found();
    return stale_version(current->version);
  };
  if (context_.dialect().data_modifying_cte) {
    // One statement, atomic by itself: the version, its history row and the staged audit entry,
    // with no BEGIN and COMMIT round trips around it.
    context_.with_retries([&] {
      auto connection = context_.pool().acquire();
      const AuditEntry* audit = context_.staged_audit_entry();
      ReportUpdater& updater =
          audit ? connection->audited_report_updater() : connection->report_updater();
      const std::string action = write.action.empty() ? "save" : write.action;
      if (!updater.update(write.report, values_text, /*counted=*/0, write.expected_version, action,
                          audit)) {
        throw lost(*connection);
      }
      if (audit) context_.staged_audit_committed();
    });
    return;
  }
  context_.write_transaction([&](Connection& connection) {
    if (!store_version(connection, write, values_text, /*counted=*/0)) throw lost(connection);
  });
}

namespace {

struct VersionRow {
  long long version = 0;
  std::string status, action;
  long long at = 0;
  long long by = 0;
  soci::indicator by_ind = soci::i_ok;
  std::string by_name;
  soci::indicator name_ind = soci::i_ok;
  std::string comment;
  void bind(soci::statement& st) {
    st.exchange(soci::into(version));
    st.exchange(soci::into(status));
    st.exchange(soci::into(action));
    st.exchange(soci::into(at));
    st.exchange(soci::into(by, by_ind));
    st.exchange(soci::into(by_name, name_ind));
    st.exchange(soci::into(comment));
  }
};

}  // namespace

std::vector<ReportVersion> SqlReportStore::report_history(std::int64_t campaign_id,
                                                          std::int64_t unit_id, int limit) {
  auto connection = context_.pool().acquire();
  std::vector<ReportVersion> versions;
  connection
      ->prepared<VersionRow, long long, long long, int>(
          "SELECT v.version, v.status, v.action, v.at, v.by, us.display_name, v.comment "
          "FROM report_versions v LEFT JOIN users us ON us.id = v.by "
          "WHERE v.campaign_id = :c AND v.unit_id = :u ORDER BY v.version DESC LIMIT :n")
      .each(
          [&](const VersionRow& row) {
            ReportVersion entry;
            entry.version = row.version;
            entry.status = status_column(row.status);
            entry.action = row.action;
            entry.at = row.at;
            if (row.by_ind == soci::i_ok) entry.by = row.by;
            if (row.name_ind == soci::i_ok) entry.by_name = row.by_name;
            entry.comment = row.comment;
            versions.push_back(std::move(entry));
          },
          campaign_id, unit_id, std::max(limit, 0));
  return versions;
}

}  // namespace llw::sql
