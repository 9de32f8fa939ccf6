#pragma once
// A unit's report page: the form, its saves and submission (report_pages.cpp); shown read-only
// by review_page (workflow_pages.h) to whoever may not edit it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/report.h"
#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

namespace pages {
struct EvidenceEcho;
struct ReviewEcho;
struct ReportFormInput;
}  // namespace pages

class ReportPages : public PageFamily {
 public:
  ReportPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

  // The report page with its workflow part and its evidence; `echo` re-shows a refused review
  // form, `evidence_echo` a refused upload (its message next to the upload control).
  HttpResponse report_page(Context& context, std::int64_t campaign_id, const std::string& unit_code,
                           int status, const pages::ReviewEcho& echo,
                           const pages::EvidenceEcho& evidence_echo);
  HttpResponse report_page(Context& context, std::int64_t campaign_id, const std::string& unit_code,
                           int status, const pages::ReviewEcho& echo);

 private:
  HttpResponse report_form(Context& context, const Params& params);
  HttpResponse report_post(Context& context, const Params& params);
  HttpResponse submit_confirmed(Context& context, const Campaign& campaign, const OrgUnit& unit,
                                const UnitReport& saved, std::int64_t version);
  // The report page's view from `input` (campaign, unit, report and the values to show, set by
  // the caller): the form, the workflow part, the history and the form's action. The page a GET
  // shows and every re-render after a refused save or submit are built here, so they agree.
  nlohmann::json report_view(Context& context, pages::ReportFormInput& input,
                             const pages::ReviewEcho& echo);
  // The report's evidence section (templates/evidence_list.mustache), after `report_view` decided
  // whether the page is editable.
  nlohmann::json evidence_view(Context& context, const pages::ReportFormInput& input,
                               const pages::EvidenceEcho& echo);

  // The signed copy part of the read-only page (signed_copy_view.h).
  nlohmann::json signed_copy_section(Context& context, const Campaign& campaign,
                                     const OrgUnit& unit, const UnitReport& report);

  AppAreas<UsesCampaigns, UsesClock, UsesEvidence, UsesPlans, UsesReports, UsesSignedCopies,
           UsesUnits>
      app_;
};

}  // namespace llw
