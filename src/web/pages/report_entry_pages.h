#pragma once
// Reports entered by a coordinator from a spreadsheet, under a node's pages:
// /dot/{id}/nhap-bao-cao/{unit} (report_entry_pages.cpp).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class ReportEntryPages : public PageFamily {
 public:
  ReportEntryPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse entry_page(Context& context, const Params& params);
  HttpResponse entry_post(Context& context, const Params& params);

  AppAreas<UsesReports, UsesCampaigns> app_;
};

}  // namespace llw
