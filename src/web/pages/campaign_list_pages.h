#pragma once
// The campaigns the user may see, to switch years (campaign_list_pages.cpp).

#include <cstdint>
#include <string>
#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class CampaignListPages : public PageFamily {
 public:
  CampaignListPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

  // The user's starting page in a campaign: the unit's report or the dashboard.
  static std::string campaign_start_href(const User& user, std::int64_t campaign_id,
                                         const std::string& issuer_code);

 private:
  HttpResponse campaign_list(Context& context, const Params& params);

  AppAreas<UsesCampaigns, UsesPlans, UsesUnits> app_;
};

}  // namespace llw
