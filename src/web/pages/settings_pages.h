#pragma once
// A campaign's settings (settings_pages.cpp).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class SettingsPages : public PageFamily {
 public:
  SettingsPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse campaign_settings(Context& context, const Params& params);
  HttpResponse campaign_settings_post(Context& context, const Params& params);
  HttpResponse next_year_post(Context& context, const Params& params);

  AppAreas<UsesCampaigns> app_;
};

}  // namespace llw
