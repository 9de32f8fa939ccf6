#pragma once
// Inputs that many tests build the same way: org units to upsert, the 2025 week's campaign and
// a reader of the CSV files the renderers and LibreOffice write. Each test keeps its own tree;
// these only spare it the field-by-field assignments.

#include <chrono>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/org_unit.h"

namespace llw::testing_support {

// A unit to upsert under `parent` (empty for a root).
UnitInput unit_input(std::string code, std::string name, UnitKind kind, std::string parent,
                     Population population = {}, SchoolLevel level = SchoolLevel::none,
                     std::string email = {});

// A unit named "Đơn vị <code>", for trees whose names the test does not look at.
UnitInput unit_input(std::string code, UnitKind kind, std::string parent, std::string email = {});

// A day of 2025, e.g. date_2025(10, 20) for 20/10/2025.
std::chrono::year_month_day date_2025(unsigned month, unsigned day);

// A moment of 2025 in Vietnam (UTC+7), e.g. vietnam_time(10, 5, 10) is 5/10/2025 10:00.
Timestamp vietnam_time(int month, int day, int hour, int minute = 0);

// The 2025 Lifelong Learning Week with the seed plan's dates: the week 1–7/10, reports due
// 12/10, saving locked after 31/10, on form llw-2025. No issuer, reporting kinds or plan: the
// test sets what it looks at.
Campaign week_campaign_2025();

// RFC 4180 records (the CSV renderer's and LibreOffice's output): a leading UTF-8 BOM is skipped,
// "\r\n", "\n" and "\r" end a record outside quotes, and a trailing line end adds no record.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

}  // namespace llw::testing_support
