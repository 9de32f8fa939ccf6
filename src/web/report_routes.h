#pragma once
// A unit's report: reading it, saving a draft and submitting it, and a subtree's reports entered
// from a spreadsheet (report_routes.cpp). Reviewing,
// versions and extensions are workflow_routes.h's.

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class ReportRoutes : public ApiFamily {
 public:
  ReportRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse get_report(const HttpRequest& request, const Params& params);
  HttpResponse save_report(const HttpRequest& request, const Params& params);
  HttpResponse submit_report(const HttpRequest& request, const Params& params);
  HttpResponse entry_template(const HttpRequest& request, const Params& params);
  HttpResponse enter_reports(const HttpRequest& request, const Params& params);

  AppAreas<UsesReports, UsesEvidence> app_;
};

}  // namespace llw
