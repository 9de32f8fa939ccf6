// Campaigns (đợt báo cáo): listing the ones an actor is concerned with, and creating one.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <tuple>

#include "app/application.h"
#include "app/audited.h"
#include "domain/access.h"
#include "domain/campaign_defaults.h"
#include "domain/error.h"

namespace llw {

void Application::visit_current_campaigns(const std::function<void(const Campaign&)>& visit,
                                          const CampaignsFingerprint* known) {
  std::unique_lock lock(campaigns_mutex_);
  if (known != nullptr && campaigns_fingerprint_ == *known) {
    // No campaign was added or changed since every one was read: the cache is current.
    for (const auto& [id, cached] : campaigns_) visit(cached.campaign);
    return;
  }
  lock.unlock();
  // Revisions are read first: whatever is loaded below is at least as new as the revision it is
  // filed under (as summary_json does).
  const auto revisions = store_->campaigns().campaign_revisions();
  lock.lock();
  std::set<std::int64_t> listed;
  CampaignsFingerprint fingerprint;
  for (const auto& [id, revision] : revisions) {
    ++fingerprint.count;
    fingerprint.revisions += revision;
    listed.insert(id);
    auto it = campaigns_.find(id);
    if (it == campaigns_.end() || it->second.revision != revision) {
      auto loaded = store_->campaigns().find_campaign(id);
      if (!loaded) continue;  // removed since the revisions were read
      loaded->form = form(loaded->form_id);
      it = campaigns_.insert_or_assign(id, CachedCampaign{revision, std::move(*loaded)}).first;
    }
    visit(it->second.campaign);
  }
  std::erase_if(campaigns_, [&](const auto& entry) { return !listed.contains(entry.first); });
  campaigns_fingerprint_ = fingerprint;
}

std::vector<Campaign> Application::list_campaigns(const User& actor) {
  std::vector<Campaign> visible;
  visit_current_campaigns([&](const Campaign& campaign) {
    if (may_see_campaign(actor, campaign)) visible.push_back(campaign);
  });
  return visible;
}

std::int64_t Application::campaign_revision(std::int64_t campaign_id) {
  const std::optional<std::int64_t> revision = store_->campaigns().campaign_revision(campaign_id);
  if (!revision) load_campaign(campaign_id);  // throws the usual not_found
  return revision.value_or(0);
}

std::optional<Application::CampaignLink> Application::newest_campaign(
    const User& actor, const CampaignsFingerprint* known) {
  const Campaign* newest = nullptr;
  std::optional<CampaignLink> link;
  visit_current_campaigns(
      [&](const Campaign& campaign) {
        if (!may_see_campaign(actor, campaign)) return;
        if (newest == nullptr ||
            std::tie(campaign.year, campaign.id) > std::tie(newest->year, newest->id)) {
          newest = &campaign;  // the cache's entry, under its lock until the visit ends
          link = CampaignLink{campaign.id, campaign.issuer_code, campaign.issuer_path};
        }
      },
      known);
  return link;
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

std::vector<FormChoice> Application::available_forms() {
  std::vector<FormChoice> choices;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(config_.forms_dir, error)) {
    if (entry.path().extension() != ".json") continue;
    const std::string id = entry.path().stem().string();
    try {
      choices.push_back({id, form(id)->title});
    } catch (const std::exception& e) {
      std::cerr << "llw: form " << entry.path() << " left out: " << e.what() << '\n';
    }
  }
  if (error)
    std::cerr << "llw: forms folder " << config_.forms_dir << ": " << error.message() << '\n';
  std::sort(choices.begin(), choices.end(),
            [](const FormChoice& a, const FormChoice& b) { return a.id > b.id; });
  return choices;
}

}  // namespace llw
