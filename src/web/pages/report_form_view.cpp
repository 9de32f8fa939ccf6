#include "web/pages/report_form_view.h"

#include <cmath>
#include <regex>

#include "domain/clock.h"
#include "domain/summary.h"
#include "domain/text.h"
#include "web/pages/report_review_view.h"
#include "web/pages/view_format.h"

namespace llw::pages {

namespace {

using json = nlohmann::json;

const char* type_flag(ItemType type) {
  switch (type) {
    case ItemType::count:
      return "is_count";
    case ItemType::percent:
    case ItemType::number:
      return "is_number";
    case ItemType::date:
      return "is_date";
    case ItemType::short_text:
      return "is_text";
    case ItemType::narrative:
      return "is_narrative";
    case ItemType::yes_no:
      return "is_yes_no";
    case ItemType::choice:
      return "is_choice";
    case ItemType::table:
      return "is_table";
  }
  return "is_text";
}

bool is_blank(const json& value) {
  return value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty());
}

// The value as it goes back into an input field: plain digits for numbers (the parser also
// reads "1.155" and "12,5"), dates as dd/mm/yyyy (what a clerk types; the parser reads both),
// the text itself.
std::string input_text(ItemType type, const json& value) {
  if (value.is_null()) return "";
  if (type == ItemType::date && value.is_string()) {
    if (const auto date = parse_iso_date(value.get<std::string>())) return format_date(*date);
  }
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "co" : "khong";
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number()) {
    const double v = value.get<double>();
    if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    std::string text = format_vietnamese_number(v);
    return text;
  }
  return value.dump();
}

