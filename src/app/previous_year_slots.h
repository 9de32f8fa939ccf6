#pragma once
// Last year's figures of one unit, the rule every year-over-year figure follows (previous_year.cpp
// for a summary, documents.cpp for the annex's rows); private to src/app.

#include <cstdint>
#include <optional>

#include "domain/org_unit.h"
#include "domain/store.h"
#include "domain/summary.h"

namespace llw {

// The slots of `unit` in last year's campaign `previous_campaign_id`: its own aggregate and those
// of the units it replaced (sáp nhập từ, unit_lineage_store.h) that are not below it now (those
// are in its own figures already, wherever a move left them). Nullopt when no report of theirs
// counted last year (the unit was new, or nobody below it reported): nothing to compare with,
// rather than a year of zeros. The slots keep last year's keys (renamed_to_form renames them).
std::optional<Contribution> previous_year_slots(Store& store, std::int64_t previous_campaign_id,
                                                const OrgUnit& unit);

}  // namespace llw
