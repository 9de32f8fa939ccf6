#pragma once
// Reporting up from the consolidated page (reporting_up_pages.cpp): its panel and its actions.

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class ConsolidatedPages;
namespace pages {
struct ReportingUpEcho;
}  // namespace pages

class ReportingUpPages : public PageFamily {
 public:
  // A refused action shows the consolidated page again (`consolidated`).
  ReportingUpPages(PageFrame& frame, Application& app, ConsolidatedPages& consolidated)
      : PageFamily(frame), app_(app), consolidated_(consolidated) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse reporting_up_post(Context& context, const Params& params);

  AppAreas<UsesReportingUp, UsesUnits> app_;
  ConsolidatedPages& consolidated_;
};

// The reporting-up panel of the consolidated page of `node`; false when the node has no
// reporting units below it.
nlohmann::json reporting_up_section(ReportingUp& reporting_up, PageContext& context,
                                    const Campaign& campaign, const OrgUnit& node,
                                    const pages::ReportingUpEcho& echo);

}  // namespace llw
