// Campaigns (đợt báo cáo): listing the ones an actor is concerned with, and creating one.
#include <algorithm>

#include "app/application.h"
#include "app/audited.h"
#include "domain/access.h"
#include "domain/error.h"

namespace llw {

std::vector<Campaign> Application::list_campaigns(const User& actor) {
  std::vector<Campaign> visible;
  for (Campaign& campaign : store_->list_campaigns()) {
    if (!may_see_campaign(actor, campaign)) continue;
    campaign.form = form(campaign.form_id);
    visible.push_back(std::move(campaign));
  }
  return visible;
}

Campaign Application::get_campaign(const User& actor, std::int64_t id) {
  Campaign campaign = load_campaign(id);
  if (!may_see_campaign(actor, campaign)) {
    throw Error(ErrorKind::forbidden,
                "Bạn không có quyền xem đợt báo cáo này vì nó không liên quan đến đơn vị của bạn.",
                "campaign");
  }
  return campaign;
}

Campaign Application::create_campaign(const User& actor, Campaign campaign,
                                      const RequestContext& context) {
  return audited(*this, actor, context, "campaign.create", campaign.issuer_code, campaign.name,
                 campaign.plan.value("number", std::string()), [&] {
                   OrgUnit issuer = load_unit(campaign.issuer_code, "issuer");
                   require_allowed(actor, Action::manage_campaign, issuer);
                   reject_unknown_plan_members(campaign.plan);
                   campaign.id = 0;
                   campaign.issuer_unit_id = issuer.id;
                   campaign.issuer_code = issuer.code;
                   campaign.issuer_path = issuer.path;
                   if (campaign.form_id.empty()) campaign.form_id = "llw-2025";
                   campaign.form = form(campaign.form_id);
                   if (campaign.reporting_kinds.empty()) {
                     // The plan's "các phòng, đơn vị, các tổ chức, các thôn, các cơ sở giáo dục".
                     campaign.reporting_kinds = {UnitKind::department, UnitKind::organization,
                                                 UnitKind::village, UnitKind::school};
                   }
                   if (campaign.year == 0) campaign.year = int(campaign.period_start.year());
                   validate_campaign(campaign);

                   std::vector<OrgUnit> reporting =
                       store_->units_in_subtree(issuer.path, campaign.reporting_kinds);
                   std::erase_if(reporting,
                                 [&](const OrgUnit& unit) { return !campaign.must_report(unit); });
                   campaign.id = store_->insert_campaign(campaign, reporting);
                   return campaign;
                 });
}

}  // namespace llw