// The value as read-only text: "1.155", "Có", "05/10/2025".
std::string display_text(ItemType type, const json& value) {
  if (value.is_null()) return "";
  if (value.is_boolean()) return value.get<bool>() ? "Có" : "Không";
  if (value.is_number()) {
    std::string text = format_vietnamese_number(value.get<double>());
    return type == ItemType::percent ? text + "%" : text;
  }
  if (type == ItemType::date && value.is_string()) {
    if (const auto date = parse_iso_date(value.get<std::string>())) return format_date(*date);
  }
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

json scalar_view(ItemType type, const std::vector<std::string>& choices,
                 const std::map<std::string, std::string>& direction_labels, const json& value,
                 const std::string& name, const std::string& id, const std::string& error) {
  json view = {{type_flag(type), true},
               {"name", name},
               {"id", id},
               {"value", input_text(type, value)},
               {"display", display_text(type, value)},
               {"has_error", !error.empty()},
               {"error", error},
               {"has_limit", false},
               {"has_needs_yes", false},
               {"blank_label", "— Chọn —"}};
  if (type == ItemType::yes_no) {
    view["yes_checked"] = value.is_boolean() && value.get<bool>();
    view["no_checked"] = value.is_boolean() && !value.get<bool>();
  }
  if (type == ItemType::choice) {
    json options = json::array();
    const std::string current = value.is_string() ? value.get<std::string>() : "";
    for (const auto& choice : choices) {
      const auto label = direction_labels.find(choice);
      options.push_back(
          {{"value", choice},
           {"label", label == direction_labels.end() ? choice : choice + ") " + label->second},
           {"selected", choice == current}});
    }
    view["options"] = std::move(options);
  }
  return view;
}

std::string error_for(const std::map<std::string, std::string>& errors, const std::string& key) {
  const auto it = errors.find(key);
  return it == errors.end() ? std::string{} : it->second;
}

// "1.155" → 1155, "12" → 12; nullopt for anything else.
std::optional<double> parse_count(const std::string& text) {
  static const std::regex kPlain("^[0-9]{1,15}$");
  static const std::regex kGrouped("^[0-9]{1,3}(\\.[0-9]{3}){1,4}$");
  if (std::regex_match(text, kPlain)) return std::stod(text);
  if (std::regex_match(text, kGrouped)) {
    std::string digits;
    for (char c : text) {
      if (c != '.') digits += c;
    }
    return std::stod(digits);
  }
  return std::nullopt;
}

// "12,5", "12.5", "1.000,5", "-3" → the number; nullopt for anything else.
std::optional<double> parse_decimal(std::string text) {
  static const std::regex kNumber("^-?[0-9]{1,15}(\\.[0-9]{1,6})?$");
  if (text.find(',') != std::string::npos) {
    std::string converted;
    for (char c : text) {
      if (c == '.') continue;
      converted += c == ',' ? '.' : c;
    }
    text = converted;
  } else if (const auto grouped = parse_count(text);
             grouped && text.find('.') != std::string::npos && text.size() - text.rfind('.') == 4) {
    return grouped;
  }
  if (!std::regex_match(text, kNumber)) return std::nullopt;
  return std::stod(text);
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// One posted field to a typed value; json(nullptr) when empty; sets `error` when unreadable.
json parse_field(ItemType type, const std::string& raw, std::string& error) {
  const std::string text =
      (type == ItemType::narrative || type == ItemType::short_text) ? raw : trimmed(raw);
  if (trimmed(text).empty()) return nullptr;
  switch (type) {
    case ItemType::count: {
      if (const auto v = parse_count(text)) return static_cast<std::int64_t>(*v);
      error = "Hãy nhập một số nguyên không âm, chỉ gồm chữ số (ví dụ 12 hoặc 1.155).";
      return text;
    }
    case ItemType::percent:
    case ItemType::number: {
      if (const auto v = parse_decimal(text)) {
        if (std::floor(*v) == *v) return static_cast<std::int64_t>(*v);
        return *v;
      }
      error = "Hãy nhập một số (ví dụ 12 hoặc 12,5).";
      return text;
    }
    case ItemType::date: {
      if (parse_iso_date(text)) return text;
      static const std::regex kVietnamese("^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$");
      std::smatch m;
      if (std::regex_match(text, m, kVietnamese)) {
        char iso[16];
        std::snprintf(iso, sizeof iso, "%s-%02d-%02d", m[3].str().c_str(), std::stoi(m[2].str()),
                      std::stoi(m[1].str()));
        if (parse_iso_date(iso)) return std::string(iso);
      }
      error = "Hãy nhập một ngày có thật theo dạng dd/mm/yyyy (ví dụ 05/10/2025).";
      return text;
    }
    case ItemType::yes_no:
      if (text == "co") return true;
      if (text == "khong") return false;
      error = "Hãy chọn Có hoặc Không.";
      return nullptr;
    case ItemType::short_text:
    case ItemType::narrative:
    case ItemType::choice:
    case ItemType::table:
      return text;
  }
  return text;
}

int row_count(const std::map<std::string, std::string>& fields, const FormItem& item) {
  const auto it = fields.find("n." + item.key);
  const int max_rows = item.max_rows.value_or(200);
  if (it == fields.end()) return 0;
  const auto parsed = parse_count(trimmed(it->second));
  if (!parsed) return 0;
  return static_cast<int>(std::min<double>(*parsed, max_rows));
}

bool row_is_blank(const json& row) {
  if (!row.is_object()) return false;
  for (const auto& [key, cell] : row.items()) {
    if (!is_blank(cell)) return false;
  }
  return true;
}

}  // namespace

std::string display_value(ItemType type, const json& value) { return display_text(type, value); }

std::string action_label(const std::string& action) {
  static const std::map<std::string, std::string> labels = {
      {"save", "Lưu bản nháp"},
      {"submit", "Nộp báo cáo"},
      {"return", "Trả lại"},
      {"accept", "Chấp nhận"},
      {"reopen", "Mở lại"},
      {"import", "Nhập dữ liệu"},
      {"file_entry", "Nhập từ tệp bởi điều phối viên"}};
  const auto it = labels.find(action);
  return it == labels.end() ? action : it->second;
}

namespace {

// What the form's cross rules tell the page about single items: a participant count's limit
// (the unit's population of the group, said in words and as the rule's message) and a count
// that must stay 0 unless its activity's yes/no item is "Có", so the browser checks the same
// rules the server does while the clerk types.
struct ItemLimit {
  std::int64_t value = 0;
  std::string text;     // "Đơn vị có 421 học sinh."
  std::string message;  // the rule's message with its {limit} filled in
};
struct FormRuleHints {
  std::map<std::string, ItemLimit> limits;
  std::map<std::string, std::pair<std::string, std::string>> needs_yes;  // item → (yes/no, message)
};

// "Học sinh" → "học sinh": labels start with a capital; only an ASCII first letter is lowered.
std::string lowered_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

std::string raised_first(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

FormRuleHints form_rule_hints(const ReportForm& form, const OrgUnit& unit) {
  FormRuleHints hints;
  for (const auto& rule : form.rules) {
    if (rule.kind == CrossRule::Kind::at_most_population) {
      const auto it = unit.population.find(rule.group);
      if (it == unit.population.end()) continue;
      std::string group = rule.group;
      for (const auto& [key, label] : form.population_groups) {
        if (key == rule.group) group = lowered_first(label);
      }
      const std::string count = format_count(static_cast<double>(it->second));
      std::string message = rule.message;
      if (const auto at = message.find("{limit}"); at != std::string::npos) {
        message.replace(at, 7, count);
      }
      if (message.empty())
        message = "Số này không được lớn hơn số " + group + " của đơn vị (" + count + ").";
      hints.limits[rule.item] = {it->second, "Đơn vị có " + count + " " + group + ".", message};
    }
    if (rule.kind == CrossRule::Kind::zero_unless_yes) {
      std::string message = rule.message;
      if (message.empty()) message = "Hãy chọn “Có” ở hoạt động này hoặc để số này bằng 0.";
      hints.needs_yes[rule.item] = {rule.other, message};
    }
  }
  return hints;
}

// A hint repeated on several items of a section ("Các hoạt động truyền thông về Tuần lễ…") is
// said once, above the first of them, instead of under every box.
void show_each_help_once(std::vector<json>& views) {
  std::map<std::string, int> uses;
  for (const json& view : views) {
    if (view["has_help"].get<bool>()) ++uses[view["help"].get<std::string>()];
  }
  std::map<std::string, bool> shown;
  for (json& view : views) {
    if (!view["has_help"].get<bool>()) continue;
    const std::string help = view["help"].get<std::string>();
    if (uses[help] < 2) continue;
    view["has_help"] = false;
    if (!shown[help]) {
      view["has_group_help"] = true;
      shown[help] = true;
    }
  }
}

// Groups each activity's items (held yes/no, then its sessions, participants and plan content)
// into one card: the yes/no answer on top, the other boxes below it, open when "Có" is chosen
// or something is already filled or wrong. Other items stay as they are.
json group_activities(const FormSection& section, std::vector<json> views,
                      const std::map<std::string, std::string>& direction_labels) {
  json items = json::array();
  for (std::size_t i = 0; i < section.items.size(); ++i) {
    const FormItem& item = section.items[i];
    if (item.activity.empty() || item.measure != "held" || item.type != ItemType::yes_no) {
      items.push_back(std::move(views[i]));
      continue;
    }
    json held = std::move(views[i]);
    bool open = held["yes_checked"].get<bool>();
    bool has_error = held["has_error"].get<bool>();
    json details = json::array();
    while (i + 1 < section.items.size() && section.items[i + 1].activity == item.activity &&
           section.items[i + 1].type != ItemType::table) {
      ++i;
      const FormItem& detail = section.items[i];
      json view = std::move(views[i]);
      const std::string prefix = item.label + ": ";
      std::string short_label = detail.label.rfind(prefix, 0) == 0
                                    ? raised_first(detail.label.substr(prefix.size()))
                                    : detail.label;
      if (detail.measure == "direction") {
        // The plan's "mục II.3" in words: which of its contents the activity served, by default
        // the one the form gives the activity.
        short_label = "Thuộc nội dung nào của Kế hoạch";
        const auto fallback = direction_labels.find(item.default_direction);
        if (fallback != direction_labels.end()) {
          view["blank_label"] = "Mặc định: " + item.default_direction + ") " + fallback->second;
        }
        view["has_help"] = false;
      }
      view["short_label"] = short_label;
      view["activity_label"] = item.label;
      open = open || !view["value"].get<std::string>().empty();
      has_error = has_error || view["has_error"].get<bool>();
      details.push_back(std::move(view));
    }
    items.push_back({{"is_activity", true},
                     {"key", item.activity},
                     {"label", item.label},
                     {"held", std::move(held)},
                     {"details", std::move(details)},
                     {"open", open || has_error},
                     {"has_error", has_error},
                     {"wide", false}});
  }
  return items;
}

// The live rate as the page shows it: never more than 100 % of the unit, which only a count
// the checks refuse could give.
std::string participation_rate_text(double participants, double population) {
  if (population > 0 && participants > population) {
    return "chưa tính được (số người tham gia nhiều hơn số người của đơn vị)";
  }
  return format_percent(participants, population);
}

}  // namespace

json report_form_view(const ReportFormInput& input) {
  const Campaign& campaign = *input.campaign;
  const ReportForm& form = *campaign.form;
  const OrgUnit& unit = *input.unit;
  const UnitReport& report = *input.report;
  const json& values = input.values.is_object() ? input.values : json::object();

  std::map<std::string, std::string> direction_labels(form.directions.begin(),
                                                      form.directions.end());
  const FormRuleHints hints = form_rule_hints(form, unit);

  json sections = json::array();
  json error_summary = json::array();
  json flag_summary = json::array();
  for (const auto& section : form.sections) {
    std::vector<json> item_views;
    for (const auto& item : section.items) {
      const json value = values.contains(item.key) ? values.at(item.key) : json(nullptr);
      const std::string id = "f-" + item.key;
      json view;
      if (item.type == ItemType::table) {
        view = {{"is_table", true}, {"id", id}};
        json columns = json::array();
        for (const auto& column : item.columns) {
          columns.push_back({{"label", column.label}, {"required", column.required}});
        }
        json rows = json::array();
        const json empty_rows = json::array();
        const json& table = value.is_array() ? value : empty_rows;
        for (std::size_t r = 0; r < table.size(); ++r) {
          const json& row = table[r].is_object() ? table[r] : json::object();
          json cells = json::array();
          for (const auto& column : item.columns) {
            const std::string cell_key = item.key + "[" + std::to_string(r) + "]." + column.key;
            const json cell = row.contains(column.key) ? row.at(column.key) : json(nullptr);
            json cell_view = scalar_view(
                column.type, column.choices, direction_labels, cell,
                "t." + item.key + "." + std::to_string(r) + "." + column.key,
                id + "-" + std::to_string(r) + "-" + column.key, error_for(input.errors, cell_key));
            cell_view["label"] = column.label + " (dòng " + std::to_string(r + 1) + ")";
            cell_view["column_label"] = column.label;
            if (cell_view["has_error"].get<bool>()) {
              error_summary.push_back(
                  {{"label", item.label + " — " + column.label + ", dòng " + std::to_string(r + 1)},
                   {"message", cell_view["error"]},
                   {"anchor", cell_view["id"]}});
            }
            cells.push_back(std::move(cell_view));
          }
          rows.push_back({{"number", r + 1},
                          {"cells", std::move(cells)},
                          {"remove_value", "remove_row:" + item.key + ":" + std::to_string(r)}});
        }
        view["columns"] = std::move(columns);
        view["rows"] = std::move(rows);
        view["has_rows"] = !table.empty();
        view["row_count"] = std::to_string(table.size());
        view["row_count_name"] = "n." + item.key;
        view["add_value"] = "add_row:" + item.key;
        view["can_add"] = static_cast<int>(table.size()) < item.max_rows.value_or(200);
        const std::string error = error_for(input.errors, item.key);
        view["has_error"] = !error.empty();
        view["error"] = error;
      } else {
        view = scalar_view(item.type, item.choices, direction_labels, value, "f." + item.key, id,
                           error_for(input.errors, item.key));
        if (const auto limit = hints.limits.find(item.key); limit != hints.limits.end()) {
          view["has_limit"] = true;
          view["limit"] = std::to_string(limit->second.value);
          view["limit_text"] = limit->second.text;
          view["limit_message"] = limit->second.message;
        }
        if (const auto yes = hints.needs_yes.find(item.key); yes != hints.needs_yes.end()) {
          view["has_needs_yes"] = true;
          view["needs_yes_name"] = "f." + yes->second.first;
          view["needs_yes_message"] = yes->second.second;
        }
        if (item.type == ItemType::narrative || item.type == ItemType::short_text) {
          if (item.max) view["maxlength"] = std::to_string(static_cast<long long>(*item.max));
        }
        if (!item.population_group.empty()) {
          // The live rate counts a group only once its participant count is filled.
          const auto population = unit.population.find(item.population_group);
          view["live_participants"] = true;
          view["group_population"] =
              std::to_string(population == unit.population.end() ? 0 : population->second);
        }
      }
      view["flags"] = flag_messages(item, report.flags);
      view["has_flags"] = !view["flags"].empty();
      for (const auto& message : view["flags"]) {
        flag_summary.push_back({{"label", item.label}, {"message", message}, {"anchor", id}});
      }
      view["key"] = item.key;
      view["label"] = item.label;
      view["help"] = item.help;
      view["has_help"] = !item.help.empty();
      view["has_group_help"] = false;
      view["required"] = item.required;
      // Long answers take the whole width of a PC screen; numbers and activities share it.
      view["wide"] = item.type == ItemType::table || item.type == ItemType::narrative ||
                     item.type == ItemType::short_text;
      if (view["has_error"].get<bool>()) {
        error_summary.push_back(
            {{"label", item.label}, {"message", view["error"]}, {"anchor", view["id"]}});
      }
      item_views.push_back(std::move(view));
    }
    show_each_help_once(item_views);
    json items = group_activities(section, std::move(item_views), direction_labels);
    sections.push_back(
        {{"key", section.key}, {"title", section.title}, {"items", std::move(items)}});
  }

  const json& plan = campaign.plan;
  const auto plan_text = [&](const char* key) {
    return plan.contains(key) && plan.at(key).is_string() ? plan.at(key).get<std::string>()
                                                          : std::string{};
  };
  json population = json::array();
  std::int64_t population_total = 0;
  for (const auto& [group, label] : form.population_groups) {
    const auto it = unit.population.find(group);
    if (it == unit.population.end()) continue;
    population.push_back(
        {{"label", label}, {"value", format_count(static_cast<double>(it->second))}});
    population_total += it->second;
  }
  double participants = 0;
  double participants_population = 0;
  for (const GroupParticipation& g : participation_by_group(form, unit, values)) {
    participants += g.participants;
    participants_population += g.population;
  }

  json history = json::array();
  for (const auto& version : input.history) {
    history.push_back({{"version", std::to_string(version.version)},
                       {"status", status_label(version.status)},
                       {"action", action_label(version.action)},
                       {"at", format_date_time(version.at)},
                       {"by", version.by_name}});
  }

  json view = {
      {"title", "Báo cáo — " + unit.name},
      {"campaign",
       {{"name", campaign.name},
        {"theme", plan_text("theme")},
        {"has_theme", !plan_text("theme").empty()},
        {"plan_number", plan_text("number")},
        {"period", format_date(campaign.period_start) + " – " + format_date(campaign.period_end)},
        {"deadline", format_date(campaign.deadline)},
        {"lock_date", format_date(campaign.lock_date)}}},
      {"unit",
       {{"name", unit.name},
        {"code", unit.code},
        {"kind", std::string(vietnamese_label(unit.kind))}}},
      {"status_label", status_label(report.status)},
      {"status_class", "st-" + std::string(to_string(report.status))},
      {"late", report.late},
      {"version", std::to_string(report.version)},
      {"updated_at", report.version > 0 ? format_date_time(report.updated_at) : ""},
      {"has_updated", report.version > 0},
      {"submitted_at", report.submitted_at ? format_date_time(*report.submitted_at) : ""},
      {"editable", input.editable},
      {"read_only", !input.editable},
      {"campaign_id", std::to_string(campaign.id)},
      {"storage_key", "llw-report-" + std::to_string(campaign.id) + "-" + unit.code},
      {"sections", std::move(sections)},
      {"has_flags", !flag_summary.empty()},
      {"flag_count", std::to_string(flag_summary.size())},
      {"flag_summary", std::move(flag_summary)},
      {"has_errors", !error_summary.empty()},
      {"error_summary", std::move(error_summary)},
      {"has_notice", !input.notice.empty()},
      {"notice", input.notice},
      {"population", std::move(population)},
      {"has_population", population_total > 0},
      {"population_total", std::to_string(population_total)},
      {"participants_total", format_count(participants)},
      {"participation_rate", participation_rate_text(participants, participants_population)},
      {"history", std::move(history)},
      {"has_history", !input.history.empty()},
  };
  view["error_count"] = std::to_string(view["error_summary"].size());

  if (input.theirs != nullptr) {
    // A stale save: show the saved version beside the user's, item by item where they differ.
    json rows = json::array();
    for (const FormItem* item : form.items()) {
      const json mine = values.contains(item->key) ? values.at(item->key) : json(nullptr);
      const json theirs = input.theirs->values.contains(item->key)
                              ? input.theirs->values.at(item->key)
                              : json(nullptr);
      const auto text = [&](const json& v) {
        if (item->type == ItemType::table) {
          return v.is_array() ? std::to_string(v.size()) + " dòng" : std::string("(trống)");
        }
        const std::string shown = display_text(item->type, v);
        return shown.empty() ? std::string("(trống)") : shown;
      };
      if (text(mine) == text(theirs)) continue;
      rows.push_back({{"label", item->label}, {"mine", text(mine)}, {"theirs", text(theirs)}});
    }
    view["conflict"] = {{"theirs_version", std::to_string(input.theirs->version)},
                        {"theirs_by", input.theirs_by},
                        {"theirs_at", format_date_time(input.theirs->updated_at)},
                        {"rows", std::move(rows)}};
    view["has_conflict"] = true;
    view["version"] = std::to_string(input.theirs->version);
  }
  return view;
}

PostedValues values_from_fields(const ReportForm& form,
                                const std::map<std::string, std::string>& fields) {
  PostedValues posted;
  for (const FormItem* item : form.items()) {
    if (item->type == ItemType::table) {
      const int rows = row_count(fields, *item);
      if (rows == 0) continue;
      json table = json::array();
      for (int r = 0; r < rows; ++r) {
        json row = json::object();
        for (const auto& column : item->columns) {
          const auto it =
              fields.find("t." + item->key + "." + std::to_string(r) + "." + column.key);
          if (it == fields.end()) continue;
          std::string error;
          json value = parse_field(column.type, it->second, error);
          if (!error.empty()) {
            posted.errors[item->key + "[" + std::to_string(r) + "]." + column.key] = error;
          }
          if (!value.is_null()) row[column.key] = std::move(value);
        }
        table.push_back(std::move(row));
      }
      posted.values[item->key] = std::move(table);
      continue;
    }
    const auto it = fields.find("f." + item->key);
    if (it == fields.end()) continue;
    std::string error;
    json value = parse_field(item->type, it->second, error);
    if (!error.empty()) posted.errors[item->key] = error;
    if (!value.is_null()) posted.values[item->key] = std::move(value);
  }
  return posted;
}

json without_unreadable(const json& values, const std::map<std::string, std::string>& errors) {
  json readable = values;
  for (const auto& [field, message] : errors) {
    const auto open = field.find('[');
    if (open == std::string::npos) {
      readable.erase(field);
      continue;
    }
    const auto close = field.find("].", open);
    if (close == std::string::npos) continue;
    const std::string key = field.substr(0, open);
    std::size_t row = 0;
    try {
      row = std::stoul(field.substr(open + 1, close - open - 1));
    } catch (const std::exception&) {
      continue;
    }
    if (readable.contains(key) && readable[key].is_array() && row < readable[key].size() &&
        readable[key][row].is_object()) {
      readable[key][row].erase(field.substr(close + 2));
    }
  }
  return readable;
}

json values_for_saving(const ReportForm& form, const json& values) {
  json saved = json::object();
  for (const auto& [key, value] : values.items()) {
    const FormItem* item = form.find_item(key);
    if (item != nullptr && item->type == ItemType::table && value.is_array()) {
      json rows = json::array();
      for (const auto& row : value) {
        if (!row_is_blank(row)) rows.push_back(row);
      }
      if (!rows.empty()) saved[key] = std::move(rows);
      continue;
    }
    if (!is_blank(value)) saved[key] = value;
  }
  return saved;
}

std::vector<std::string> empty_required_items(const ReportForm& form, const json& values) {
  std::vector<std::string> empty;
  for (const FormItem* item : form.items()) {
    const json value = values.contains(item->key) ? values.at(item->key) : json(nullptr);
    if (item->required && (is_blank(value) || (value.is_array() && value.empty()))) {
      empty.push_back(item->label);
    }
    if (item->type == ItemType::table && value.is_array()) {
      for (std::size_t r = 0; r < value.size(); ++r) {
        for (const auto& column : item->columns) {
          if (column.required &&
              (!value[r].contains(column.key) || is_blank(value[r].at(column.key)))) {
            empty.push_back(item->label + " — " + column.label + ", dòng " + std::to_string(r + 1));
          }
        }
      }
    }
  }
  return empty;
}

json plan_above_view(const LevelPlanSheet& sheet, const OrgUnit& unit) {
  const LevelPlan* issued = nullptr;
  for (const LevelPlan& plan : sheet.editions) {
    if (plan.status == PlanStatus::issued) issued = &plan;
  }
  if (issued == nullptr) return nullptr;
  json tasks = json::array();
  for (const json& assignment : assignments_for(issued->content, unit)) {
    json items = json::array();
    if (assignment.contains("tasks") && assignment.at("tasks").is_array()) {
      for (const json& task : assignment.at("tasks")) {
        if (task.is_string()) items.push_back(task);
      }
    }
    tasks.push_back({{"title", assignment.value("title", std::string())}, {"items", items}});
  }
  return {{"number", issued->number},
          {"issued_on", issued->issued_on ? format_date(*issued->issued_on) : std::string()},
          {"issuer", sheet.node.name},
          {"adjusted", issued->edition > 1},
          {"deadline", format_date(issued->deadline)},
          {"has_tasks", !tasks.empty()},
          {"tasks", std::move(tasks)}};
}

}  // namespace llw::pages
