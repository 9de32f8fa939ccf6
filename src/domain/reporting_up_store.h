#pragma once
// The storage port of reporting up the tree: a node's consolidated narrative and its
// consolidated report (each a compare-and-swap on its version, with its history), its children's
// figures, and the campaign's summary source. Implemented by the SQL
// store (sql_consolidated_narratives.cpp, sql_reporting_up_store.cpp in src/storage/sql/), on both
// backends. Each method is a transaction of its own; a failing one changes nothing.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "campaign.h"
#include "clock.h"
#include "consolidated_report.h"

namespace llw {

// The consolidated narrative of a node (báo cáo tổng hợp: thuận lợi, khó khăn, kế hoạch tiếp
// theo, kiến nghị), one version of it.
struct ConsolidatedNarrative {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::int64_t version = 0;                  // 0 until the first save; +1 on every save
  std::map<std::string, std::string> texts;  // part ("advantages", …) → text
  Timestamp updated_at = 0;
  std::optional<std::int64_t> updated_by;  // user id
  std::string updated_by_name;
};

class ReportingUpStore {
 public:
  virtual ~ReportingUpStore() = default;

  // Consolidated narratives (storage/sql/sql_consolidated_narratives.cpp). The newest version,
  // nullopt before the first save; the versions newest first; and a save as a compare-and-swap:
  // `narrative.version` must be expected_version + 1, else Error{conflict} and nothing changes.
  virtual std::optional<ConsolidatedNarrative> find_consolidated_narrative(
      std::int64_t campaign_id, std::int64_t unit_id) = 0;
  // The newest version's number alone (0 before the first save): one index lookup.
  virtual std::int64_t consolidated_narrative_version(std::int64_t campaign_id,
                                                      std::int64_t unit_id) = 0;
  virtual std::vector<ConsolidatedNarrative> consolidated_narrative_history(
      std::int64_t campaign_id, std::int64_t unit_id, int limit) = 0;
  virtual void save_consolidated_narrative(const ConsolidatedNarrative& narrative,
                                           std::int64_t expected_version) = 0;
  // Reporting up (storage/sql/sql_reporting_up_store.cpp). The current consolidated report of a
  // node (nullopt before its first submission); a write as a compare-and-swap on the version
  // (`report.version` must be expected_version + 1, else Error{conflict} and nothing changes) that
  // keeps the version in the history and bumps the campaign's revision; the versions newest
  // first; one version; the direct children of a node with their live aggregate and consolidated
  // state (accepted snapshots included), in code order; and the campaign's summary source (bumps
  // the revision).
  virtual std::optional<ConsolidatedReport> find_consolidated_report(std::int64_t campaign_id,
                                                                     std::int64_t unit_id) = 0;
  virtual void write_consolidated_report(const ConsolidatedReport& report,
                                         std::int64_t expected_version,
                                         const std::string& action) = 0;
  virtual std::vector<ConsolidatedReportVersion> consolidated_report_history(
      std::int64_t campaign_id, std::int64_t unit_id, int limit) = 0;
  virtual std::optional<ConsolidatedReportVersion> consolidated_report_version(
      std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) = 0;
  // The direct children of a node with their live aggregate and consolidated state (accepted
  // snapshots included), in code order.
  virtual std::vector<ChildFigures> child_figures(std::int64_t campaign_id,
                                                  std::int64_t parent_id) = 0;
  // Sets the campaign's summary source and bumps its revision.
  virtual void set_summary_source(std::int64_t campaign_id, SummarySource source) = 0;
};

}  // namespace llw
