#pragma once
// Reporting up: a node's consolidated report to the level above (status, frozen snapshot,
// versions; submit, return, accept, reopen) and the campaign's settings with its summary source
// (reporting_up_routes.cpp).

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class ReportingUpRoutes : public ApiFamily {
 public:
  ReportingUpRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse get_consolidated(const HttpRequest& request, const Params& params);
  HttpResponse act_on_consolidated(const HttpRequest& request, const Params& params);
  HttpResponse get_consolidated_version(const HttpRequest& request, const Params& params);
  HttpResponse patch_campaign(const HttpRequest& request, const Params& params);
  nlohmann::json consolidated_json(const User& user, std::int64_t campaign_id,
                                   const std::string& unit_code);

  AppAreas<UsesReportingUp, UsesCampaigns, UsesUnits> app_;
};

}  // namespace llw
