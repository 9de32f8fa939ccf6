#include "domain/report_listing.h"

#include <array>
#include <utility>

namespace llw {

namespace {

// The names a filter has in addresses (the dashboard's ?trang-thai=).
constexpr std::array<std::pair<ReportFilter, std::string_view>, 7> kFilterNames{{
    {ReportFilter::all, ""},
    {ReportFilter::missing, "missing"},
    {ReportFilter::counted, "submitted"},
    {ReportFilter::late, "late"},
    {ReportFilter::draft, "draft"},
    {ReportFilter::awaiting, "awaiting"},
    {ReportFilter::returned, "returned"},
}};

}  // namespace

std::string_view to_string(ReportFilter filter) {
  for (const auto& [value, name] : kFilterNames) {
    if (value == filter) return name;
  }
  return "";
}

std::optional<ReportFilter> report_filter_from_string(std::string_view text) {
  for (const auto& [value, name] : kFilterNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace llw
