#include "clock.h"

#include <cstdio>

namespace llw {

using namespace std::chrono;

Clock system_clock() {
  return [] {
    return static_cast<Timestamp>(
        duration_cast<seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  };
}

std::optional<year_month_day> parse_iso_date(std::string_view text) {
  // Exactly yyyy-mm-dd: no signs, spaces or shortened fields, so "2025-1-5" is rejected rather
  // than guessed.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  const year_month_day date{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                            day{static_cast<unsigned>(parts[2])}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_iso_date(year_month_day date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::string format_vietnamese_date(year_month_day date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
  return buffer;
}

Timestamp end_of_day_in_vietnam(year_month_day date) {
  // Midnight at the start of the next day in Vietnam, minus one second, expressed in UTC.
  const auto next_midnight_local = sys_days{date} + days{1};
  const Timestamp local_seconds = next_midnight_local.time_since_epoch().count() * 86400;
  return local_seconds - vietnam_utc_offset_seconds - 1;
}

year_month_day date_in_vietnam(Timestamp ts) {
  const sys_seconds local{seconds{ts + vietnam_utc_offset_seconds}};
  return year_month_day{floor<days>(local)};
}

std::string format_timestamp(Timestamp ts) {
  const sys_seconds local{seconds{ts + vietnam_utc_offset_seconds}};
  const auto day_start = floor<days>(local);
  const year_month_day date{day_start};
  const hh_mm_ss time{local - day_start};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d+07:00", format_iso_date(date).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

std::string format_vietnamese_moment(Timestamp ts) {
  const sys_seconds local{seconds{ts + vietnam_utc_offset_seconds}};
  const auto day_start = floor<days>(local);
  const hh_mm_ss time{local - day_start};
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%02d giờ %02d ngày %s",
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                format_vietnamese_date(year_month_day{day_start}).c_str());
  return buffer;
}

}  // namespace llw
