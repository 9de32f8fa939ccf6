#include "web/pages/dashboard_view.h"

#include <algorithm>
#include <map>

#include "app/reminders.h"
#include "app/vietnamese_text.h"
#include "documents/document.h"
#include "domain/report_completeness.h"
#include "domain/workflow.h"
#include "web/pages/page_support.h"
#include "web/pages/paging_view.h"
#include "web/pages/report_form_view.h"
#include "web/pages/view_format.h"
#include "web/pages/year_comparison_view.h"

namespace llw::pages {

namespace {

using json = nlohmann::json;

json counts_view(const ReportCounts& c) {
  const double expected = static_cast<double>(std::max<std::int64_t>(c.expected, 0));
  return {{"expected", format_count(static_cast<double>(c.expected))},
          {"submitted", format_count(static_cast<double>(c.submitted))},
          {"on_time", format_count(static_cast<double>(c.on_time))},
          {"late", format_count(static_cast<double>(c.late))},
          {"missing", format_count(static_cast<double>(c.missing))},
          {"submitted_rate", format_percent(static_cast<double>(c.submitted), expected)},
          {"submitted_bar", bar_class(static_cast<double>(c.submitted), expected)},
          {"on_time_bar", bar_class(static_cast<double>(c.on_time), expected)},
          {"late_bar", bar_class(static_cast<double>(c.late), expected)},
          {"missing_bar", bar_class(static_cast<double>(c.missing), expected)}};
}

// The state filters with the number of reports each selects (from the node's counts).
json filters_view(const SubtreeCounts& counts, ReportFilter selected) {
  const std::pair<ReportFilter, const char*> labels[] = {
      {ReportFilter::all, "Tất cả"},          {ReportFilter::missing, "Chưa nộp"},
      {ReportFilter::counted, "Đã nộp"},      {ReportFilter::late, "Nộp muộn"},
      {ReportFilter::draft, "Đang soạn"},     {ReportFilter::awaiting, "Chờ duyệt"},
      {ReportFilter::returned, "Bị trả lại"},
  };
  json filters = json::array();
  for (const auto& [filter, label] : labels) {
    filters.push_back(
        {{"value", std::string(to_string(filter))},
         {"label", std::string(label) + " (" +
                       format_count(static_cast<double>(selected_by(counts, filter))) + ")"},
         {"selected", filter == selected}});
  }
  return filters;
}

// The address of another page of the same list.
std::string page_href(const std::string& base, const std::string& query, ReportFilter filter,
                      std::int64_t page) {
  std::string href = base;
  char separator = '?';
  const auto add = [&](const std::string& name, const std::string& value) {
    href += separator + name + "=" + url_encode(value);
    separator = '&';
  };
  if (!query.empty()) add("q", query);
  if (filter != ReportFilter::all) add("trang-thai", std::string(to_string(filter)));
  if (page > 1) add("trang", std::to_string(page));
  return href;
}

json unit_list_view(const Dashboard& dashboard, const DashboardInput& input) {
  const Campaign& campaign = dashboard.campaign();
  json list = json::array();
  const std::string base = "/dot/" + std::to_string(campaign.id) + "/bao-cao/";
  bool any_remind = false;  // one reminder form for the page, its buttons in the rows
  for (const ReportListRow& row : dashboard.page().rows) {
    // Contact and reminder of a unit that has not submitted.
    const bool waiting = row.status == ReportStatus::not_started ||
                         row.status == ReportStatus::draft || row.status == ReportStatus::returned;
    const bool reminded_today = row.reminded_at && date_in_vietnam(*row.reminded_at) == input.today;
    const bool may_remind =
        row.code == dashboard.node().code ? input.may_remind_node : input.may_remind_below;
    std::string reminded;
    if (row.reminded_at) {
      reminded = (row.reminder_queued ? "Thư nhắc đang chờ gửi (yêu cầu lúc "
                                      : "Đã nhắc qua e-mail lúc ") +
                 format_date_time(*row.reminded_at) + (row.reminder_queued ? ")" : "");
    }
    const std::string phone_digits = vietnamese_phone_digits(row.phone);
    // How many activities the report answers (domain/report_completeness.h); none before the
    // unit has saved anything.
    const ReportCompleteness completeness = report_completeness(*campaign.form, row.values);
    const bool remind_button =
        waiting && may_remind && !reminded_today && is_plain_email_address(row.email);
    any_remind = any_remind || remind_button;
    list.push_back({{"completeness", row.version > 0 ? completeness.text() : "—"},
                    {"complete", row.version > 0 && completeness.complete()},
                    {"name", row.name},
                    {"code", row.code},
                    {"kind", std::string(vietnamese_label(row.kind))},
                    {"parent", row.parent_name},
                    {"email", row.email},
                    {"phone", row.phone},
                    {"tel", phone_digits.empty() ? "" : "tel:" + phone_digits},
                    {"waiting", waiting},
                    {"reminded", reminded},
                    {"may_remind", remind_button},
                    {"href", base + url_encode(row.code)},
                    {"status", status_label(row.status)},
                    {"status_class", "st-" + std::string(to_string(row.status))},
                    {"late", row.counted && row.late},
                    {"updated_at", row.version > 0 ? format_date_time(row.updated_at) : ""}});
  }
  const ReportFilter filter = dashboard.filter;
  const json paging = paging_view(
      dashboard.page_number, dashboard.page_count,
      [&](std::int64_t page) { return page_href(input.base_href, input.query, filter, page); });
  return {{"any_remind", any_remind},
          {"remind_action", input.base_href + "/nhac"},
          {"remind_query", input.query},
          {"remind_filter", std::string(to_string(filter))},
          {"remind_page", std::to_string(dashboard.page_number)},
          {"missing_href", page_href(input.base_href, "", ReportFilter::missing, 1) + "#h-units"},
          {"units", std::move(list)},
          {"unit_count", format_count(static_cast<double>(dashboard.matching))},
          {"has_units", !dashboard.page().rows.empty()},
          {"paging", paging},
          {"filters", filters_view(dashboard.counts(), filter)}};
}

}  // namespace

documents::BarChart directions_chart(const Campaign& campaign, const Summary& summary) {
  documents::BarChart chart;
  chart.title = "Lượt người tham gia theo nội dung hoạt động của Kế hoạch";
  chart.unit = "lượt người";
  for (const auto& [key, label] : campaign.form->directions) {
    const auto it = summary.directions.find(key);
    // The direction's words (two lines at most in the drawing), not a bare letter.
    chart.labels.push_back(key + ") " + label);
    chart.values.push_back(
        it == summary.directions.end() ? 0.0 : static_cast<double>(it->second.participants));
  }
  return chart;
}

json dashboard_view(const DashboardInput& input) {
  const Dashboard& dashboard = *input.dashboard;
  const Campaign& campaign = dashboard.campaign();
  const ReportForm& form = *campaign.form;
  const Summary& summary = dashboard.summary();

  // By unit kind, from the node's counters.
  json kinds = json::array();
  for (const auto& [kind, counts] : dashboard.counts().by_kind) {
    json entry = counts_view(counts);
    entry["kind"] = std::string(vietnamese_label(kind));
    kinds.push_back(std::move(entry));
  }
  // The headline counts follow the summary's source (live, or accepted reports only).
  const ReportCounts totals{summary.expected, summary.submitted, summary.on_time, summary.late,
                            summary.missing_count};

  // Main totals: participation, and every summed item of the form that has a value.
  json main_totals = json::array();
  // People counted by population group (not "lượt người", which counts each activity).
  main_totals.push_back({{"label", "Người tham gia (các nhóm có số liệu)"},
                         {"value", format_count(static_cast<double>(summary.participants))}});
  main_totals.push_back({{"label", "Tỷ lệ người tham gia"},
                         {"value", format_percent(static_cast<double>(summary.participants),
                                                  static_cast<double>(summary.population))}});
  for (const FormItem* item : form.items()) {
    if (item->aggregate != AggregateRule::sum || !item->activity.empty()) continue;
    if (!item->population_group.empty()) continue;
    const auto it = summary.totals.find(item->key);
    if (it == summary.totals.end()) continue;
    main_totals.push_back({{"label", item->label}, {"value", format_count(it->second)}});
  }

  json activities = json::array();
  std::int64_t largest = 1;
  for (const auto& [k, figures] : summary.activities)
    largest = std::max(largest, figures.participants);
  for (const auto& activity : form.activities()) {
    const auto it = summary.activities.find(activity.key);
    const ActivityFigures figures = it == summary.activities.end() ? ActivityFigures{} : it->second;
    activities.push_back({{"label", activity.label},
                          {"direction", activity.default_direction},
                          {"units", format_count(static_cast<double>(figures.units))},
                          {"sessions", format_count(static_cast<double>(figures.sessions))},
                          {"participants", format_count(static_cast<double>(figures.participants))},
                          {"bar", bar_class(static_cast<double>(figures.participants),
                                            static_cast<double>(largest))}});
  }
  json directions = json::array();
  for (const auto& [dkey, label] : form.directions) {
    const auto it = summary.directions.find(dkey);
    const ActivityFigures figures = it == summary.directions.end() ? ActivityFigures{} : it->second;
    directions.push_back(
        {{"key", dkey},
         {"label", label},
         {"units", format_count(static_cast<double>(figures.units))},
         {"sessions", format_count(static_cast<double>(figures.sessions))},
         {"participants", format_count(static_cast<double>(figures.participants))}});
  }

  // The chart's text alternative names every direction with its words and its figure.
  std::string chart_alt = "Biểu đồ cột: lượt người tham gia theo nội dung hoạt động của Kế hoạch. ";
  for (const auto& [dkey, label] : form.directions) {
    const auto it = summary.directions.find(dkey);
    const std::int64_t participants = it == summary.directions.end() ? 0 : it->second.participants;
    chart_alt += dkey + ") " + label + ": " + format_count(static_cast<double>(participants)) +
                 " lượt người. ";
  }
  chart_alt += "Số liệu đầy đủ ở bảng bên dưới.";

  json view = {{"title", "Tổng quan — " + dashboard.node().name},
               {"chart_alt", std::move(chart_alt)},
               {"campaign_name", campaign.name},
               {"node", {{"name", dashboard.node().name}, {"code", dashboard.node().code}}},
               {"deadline", format_date(campaign.deadline)},
               {"counts", counts_view(totals)},
               {"kinds", std::move(kinds)},
               {"query", input.query},
               {"main_totals", std::move(main_totals)},
               {"activities", std::move(activities)},
               {"directions", std::move(directions)},
               {"comparison", year_comparison_view(summary, campaign.year)}};
  view.update(unit_list_view(dashboard, input));
  return view;
}

}  // namespace llw::pages
