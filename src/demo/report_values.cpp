#include "demo/report_values.h"

#include <algorithm>
#include <cmath>

#include "demo/report_texts.h"
#include "domain/report.h"
#include "domain/text.h"

namespace llw::demo {
namespace {

using nlohmann::json;

std::string fit(std::string text, std::optional<double> max) {
  // The pools are far below every sensible limit; a form with a tiny limit gets a short word
  // rather than a text cut in the middle of a character.
  if (max && utf8_length(text) > std::size_t(*max)) return std::size_t(*max) >= 2 ? "Có" : "";
  return text;
}

double clamp_to(const std::optional<double>& min, const std::optional<double>& max, double v) {
  if (max && v > *max) v = *max;
  if (min && v < *min) v = *min;
  return v;
}

// Generates values from the form's item types, measures and rules, so any form gets values that

}  // namespace

class ValueGenerator::Impl {
 public:
  Impl(const ReportForm& form, int year) : form_(form), items_(form.items()), year_(year) {
    for (const CrossRule& rule : form.rules) {
      if (rule.kind == CrossRule::Kind::at_most_population)
        population_group_[rule.item] = rule.group;
    }
    for (const ActivityInfo& a : form.activities()) direction_[a.key] = a.default_direction;
    for (const auto& [key, label] : form.directions) directions_.push_back(key);
  }

  json generate(const OrgUnit& unit, Rng& rng, bool complete, const std::string& plan_number) {
    json values = json::object();
    std::int64_t population_total = 0;
    for (const auto& [group, n] : unit.population) population_total += n;
    const bool school = unit.kind == UnitKind::school;
    std::map<std::string, bool> held;

    for (const FormItem* item : items_) {
      const std::string& key = item->key;
      switch (item->type) {
        case ItemType::yes_no: {
          if (item->measure == "held") {
            const bool school_only = item->activity == "flag_talk" || item->activity == "stem" ||
                                     item->activity == "extracurricular" ||
                                     item->activity == "art_clubs";
            double p = school ? 0.8 : (school_only ? 0.1 : 0.45);
            held[item->activity] = rng.chance(p);
            values[key] = held[item->activity];
          } else {
            values[key] = rng.chance(0.6);
          }
          break;
        }
        case ItemType::count:
        case ItemType::number: {
          double v = 0;
          if (!item->activity.empty()) {
            const bool on = held.count(item->activity) ? held[item->activity] : rng.chance(0.5);
            if (!on) {
              break;  // an activity not held leaves its figures empty, as a person would
            } else if (item->measure == "sessions") {
              v = double(rng.between(1, school ? 6 : 3));
            } else if (item->measure == "participants") {
              // Villages, departments and organizations run activities for the community, so
              // their participants are not bounded by their own staff.
              std::int64_t cap =
                  school ? population_total : std::max<std::int64_t>(population_total, 80);
              std::int64_t lo = std::min<std::int64_t>(cap, 15);
              v = double(rng.between(lo, std::max(lo, std::int64_t(double(cap) * 0.6))));
            } else {
              v = double(rng.between(0, 5));
            }
          } else if (auto g = population_group_.find(key); g != population_group_.end()) {
            auto p = unit.population.find(g->second);
            // Pupils and staff mostly take part; parents and residents less so.
            const bool close = g->second == "students" || g->second == "staff";
            const double share = close ? rng.uniform(0.7, 0.98) : rng.uniform(0.2, 0.6);
            v = p == unit.population.end() ? 0 : std::floor(double(p->second) * share);
          } else if (item->summary.rfind("commendations.", 0) == 0) {
            v = double(key.find("individual") != std::string::npos ? rng.between(0, 12)
                                                                   : rng.between(0, 3));
          } else if (key.find("banner") != std::string::npos) {
            v = double(rng.between(1, 8));
          } else {
            v = double(rng.between(0, school ? 6 : 4));
          }
          values[key] = std::int64_t(clamp_to(item->min, item->max, v));
          break;
        }
        case ItemType::percent:
          values[key] = clamp_to(item->min, item->max, double(rng.between(50, 100)));
          break;
        case ItemType::date:
          values[key] = october_date(rng.between(1, 7));
          break;
        case ItemType::short_text:
          values[key] = fit(key.find("form") != std::string::npos ? rng.pick(reward_forms)
                                                                  : rng.pick(generic_texts),
                            item->max);
          break;
        case ItemType::narrative:
          // The parts the summary gathers are always written; the others only by some units.
          if (item->aggregate == AggregateRule::texts_by_unit || rng.chance(0.5)) {
            values[key] = fit(rng.pick(texts_for(key)), item->max);
          }
          break;
        case ItemType::choice: {
          if (item->choices.empty()) break;
          if (item->measure == "direction") {
            auto h = held.find(item->activity);
            if (h != held.end() && !h->second) break;  // an activity not held has no direction
            const std::string& d = direction_[item->activity];
            bool usable =
                std::find(item->choices.begin(), item->choices.end(), d) != item->choices.end();
            values[key] = usable && rng.chance(0.8) ? d : rng.pick(item->choices);
          } else {
            values[key] = rng.pick(item->choices);
          }
          break;
        }
        case ItemType::table:
          values[key] = table_rows(*item, unit, rng, plan_number);
          break;
      }
    }
    apply_rules(values);
    if (!complete) keep_first_part(values, rng);
    return values;
  }

