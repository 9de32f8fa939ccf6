#pragma once
// The issued plans a page links to wherever a unit or a coordinator looks for them (the report,
// the dashboard, the consolidated report): the node's own plan when it writes one, and the plan
// it works under, the nearest issued one above it. Each as its title and its page, PDF and DOCX.
// Rendered by the `plan_links` partial.

#include <nlohmann/json.hpp>

#include "domain/campaign.h"
#include "domain/level_plan.h"
#include "domain/org_unit.h"
#include "domain/user.h"

namespace llw {
class LevelPlans;  // app/level_plans.h
}  // namespace llw

namespace llw::pages {

// One issued plan's links: {title, href, pdf_href, docx_href}; null when no edition is issued.
nlohmann::json plan_link(const Campaign& campaign, const OrgUnit& node,
                         const std::vector<LevelPlan>& editions);

// The plans of `unit` the reader may see, its own first, as a list for the partial (empty when
// none is issued yet). Reads through the plans area, which checks access.
nlohmann::json plan_links(LevelPlans& plans, const User& user, const Campaign& campaign,
                          const OrgUnit& unit);

// Adds "plans" and "has_plans" to a page's view.
void add_plan_links(nlohmann::json& view, LevelPlans& plans, const User& user,
                    const Campaign& campaign, const OrgUnit& unit);

}  // namespace llw::pages
