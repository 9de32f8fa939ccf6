#pragma once
// The coordinator's dashboard for one node of one campaign: how many units are expected,
// submitted, on time, late and missing (numbers and bars, overall and by unit kind), the main
// totals, activities by plan direction and by activity, and the list of reporting units with
// their status and last change, searchable without diacritics and sorted in Vietnamese order.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/report.h"
#include "domain/summary.h"

namespace llw::documents {
struct BarChart;
}

namespace llw::pages {

struct UnitStatusRow {
  OrgUnit unit;
  ReportStatus status = ReportStatus::not_started;
  bool late = false;
  Timestamp updated_at = 0;
  std::int64_t version = 0;
};

struct DashboardInput {
  const Campaign* campaign = nullptr;  // with its form
  const OrgUnit* node = nullptr;
  const Summary* summary = nullptr;
  std::vector<UnitStatusRow> units;  // every reporting unit of the subtree, any order
  std::string query;                 // search text as typed ("truong tieu hoc")
  std::string status_filter;         // "", "missing", "submitted", "late", "draft"
  std::size_t limit = 300;           // rows shown at most
};

nlohmann::json dashboard_view(const DashboardInput& input);

// The "activities by direction" chart (participants per plan direction a–e), drawn by the
// documents layer so the page, the PDF and the DOCX show the same drawing.
documents::BarChart directions_chart(const Campaign& campaign, const Summary& summary);

}  // namespace llw::pages
