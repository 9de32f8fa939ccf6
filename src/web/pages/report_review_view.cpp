#include "web/pages/report_review_view.h"

#include <map>

#include "domain/summary.h"
#include "domain/workflow.h"
#include "web/pages/report_form_view.h"
#include "web/pages/view_format.h"

namespace llw::pages {

namespace {

using json = nlohmann::json;

bool is_empty_value(const json& value) {
  return value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
         (value.is_array() && value.empty());
}

const json& value_of(const json& values, const std::string& key) {
  static const json null_value;
  if (!values.is_object()) return null_value;
  const auto it = values.find(key);
  return it == values.end() ? null_value : *it;
}

// The measures of one activity of the outline (held, sessions, participants, direction).
struct Activity {
  std::string name;
  std::string anchor;
  std::map<std::string, const FormItem*> measures;
};

json activity_row(const ReportForm& form, const Activity& activity, const UnitReport& report,
                  json& flags) {
  const auto item = [&](const char* measure) -> const FormItem* {
    const auto it = activity.measures.find(measure);
    return it == activity.measures.end() ? nullptr : it->second;
  };
  const auto text = [&](const FormItem* measure) {
    return measure == nullptr
               ? std::string()
               : value_in_words(form, measure->type, value_of(report.values, measure->key));
  };
  const FormItem* held_item = item("held");
  const json& held = held_item ? value_of(report.values, held_item->key) : json();
  const bool yes = held.is_boolean() && held.get<bool>();
  const bool no = held.is_boolean() && !held.get<bool>();
  // The plan's content the activity served: the unit's choice, else the outline's default for a
  // held activity (the document prints the same).
  std::string direction = text(item("direction"));
  bool default_direction = false;
  if (direction.empty() && yes && held_item && !held_item->default_direction.empty()) {
    direction = value_in_words(form, ItemType::choice, held_item->default_direction);
    default_direction = true;
  }
  json row_flags = json::array();
  for (const auto& [measure, measure_item] : activity.measures) {
    for (const auto& message : flag_messages(*measure_item, report.flags)) {
      row_flags.push_back(message);
      flags.push_back(
          {{"label", activity.name}, {"message", message}, {"anchor", activity.anchor}});
    }
  }
  return {{"name", activity.name},
          {"id", activity.anchor},
          {"held", yes  ? "Có"
                   : no ? "Không"
                        : "Chưa trả lời"},
          {"held_class", yes  ? "held-yes"
                         : no ? "held-no"
                              : "held-none"},
          {"sessions", text(item("sessions"))},
          {"participants", text(item("participants"))},
          {"direction", direction},
          {"default_direction", default_direction},
          {"flags", std::move(row_flags)}};
}

json table_view(const ReportForm& form, const FormItem& item, const json& value) {
  json columns = json::array();
  for (const auto& column : item.columns) columns.push_back({{"label", column.label}});
  json rows = json::array();
  int number = 0;
  for (const json& row : value.is_array() ? value : json::array()) {
    json cells = json::array();
    for (const auto& column : item.columns) {
      const json& cell = row.is_object() ? value_of(row, column.key) : json();
      cells.push_back({{"label", column.label}, {"text", value_in_words(form, column.type, cell)}});
    }
    rows.push_back({{"number", std::to_string(++number)}, {"cells", std::move(cells)}});
  }
  return {{"columns", std::move(columns)}, {"rows", std::move(rows)}};
}

// One section of the form as blocks in reading order: runs of activities become one table, runs
// of single figures one list; tables and narratives stand alone.
json section_view(const ReportForm& form, const FormSection& section, const OrgUnit& unit,
                  const UnitReport& report, json& flags) {
  json blocks = json::array();
  json missing = json::array();
  const auto last_block = [&](const char* kind) -> json* {
    if (blocks.empty() || !blocks.back().contains(kind)) {
      blocks.push_back({{kind, true}, {"rows", json::array()}});
    }
    return &blocks.back();
  };
  std::vector<Activity> activities;
  const auto flush_activities = [&] {
    if (activities.empty()) return;
    json* block = last_block("is_activities");
    for (const Activity& activity : activities) {
      (*block)["rows"].push_back(activity_row(form, activity, report, flags));
    }
    activities.clear();
  };
  for (const FormItem& item : section.items) {
    const json& value = value_of(report.values, item.key);
    const std::string id = "r-" + item.key;
    if (!item.activity.empty() && item.type != ItemType::table) {
      if (activities.empty() || activities.back().measures.count(item.measure) ||
          activities.back().anchor != "r-" + item.activity) {
        activities.push_back({item.label, "r-" + item.activity, {}});
      }
      if (item.measure == "held") activities.back().name = item.label;
      activities.back().measures[item.measure] = &item;
      continue;
    }
    flush_activities();
    const json item_flags = flag_messages(item, report.flags);
    for (const auto& message : item_flags) {
      flags.push_back({{"label", item.label}, {"message", message}, {"anchor", id}});
    }
    if (is_empty_value(value)) {
      missing.push_back(item.label);
      continue;
    }
    if (item.type == ItemType::table) {
      json table = table_view(form, item, value);
      blocks.push_back({{"is_table", true},
                        {"id", id},
                        {"label", item.label},
                        {"columns", std::move(table["columns"])},
                        {"rows", std::move(table["rows"])},
                        {"flags", item_flags}});
    } else if (item.type == ItemType::narrative) {
      blocks.push_back({{"is_narrative", true},
                        {"id", id},
                        {"label", item.label},
                        {"text", value_in_words(form, item.type, value)},
                        {"flags", item_flags}});
    } else {
      std::string text = value_in_words(form, item.type, value);
      if (!item.population_group.empty()) {
        // A group's participants beside the group's headcount, so the reviewer sees the rate's
        // two sides.
        const auto population = unit.population.find(item.population_group);
        if (population != unit.population.end() && value.is_number()) {
          text += " / " + format_count(static_cast<double>(population->second)) + " người (" +
                  format_percent(value.get<double>(), static_cast<double>(population->second)) +
                  ")";
        }
      }
      (*last_block("is_values"))["rows"].push_back(
          {{"id", id}, {"label", item.label}, {"text", text}, {"flags", item_flags}});
    }
  }
  flush_activities();
  return {{"key", section.key},
          {"title", section.title},
          {"blocks", std::move(blocks)},
          {"has_missing", !missing.empty()},
          {"missing", std::move(missing)}};
}

}  // namespace

json flag_messages(const FormItem& item, const std::vector<ReportFlag>& flags) {
  json messages = json::array();
  for (const ReportFlag& flag : flags) {
    if (flag.field == item.key) {
      messages.push_back(flag.message);
      continue;
    }
    if (flag.field.rfind(item.key + "[", 0) != 0) continue;
    const auto close = flag.field.find("].", item.key.size());
    if (close == std::string::npos) continue;
    const std::string row = flag.field.substr(item.key.size() + 1, close - item.key.size() - 1);
    const std::string column_key = flag.field.substr(close + 2);
    std::string where = "Dòng " + row;
    try {
      where = "Dòng " + std::to_string(std::stoi(row) + 1);
    } catch (const std::exception&) {
    }
    for (const auto& column : item.columns) {
      if (column.key == column_key) where += ", " + column.label;
    }
    messages.push_back(where + ": " + flag.message);
  }
  return messages;
}

std::string value_in_words(const ReportForm& form, ItemType type, const json& value) {
  if (type == ItemType::choice && value.is_string()) {
    const std::string& key = value.get_ref<const std::string&>();
    for (const auto& [direction, label] : form.directions) {
      if (direction == key) return key + ") " + label;
    }
    return key;
  }
  return display_value(type, value);
}

json report_review_view(const ReviewPageInput& input) {
  const Campaign& campaign = *input.campaign;
  const ReportForm& form = *campaign.form;
  const OrgUnit& unit = *input.unit;
  const UnitReport& report = *input.report;

  json flags = json::array();
  json sections = json::array();
  for (const FormSection& section : form.sections) {
    sections.push_back(section_view(form, section, unit, report, flags));
  }

  json population = json::array();
  for (const auto& [group, label] : form.population_groups) {
    const auto it = unit.population.find(group);
    if (it == unit.population.end()) continue;
    population.push_back(
        {{"label", label}, {"value", format_count(static_cast<double>(it->second))}});
  }
  double participants = 0;
  double participants_population = 0;
  for (const GroupParticipation& group : participation_by_group(form, unit, report.values)) {
    participants += group.participants;
    participants_population += group.population;
  }

  const json& plan = campaign.plan;
  const std::string theme = plan.is_object() ? plan.value("theme", std::string()) : "";
  json workflow = input.workflow;
  const bool decide = workflow.value("can_accept", false) || workflow.value("can_return", false);
  json view = {
      {"title", "Báo cáo — " + unit.name},
      {"campaign",
       {{"name", campaign.name},
        {"theme", theme},
        {"period", format_date(campaign.period_start) + " – " + format_date(campaign.period_end)},
        {"deadline", format_date(campaign.deadline)}}},
      {"unit", {{"name", unit.name}, {"code", unit.code}}},
      {"status_label", status_label(report.status)},
      {"status_class", "st-" + std::string(to_string(report.status))},
      {"late", report.late},
      {"version", std::to_string(report.version)},
      {"has_updated", report.version > 0},
      {"updated_at", report.version > 0 ? format_date_time(report.updated_at) : ""},
      {"submitted_at", report.submitted_at ? format_date_time(*report.submitted_at) : ""},
      {"sections", std::move(sections)},
      {"has_flags", !flags.empty()},
      {"flag_count", std::to_string(flags.size())},
      {"flag_summary", std::move(flags)},
      {"has_notice", !input.notice.empty()},
      {"notice", input.notice},
      {"participants_total", format_count(participants)},
      {"participation_rate", format_percent(participants, participants_population)},
      {"has_population", !population.empty()},
      {"population", std::move(population)},
      {"plan_above", input.plan_above},
      {"evidence", input.evidence},
      {"plans", input.plans.is_array() ? input.plans : json::array()},
      {"has_plans", input.plans.is_array() && !input.plans.empty()},
      {"decide", decide},
      {"workflow", std::move(workflow)},
      {"signed_copy", input.signed_copy},
  };
  return view;
}

}  // namespace llw::pages
