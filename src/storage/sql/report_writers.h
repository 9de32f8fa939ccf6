#pragma once
// The report writers a connection keeps (narrative texts, history versions, the report row's
// compare-and-swap), with statements prepared once per connection.

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
#include "storage/sql/audit_params.h"
#include "storage/sql/batch_statement.h"
#include "storage/sql/dialect.h"
#include "storage/sql/rows.h"
#include "storage/sql/store_text.h"

namespace llw::sql {

// Replaces the narrative texts of one report (texts of counted reports only; an empty map removes
// them) and returns the change in texts per part, for the aggregates' counters.
class NarrativeWriter {
 public:
  NarrativeWriter(soci::session& sql, const Dialect& dialect)
      : parts_((sql.prepare << "SELECT part FROM report_narratives "
                               "WHERE campaign_id = :c AND unit_id = :u",
                soci::into(part_), soci::use(campaign_id_), soci::use(unit_id_))),
        delete_((sql.prepare << "DELETE FROM report_narratives "
                                "WHERE campaign_id = :c AND unit_id = :u",
                 soci::use(campaign_id_), soci::use(unit_id_))),
        insert_(sql, dialect, columns(), insert_sql()) {}

  // The columns and statement of a narrative insert, shared with bulk_put_reports.
  static std::vector<BatchColumn> columns() {
    return {{"campaign_id", ColumnType::integer},
            {"unit_id", ColumnType::integer},
            {"part", ColumnType::text},
            {"path", ColumnType::text},
            {"unit_code", ColumnType::text},
            {"unit_name", ColumnType::text},
            {"text", ColumnType::text}};
  }
  static std::string insert_sql() {
    return "INSERT INTO report_narratives (campaign_id, unit_id, part, path, unit_code, "
           "unit_name, text) SELECT v.campaign_id, v.unit_id, v.part, v.path, v.unit_code, "
           "v.unit_name, v.text FROM {rows} WHERE true";
  }

  // `unit_path`, `unit_code` and `unit_name` are copied into every row (see the schema).
  PartCounts replace(long long campaign_id, long long unit_id, const std::string& unit_path,
                     const std::string& unit_code, const std::string& unit_name,
                     const std::map<std::string, std::string>& texts, bool know_none_stored) {
    campaign_id_ = campaign_id;
    unit_id_ = unit_id;
    PartCounts change;
    if (!know_none_stored) {
      parts_.execute(false);
      while (parts_.fetch()) change[part_] -= 1;
      if (!change.empty()) delete_.execute(true);
    }
    for (const auto& [part, text] : texts) {
      if (text.empty()) continue;
      insert_.add(campaign_id, unit_id, part, unit_path, unit_code, unit_name, text);
      change[part] += 1;
    }
    insert_.flush();
    std::erase_if(change, [](const auto& entry) { return entry.second == 0; });
    return change;
  }

 private:
  long long campaign_id_ = 0, unit_id_ = 0;
  std::string part_;
  soci::statement parts_;
  soci::statement delete_;
  BatchStatement insert_;
};

// Writes the version history, one row per saved version; flush() before the history is read.
class VersionWriter {
 public:
  VersionWriter(soci::session& sql, const Dialect& dialect)
      : insert_(sql, dialect,
                {{"campaign_id", ColumnType::integer},
                 {"unit_id", ColumnType::integer},
                 {"version", ColumnType::integer},
                 {"status", ColumnType::text},
                 {"values_json", ColumnType::text},
                 {"action", ColumnType::text},
                 {"at", ColumnType::integer},
                 {"by", ColumnType::integer},
                 {"comment", ColumnType::text}},
                "INSERT INTO report_versions (campaign_id, unit_id, version, status, "
                "values_json, action, at, by, comment) SELECT v.campaign_id, v.unit_id, "
                "v.version, v.status, v.values_json, v.action, v.at, v.by, v.comment FROM {rows} "
                "WHERE true ON CONFLICT (campaign_id, unit_id, version) DO UPDATE SET "
                "status = excluded.status, values_json = excluded.values_json, "
                "action = excluded.action, at = excluded.at, by = excluded.by, "
                "comment = excluded.comment") {}

  void append(const UnitReport& report, const std::string& values_json, const std::string& action) {
    std::optional<long long> by;
    if (report.updated_by) by = *report.updated_by;
    insert_.add(static_cast<long long>(report.campaign_id), static_cast<long long>(report.unit_id),
                static_cast<long long>(report.version), std::string(to_string(report.status)),
                values_json, action, static_cast<long long>(report.updated_at), by, report.comment);
  }

  void flush() { insert_.flush(); }
  void flush_if_full(std::size_t rows) { insert_.flush_if_full(rows); }

