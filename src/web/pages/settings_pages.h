#pragma once
// A campaign's settings (settings_pages.cpp).

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/campaign.h"
#include "web/app_areas.h"
#include "web/pages/form_echo.h"
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
  // The page's view: the campaign's settings (or the values posted, from `echo`).
  nlohmann::json settings_view(Context& context, const Campaign& campaign,
                               const pages::FormEcho& echo);

  AppAreas<UsesCampaigns, UsesSignedCopies> app_;
};

}  // namespace llw
