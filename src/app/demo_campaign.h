#pragma once
// The demo's 2025 campaign and its plans at every level (demo_campaign.cpp), for demo_data.cpp:
// the campaign of the seed's dates, the plan texts of the city and of the country, and the plans
// issued top down (the issuer's own, a province's, the seed commune's 83/KH-UBND).

#include <array>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "app/application.h"

namespace llw::demo {

inline std::chrono::year_month_day october(int day) {
  return std::chrono::year{2025} / std::chrono::October / day;
}

// The seed's campaign for `issuer_code`, open for reports until 90 days after `now`.
Campaign campaign_2025(const std::string& issuer_code, nlohmann::json plan, Timestamp now);
nlohmann::json city_plan();
nlohmann::json national_plan();
// The seed plan as the demo commune's own plan inside a campaign issued above it.
void issue_seed_commune_plan(Application& app, const User& system, const Campaign& campaign);
// A level's plan issued from the composer's first draft, with the campaign's dates.
void issue_level_plan_from_start(Application& app, const User& system, const Campaign& campaign,
                                 const std::string& unit_code, const std::string& number);

}  // namespace llw::demo
