// The report form written back as the JSON of docs/form-format.md (ReportForm::to_json): what the
// API serves, what a stored form version holds, and what the parser (form.cpp) reads again.
#include "form.h"

namespace llw {

using nlohmann::json;

namespace {

json column_to_json(const TableColumn& column) {
  json j = {{"key", column.key}, {"label", column.label}, {"type", to_string(column.type)}};
  if (column.required) j["required"] = true;
  if (column.min) j["min"] = *column.min;
  if (column.max) j["max"] = *column.max;
  if (!column.choices.empty()) j["choices"] = column.choices;
  if (!column.measure.empty()) j["measure"] = column.measure;
  if (!column.within.empty()) j["within"] = column.within;
  if (column.aggregate != AggregateRule::none) j["aggregate"] = to_string(column.aggregate);
  if (!column.summary.empty()) j["summary"] = column.summary;
  return j;
}

json item_to_json(const FormItem& item) {
  json j = {{"key", item.key}, {"label", item.label}, {"type", to_string(item.type)}};
  if (!item.help.empty()) j["help"] = item.help;
  if (item.required) j["required"] = true;
  if (item.min) j["min"] = *item.min;
  if (item.max) j["max"] = *item.max;
  if (!item.choices.empty()) j["choices"] = item.choices;
  if (!item.columns.empty()) {
    j["columns"] = json::array();
    for (const auto& c : item.columns) j["columns"].push_back(column_to_json(c));
  }
  if (item.max_rows) j["max_rows"] = *item.max_rows;
  if (!item.activity.empty()) j["activity"] = item.activity;
  if (!item.measure.empty()) j["measure"] = item.measure;
  if (!item.default_direction.empty()) j["default_direction"] = item.default_direction;
  if (item.aggregate != AggregateRule::none) j["aggregate"] = to_string(item.aggregate);
  if (!item.weight_group.empty()) j["weight_group"] = item.weight_group;
  if (!item.summary.empty()) j["summary"] = item.summary;
  if (!item.population_group.empty()) j["population_group"] = item.population_group;
  if (!item.within.empty()) j["within"] = item.within;
  if (!item.previous_keys.empty()) j["previous_keys"] = item.previous_keys;
  return j;
}

json labels_to_json(const std::vector<std::pair<std::string, std::string>>& entries) {
  json list = json::array();
  for (const auto& [key, label] : entries) list.push_back({{"key", key}, {"label", label}});
  return list;
}

}  // namespace

json ReportForm::to_json() const {
  json j = {{"id", id}, {"title", title}, {"version", version}};
  j["population_groups"] = labels_to_json(population_groups);
  j["directions"] = labels_to_json(directions);
  j["sections"] = json::array();
  for (const auto& section : sections) {
    json s = {{"key", section.key}, {"title", section.title}, {"items", json::array()}};
    for (const auto& item : section.items) s["items"].push_back(item_to_json(item));
    j["sections"].push_back(std::move(s));
  }
  j["rules"] = json::array();
  for (const auto& rule : rules) {
    json r = {{"kind", to_string(rule.kind)}, {"item", rule.item}};
    if (!rule.other.empty()) r["other"] = rule.other;
    if (!rule.group.empty()) r["group"] = rule.group;
    if (!rule.message.empty()) r["message"] = rule.message;
    j["rules"].push_back(std::move(r));
  }
  return j;
}

}  // namespace llw
