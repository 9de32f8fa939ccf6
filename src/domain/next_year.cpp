#include "next_year.h"

#include <string>

#include "campaign_year.h"

namespace llw {

std::chrono::year_month_day same_day_next_year(std::chrono::year_month_day day) {
  std::chrono::year_month_day next = day + std::chrono::years{1};
  if (!next.ok()) next = next.year() / next.month() / std::chrono::last;  // 29/02 → 28/02
  return next;
}

namespace {

// The name for the new year: the week's official name when it was that, else the old year
// written in it replaced by the new one.
std::string next_year_name(const std::string& name, int year) {
  if (name == week_name(year)) return week_name(year + 1);
  std::string next = name;
  const std::string old_year = std::to_string(year);
  const std::string new_year = std::to_string(year + 1);
  for (auto at = next.find(old_year); at != std::string::npos;
       at = next.find(old_year, at + new_year.size())) {
    next.replace(at, old_year.size(), new_year);
  }
  return next;
}

}  // namespace

Campaign next_year_campaign(const Campaign& previous) {
  Campaign next = previous;
  next.id = 0;
  next.year = previous.year + 1;
  next.name = next_year_name(previous.name, previous.year);
  next.period_start = same_day_next_year(previous.period_start);
  next.period_end = same_day_next_year(previous.period_end);
  next.deadline = same_day_next_year(previous.deadline);
  next.lock_date = same_day_next_year(previous.lock_date);
  next.plan = previous.plan.is_object() ? previous.plan : nlohmann::json::object();
  next.plan.erase("theme");
  next.plan.erase("number");
  if (next.plan.contains("issued_on") && next.plan.at("issued_on").is_string()) {
    if (auto on = parse_iso_date(next.plan.at("issued_on").get<std::string>())) {
      next.plan["issued_on"] = format_iso_date(same_day_next_year(*on));
    } else {
      next.plan.erase("issued_on");
    }
  }
  return next;
}

LevelPlan next_year_plan(const LevelPlan& previous, std::int64_t campaign_id) {
  LevelPlan next;
  next.campaign_id = campaign_id;
  next.unit_id = previous.unit_id;
  next.unit_code = previous.unit_code;
  next.edition = 1;
  next.version = 1;
  next.status = PlanStatus::draft;
  if (previous.issued_on) next.issued_on = same_day_next_year(*previous.issued_on);
  next.deadline = same_day_next_year(previous.deadline);
  next.lock_date = same_day_next_year(previous.lock_date);
  next.content = previous.content;
  return next;
}

}  // namespace llw
