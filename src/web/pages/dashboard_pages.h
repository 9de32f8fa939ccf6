#pragma once
// The coordinator's dashboard and its chart (dashboard_pages.cpp).

#include <vector>

#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/summary.h"
#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class DashboardPages : public PageFamily {
 public:
  DashboardPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

  // A node's summary with its campaign and unit, read for the node's pages (the summary checks
  // read_summary on the node first); params are the campaign id and the unit code. The
  // consolidated page reads it too.
  struct NodeSummary {
    Summary summary;
    Campaign campaign;
    OrgUnit node;
  };
  NodeSummary node_summary(Context& context, const Params& params, int narrative_limit);

 private:
  HttpResponse dashboard(Context& context, const Params& params);
  // The "Nhắc" of one unit on the dashboard: queues its reminder, back to the same list.
  HttpResponse dashboard_remind_post(Context& context, const Params& params);
  HttpResponse activities_chart(Context& context, const Params& params);

  AppAreas<UsesCampaigns, UsesClock, UsesPlans, UsesReports, UsesSummaries, UsesUnits> app_;
};

}  // namespace llw