  // Makes `values` pass validation by resetting or dropping what the validator names; returns
  // false when that was not enough.
  bool repair(json& values, const OrgUnit& unit, bool for_submit) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      auto problems = validate_values(form_, unit, values, for_submit);
      if (problems.empty()) return true;
      for (const auto& [field, message] : problems) {
        std::string key = field.substr(0, field.find_first_of("[."));
        const FormItem* item = form_.find_item(key);
        if (item &&
            (item->type == ItemType::count || item->type == ItemType::number ||
             item->type == ItemType::percent) &&
            !(item->min && *item->min > 0)) {
          values[key] = 0;
        } else {
          values.erase(key);
        }
      }
    }
    return validate_values(form_, unit, values, for_submit).empty();
  }

 private:
  // "<year>-10-0<day>", a day of the week in October (day 1–9).
  std::string october_date(std::int64_t day) const {
    return std::to_string(year_) + "-10-0" + std::to_string(day);
  }

  json table_rows(const FormItem& item, const OrgUnit& unit, Rng& rng,
                  const std::string& plan_number) {
    json rows = json::array();
    int count = !item.activity.empty() ? int(rng.between(0, 2)) : int(rng.between(1, 2));
    if (item.max_rows) count = std::min(count, *item.max_rows);
    for (int r = 0; r < count; ++r) {
      json row = json::object();
      for (const TableColumn& column : item.columns) {
        const std::string& key = column.key;
        switch (column.type) {
          case ItemType::count:
          case ItemType::number:
          case ItemType::percent: {
            double v = column.measure == "participants" ? double(rng.between(20, 150))
                                                        : double(rng.between(1, 3));
            row[key] = std::int64_t(clamp_to(column.min, column.max, v));
            break;
          }
          case ItemType::date:
            row[key] = october_date(r == 0 ? 1 : rng.between(2, 3));
            break;
          case ItemType::choice:
            if (!column.choices.empty()) row[key] = rng.pick(column.choices);
            break;
          case ItemType::yes_no:
            row[key] = rng.chance(0.7);
            break;
          case ItemType::short_text:
          case ItemType::narrative: {
            std::string text;
            const bool number = key.find("number") != std::string::npos;
            if (column.measure == "name" || (!number && !item.activity.empty())) {
              text = rng.pick(other_activity_names);
            } else if (number) {
              text = r == 0 ? plan_number
                            : std::to_string(rng.between(10, 150)) + "/KH-" +
                                  unit.code.substr(unit.code.rfind('-') + 1);
            } else {
              const std::string week =
                  "Tuần lễ hưởng ứng học tập suốt đời năm " + std::to_string(year_);
              text = r == 0 ? "Kế hoạch tổ chức " + week
                            : "Kế hoạch triển khai " + week + " tại đơn vị";
            }
            row[key] = fit(text, column.max);
            break;
          }
          case ItemType::table:
            break;
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void apply_rules(json& values) {
    auto number = [&](const std::string& key) -> std::optional<double> {
      if (!values.contains(key) || !values[key].is_number()) return std::nullopt;
      return values[key].get<double>();
    };
    auto yes = [&](const std::string& key) {
      return values.contains(key) && values[key].is_boolean() && values[key].get<bool>();
    };
    for (const CrossRule& rule : form_.rules) {
      switch (rule.kind) {
        case CrossRule::Kind::at_most_item: {
          auto v = number(rule.item);
          auto limit = number(rule.other);
          if (v && limit && *v > *limit) values[rule.item] = std::int64_t(*limit);
          break;
        }
        case CrossRule::Kind::zero_unless_yes:
          if (!yes(rule.other) && number(rule.item)) values[rule.item] = 0;
          break;
        case CrossRule::Kind::required_if_yes:
          if (yes(rule.other) && !values.contains(rule.item)) {
            if (const FormItem* item = form_.find_item(rule.item)) {
              if (item->type == ItemType::short_text || item->type == ItemType::narrative) {
                values[rule.item] = generic_texts.front();
              } else if (item->type == ItemType::count || item->type == ItemType::number) {
                values[rule.item] = 1;
              }
            }
          }
          break;
        case CrossRule::Kind::at_most_population:
          break;  // generated within the population already
      }
    }
  }

  // A draft: the first 30–70 % of the form in its order, as someone filling it top-down would.
  void keep_first_part(json& values, Rng& rng) {
    std::size_t keep = std::size_t(double(items_.size()) * rng.uniform(0.3, 0.7));
    for (std::size_t i = keep; i < items_.size(); ++i) values.erase(items_[i]->key);
  }

  const ReportForm& form_;
  std::vector<const FormItem*> items_;
  std::map<std::string, std::string> population_group_;
  std::map<std::string, std::string> direction_;
  std::vector<std::string> directions_;
  int year_;
};

ValueGenerator::ValueGenerator(const ReportForm& form, int year)
    : impl_(std::make_unique<Impl>(form, year)) {}
ValueGenerator::~ValueGenerator() = default;

json ValueGenerator::generate(const OrgUnit& unit, Rng& rng, bool complete,
                              const std::string& plan_number) {
  return impl_->generate(unit, rng, complete, plan_number);
}

bool ValueGenerator::repair(json& values, const OrgUnit& unit, bool for_submit) {
  return impl_->repair(values, unit, for_submit);
}

}  // namespace llw::demo
