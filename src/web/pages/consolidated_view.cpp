#include "web/pages/consolidated_view.h"

#include "web/pages/paging_view.h"
#include "web/pages/view_format.h"
#include "web/pages/year_comparison_view.h"

namespace llw::pages {

using json = nlohmann::json;

const std::vector<std::pair<std::string, std::string>>& consolidated_parts() {
  static const std::vector<std::pair<std::string, std::string>> parts{
      {"direction", "Công tác chỉ đạo, triển khai của cấp mình (mục I)"},
      {"advantages", "Thuận lợi"},
      {"difficulties", "Khó khăn"},
      {"next_plan", "Kế hoạch tiếp theo"},
      {"recommendations", "Đề xuất, kiến nghị"},
  };
  return parts;
}

json consolidated_view(const ConsolidatedInput& input) {
  const Summary& summary = *input.summary;
  const ReportForm& form = *input.campaign->form;

  json parts = json::array();
  for (const auto& [key, title] : consolidated_parts()) {
    json unit_texts = json::array();
    if (const auto it = summary.narratives.find(key); it != summary.narratives.end()) {
      for (const auto& text : it->second) {
        unit_texts.push_back({{"unit", text.unit_name}, {"text", text.text}});
      }
    }
    const auto count = summary.narrative_counts.find(key);
    const auto text = input.texts.find(key);
    const auto error = input.errors.find(key);
    json part = {{"key", key},
                 {"title", title},
                 {"id", "n-" + key},
                 {"name", "n." + key},
                 {"text", text == input.texts.end() ? "" : text->second},
                 {"unit_texts", std::move(unit_texts)},
                 {"unit_count", format_count(count == summary.narrative_counts.end()
                                                 ? 0.0
                                                 : static_cast<double>(count->second))},
                 {"has_error", error != input.errors.end()},
                 {"error", error == input.errors.end() ? "" : error->second}};
    part["has_unit_texts"] = !part["unit_texts"].empty();
    const std::int64_t total = count == summary.narrative_counts.end() ? 0 : count->second;
    if (total > static_cast<std::int64_t>(part["unit_texts"].size()) && !input.base_href.empty()) {
      part["all_href"] = input.base_href + "/y-kien/" + key;
    }
    if (input.theirs != nullptr) {
      const auto theirs = input.theirs->texts.find(key);
      part["theirs"] = theirs == input.theirs->texts.end() ? "(trống)" : theirs->second;
    }
    parts.push_back(std::move(part));
  }

  json figures = json::array();
  const auto add = [&](const std::string& label, double value) {
    figures.push_back({{"label", label}, {"value", format_count(value)}});
  };
  add("Đơn vị phải báo cáo", static_cast<double>(summary.expected));
  add("Đơn vị đã nộp", static_cast<double>(summary.submitted));
  add("Nộp đúng hạn", static_cast<double>(summary.on_time));
  add("Nộp muộn", static_cast<double>(summary.late));
  add("Chưa nộp", static_cast<double>(summary.missing_count));
  // People (not "lượt người"): the groups' participant counts, over the groups reported.
  add("Người tham gia (các nhóm có số liệu)", static_cast<double>(summary.participants));
  figures.push_back({{"label", "Tỷ lệ người tham gia"},
                     {"value", format_percent(static_cast<double>(summary.participants),
                                              static_cast<double>(summary.population))}});
  for (const GroupFigures& group : summary.participation_groups) {
    figures.push_back(
        {{"label", "Tỷ lệ tham gia — " + group.label},
         {"value", group.units == 0
                       ? std::string("không có số liệu")
                       : format_percent(static_cast<double>(group.participants),
                                        static_cast<double>(group.population)) +
                             " (" + format_count(static_cast<double>(group.participants)) + "/" +
                             format_count(static_cast<double>(group.population)) + ")"}});
  }
  for (const FormItem* item : form.items()) {
    const auto quantities = summary.quantities.find(item->key);
    if (quantities == summary.quantities.end()) continue;
    for (const auto& [unit, total] : quantities->second) {
      add(item->label + " (" + unit + ")", total);
    }
  }
  for (const FormItem* item : form.items()) {
    if (item->aggregate != AggregateRule::sum || !item->activity.empty()) continue;
    const auto it = summary.totals.find(item->key);
    if (it != summary.totals.end()) add(item->label, it->second);
  }
  json activities = json::array();
  for (const auto& activity : form.activities()) {
    const auto it = summary.activities.find(activity.key);
    const ActivityFigures f = it == summary.activities.end() ? ActivityFigures{} : it->second;
    activities.push_back({{"label", activity.label},
                          {"units", format_count(static_cast<double>(f.units))},
                          {"held", format_count(static_cast<double>(f.held))},
                          {"sessions", format_count(static_cast<double>(f.sessions))},
                          {"participants", format_count(static_cast<double>(f.participants))}});
  }

  json history = json::array();
  for (const auto& version : input.history) {
    history.push_back({{"version", std::to_string(version.version)},
                       {"by", version.updated_by_name},
                       {"at", format_date_time(version.updated_at)}});
  }

  json view = {{"title", "Báo cáo tổng hợp — " + input.node->name},
               {"campaign_name", input.campaign->name},
               {"node", {{"name", input.node->name}, {"code", input.node->code}}},
               {"figures", std::move(figures)},
               {"activities", std::move(activities)},
               {"parts", std::move(parts)},
               {"version", std::to_string(input.version)},
               {"editable", input.editable},
               {"read_only", !input.editable},
               {"has_notice", !input.notice.empty()},
               {"notice", input.notice},
               {"history", std::move(history)},
               {"has_history", !input.history.empty()},
               {"has_saved", input.saved != nullptr && input.saved->version > 0},
               {"cutoff", figures_cutoff_text(summary)},
               {"comparison", year_comparison_view(summary, input.campaign->year)}};
  if (input.saved != nullptr && input.saved->version > 0) {
    view["saved_by"] = input.saved->updated_by_name;
    view["saved_at"] = format_date_time(input.saved->updated_at);
  }
  if (input.theirs != nullptr) {
    view["has_conflict"] = true;
    view["theirs_version"] = std::to_string(input.theirs->version);
    view["theirs_by"] = input.theirs->updated_by_name;
    view["theirs_at"] = format_date_time(input.theirs->updated_at);
  }
  return view;
}

std::string part_title(const std::string& part) {
  for (const auto& [key, title] : consolidated_parts()) {
    if (key == part) return title;
  }
  return part;
}

json unit_texts_view(const UnitTextsPage& page, const std::string& base_href) {
  json texts = json::array();
  for (const UnitText& text : page.texts) {
    texts.push_back({{"unit", text.unit_name}, {"text", text.text}});
  }
  const std::string href = base_href + "/y-kien/" + page.part;
  const std::string title = part_title(page.part);
  return {{"title", title + " — ý kiến của các đơn vị — " + page.node.name},
          {"campaign_name", page.campaign.name},
          {"node", {{"name", page.node.name}, {"code", page.node.code}}},
          {"part_title", title},
          {"back_href", base_href},
          {"total", format_count(static_cast<double>(page.total))},
          {"texts", std::move(texts)},
          {"has_texts", !page.texts.empty()},
          {"paging", paging_view(page.page_number, page.page_count, [&](std::int64_t n) {
             return n > 1 ? href + "?trang=" + std::to_string(n) : href;
           })}};
}

}  // namespace llw::pages
