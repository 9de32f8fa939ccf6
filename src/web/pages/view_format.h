#pragma once
// How pages write numbers, rates and dates: "1.155", "87,5%", "12/10/2025", "12/10/2025 09:30".

#include <chrono>
#include <string>

#include "domain/clock.h"

namespace llw::pages {

std::string format_count(double value);  // "1.155"
// The domain's rate format: "87,5%", "77,0%", "—" (không áp dụng) when the denominator is 0.
std::string format_percent(double numerator, double denominator);
std::string format_date(std::chrono::year_month_day date);  // "12/10/2025"
std::string format_date_time(Timestamp at);                 // "12/10/2025 09:30" (Vietnam time)
// A bar's width in percent of the largest value, as a CSS class step "w0".."w100" (by 5), so
// bars need no inline style (the CSP forbids it).
std::string bar_class(double value, double largest);

}  // namespace llw::pages
