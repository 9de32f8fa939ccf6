#pragma once
// A node's consolidated summary as JSON (summary_routes.cpp). Its documents and data exports are
// document_routes.h's, the consolidated report to the level above reporting_up_routes.h's.

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class SummaryRoutes : public ApiFamily {
 public:
  SummaryRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse get_summary(const HttpRequest& request, const Params& params);

  AppAreas<UsesSummaries> app_;
};

}  // namespace llw
