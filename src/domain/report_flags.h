#pragma once
// Flags (cảnh báo) on a unit's report: values that pass every check of the form but contradict
// what LLW knows, so the unit is warned on the form and the reviewer sees them beside the
// report. A flag never blocks saving a draft or submitting; what blocks is validate_values.
//
// What is flagged:
//  - a date outside its window: a date item or column marked "within": "week" outside the
//    campaign's week; any other date before the plan was issued (or before the campaign's year)
//    or after the report's own date (its first submission, or today for a draft);
//  - a learning activity whose figures disagree: held with neither sessions nor participants,
//    participants without sessions, sessions without participants (an empty figure is not 0);
//  - participations beyond what is possible: more "lượt người" in one activity than the unit's
//    headcount times the activity's sessions (each person at most once per session);
//  - a number stated in a text for a unit of measure ("71 suất") that is neither the total of
//    the report's quantity rows in that unit (69) nor one of those rows;
//  - a free text that names a year other than the campaign's.

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "campaign.h"
#include "org_unit.h"

namespace llw {

// ReportFlag is declared in report.h (a report carries its flags).

// `report_date` is the day the report speaks for: its first submission, or today for a draft.
std::vector<ReportFlag> report_flags(const Campaign& campaign, const OrgUnit& unit,
                                     const nlohmann::json& values,
                                     std::chrono::year_month_day report_date);

}  // namespace llw
