#include "campaign_defaults.h"

#include "clock.h"

namespace llw {

CampaignDates default_campaign_dates(int year) {
  using namespace std::chrono;
  const auto day_of = [year](unsigned month, unsigned day) {
    return year_month_day{std::chrono::year{year}, std::chrono::month{month},
                          std::chrono::day{day}};
  };
  return {day_of(10, 1), day_of(10, 7), day_of(10, 12), day_of(10, 31)};
}

std::vector<UnitKind> default_reporting_kinds() {
  return {UnitKind::department, UnitKind::organization, UnitKind::village, UnitKind::school};
}

int vietnam_year(std::int64_t timestamp) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_seconds{seconds{timestamp + vietnam_utc_offset_seconds}});
  return int(year_month_day{day}.year());
}

}  // namespace llw
