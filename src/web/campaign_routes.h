#pragma once
// Listing, reading and creating campaigns, and the form versions they pin (campaign_routes.cpp).
// Changing a campaign's settings is reporting_up_routes.h's (PATCH also sets the summary source),
// its plan document_routes.h's.

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class CampaignRoutes : public ApiFamily {
 public:
  CampaignRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse list_campaigns(const HttpRequest& request, const Params& params);
  HttpResponse get_campaign(const HttpRequest& request, const Params& params);
  HttpResponse create_campaign(const HttpRequest& request, const Params& params);
  HttpResponse start_next_year(const HttpRequest& request, const Params& params);
  HttpResponse add_form_version(const HttpRequest& request, const Params& params);
  HttpResponse get_form(const HttpRequest& request, const Params& params);

  AppAreas<UsesCampaigns> app_;
};

}  // namespace llw