 private:
  BatchStatement insert_;
};

// The compare-and-swap UPDATE of a report, prepared once per connection. Where the dialect allows
// an UPDATE in a WITH clause (PostgreSQL), the same statement also appends the version to the
// history, from the row it updated: a save is then one round trip fewer (writes_history()); and
// with `with_audit`, it appends an audit entry too, so that a statement on its own, needing no
// transaction around it, is the whole of an uncounted save.
class ReportUpdater {
 public:
  enum class Audit { apart, in_statement };

  ReportUpdater(soci::session& sql, const Dialect& dialect, Audit audit = Audit::apart)
      : writes_history_(dialect.data_modifying_cte), update_(sql) {
    if (audit == Audit::in_statement && !writes_history_) {
      throw std::logic_error("an audit entry in the save's statement needs a data-modifying WITH");
    }
    const std::string update =
        "UPDATE reports SET status = :status, version = :version, values_json = :vals, "
        "submitted_at = :submitted, late = :late, updated_at = :at, updated_by = :by, "
        "counted = :counted, comment = :comment "
        "WHERE campaign_id = :c AND unit_id = :u AND version = :expected";
    update_.exchange(soci::use(status_));
    update_.exchange(soci::use(version_));
    update_.exchange(soci::use(values_));
    update_.exchange(soci::use(submitted_at_, submitted_ind_));
    update_.exchange(soci::use(late_));
    update_.exchange(soci::use(updated_at_));
    update_.exchange(soci::use(updated_by_, updated_by_ind_));
    update_.exchange(soci::use(counted_));
    update_.exchange(soci::use(comment_));
    update_.exchange(soci::use(campaign_id_));
    update_.exchange(soci::use(unit_id_));
    update_.exchange(soci::use(expected_));
    std::string text = update;
    if (writes_history_) {
      // The same history row as VersionWriter writes (and the same upsert).
      update_.exchange(soci::use(action_));
      const std::string history =
          "INSERT INTO report_versions (campaign_id, unit_id, version, status, values_json, "
          "action, at, by, comment) SELECT campaign_id, unit_id, version, status, "
          "values_json, :action, updated_at, updated_by, comment FROM saved "
          "ON CONFLICT (campaign_id, unit_id, version) DO UPDATE SET "
          "status = excluded.status, values_json = excluded.values_json, "
          "action = excluded.action, at = excluded.at, by = excluded.by, "
          "comment = excluded.comment";
      text = "WITH saved AS (" + update +
             " RETURNING campaign_id, unit_id, version, status, values_json, updated_at, "
             "updated_by, comment) ";
      if (audit == Audit::in_statement) {
        // The entry is inserted once per row saved, so a lost compare-and-swap leaves no entry
        // behind; the affected rows counted are the entry's.
        audit_.bind(update_);
        text += ", history AS (" + history + " RETURNING 1) INSERT INTO audit_log (" +
                kAuditColumnList + ") SELECT " + kAuditValues + " FROM saved";
      } else {
        text += history;
      }
    }
    update_.alloc();
    update_.prepare(text);
    update_.define_and_bind();
  }

  // True when update() also wrote the history row of the version it stored.
  bool writes_history() const { return writes_history_; }

  // True when the row still had `expected_version` and now holds the report (and, when
  // writes_history(), its history has the version with `action`).
  // With Audit::in_statement, `audit` is the entry stored with it.
  bool update(const UnitReport& report, const std::string& values_json, int counted,
              long long expected_version, const std::string& action,
              const AuditEntry* audit = nullptr) {
    if (audit != nullptr) audit_.set(*audit);
    status_ = std::string(to_string(report.status));
    version_ = report.version;
    values_ = values_json;
    submitted_at_ = report.submitted_at.value_or(0);
    submitted_ind_ = report.submitted_at ? soci::i_ok : soci::i_null;
    late_ = report.late ? 1 : 0;
    updated_at_ = report.updated_at;
    updated_by_ = report.updated_by.value_or(0);
    updated_by_ind_ = report.updated_by ? soci::i_ok : soci::i_null;
    counted_ = counted;
    comment_ = report.comment;
    campaign_id_ = report.campaign_id;
    unit_id_ = report.unit_id;
    expected_ = expected_version;
    action_ = action;
    update_.execute(true);
    return update_.get_affected_rows() == 1;
  }

 private:
  bool writes_history_;
  std::string status_, values_, comment_, action_;
  long long version_ = 0, submitted_at_ = 0, updated_at_ = 0, updated_by_ = 0;
  soci::indicator submitted_ind_ = soci::i_null, updated_by_ind_ = soci::i_null;
  int late_ = 0, counted_ = 0;
  long long campaign_id_ = 0, unit_id_ = 0, expected_ = 0;
  AuditParams audit_;
  soci::statement update_;
};

}  // namespace llw::sql
