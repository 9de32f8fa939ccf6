#pragma once
// A province's or commune's own plan composed as fields, previewed, issued and downloaded
// (plan_pages.cpp).

#include <cstdint>
#include <string>
#include <vector>

#include "web/app_areas.h"
#include "web/pages/form_echo.h"
#include "web/pages/page_family.h"

namespace llw {

namespace pages {
struct PlanFormValues;
}  // namespace pages

class PlanPages : public PageFamily {
 public:
  PlanPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse plan_composer(Context& context, const Params& params);
  HttpResponse plan_composer_post(Context& context, const Params& params);
  HttpResponse plan_download(Context& context, const Params& params);
  // The page with the boxes as `typed` (null: the saved draft, or a first draft to start from).
  HttpResponse plan_composer_page(Context& context, std::int64_t campaign_id,
                                  const std::string& unit_code, int status,
                                  const pages::PlanFormValues* typed, pages::FormEcho echo);

  AppAreas<UsesCampaigns, UsesPlans> app_;
};

}  // namespace llw
