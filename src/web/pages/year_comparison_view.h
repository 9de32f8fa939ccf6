#pragma once
// Year over year on a page (the consolidated page, the dashboard): the view data of the
// "So sánh với năm …" table, rendered by the year_comparison partial.

#include <nlohmann/json.hpp>

#include "domain/summary.h"

namespace llw::pages {

// {"year", "previous_year", "rows": [{label, current, previous, change, trend}]} from the
// summary's previous_year (year_comparison.h); null when the summary has none, so the partial
// shows nothing. `year`: this campaign's year.
nlohmann::json year_comparison_view(const Summary& summary, int year);

}  // namespace llw::pages
