#pragma once
// Vietnamese text helpers on ICU: collation for sorting names the way Vietnamese readers expect
// (An, Ánh, Bình, Dương, Đông) and a diacritic-free search key.

#include <string>
#include <string_view>
#include <vector>

#include "domain/org_unit.h"
#include "domain/text.h"  // is_valid_utf8, shared with the domain's input checks

namespace llw {

// < 0, 0, > 0 as `a` sorts before, with, after `b` under the "vi" collator.
int compare_vietnamese(std::string_view a, std::string_view b);
// Sorts by name with the "vi" collator, ties broken by code so the order is total.
void sort_units_by_name(std::vector<OrgUnit>& units);
void sort_vietnamese(std::vector<std::string>& texts);
// "Đoàn Thị Ánh" → "doan thi anh": what a user types on a keyboard without Vietnamese input.
std::string search_key(std::string_view text);

}  // namespace llw
