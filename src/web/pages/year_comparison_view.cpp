#include "web/pages/year_comparison_view.h"

#include <string>

#include "domain/text.h"
#include "domain/year_comparison.h"
#include "web/pages/view_format.h"

namespace llw::pages {

using nlohmann::json;

json year_comparison_view(const Summary& summary, int year) {
  if (!summary.previous_year) return nullptr;
  const auto shown = [](const FigureComparison& f, double value) {
    return f.rate ? format_vietnamese_percent(value / 100) : format_count(value);
  };
  json rows = json::array();
  for (const FigureComparison& f : summary.previous_year->figures) {
    rows.push_back({{"label", f.label},
                    {"current", shown(f, f.current)},
                    {"previous", f.previous ? shown(f, *f.previous) : std::string(kNotApplicable)},
                    {"change", f.change},
                    {"trend", f.change.rfind("tăng", 0) == 0   ? "up"
                              : f.change.rfind("giảm", 0) == 0 ? "down"
                                                               : "same"}});
  }
  return {{"year", std::to_string(year)},
          {"previous_year", std::to_string(summary.previous_year->year)},
          {"rows", std::move(rows)}};
}

}  // namespace llw::pages
