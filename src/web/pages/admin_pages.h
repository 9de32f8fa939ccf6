#pragma once
// Importing units from a spreadsheet, and adding a report form version with its preview
// (admin_pages.cpp).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class AdminPages : public PageFamily {
 public:
  AdminPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse admin_import(Context& context, const Params& params);
  HttpResponse admin_import_post(Context& context, const Params& params);
  HttpResponse form_versions(Context& context, const Params& params);
  HttpResponse form_versions_post(Context& context, const Params& params);

  AppAreas<UsesUnits, UsesCampaigns> app_;
};

}  // namespace llw
