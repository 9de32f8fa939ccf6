#pragma once
// Time as the server sees it: seconds since the epoch, injected so tests control the clock.
// Civil dates are in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace llw {

using Timestamp = std::int64_t;  // seconds since 1970-01-01T00:00:00Z
using Clock = std::function<Timestamp()>;

Clock system_clock();

constexpr std::int64_t vietnam_utc_offset_seconds = 7 * 3600;

// "2025-10-12" → the date; nullopt when malformed or not a real day.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);
std::string format_iso_date(std::chrono::year_month_day date);
// "12/10/2025", as Vietnamese documents write dates.
std::string format_vietnamese_date(std::chrono::year_month_day date);
// The last second of `date` in Vietnam: a deadline date means the end of that day there.
Timestamp end_of_day_in_vietnam(std::chrono::year_month_day date);
// The calendar day in Vietnam at `ts`.
std::chrono::year_month_day date_in_vietnam(Timestamp ts);
// "2025-10-11T09:30:00+07:00".
std::string format_timestamp(Timestamp ts);
// "17 giờ 00 ngày 12/10/2025": the moment in Vietnam to the minute, as documents write it.
std::string format_vietnamese_moment(Timestamp ts);

}  // namespace llw
