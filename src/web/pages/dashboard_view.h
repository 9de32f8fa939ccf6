#pragma once
// The coordinator's dashboard for one node of one campaign: how many units are expected,
// submitted, on time, late and missing (numbers and bars, overall and by unit kind), the main
// totals, activities by plan direction and by activity, and one page of the reporting units in
// tree order with their status, last change and contact, filtered by state (each filter with its
// count) and searchable without diacritics.

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/dashboard.h"
#include "domain/campaign.h"
#include "domain/summary.h"

namespace llw::documents {
struct BarChart;
}

namespace llw::pages {

struct DashboardInput {
  const Dashboard* dashboard = nullptr;  // the use case's answer (app/dashboard.h)
  std::string query;                     // search text as typed ("truong tieu hoc")
  std::string base_href;                 // the page's address without its query string
  // Whether the viewer may remind the node itself (review_report on it) and the units below it
  // (a coordinator of the node or above, an admin): the "Nhắc" buttons.
  bool may_remind_node = false;
  bool may_remind_below = false;
  std::chrono::year_month_day today{};  // a unit reminded today by hand gets no button
};

nlohmann::json dashboard_view(const DashboardInput& input);

// The "activities by direction" chart (participants per plan direction a–e), drawn by the
// documents layer so the page, the PDF and the DOCX show the same drawing.
documents::BarChart directions_chart(const Campaign& campaign, const Summary& summary);

}  // namespace llw::pages
