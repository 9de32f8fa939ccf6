#include "web/pages/dashboard_view.h"

#include <algorithm>
#include <map>

#include "app/vietnamese_text.h"
#include "documents/document.h"
#include "web/pages/page_support.h"
#include "web/pages/report_form_view.h"
#include "web/pages/view_format.h"

namespace llw::pages {

namespace {

using json = nlohmann::json;

struct Counts {
  std::int64_t expected = 0, submitted = 0, on_time = 0, late = 0, missing = 0;
};

json counts_view(const Counts& c) {
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

bool matches_filter(const std::string& filter, const UnitStatusRow& row, bool counted) {
  if (filter.empty()) return true;
  if (filter == "missing") return !counted;
  if (filter == "submitted") return counted;
  if (filter == "late") return counted && row.late;
  if (filter == "draft") return row.status == ReportStatus::draft;
  return true;
}

}  // namespace

documents::BarChart directions_chart(const Campaign& campaign, const Summary& summary) {
  documents::BarChart chart;
  chart.title = "Lượt người tham gia theo nội dung hoạt động của Kế hoạch";
  chart.unit = "lượt người";
  for (const auto& [key, label] : campaign.form->directions) {
    const auto it = summary.directions.find(key);
    chart.labels.push_back(key + ")");
    chart.values.push_back(
        it == summary.directions.end() ? 0.0 : static_cast<double>(it->second.participants));
  }
  return chart;
}

json dashboard_view(const DashboardInput& input) {
  const Campaign& campaign = *input.campaign;
  const ReportForm& form = *campaign.form;
  const Summary& summary = *input.summary;

  // By unit kind, from the unit rows (the summary holds only the totals).
  std::map<UnitKind, Counts> by_kind;
  Counts all;
  for (const auto& row : input.units) {
    Counts& c = by_kind[row.unit.kind];
    const bool counted = campaign.counts(row.status);
    for (Counts* target : {&c, &all}) {
      target->expected += 1;
      if (counted) {
        target->submitted += 1;
        (row.late ? target->late : target->on_time) += 1;
      } else {
        target->missing += 1;
      }
    }
  }
  json kinds = json::array();
  for (const auto& [kind, counts] : by_kind) {
    json entry = counts_view(counts);
    entry["kind"] = std::string(vietnamese_label(kind));
    kinds.push_back(std::move(entry));
  }
  Counts totals{summary.expected, summary.submitted, summary.on_time, summary.late,
                summary.missing_count};

  // The unit list: filtered by the search key, sorted by the Vietnamese collator.
  const std::string key = search_key(input.query);
  std::vector<OrgUnit> units;
  std::map<std::int64_t, const UnitStatusRow*> rows_by_id;
  for (const auto& row : input.units) {
    const bool counted = campaign.counts(row.status);
    if (!matches_filter(input.status_filter, row, counted)) continue;
    if (!key.empty() && search_key(row.unit.name).find(key) == std::string::npos &&
        search_key(row.unit.code).find(key) == std::string::npos) {
      continue;
    }
    units.push_back(row.unit);
    rows_by_id[row.unit.id] = &row;
  }
  sort_units_by_name(units);
  json list = json::array();
  const std::string base = "/dot/" + std::to_string(campaign.id) + "/bao-cao/";
  for (std::size_t i = 0; i < units.size() && i < input.limit; ++i) {
    const UnitStatusRow& row = *rows_by_id.at(units[i].id);
    list.push_back({{"name", row.unit.name},
                    {"code", row.unit.code},
                    {"kind", std::string(vietnamese_label(row.unit.kind))},
                    {"href", base + url_encode(row.unit.code)},
                    {"status", status_label(row.status)},
                    {"status_class", "st-" + std::string(to_string(row.status))},
                    {"late", campaign.counts(row.status) && row.late},
                    {"updated_at", row.version > 0 ? format_date_time(row.updated_at) : ""}});
  }

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

  return {
      {"title", "Tổng quan — " + input.node->name},
      {"campaign_name", campaign.name},
      {"node", {{"name", input.node->name}, {"code", input.node->code}}},
      {"deadline", format_date(campaign.deadline)},
      {"counts", counts_view(totals)},
      {"kinds", std::move(kinds)},
      {"units", std::move(list)},
      {"unit_count", format_count(static_cast<double>(units.size()))},
      {"has_units", !units.empty()},
      {"truncated", units.size() > input.limit},
      {"shown", format_count(static_cast<double>(std::min(units.size(), input.limit)))},
      {"query", input.query},
      {"filters",
       json::array(
           {{{"value", ""}, {"label", "Tất cả"}, {"selected", input.status_filter.empty()}},
            {{"value", "missing"},
             {"label", "Chưa nộp"},
             {"selected", input.status_filter == "missing"}},
            {{"value", "submitted"},
             {"label", "Đã nộp"},
             {"selected", input.status_filter == "submitted"}},
            {{"value", "late"}, {"label", "Nộp muộn"}, {"selected", input.status_filter == "late"}},
            {{"value", "draft"},
             {"label", "Đang soạn"},
             {"selected", input.status_filter == "draft"}}})},
      {"main_totals", std::move(main_totals)},
      {"activities", std::move(activities)},
      {"directions", std::move(directions)}};
}

}  // namespace llw::pages
