#include "web/pages/view_format.h"

#include <cmath>
#include <cstdio>

#include "domain/text.h"

namespace llw::pages {

std::string format_count(double value) { return format_vietnamese_number(value); }

std::string format_percent(double numerator, double denominator) {
  return format_vietnamese_rate(numerator, denominator);
}

std::string format_date(std::chrono::year_month_day date) { return format_vietnamese_date(date); }

std::string format_date_time(Timestamp at) {
  const std::int64_t local = at + vietnam_utc_offset_seconds;
  const auto days = std::chrono::sys_days{
      std::chrono::days{static_cast<int>(std::floor(static_cast<double>(local) / 86400.0))}};
  const std::int64_t seconds_of_day = ((local % 86400) + 86400) % 86400;
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(seconds_of_day / 3600),
                static_cast<int>(seconds_of_day % 3600 / 60));
  return format_vietnamese_date(std::chrono::year_month_day{days}) + " " + time;
}

std::string bar_class(double value, double largest) {
  if (largest <= 0 || value <= 0) return "w0";
  int step = static_cast<int>(std::round(value / largest * 20.0)) * 5;
  if (step == 0) step = 5;  // a non-zero value always shows
  if (step > 100) step = 100;
  return "w" + std::to_string(step);
}

}  // namespace llw::pages
