#include "year_comparison.h"

#include <cmath>
#include <cstdlib>
#include <map>

#include "text.h"

namespace llw {

std::string change_text(double current, std::optional<double> previous, bool rate) {
  if (!previous) return std::string(kNotApplicable);
  if (rate) {
    // Compared as shown, to one decimal, so "62,5%" beside "62,5%" never says "tăng 0".
    const long long tenths = std::llround(current * 10) - std::llround(*previous * 10);
    if (tenths == 0) return "không đổi";
    return std::string(tenths > 0 ? "tăng " : "giảm ") +
           format_vietnamese_number(static_cast<double>(std::llabs(tenths)) / 10) + " điểm %";
  }
  const double change = current - *previous;
  if (std::fabs(change) < 1e-9) return "không đổi";
  std::string text =
      std::string(change > 0 ? "tăng " : "giảm ") + format_vietnamese_number(std::fabs(change));
  if (*previous > 0) text += " (" + format_vietnamese_percent(std::fabs(change) / *previous) + ")";
  return text;
}

Contribution renamed_to_form(const Contribution& previous, const ReportForm& form) {
  std::map<std::string, std::string> renamed;  // old key → this year's key
  for (const FormItem* item : form.items()) {
    for (const std::string& old_key : item->previous_keys) renamed.emplace(old_key, item->key);
  }
  if (renamed.empty()) return previous;
  Contribution result;
  for (const auto& [slot, amount] : previous) {
    const auto dot = slot.find('.');
    const std::string area = dot == std::string::npos ? "" : slot.substr(0, dot);
    if (area == "totals" || area == "rates" || area == "quantities") {
      const auto end = slot.find('.', dot + 1);
      const std::string key = slot.substr(dot + 1, end == std::string::npos ? end : end - dot - 1);
      if (const auto it = renamed.find(key); it != renamed.end()) {
        const std::string rest = end == std::string::npos ? "" : slot.substr(end);
        result[area + "." + it->second + rest] += amount;
        continue;
      }
    }
    result[slot] += amount;
  }
  return result;
}

std::set<std::string> keys_carried_over(const ReportForm& form, const ReportForm& previous_form) {
  std::set<std::string> before;
  for (const FormItem* item : previous_form.items()) before.insert(item->key);
  std::set<std::string> carried;
  for (const FormItem* item : form.items()) {
    bool found = before.count(item->key) != 0;
    for (const std::string& old_key : item->previous_keys) found = found || before.count(old_key);
    if (found) carried.insert(item->key);
  }
  return carried;
}

namespace {

double found_or_zero(const std::map<std::string, double>& figures, const std::string& key) {
  const auto it = figures.find(key);
  return it == figures.end() ? 0.0 : it->second;
}

}  // namespace

YearComparison compare_years(const ReportForm& form, const Summary& current,
                             const Summary& previous, const std::set<std::string>& carried) {
  YearComparison result;
  const auto add = [&](std::string id, std::string label, bool rate, double now,
                       std::optional<double> before) {
    FigureComparison figure{std::move(id), std::move(label), rate, now, before, ""};
    figure.change = change_text(now, before, rate);
    result.figures.push_back(std::move(figure));
  };
  for (const FormItem* item : form.items()) {
    const bool was = carried.count(item->key) != 0;
    if ((item->aggregate == AggregateRule::sum || item->aggregate == AggregateRule::count_yes) &&
        item->activity.empty() && item->type != ItemType::table) {
      const double before = found_or_zero(previous.totals, item->key);
      add("totals." + item->key, item->label, false, found_or_zero(current.totals, item->key),
          was ? std::optional<double>(before) : std::nullopt);
    } else if (item->aggregate == AggregateRule::weighted_rate) {
      const double before = found_or_zero(previous.rates, item->key);
      add("rates." + item->key, item->label, true, found_or_zero(current.rates, item->key),
          was ? std::optional<double>(before) : std::nullopt);
    }
  }
  add("participation.participants", "Người tham gia (các nhóm có số liệu)", false,
      static_cast<double>(current.participants), static_cast<double>(previous.participants));
  // The participation rate is weighted: last year's participants over last year's population.
  add("participation.rate", "Tỷ lệ người tham gia", true, current.participation_rate * 100,
      previous.population > 0 ? std::optional<double>(previous.participation_rate * 100)
                              : std::nullopt);
  for (const ActivityInfo& activity : form.activities()) {
    const auto now = current.activities.find(activity.key);
    const auto before = previous.activities.find(activity.key);
    const ActivityFigures n = now == current.activities.end() ? ActivityFigures{} : now->second;
    const ActivityFigures b =
        before == previous.activities.end() ? ActivityFigures{} : before->second;
    add("activities." + activity.key + ".held", activity.label + " — số hoạt động", false,
        static_cast<double>(n.held), static_cast<double>(b.held));
    add("activities." + activity.key + ".participants",
        activity.label + " — số lượt người tham gia", false, static_cast<double>(n.participants),
        static_cast<double>(b.participants));
  }
  return result;
}

}  // namespace llw
