// GET/POST /api/v1/campaigns and GET /api/v1/campaigns/{id}. Access and rules are the
// Application's; this file reads the request and shapes the response.
#include "web/campaign_routes.h"

#include <string>

#include "app/api_json.h"
#include "app/campaigns.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

std::vector<ApiRoute> CampaignRoutes::routes() {
  return {
      {"GET", {"campaigns"}, bind(&CampaignRoutes::list_campaigns)},
      {"POST", {"campaigns"}, bind(&CampaignRoutes::create_campaign)},
      {"GET", {"campaigns", "{}"}, bind(&CampaignRoutes::get_campaign)},
  };
}

HttpResponse CampaignRoutes::list_campaigns(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  nlohmann::json campaigns = nlohmann::json::array();
  for (const auto& campaign : app_.campaigns().list_campaigns(user)) {
    campaigns.push_back(to_json(campaign, false));
  }
  return json_response(200, {{"campaigns", std::move(campaigns)}});
}

HttpResponse CampaignRoutes::get_campaign(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return json_response(
      200, to_json(app_.campaigns().get_campaign(user, campaign_id_from(params[0])), true));
}

HttpResponse CampaignRoutes::create_campaign(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  const Campaign campaign = app_.campaigns().create_campaign(
      user, campaign_from_json(body), RequestContext{request.client_address});
  HttpResponse response = json_response(201, to_json(campaign, true));
  response.headers.emplace_back("Location", "/api/v1/campaigns/" + std::to_string(campaign.id));
  return response;
}

}  // namespace llw
