#include "web/pages/plan_links.h"

#include "app/level_plans.h"
#include "domain/error.h"
#include "web/pages/page_support.h"
#include "web/pages/view_format.h"

namespace llw::pages {

nlohmann::json plan_link(const Campaign& campaign, const OrgUnit& node,
                         const std::vector<LevelPlan>& editions) {
  const LevelPlan* issued = nullptr;
  for (const LevelPlan& plan : editions) {
    if (plan.status == PlanStatus::issued) issued = &plan;
  }
  if (issued == nullptr) return nullptr;
  const std::string base =
      "/dot/" + std::to_string(campaign.id) + "/ke-hoach/" + url_encode(node.code);
  const std::string edition = base + "/tai/" + std::to_string(issued->edition);
  std::string title = std::string(issued->edition > 1 ? "Kế hoạch điều chỉnh" : "Kế hoạch") +
                      " số " + issued->number;
  if (issued->issued_on) title += " ngày " + format_date(*issued->issued_on);
  title += " của " + node.name;
  return {{"title", std::move(title)},
          {"href", base},
          {"pdf_href", edition + "/pdf"},
          {"docx_href", edition + "/docx"}};
}

nlohmann::json plan_links(LevelPlans& plans, const User& user, const Campaign& campaign,
                          const OrgUnit& unit) {
  nlohmann::json links = nlohmann::json::array();
  const auto add = [&](const std::string& code) {
    try {
      const LevelPlanSheet sheet = plans.level_plan(user, campaign.id, code);
      nlohmann::json link = plan_link(campaign, sheet.node, sheet.editions);
      if (!link.is_null()) links.push_back(std::move(link));
    } catch (const Error& error) {
      // A plan the reader may not see, or a node without one, is simply not linked.
      if (error.kind() != ErrorKind::forbidden && error.kind() != ErrorKind::not_found) throw;
    }
  };
  if (may_have_level_plan(campaign, unit)) add(unit.code);
  const EffectiveDates above = plans.effective_dates(campaign, unit);
  if (above.plan_unit_id != 0 && above.plan_unit_code != unit.code) add(above.plan_unit_code);
  return links;
}

void add_plan_links(nlohmann::json& view, LevelPlans& plans, const User& user,
                    const Campaign& campaign, const OrgUnit& unit) {
  nlohmann::json links = plan_links(plans, user, campaign, unit);
  view["has_plans"] = !links.empty();
  view["plans"] = std::move(links);
}

}  // namespace llw::pages
