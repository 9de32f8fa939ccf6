#pragma once
// The demo's campaign of a given year and its plans at every level (demo_campaign.cpp), for
// demo_data.cpp: the campaign on the seed's dates in that year, the plan texts of the city and of
// the country, and the plans issued top down (the issuer's own, a province's, the seed commune's
// 83/KH-UBND).

#include <array>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "app/application.h"
#include "demo/demo_data.h"
#include "domain/campaign.h"
#include "domain/user.h"

namespace llw::demo {

inline std::chrono::year_month_day october(int year, int day) {
  return std::chrono::year{year} / std::chrono::October / day;
}

// "Tuần lễ hưởng ứng học tập suốt đời năm <year>": the campaign's name and what plans call it.
inline std::string week_of(int year) {
  return "Tuần lễ hưởng ứng học tập suốt đời năm " + std::to_string(year);
}

// "01/10/<year>", the day the week's plans are issued.
inline std::string first_of_october(int year) { return "01/10/" + std::to_string(year); }

// The seed's campaign of `year` for `issuer_code` (the week 1–7 October, reports due on the
// 12th), open for reports until 90 days after `now` at the earliest.
Campaign demo_campaign(int year, const std::string& issuer_code, nlohmann::json plan,
                       Timestamp now);
nlohmann::json city_plan(int year);
nlohmann::json national_plan(int year);
// The seed plan as the demo commune's own plan inside a campaign issued above it.
void issue_seed_commune_plan(Application& app, const User& system, const Campaign& campaign);
// A level's plan issued from the composer's first draft, with the campaign's dates.
void issue_level_plan_from_start(Application& app, const User& system, const Campaign& campaign,
                                 const std::string& unit_code, const std::string& number);

}  // namespace llw::demo
