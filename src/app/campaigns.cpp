// Campaigns (đợt báo cáo): listing the ones an actor is concerned with, and creating one.
#include "app/campaigns.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <tuple>

#include "app/application.h"
#include "app/audited.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/campaign_defaults.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {

std::vector<Campaign> Campaigns::list_campaigns(const User& actor) {
  std::vector<Campaign> visible;
  core_.visit_current_campaigns([&](const Campaign& campaign) {
    if (core_.may_see_campaign(actor, campaign)) visible.push_back(campaign);
  });
  return visible;
}

std::int64_t Campaigns::campaign_revision(std::int64_t campaign_id) {
  const std::optional<std::int64_t> revision = store_->campaigns().campaign_revision(campaign_id);
  if (!revision) core_.load_campaign(campaign_id);  // throws the usual not_found
  return revision.value_or(0);
}

std::optional<Campaigns::CampaignLink> Campaigns::newest_campaign(const User& actor,
                                                                  const CampaignsFingerprint* known,
                                                                  std::int64_t viewing) {
  const Campaign* newest = nullptr;
  std::optional<CampaignLink> link;
  bool found_viewing = false;
  core_.visit_current_campaigns(
      [&](const Campaign& campaign) {
        if (found_viewing || !core_.may_see_campaign(actor, campaign)) return;
        found_viewing = campaign.id == viewing;
        if (found_viewing || newest == nullptr ||
            std::tie(campaign.year, campaign.id) > std::tie(newest->year, newest->id)) {
          newest = &campaign;  // the cache's entry, under its lock until the visit ends
          link = CampaignLink{campaign.id, campaign.issuer_code, campaign.issuer_path};
        }
      },
      known);
  return link;
}

Campaign Campaigns::get_campaign(const User& actor, std::int64_t id) {
  Campaign campaign = core_.load_campaign(id);
  if (!core_.may_see_campaign(actor, campaign)) {
    throw Error(ErrorKind::forbidden,
                "Bạn không có quyền xem đợt báo cáo này vì nó không liên quan đến đơn vị của bạn.",
                "campaign");
  }
  return campaign;
}

Campaign Campaigns::create_campaign(const User& actor, Campaign campaign,
                                    const RequestContext& context) {
  return audited(app_, actor, context, "campaign.create", campaign.issuer_code, campaign.name,
                 campaign.plan.value("number", std::string()), [&] {
                   OrgUnit issuer = core_.load_unit(campaign.issuer_code, "issuer");
                   require_allowed(actor, Action::manage_campaign, issuer);
                   reject_unknown_plan_members(campaign.plan);
                   campaign.id = 0;
                   campaign.issuer_unit_id = issuer.id;
                   campaign.issuer_code = issuer.code;
                   campaign.issuer_path = issuer.path;
                   if (campaign.form_id.empty()) campaign.form_id = "llw-2025";
                   // The campaign pins the stored version of its form for good (issue 18).
                   campaign.form = core_.form_for_new_campaign(campaign.form_id);
                   if (campaign.reporting_kinds.empty()) {
                     campaign.reporting_kinds = default_reporting_kinds();
                   }
                   if (campaign.year == 0) campaign.year = int(campaign.period_start.year());
                   validate_campaign(campaign);

                   std::vector<OrgUnit> reporting =
                       store_->units().units_in_subtree(issuer.path, campaign.reporting_kinds);
                   std::erase_if(reporting,
                                 [&](const OrgUnit& unit) { return !campaign.must_report(unit); });
                   campaign.id = store_->campaigns().insert_campaign(campaign, reporting);
                   return campaign;
                 });
}

std::vector<FormChoice> Campaigns::available_forms() {
  std::vector<FormChoice> choices;
  std::set<std::string> ids;
  auto offer = [&](const std::string& id, const std::string& origin) {
    if (!ids.insert(id).second) return;
    try {
      choices.push_back({id, form(id)->title});
    } catch (const std::exception& e) {
      std::cerr << "llw: form " << origin << " left out: " << e.what() << '\n';
    }
  };
  // The forms stored already (every campaign's and every uploaded version), then the files of
  // forms_dir not stored yet.
  for (const std::string& id : store_->forms().form_ids()) offer(id, "\"" + id + "\" (stored)");
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(config_.forms_dir, error)) {
    if (entry.path().extension() != ".json") continue;
    offer(entry.path().stem().string(), entry.path().string());
  }
  if (error)
    std::cerr << "llw: forms folder " << config_.forms_dir << ": " << error.message() << '\n';
  std::sort(choices.begin(), choices.end(),
            [](const FormChoice& a, const FormChoice& b) { return a.id > b.id; });
  return choices;
}

std::shared_ptr<const ReportForm> Campaigns::form(const std::string& form_id) {
  return core_.form(form_id);
}

}  // namespace llw
