#pragma once
// A report's values_json parsed for only some of its top-level keys (ReportValueKeys): the data
// export's walk reads ~2 KB of JSON per report, most of it narratives the grid leaves out, and a
// full parse into a JSON tree was the largest share of a national export's time. The text is
// parsed by simdjson (a tape at gigabytes per second, no tree), and only the wanted values are
// turned into the same JSON values a full parse gives.

#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/report.h"

namespace llw::sql {

// The object `text` holds, with only the keys `keys` wants. Text that is not an object of
// well-formed JSON is parsed by nlohmann instead (same result, same errors as a full parse).
nlohmann::json parse_selected_values(std::string_view text, const ReportValueKeys& keys);

}  // namespace llw::sql
