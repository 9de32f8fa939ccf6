#pragma once
// Vietnamese text helpers on ICU: collation for sorting names the way Vietnamese readers expect
// (An, Ánh, Bình, Dương, Đông). The diacritic-free search key is the domain's (domain/text.h).

#include <string>
#include <string_view>
#include <vector>

#include "domain/org_unit.h"
#include "domain/text.h"  // is_valid_utf8 and search_key, shared with the domain

namespace llw {

// < 0, 0, > 0 as `a` sorts before, with, after `b` under the "vi" collator.
int compare_vietnamese(std::string_view a, std::string_view b);
// Sorts by name with the "vi" collator, ties broken by code so the order is total.
void sort_units_by_name(std::vector<OrgUnit>& units);
void sort_vietnamese(std::vector<std::string>& texts);

}  // namespace llw
