#pragma once
// Reporting up (báo cáo lên cấp trên): a node's consolidated report is itself a report to the
// level above. Its coordinator submits it, which freezes the node's figures and narrative as a
// snapshot; the level above returns it (with a comment), accepts it, or reopens an accepted one
// (with a reason), on the same state machine as unit reports (workflow.h). Every version is kept.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "org_unit.h"
#include "report.h"
#include "summary.h"

namespace llw {

// What a submission freezes: the node's summary slots (the same Contribution arithmetic as the
// stored aggregates, completeness counts included) and the coordinator's consolidated narrative.
struct ConsolidatedSnapshot {
  Contribution slots;
  std::map<std::string, std::string> narrative;  // part ("advantages", …) → text
  std::int64_t narrative_version = 0;            // the narrative version frozen, 0 for none
  SummarySource source = SummarySource::live;    // how the slots were summed at submission
};

// The current state of a node's consolidated report. version 0 and not_started before the first
// submission (nothing is stored then).
struct ConsolidatedReport {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::string unit_code;
  ReportStatus status = ReportStatus::not_started;
  std::int64_t version = 0;
  std::optional<ConsolidatedSnapshot> snapshot;  // the last submitted one
  std::optional<Timestamp> submitted_at;
  bool late = false;
  std::string comment;  // the last return comment or reopen reason
  Timestamp updated_at = 0;
  std::optional<std::int64_t> updated_by;
};

// One stored version: the action that made it ("submit", "return", "accept", "reopen"), who,
// when, and the report as it was then.
struct ConsolidatedReportVersion {
  ConsolidatedReport report;
  std::string action;
  std::string by_name;
};

// What a summary in "accepted" mode needs of one direct child of a node: its live aggregate,
// whether it consolidates reporting units below it, and its consolidated report's state.
struct ChildFigures {
  OrgUnit unit;                 // id, code, name, kind, path
  Contribution live;            // the child's stored aggregate (its subtree, live)
  bool reports_itself = false;  // the child is itself a reporting unit of the campaign
  bool counted_itself = false;  // … and its own report is in a counted state
  ReportStatus consolidated_status = ReportStatus::not_started;
  std::int64_t consolidated_version = 0;
  std::optional<Timestamp> submitted_at;
  bool late = false;
  std::optional<ConsolidatedSnapshot> snapshot;  // only when the report is accepted
  // More units must report below the child than the child itself: it has a consolidated report.
  bool consolidates() const;
};

// The slots of a node in "accepted" mode: the node's live aggregate with, for every child that
// consolidates, its live contribution replaced by its accepted snapshot (or by nothing when it is
// not accepted). "expected" stays the live count, so a child not accepted shows as missing.
Contribution accepted_slots(const Contribution& node_live,
                            const std::vector<ChildFigures>& children);

}  // namespace llw
