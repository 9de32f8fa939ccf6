#pragma once
// What a new campaign starts from when a coordinator gives only its year: the week's official
// name and the dates of the seed plan (83/KH-UBND), moved to that year.

#include <chrono>
#include <vector>

#include "org_unit.h"

namespace llw {

struct CampaignDates {
  std::chrono::year_month_day period_start{};  // 01/10: the week opens on 1 October …
  std::chrono::year_month_day period_end{};    // 07/10: … and runs seven days
  std::chrono::year_month_day deadline{};      // 12/10: the seed plan's deadline for the units
  std::chrono::year_month_day lock_date{};     // 31/10: late reports are still taken until then
};

CampaignDates default_campaign_dates(int year);

// The plan's "các phòng, đơn vị, các tổ chức, các thôn, các cơ sở giáo dục".
std::vector<UnitKind> default_reporting_kinds();

// The year a date falls in, in Vietnam (a new campaign's year by default).
int vietnam_year(std::int64_t timestamp);

// Years a campaign may be created for: the week is yearly since 2016, and a year far ahead is a
// typing mistake.
inline constexpr int kFirstCampaignYear = 2016;
inline constexpr int kLastCampaignYear = 2100;

}  // namespace llw
