#pragma once
// Reporting up (reporting_up.cpp, consolidated_narrative.cpp): a node's consolidated narrative and
// its consolidated report to the level above.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/request_context.h"
#include "app/use_case_area.h"
#include "domain/campaign.h"
#include "domain/reporting_up_store.h"
#include "domain/user.h"
#include "domain/workflow.h"

namespace llw {

class ReportingUp : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // The consolidated narrative a coordinator writes for a node (consolidated_narrative.cpp): read
  // with read_summary, written with write_summary, versioned like reports (a stale
  // expected_version is a conflict and nothing changes). Parts: advantages, difficulties,
  // next_plan, recommendations.
  ConsolidatedNarrative consolidated_narrative(const User& actor, std::int64_t campaign_id,
                                               const std::string& unit_code);
  // What a page built on the narrative is keyed on, with the same check: the campaign's revision
  // (read first), the narrative's newest version (0 before the first save) and last year's
  // campaign's revision as the page's comparison with last year shows it (-1 when the page shows
  // none: no previous year, or one the actor may not see; Summaries::PreviousYearView).
  struct ConsolidatedVersions {
    std::int64_t campaign_revision = 0;
    std::int64_t narrative_version = 0;
    std::int64_t previous_year_revision = -1;
  };
  // `known_revision`: the campaign's revision the page's session view read, if it did.
  ConsolidatedVersions consolidated_versions(const User& actor, std::int64_t campaign_id,
                                             const std::string& unit_code,
                                             std::optional<std::int64_t> known_revision = {});
  ConsolidatedNarrative save_consolidated_narrative(
      const User& actor, std::int64_t campaign_id, const std::string& unit_code,
      std::int64_t expected_version, const std::map<std::string, std::string>& texts);
  // Its newest `limit` saved versions, newest first (read_summary).
  std::vector<ConsolidatedNarrative> consolidated_narrative_history(const User& actor,
                                                                    std::int64_t campaign_id,
                                                                    const std::string& unit_code,
                                                                    int limit);
  // Reporting up (reporting_up.cpp): a node's consolidated report to the level above. Submitted
  // by the node's own coordinator (submit_consolidated), which freezes the node's summary slots
  // and narrative; returned (comment required), accepted, or reopened (reason required) by the
  // level above (review_report on the node); read with read_summary. Out of order → conflict
  // naming the current state; a stale expected_version → conflict. Every action is audited
  // ("consolidated.submit", …). Only nodes with reporting units below them have one.
  ConsolidatedReport consolidated_report(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code);
  std::vector<ConsolidatedReportVersion> consolidated_report_history(const User& actor,
                                                                     std::int64_t campaign_id,
                                                                     const std::string& unit_code,
                                                                     int limit = 50);
  ConsolidatedReportVersion consolidated_report_version(const User& actor, std::int64_t campaign_id,
                                                        const std::string& unit_code,
                                                        std::int64_t version);
  ConsolidatedReport submit_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  ConsolidatedReport return_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code, const std::string& comment,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  ConsolidatedReport accept_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  ConsolidatedReport reopen_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code, const std::string& reason,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  // The same for a node's consolidated report: submit (by its coordinator), return, accept or
  // reopen (by the level above).
  ConsolidatedReport decide_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code, ReportEvent event,
                                         const std::string& comment,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  // The direct children of a node that consolidate units of their own, with the state of their
  // consolidated reports (read_summary on the node).
  // Read once per revision of the campaign (every change of a consolidated report's state bumps
  // it) and shared.
  std::shared_ptr<const std::vector<ChildFigures>> consolidated_children(
      const User& actor, std::int64_t campaign_id, const std::string& unit_code);
  // "live" or "accepted" (domain/campaign.h), for whoever may manage campaigns at the issuer.
  Campaign set_summary_source(const User& actor, std::int64_t campaign_id, SummarySource source,
                              const RequestContext& context = {});

 private:
  // A node's summary slots as the campaign's summary source says (reporting_up.cpp).
  Contribution summary_slots(const Campaign& campaign, const OrgUnit& node);
  ConsolidatedReport review_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code, ReportEvent event,
                                         const std::string& comment,
                                         std::optional<std::int64_t> expected_version);

  // (campaign id, node code) → the children that consolidate, at a revision.
  struct CachedChildren {
    std::int64_t revision = 0;
    OrgUnit node;  // for the access check
    std::shared_ptr<const std::vector<ChildFigures>> children;
  };
  std::mutex children_mutex_;
  std::map<std::pair<std::int64_t, std::string>, CachedChildren> children_;
};

}  // namespace llw
