#pragma once
// The unit tree: a unit's children, editing and moving units (unit_admin_pages.cpp).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class UnitAdminPages : public PageFamily {
 public:
  UnitAdminPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse admin_units(Context& context, const Params& params);
  HttpResponse admin_units_post(Context& context, const Params& params);

  AppAreas<UsesAccounts, UsesAudit, UsesUnits> app_;
};

}  // namespace llw
