#pragma once
// What the coordinator's dashboard use case (dashboard.cpp) takes and gives: a node's figures,
// its reports counted in all, per unit kind and per state, and one page of its reports — every
// part read from the node's aggregate or from one bounded index range, never from the whole
// subtree, so the country's dashboard costs what a commune's does.

#include <cstdint>
#include <memory>
#include <string>

#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/report_counts.h"
#include "domain/report_listing.h"
#include "domain/summary.h"

namespace llw {

struct DashboardQuery {
  ReportFilter filter = ReportFilter::all;
  std::string search;     // as typed ("truong tieu hoc"); matched without diacritics
  std::int64_t page = 1;  // 1-based; past the last page gives the last page
  int page_size = 50;
};

// What a dashboard shows of the node whatever the query: read once per revision and shared
// between the requests that ask for it.
struct DashboardFigures {
  Campaign campaign;  // with its form
  OrgUnit node;
  Summary summary;       // the figures (no missing list, no texts)
  SubtreeCounts counts;  // of the live reports, whatever the summary's source
};

struct Dashboard {
  std::shared_ptr<const DashboardFigures> figures;
  const Campaign& campaign() const { return figures->campaign; }
  const OrgUnit& node() const { return figures->node; }
  const Summary& summary() const { return figures->summary; }
  const SubtreeCounts& counts() const { return figures->counts; }

  ReportFilter filter = ReportFilter::all;  // as asked
  // The reports of this page, in tree order: shared with the requests that ask for the same page
  // at the same revision (a page of 50 rows holds each report's values, too much to copy).
  std::shared_ptr<const ReportListPage> listed = std::make_shared<const ReportListPage>();
  const ReportListPage& page() const { return *listed; }
  std::int64_t matching = 0;  // reports the filter and the search select, over every page
  std::int64_t page_number = 1;
  std::int64_t page_count = 1;
  // The campaign's revision everything above was read at: the same revision and query give the
  // same dashboard (every change of a report's state or a unit bumps it).
  std::int64_t revision = 0;
  // Last year's campaign's revision its comparison with last year was read at; -1 when it shows
  // none (no previous year, or one the reader may not see: Summaries::PreviousYearView).
  std::int64_t previous_year_revision = -1;
};

}  // namespace llw
