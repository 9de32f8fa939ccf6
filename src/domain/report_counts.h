#pragma once
// How many reports of a subtree are expected, counted, on time, late and missing — in all, per
// unit kind and per state — read from the node's stored aggregate (the "kinds." and "statuses."
// slots of contribution_of), so that a dashboard counts 100,000 reports without reading them.

#include <cstdint>
#include <map>

#include "domain/org_unit.h"
#include "domain/report.h"
#include "domain/report_listing.h"
#include "domain/summary.h"

namespace llw {

struct ReportCounts {
  std::int64_t expected = 0;
  std::int64_t submitted = 0;  // in a state the campaign counts
  std::int64_t on_time = 0;
  std::int64_t late = 0;
  std::int64_t missing = 0;  // expected − submitted
};

struct SubtreeCounts {
  ReportCounts all;
  std::map<UnitKind, ReportCounts> by_kind;  // only kinds with expected reports
  std::map<ReportStatus, std::int64_t> by_status;
};

SubtreeCounts subtree_counts(const Contribution& aggregate);

// How many reports of the subtree a list filter selects.
std::int64_t selected_by(const SubtreeCounts& counts, ReportFilter filter);

}  // namespace llw
