#pragma once
// The ReportingUpStore port: a node's consolidated report and narratives for the level above.
// Defined in sql_reporting_up_store.cpp, sql_consolidated_narratives.cpp.

#include <memory>
#include <utility>

#include "domain/reporting_up_store.h"
#include "storage/sql/change_feed.h"
#include "storage/sql/kept_reads.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlReportingUpStore : public ReportingUpStore {
 public:
  explicit SqlReportingUpStore(SqlContext& context) : context_(context) {}

  // Serves consolidated_narrative_version from memory while `changes` says nothing changed
  // (kept_reads.h). Called once, before the port is used.
  void keep_reads_in_memory(const std::shared_ptr<const ChangeFeed>& changes);

  std::optional<ConsolidatedNarrative> find_consolidated_narrative(std::int64_t campaign_id,
                                                                   std::int64_t unit_id) override;
  std::int64_t consolidated_narrative_version(std::int64_t campaign_id,
                                              std::int64_t unit_id) override;
  std::vector<ConsolidatedNarrative> consolidated_narrative_history(std::int64_t campaign_id,
                                                                    std::int64_t unit_id,
                                                                    int limit) override;
  void save_consolidated_narrative(const ConsolidatedNarrative& narrative,
                                   std::int64_t expected_version) override;
  std::optional<ConsolidatedReport> find_consolidated_report(std::int64_t campaign_id,
                                                             std::int64_t unit_id) override;
  void write_consolidated_report(const ConsolidatedReport& report, std::int64_t expected_version,
                                 const std::string& action) override;
  std::vector<ConsolidatedReportVersion> consolidated_report_history(std::int64_t campaign_id,
                                                                     std::int64_t unit_id,
                                                                     int limit) override;
  std::optional<ConsolidatedReportVersion> consolidated_report_version(
      std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) override;
  std::vector<ChildFigures> child_figures(std::int64_t campaign_id,
                                          std::int64_t parent_id) override;
  void set_summary_source(std::int64_t campaign_id, SummarySource source) override;

 private:
  // The consolidated narratives' version numbers every consolidated page asks for, by (campaign,
  // unit); only when keep_reads_in_memory was called.
  std::unique_ptr<KeptReads<std::pair<std::int64_t, std::int64_t>, std::int64_t>>
      narrative_versions_;

  SqlContext& context_;
};

}  // namespace llw::sql
