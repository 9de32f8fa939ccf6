#include "report_flags.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "campaign_year.h"
#include "clock.h"
#include "text.h"

namespace llw {

using nlohmann::json;
using std::chrono::year_month_day;

namespace {

std::optional<double> number_in(const json& object, const std::string& key) {
  if (key.empty() || !object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  const double v = it->get<double>();
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::string amount(double value) { return format_vietnamese_number(value); }

// The window a campaign's dates must fall in, and how to say each side of it.
struct DateWindow {
  year_month_day week_start{}, week_end{};
  year_month_day earliest{};  // the plan's date, or the first day of the campaign's year
  std::string earliest_text;  // "ngày ban hành Kế hoạch số 83/KH-UBND (01/10/2025)"
  year_month_day latest{};    // the report's own date
};

DateWindow window_of(const Campaign& campaign, year_month_day report_date) {
  DateWindow w;
  w.week_start = campaign.period_start;
  w.week_end = campaign.period_end;
  w.latest = report_date;
  w.earliest =
      year_month_day{std::chrono::year{campaign.year}, std::chrono::January, std::chrono::day{1}};
  w.earliest_text = "năm " + std::to_string(campaign.year) + " của Tuần lễ";
  const json& plan = campaign.plan;
  if (plan.is_object() && plan.contains("issued_on") && plan.at("issued_on").is_string()) {
    if (auto issued = parse_iso_date(plan.at("issued_on").get<std::string>())) {
      w.earliest = *issued;
      std::string number = plan.value("number", std::string());
      w.earliest_text = "ngày ban hành Kế hoạch" + (number.empty() ? "" : " số " + number) + " (" +
                        format_vietnamese_date(*issued) + ")";
    }
  }
  return w;
}

void check_date(const DateWindow& w, const std::string& within, const std::string& field,
                const json& value, std::vector<ReportFlag>& flags) {
  if (!value.is_string()) return;
  const auto date = parse_iso_date(value.get<std::string>());
  if (!date) return;
  const std::string said = "Ngày " + format_vietnamese_date(*date);
  if (within == "week") {
    if (*date < w.week_start || *date > w.week_end) {
      flags.push_back({field, said + " nằm ngoài thời gian Tuần lễ (" +
                                  format_vietnamese_date(w.week_start) + " – " +
                                  format_vietnamese_date(w.week_end) + "); hãy kiểm tra lại."});
    }
    return;
  }
  if (*date < w.earliest) {
    flags.push_back(
        {field, said + " trước " + w.earliest_text + "; hãy kiểm tra lại năm và ngày."});
  } else if (*date > w.latest) {
    flags.push_back({field, said + " sau ngày báo cáo (" + format_vietnamese_date(w.latest) +
                                "); hãy kiểm tra lại."});
  }
}

void flag_dates(const ReportForm& form, const DateWindow& w, const json& values,
                std::vector<ReportFlag>& flags) {
  for (const FormItem* item : form.items()) {
    const auto it = values.find(item->key);
    if (it == values.end()) continue;
    if (item->type == ItemType::date) check_date(w, item->within, item->key, *it, flags);
    if (item->type != ItemType::table || !it->is_array()) continue;
    for (std::size_t row = 0; row < it->size(); ++row) {
      const json& cells = (*it)[row];
      if (!cells.is_object()) continue;
      for (const TableColumn& column : item->columns) {
        if (column.type != ItemType::date || !cells.contains(column.key)) continue;
        check_date(w, column.within, item->key + "[" + std::to_string(row) + "]." + column.key,
                   cells.at(column.key), flags);
      }
    }
  }
}

// One held activity's figures and where to flag each of them.
struct HeldActivity {
  std::optional<double> sessions, participants;
  std::string sessions_field, participants_field, held_field;
  bool table_row = false;  // a row of an activity table: no "Có" was chosen
};

void check_activity(const HeldActivity& a, double headcount, std::vector<ReportFlag>& flags) {
  const bool has_sessions = a.sessions && *a.sessions > 0;
  const bool has_participants = a.participants && *a.participants > 0;
  if (!a.sessions && !a.participants) {
    flags.push_back(
        {a.held_field, std::string(a.table_row ? "Hoạt động này" : "Đã chọn “Có” nhưng") +
                           " chưa có số buổi, lớp và số lượt người tham gia (để trống là không có "
                           "số liệu, không phải 0)."});
    return;
  }
  if (has_participants && !has_sessions && !a.sessions_field.empty()) {
    flags.push_back({a.sessions_field, "Có " + amount(*a.participants) +
                                           " lượt người tham gia nhưng số buổi, lớp " +
                                           (a.sessions ? "bằng 0" : "để trống") +
                                           "; hãy nhập số buổi, lớp đã tổ chức."});
  }
  if (has_sessions && !has_participants && !a.participants_field.empty()) {
    flags.push_back({a.participants_field, "Có " + amount(*a.sessions) +
                                               " buổi, lớp nhưng số lượt người tham gia " +
                                               (a.participants ? "bằng 0" : "để trống") +
                                               "; hãy nhập số lượt người tham gia."});
  }
  // Each person takes part at most once per session: more participations than that cannot be.
  if (has_participants && headcount > 0) {
    const double sessions = has_sessions ? *a.sessions : 1;
    const double possible = headcount * sessions;
    if (*a.participants > possible) {
      flags.push_back({a.participants_field,
                       amount(*a.participants) + " lượt người vượt quá số có thể: đơn vị có " +
                           amount(headcount) + " người và " + amount(sessions) +
                           " buổi, lớp, mỗi người tham gia nhiều nhất một lần mỗi buổi (tối đa " +
                           amount(possible) + " lượt). Hãy kiểm tra lại số liệu."});
    }
  }
}

void flag_activities(const ReportForm& form, const OrgUnit& unit, const json& values,
                     std::vector<ReportFlag>& flags) {
  double headcount = 0;
  for (const auto& [group, label] : form.population_groups) {
    if (auto it = unit.population.find(group); it != unit.population.end()) {
      headcount += static_cast<double>(it->second);
    }
  }
  std::map<std::string, HeldActivity> scalar;
  std::map<std::string, bool> held;
  for (const FormItem* item : form.items()) {
    if (item->activity.empty()) continue;
    if (item->type == ItemType::table) {
      const auto rows = values.find(item->key);
      if (rows == values.end() || !rows->is_array()) continue;
      for (std::size_t row = 0; row < rows->size(); ++row) {
        const json& cells = (*rows)[row];
        if (!cells.is_object()) continue;
        HeldActivity a;
        a.table_row = true;
        const std::string prefix = item->key + "[" + std::to_string(row) + "].";
        for (const TableColumn& column : item->columns) {
          if (column.measure == "sessions") {
            a.sessions = number_in(cells, column.key);
            a.sessions_field = prefix + column.key;
          } else if (column.measure == "participants") {
            a.participants = number_in(cells, column.key);
            a.participants_field = prefix + column.key;
          } else if (column.measure == "name") {
            a.held_field = prefix + column.key;
          }
        }
        if (a.held_field.empty()) a.held_field = item->key;
        check_activity(a, headcount, flags);
      }
      continue;
    }
    HeldActivity& a = scalar[item->activity];
    if (item->measure == "held") {
      a.held_field = item->key;
      held[item->activity] = values.contains(item->key) && values.at(item->key).is_boolean() &&
                             values.at(item->key).get<bool>();
    } else if (item->measure == "sessions") {
      a.sessions = number_in(values, item->key);
      a.sessions_field = item->key;
    } else if (item->measure == "participants") {
      a.participants = number_in(values, item->key);
      a.participants_field = item->key;
    }
  }
  for (const auto& [activity, a] : scalar) {
    if (held[activity]) check_activity(a, headcount, flags);
  }
}

// Quantities a table of the report adds up to, per unit of measure, and its single rows.
struct StatedParts {
  std::string label;  // the table's label, to name it in the message
  std::map<std::string, double> totals;
  std::map<std::string, std::set<double>> rows;
};

StatedParts parts_of(const FormItem& table, const json& rows) {
  StatedParts parts;
  parts.label = table.label;
  std::string quantity_key, unit_key;
  for (const TableColumn& column : table.columns) {
    if (column.measure == "quantity") quantity_key = column.key;
    if (column.measure == "unit_of_measure") unit_key = column.key;
  }
  for (const json& row : rows) {
    const auto quantity = number_in(row, quantity_key);
    if (!quantity || !row.contains(unit_key) || !row.at(unit_key).is_string()) continue;
    const std::string unit = row.at(unit_key).get<std::string>();
    parts.totals[unit] += *quantity;
    parts.rows[unit].insert(*quantity);
  }
  return parts;
}

// `text` matched literally inside a regular expression (units of measure are form data).
std::string regex_literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// "71", "1.200", "34.500.000": a whole number as Vietnamese texts write it.
std::optional<double> whole_number(const std::string& digits) {
  std::string plain;
  for (char c : digits) {
    if (c != '.') plain += c;
  }
  if (plain.empty() || plain.size() > 15) return std::nullopt;
  return std::stod(plain);
}

// Every "<number> <unit>" a text states for the units `parts` has rows in, that is neither the
// rows' total nor one of the rows: "71 suất" where the rows add up to 69.
void check_stated(const StatedParts& parts, const std::string& field, const std::string& text,
                  std::vector<ReportFlag>& flags) {
  for (const auto& [unit, total] : parts.totals) {
    const std::regex mention("(^|[^0-9.,])([0-9]{1,3}(?:\\.[0-9]{3})+|[0-9]+)[ \t]+" +
                             regex_literal(unit));
    for (auto it = std::sregex_iterator(text.begin(), text.end(), mention);
         it != std::sregex_iterator(); ++it) {
      const std::size_t end = static_cast<std::size_t>(it->position(0) + it->length(0));
      // "đồng chí" (comrade) is not an amount of đồng.
      if (unit == "đồng" && text.compare(end, 5, " chí") == 0) continue;
      const auto stated = whole_number((*it)[2].str());
      if (!stated || *stated == total || parts.rows.at(unit).count(*stated)) continue;
      flags.push_back({field, "Ghi " + amount(*stated) + " " + unit + ", nhưng các dòng của “" +
                                  parts.label + "” cộng lại " + amount(total) + " " + unit +
                                  "; hãy sửa cho khớp."});
    }
  }
}

// Calls `visit(field, text)` for every free text of the report: text items and the text cells of
// tables, named as validate_values names them.
template <typename Visit>
void for_each_text(const ReportForm& form, const json& values, Visit visit) {
  for (const FormItem* item : form.items()) {
    const auto it = values.find(item->key);
    if (it == values.end()) continue;
    if ((item->type == ItemType::short_text || item->type == ItemType::narrative) &&
        it->is_string()) {
      visit(item->key, it->get_ref<const std::string&>());
    }
    if (item->type != ItemType::table || !it->is_array()) continue;
    for (std::size_t row = 0; row < it->size(); ++row) {
      const json& cells = (*it)[row];
      if (!cells.is_object()) continue;
      for (const TableColumn& column : item->columns) {
        const auto cell = cells.find(column.key);
        if (column.type != ItemType::short_text || cell == cells.end() || !cell->is_string()) {
          continue;
        }
        visit(item->key + "[" + std::to_string(row) + "]." + column.key,
              cell->get_ref<const std::string&>());
      }
    }
  }
}

void flag_stated_totals(const ReportForm& form, const json& values,
                        std::vector<ReportFlag>& flags) {
  std::vector<StatedParts> tables;
  for (const FormItem* item : form.items()) {
    if (item->type != ItemType::table || !values.contains(item->key) ||
        !values.at(item->key).is_array()) {
      continue;
    }
    const bool quantities =
        std::any_of(item->columns.begin(), item->columns.end(),
                    [](const TableColumn& c) { return c.measure == "quantity"; });
    if (!quantities) continue;
    StatedParts parts = parts_of(*item, values.at(item->key));
    if (!parts.totals.empty()) tables.push_back(std::move(parts));
  }
  if (tables.empty()) return;
  for_each_text(form, values, [&](const std::string& field, const std::string& text) {
    for (const StatedParts& parts : tables) check_stated(parts, field, text, flags);
  });
}

// Every free text that names a year other than the campaign's: a paragraph copied from last
// year's report.
void flag_other_years(const ReportForm& form, int year, const json& values,
                      std::vector<ReportFlag>& flags) {
  for_each_text(form, values, [&](const std::string& field, const std::string& text) {
    const auto years = years_contradicting(text, year);
    if (years.empty()) return;
    flags.push_back({field, years_contradicting_message(years, year) +
                                " Hãy kiểm tra lại nội dung (có thể chép từ báo cáo năm trước)."});
  });
}

}  // namespace

std::vector<ReportFlag> report_flags(const Campaign& campaign, const OrgUnit& unit,
                                     const nlohmann::json& values, year_month_day report_date) {
  std::vector<ReportFlag> flags;
  if (!campaign.form || !values.is_object()) return flags;
  flag_dates(*campaign.form, window_of(campaign, report_date), values, flags);
  flag_activities(*campaign.form, unit, values, flags);
  flag_stated_totals(*campaign.form, values, flags);
  if (campaign.year > 0) flag_other_years(*campaign.form, campaign.year, values, flags);
  return flags;
}

}  // namespace llw
