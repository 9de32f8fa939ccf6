#pragma once
// The storage port of the units' reports: reading one, writing one as a compare-and-swap with
// what it changes in the aggregates, its history and versions, extensions of the lock date, bulk
// loads and bounded walks of a subtree's reports. Implemented by the SQL
// store (sql_report_store.cpp in src/storage/sql/), on both backends. Each method is a transaction
// of its own; a failing one changes nothing.

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "campaign.h"
#include "clock.h"
#include "org_unit.h"
#include "report.h"
#include "summary.h"
#include "workflow_records.h"

namespace llw {

// A report write plus what it changes in the consolidated aggregates. The caller (the app layer)
// computes `delta` = contribution(after) − contribution(before) and the ancestors (node itself
// included) whose aggregate rows get it; the store applies both atomically.
struct ReportWrite {
  UnitReport report;                       // the new state; report.version is the new version
  std::int64_t expected_version = 0;       // the version the writer read; mismatch → conflict
  Contribution delta;                      // may be empty (draft saves)
  std::vector<std::int64_t> ancestor_ids;  // unit ids from the unit itself up to the root
  std::string action;                      // "save", "submit", … kept in the version history
  // A submit: notify the coordinators of the units above (not the unit itself) in the same
  // transaction (notifications table).
  bool notify_reviewers = false;
  // A return, accept or reopen: notify the unit's own accounts (its reporters and coordinators)
  // in the same transaction, the notice's kind being `action`.
  bool notify_unit = false;
  // The campaign counts neither the state before nor the one after, and the delta is empty (a
  // draft saved again): the write changes no aggregate, narrative or summary, and the store need
  // not read the current row first; the compare-and-swap alone decides. (A campaign's counted
  // states never change.)
  bool uncounted_before_and_after = false;
};

// A report with its campaign and its unit, read together: the start of every report write.
struct ReportInContext {
  Campaign campaign;
  OrgUnit unit;
  UnitReport report;
};

// One saved version of a report, as listed in its history (lịch sử thay đổi).
struct ReportVersion {
  std::int64_t version = 0;
  ReportStatus status = ReportStatus::draft;
  std::string action;  // "save", "submit", "import", … as given to write_report
  Timestamp at = 0;
  std::optional<std::int64_t> by;  // user id
  std::string by_name;             // that user's display name, empty when unknown
  std::string comment;             // the report's comment at that version (see UnitReport)
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Reports. nullopt when the unit does not have to report in this campaign.
  virtual std::optional<UnitReport> find_report(std::int64_t campaign_id, std::int64_t unit_id) = 0;
  // The report of the unit with this code in the campaign, with both, in one read; nullopt when
  // any of the three is missing (the caller then finds out which, on its slower path).
  virtual std::optional<ReportInContext> find_report_in_context(std::int64_t campaign_id,
                                                                const std::string& unit_code) = 0;
  // Compare-and-swap on version: writes the report, appends the version to the history, adds
  // delta to the aggregates of ancestor_ids, and stores the report's narrative texts for the
  // summary — all in one transaction. Stale expected_version → Error{conflict} and nothing
  // changes.
  virtual void write_report(const ReportWrite& write,
                            const std::map<std::string, std::string>& narratives_if_counted) = 0;
  // Many writes as one transaction (the coordinator's entry of reports from a file): each is
  // write_report's compare-and-swap with its history, aggregates and narratives, and the first
  // that fails (a stale version, a report gone) rolls every one back. `narratives_if_counted`
  // has one map per write.
  virtual void write_reports(
      const std::vector<ReportWrite>& writes,
      const std::vector<std::map<std::string, std::string>>& narratives_if_counted) = 0;
  // The saved versions of a report, newest first, at most `limit`.
  virtual std::vector<ReportVersion> report_history(std::int64_t campaign_id, std::int64_t unit_id,
                                                    int limit) = 0;
  // Bulk load for demo data and imports: inserts or replaces many reports (history included) in
  // one transaction without touching aggregates; call rebuild_aggregates afterwards.
  virtual void bulk_put_reports(
      const std::vector<UnitReport>& reports,
      const std::vector<std::map<std::string, std::string>>& narratives_if_counted) = 0;
  // Every report of the campaign in the subtree of `path` (itself included) with its unit, in
  // path order (parents before children, so a depth-first walk), read in pages of one index
  // range each under one read snapshot; memory stays bounded whatever the subtree's size. The
  // callback must not call the store (it may hold the only connection); it may move from the
  // report it is given (the values of a national export are not copied twice).
  // `keys` names the values read of each report (the others are absent from `values`).
  virtual void for_each_report_in_subtree(
      std::int64_t campaign_id, std::string_view path, const ReportValueKeys& keys,
      const std::function<void(const OrgUnit&, UnitReport&)>& visit) = 0;
  // The same with every value of each report.
  void for_each_report_in_subtree(std::int64_t campaign_id, std::string_view path,
                                  const std::function<void(const OrgUnit&, UnitReport&)>& visit) {
    for_each_report_in_subtree(campaign_id, path, ReportValueKeys{}, visit);
  }
  // One stored version of a report with its values; nullopt when there is no such version.
  virtual std::optional<std::pair<ReportVersion, nlohmann::json>> report_version(
      std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) = 0;
  // Grants (or replaces) a unit's extension of the lock date.
  virtual void put_extension(const ReportExtension& extension) = 0;
  virtual std::optional<ReportExtension> find_extension(std::int64_t campaign_id,
                                                        std::int64_t unit_id) = 0;
};

}  // namespace llw
