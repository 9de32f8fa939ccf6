#pragma once
// The reporting workflow: review (return, accept, reopen), lock-date extensions, stored versions
// and their difference, and the audit log (workflow_routes.cpp).

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class WorkflowRoutes : public ApiFamily {
 public:
  WorkflowRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse review_report(const HttpRequest& request, const Params& params);
  HttpResponse grant_extension(const HttpRequest& request, const Params& params);
  HttpResponse get_report_version(const HttpRequest& request, const Params& params);
  HttpResponse get_report_diff(const HttpRequest& request, const Params& params);
  HttpResponse get_audit(const HttpRequest& request, const Params& params);

  AppAreas<UsesReports, UsesAudit> app_;
};

}  // namespace llw
