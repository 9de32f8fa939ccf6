#pragma once
// A new campaign from its year (campaign_new_pages.cpp).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class CampaignNewPages : public PageFamily {
 public:
  CampaignNewPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();
  // The app areas these pages use (also read by the page's helpers).
  using Areas = AppAreas<UsesCampaigns, UsesClock, UsesUnits>;

 private:
  HttpResponse campaign_new(Context& context, const Params& params);
  HttpResponse campaign_new_post(Context& context, const Params& params);

  Areas app_;
};

}  // namespace llw
