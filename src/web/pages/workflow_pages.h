#pragma once
// The review workflow in the browser (workflow_pages.cpp): review actions, the unit report's
// exports and history, the audit log, notifications; and the read-only report page.

#include <nlohmann/json.hpp>
#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"
#include "web/pages/report_pages.h"

namespace llw {

class WorkflowPages : public PageFamily {
 public:
  // A refused review shows the report page again (`report`).
  WorkflowPages(PageFrame& frame, Application& app, ReportPages& report)
      : PageFamily(frame), app_(app), report_(report) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse review_post(Context& context, const Params& params);
  HttpResponse report_export(Context& context, const Params& params);
  HttpResponse report_history(Context& context, const Params& params);
  HttpResponse audit_log(Context& context, const Params& params);
  HttpResponse audit_csv(Context& context, const Params& params);
  HttpResponse notifications(Context& context, const Params& params);
  HttpResponse notifications_post(Context& context, const Params& params);

  AppAreas<UsesAudit, UsesCampaigns, UsesDocuments, UsesEvidence, UsesNotices, UsesReports,
           UsesSignIn, UsesUnits>
      app_;
  ReportPages& report_;
};

// A report shown read-only (to its reviewers and readers, or to its unit once submitted): the
// report as the document reads, with the decision kept reachable. `form_view` is
// ReportPages::report_view's (its "workflow" and "plan_above"); `plans` gives the unit's dates.
HttpResponse review_page(PageFrame& frame, LevelPlans& plans, PageContext& context, int status,
                         const pages::ReportFormInput& input, const nlohmann::json& form_view);

}  // namespace llw
