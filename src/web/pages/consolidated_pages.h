#pragma once
// The consolidated report of a node: its narrative, exports and units' texts
// (consolidated_pages.cpp), with the reporting-up panel (reporting_up_pages.h).

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/reporting_up_store.h"
#include "web/app_areas.h"
#include "web/pages/dashboard_pages.h"
#include "web/pages/page_family.h"

namespace llw {

namespace pages {
struct ConsolidatedInput;
struct ReportingUpEcho;
}  // namespace pages

class ConsolidatedPages : public PageFamily {
 public:
  // The node's summary is read as the dashboard reads it (`dashboard`).
  ConsolidatedPages(PageFrame& frame, Application& app, DashboardPages& dashboard)
      : PageFamily(frame), app_(app), dashboard_(dashboard) {}
  std::vector<PageRoute> routes();

  HttpResponse consolidated_page(Context& context, const Params& params, int status,
                                 const pages::ReportingUpEcho& echo);

 private:
  using NodeSummary = DashboardPages::NodeSummary;

  HttpResponse consolidated(Context& context, const Params& params);
  HttpResponse consolidated_post(Context& context, const Params& params);
  HttpResponse document_export(Context& context, const Params& params);
  // One part's units' texts, a page at a time (the consolidated page shows the first few).
  HttpResponse unit_texts(Context& context, const Params& params);
  // The consolidated page's view as a GET shows it, with the `saved` narrative in the editor.
  nlohmann::json consolidated_view_of(Context& context, const Params& params,
                                      const ConsolidatedNarrative& saved,
                                      const pages::ReportingUpEcho& echo);
  // The consolidated page's view from `input` (the narrative to show, set by the caller): the
  // history, exports and the reporting-up panel, the same for the page a GET shows and a refused
  // save's re-render.
  nlohmann::json consolidated_page_view(Context& context, const NodeSummary& data,
                                        pages::ConsolidatedInput& input,
                                        const pages::ReportingUpEcho& echo);
  // The signed copy part of the page (signed_copy_view.h): null for a node with no consolidated
  // report or nothing to show.
  nlohmann::json signed_copy_section(Context& context, const Campaign& campaign,
                                     const OrgUnit& node);
  NodeSummary node_summary(Context& context, const Params& params, int narrative_limit) {
    return dashboard_.node_summary(context, params, narrative_limit);
  }

  AppAreas<UsesDocuments, UsesPlans, UsesReportingUp, UsesSignedCopies, UsesSummaries, UsesUnits>
      app_;
  DashboardPages& dashboard_;
};

}  // namespace llw
