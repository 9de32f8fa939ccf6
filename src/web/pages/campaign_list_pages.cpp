// The campaigns page (/dot): every campaign the person may see, newest first, each linked to the
// person's starting page in it, the one being looked at (?dang-xem=) or else the newest marked.
// The home page and the navigation send people to the newest; older years are reached from here.
// Each campaign links the issued plans the person's unit works under (plan_links.h), so last
// year's plan is found beside last year's campaign.

#include "web/pages/campaign_list_pages.h"

#include <algorithm>
#include <tuple>

#include "app/campaigns.h"
#include "app/level_plans.h"
#include "app/units.h"
#include "domain/error.h"
#include "web/pages/plan_links.h"
#include "web/pages/view_format.h"

namespace llw {

std::string CampaignListPages::campaign_start_href(const User& user, std::int64_t campaign_id,
                                                   const std::string& issuer_code) {
  const std::string base = "/dot/" + std::to_string(campaign_id);
  if (user.role == Role::reporter) return base + "/bao-cao/" + pages::url_encode(user.unit_code);
  const std::string& unit = user.role == Role::admin ? issuer_code : user.unit_code;
  return base + "/tong-quan/" + pages::url_encode(unit);
}

HttpResponse CampaignListPages::campaign_list(Context& context, const Params&) {
  const User& user = context.user;
  std::vector<Campaign> campaigns = app_.campaigns().list_campaigns(user);
  std::sort(campaigns.begin(), campaigns.end(), [](const Campaign& a, const Campaign& b) {
    return std::tie(a.year, a.id) > std::tie(b.year, b.id);
  });
  std::int64_t marked = campaigns.empty() ? 0 : campaigns.front().id;
  if (const auto it = context.request.query.find("dang-xem"); it != context.request.query.end()) {
    for (const Campaign& campaign : campaigns) {
      if (std::to_string(campaign.id) == it->second) marked = campaign.id;
    }
  }
  // The unit whose plans the list links: the person's own (an administrator's, the issuer's).
  const auto plans_of = [&](const Campaign& campaign) {
    const std::string& code = user.role == Role::admin ? campaign.issuer_code : user.unit_code;
    try {
      return pages::plan_links(app_.plans(), user, campaign, app_.units().get_unit(user, code));
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::forbidden && error.kind() != ErrorKind::not_found) throw;
      return nlohmann::json::array();
    }
  };
  nlohmann::json list = nlohmann::json::array();
  for (const Campaign& campaign : campaigns) {
    nlohmann::json plans = plans_of(campaign);
    list.push_back({{"id", campaign.id},
                    {"has_plans", !plans.empty()},
                    {"plans", std::move(plans)},
                    {"name", campaign.name},
                    {"year", campaign.year},
                    {"period", pages::format_date(campaign.period_start) + " – " +
                                   pages::format_date(campaign.period_end)},
                    {"deadline", pages::format_date(campaign.deadline)},
                    {"href", campaign_start_href(user, campaign.id, campaign.issuer_code)},
                    {"current", campaign.id == marked},
                    {"newest", campaign.id == campaigns.front().id}});
  }
  return page(context, 200, "home",
              {{"title", "Các đợt báo cáo"},
               {"campaigns", std::move(list)},
               {"has_campaigns", !campaigns.empty()},
               {"message", campaigns.empty()
                               ? std::string("Chưa có đợt báo cáo nào dành cho đơn vị của bạn.")
                               : std::string("Chọn đợt báo cáo để xem hoặc làm báo cáo.")},
               {"can_create", user.role == Role::admin || user.role == Role::coordinator}});
}

std::vector<PageRoute> CampaignListPages::routes() {
  return {
      {"GET", {"dot"}, bind(&CampaignListPages::campaign_list)},
  };
}

}  // namespace llw
