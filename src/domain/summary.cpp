#include "summary.h"

#include <cmath>
#include <optional>
#include <set>

namespace llw {

using nlohmann::json;

namespace {

std::optional<double> number_of(const json& values, const std::string& key) {
  if (!values.is_object() || !values.contains(key)) return std::nullopt;
  const json& v = values.at(key);
  if (!v.is_number()) return std::nullopt;
  const double d = v.get<double>();
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

bool is_yes(const json& values, const std::string& key) {
  return values.is_object() && values.contains(key) && values.at(key).is_boolean() &&
         values.at(key).get<bool>();
}

void add(Contribution& c, const std::string& slot, double amount) {
  if (amount != 0) c[slot] += amount;
}

bool is_direction(const ReportForm& form, const std::string& key) {
  for (const auto& [d, label] : form.directions) {
    if (d == key) return true;
  }
  return false;
}

// One activity instance (a held activity or a row of an activity table) adds to its direction:
// the unit counts once per direction however many of its activities answer it.
void add_to_direction(Contribution& c, const ReportForm& form, const std::string& direction,
                      double sessions, double participants) {
  if (direction.empty() || !is_direction(form, direction)) return;
  const std::string prefix = "directions." + direction + ".";
  c[prefix + "units"] = 1;
  add(c, prefix + "held", 1);
  add(c, prefix + "sessions", sessions);
  add(c, prefix + "participants", participants);
}

// The measures of one scalar activity: its items by measure.
struct ActivityItems {
  const FormItem* held = nullptr;
  const FormItem* sessions = nullptr;
  const FormItem* participants = nullptr;
  const FormItem* direction = nullptr;
};

void add_activity_tables(Contribution& c, const ReportForm& form, const FormItem& table,
                         const json& values) {
  if (!values.contains(table.key) || !values.at(table.key).is_array()) return;
  const json& rows = values.at(table.key);
  bool any_row = false;
  for (const json& row : rows) {
    if (!row.is_object()) continue;
    any_row = true;
    double sessions = 0;
    double participants = 0;
    std::optional<double> quantity;
    std::string unit_of_measure;
    std::string direction = table.default_direction;
    for (const auto& column : table.columns) {
      const auto v = number_of(row, column.key);
      if (column.aggregate == AggregateRule::sum && v) add(c, column.summary, *v);
      if (column.measure == "quantity") quantity = v;
      if (column.measure == "unit_of_measure" && row.contains(column.key) &&
          row.at(column.key).is_string()) {
        unit_of_measure = row.at(column.key).get<std::string>();
      }
      if (column.measure == "sessions" && v) sessions = *v;
      if (column.measure == "participants" && v) participants = *v;
      if (column.measure == "direction" && row.contains(column.key) &&
          row.at(column.key).is_string()) {
        direction = row.at(column.key).get<std::string>();
      }
    }
    if (!table.activity.empty()) {
      add(c, "activities." + table.activity + ".held", 1);  // each row is one activity held
      add_to_direction(c, form, direction, sessions, participants);
    }
    if (quantity && !unit_of_measure.empty()) {
      add(c, "quantities." + table.key + "." + unit_of_measure, *quantity);
    }
  }
  if (!table.activity.empty() && any_row) c["activities." + table.activity + ".units"] = 1;
}

}  // namespace

UnitReport not_started_report(const Campaign& campaign, const OrgUnit& unit) {
  UnitReport report;
  report.campaign_id = campaign.id;
  report.unit_id = unit.id;
  report.unit_code = unit.code;
  report.status = ReportStatus::not_started;
  return report;
}

Contribution contribution_of(const Campaign& campaign, const OrgUnit& unit,
                             const UnitReport& report) {
  Contribution c;
  c["expected"] = 1;
  // The counters of the coordinator's dashboard (report_counts.h): per unit kind and per state.
  const std::string kind = "kinds." + std::string(to_string(unit.kind)) + ".";
  c[kind + "expected"] = 1;
  c["statuses." + std::string(to_string(report.status))] = 1;
  if (!campaign.counts(report.status)) return c;
  c["submitted"] = 1;
  c[report.late ? "late" : "on_time"] = 1;
  c[kind + "submitted"] = 1;
  if (report.late) c[kind + "late"] = 1;
  if (!campaign.form) return c;
  const ReportForm& form = *campaign.form;
  const json& values = report.values;

  std::map<std::string, ActivityItems> activities;
  for (const FormItem* item : form.items()) {
    if (item->type == ItemType::table) {
      // Plain tables' summed columns land in their summary paths too.
      add_activity_tables(c, form, *item, values);
      continue;
    }
    if (!item->activity.empty()) {
      auto& a = activities[item->activity];
      if (item->measure == "held") a.held = item;
      if (item->measure == "sessions") a.sessions = item;
      if (item->measure == "participants") a.participants = item;
      if (item->measure == "direction") a.direction = item;
    }
    switch (item->aggregate) {
      case AggregateRule::sum: {
        const double v = number_of(values, item->key).value_or(0);
        add(c, item->summary, v);
        // Every summed item also keeps its own total, for the annex and the totals map.
        if (item->summary != "totals." + item->key) add(c, "totals." + item->key, v);
        break;
      }
      case AggregateRule::count_yes:
        if (is_yes(values, item->key)) {
          add(c, item->summary, 1);
          if (item->summary != "totals." + item->key) add(c, "totals." + item->key, 1);
        }
        break;
      case AggregateRule::weighted_rate: {
        const auto v = number_of(values, item->key);
        const auto weight = unit.population.find(item->weight_group);
        if (v && weight != unit.population.end() && weight->second > 0) {
          const double w = static_cast<double>(weight->second);
          add(c, item->summary + ".num", *v * w);
          add(c, item->summary + ".den", w);
        }
        break;
      }
      case AggregateRule::none:
      case AggregateRule::texts_by_unit:
        break;
    }
  }

  for (const auto& [key, a] : activities) {
    if (!a.held || !is_yes(values, a.held->key)) continue;
    c["activities." + key + ".held"] = 1;
    std::string direction = a.held->default_direction;
    if (a.direction && values.contains(a.direction->key) &&
        values.at(a.direction->key).is_string()) {
      direction = values.at(a.direction->key).get<std::string>();
    }
    const double sessions = a.sessions ? number_of(values, a.sessions->key).value_or(0) : 0;
    const double participants =
        a.participants ? number_of(values, a.participants->key).value_or(0) : 0;
    add_to_direction(c, form, direction, sessions, participants);
  }

  // Each group the unit reported adds its participants and its own population; a group left
  // empty adds neither, so it does not dilute the rate.
  for (const GroupParticipation& g : participation_by_group(form, unit, values)) {
    const std::string prefix = "participation." + g.group + ".";
    add(c, prefix + "participants", g.participants);
    add(c, prefix + "population", g.population);
    add(c, "participation.population", g.population);
    // Keeps the group present in the aggregate even when both figures are 0.
    add(c, prefix + "units", 1);
  }
  return c;
}

std::vector<GroupParticipation> participation_by_group(const ReportForm& form, const OrgUnit& unit,
                                                       const nlohmann::json& values) {
  std::vector<GroupParticipation> groups;
  for (const auto& [group, label] : form.population_groups) {
    for (const FormItem* item : form.items()) {
      if (item->population_group != group) continue;
      const auto participants = number_of(values, item->key);
      if (!participants) continue;
      const auto population = unit.population.find(group);
      groups.push_back(
          {group, *participants,
           population == unit.population.end() ? 0.0 : static_cast<double>(population->second)});
    }
  }
  return groups;
}

Participation participation_of(const Campaign& campaign, const OrgUnit& unit,
                               const UnitReport& report) {
  Participation result;
  if (!campaign.counts(report.status) || !campaign.form) return result;
  for (const GroupParticipation& g : participation_by_group(*campaign.form, unit, report.values)) {
    result.participants += g.participants;
    result.population += g.population;
  }
  return result;
}

Contribution difference(const Contribution& after, const Contribution& before) {
  Contribution delta;
  for (const auto& [slot, amount] : after) {
    const auto it = before.find(slot);
    const double d = amount - (it == before.end() ? 0 : it->second);
    if (d != 0) delta[slot] = d;
  }
  for (const auto& [slot, amount] : before) {
    if (!after.count(slot) && amount != 0) delta[slot] = -amount;
  }
  return delta;
}

void add_into(Contribution& total, const Contribution& delta) {
  for (const auto& [slot, amount] : delta) {
    const double sum = (total[slot] += amount);
    // Slots that return to zero are dropped so an aggregate stays as sparse as its reports.
    if (sum == 0) total.erase(slot);
  }
}

std::string figures_cutoff_text(const Summary& summary) {
  if (summary.figures_at == 0) return "";
  return "Số liệu tính đến " + format_vietnamese_moment(summary.figures_at);
}

Summary summary_from_aggregate(const Campaign& campaign, const OrgUnit& node,
                               const Contribution& aggregate) {
  const auto slot = [&](const std::string& name) {
    const auto it = aggregate.find(name);
    return it == aggregate.end() ? 0.0 : it->second;
  };
  const auto whole = [&](const std::string& name) {
    return static_cast<std::int64_t>(std::llround(slot(name)));
  };
  const auto figures = [&](const std::string& prefix) {
    return ActivityFigures{whole(prefix + ".units"), whole(prefix + ".sessions"),
                           whole(prefix + ".participants"), whole(prefix + ".held")};
  };

  Summary s;
  s.unit_code = node.code;
  s.unit_name = node.name;
  s.expected = whole("expected");
  s.submitted = whole("submitted");
  s.on_time = whole("on_time");
  s.late = whole("late");
  s.missing_count = std::max<std::int64_t>(0, s.expected - s.submitted);
  s.participants = whole("participation.participants");
  s.population = whole("participation.population");
  s.participation_rate =
      s.population > 0 ? static_cast<double>(s.participants) / static_cast<double>(s.population)
                       : 0.0;
  if (campaign.form) {
    for (const auto& [group, label] : campaign.form->population_groups) {
      const std::string prefix = "participation." + group + ".";
      GroupFigures g;
      g.group = group;
      g.label = label;
      g.units = whole(prefix + "units");
      g.participants = whole(prefix + "participants");
      g.population = whole(prefix + "population");
      g.rate = g.population > 0
                   ? static_cast<double>(g.participants) / static_cast<double>(g.population)
                   : 0.0;
      s.participation_groups.push_back(std::move(g));
    }
  }

  // Slots present in the aggregate first, so figures no form item names still show.
  for (const auto& [name, amount] : aggregate) {
    if (name.rfind("quantities.", 0) == 0) {
      // "quantities.<table>.<unit>": the table key has no dot, the unit may.
      const auto dot = name.find('.', 11);
      if (dot != std::string::npos) {
        s.quantities[name.substr(11, dot - 11)][name.substr(dot + 1)] = amount;
      }
    }
    if (name.rfind("totals.", 0) == 0) s.totals[name.substr(7)] = amount;
    if (name.rfind("commendations.", 0) == 0) {
      s.commendations[name.substr(14)] = std::llround(amount);
    }
  }
  if (campaign.form) {
    const ReportForm& form = *campaign.form;
    for (const FormItem* item : form.items()) {
      const std::string& path = item->summary;
      if (item->aggregate == AggregateRule::sum || item->aggregate == AggregateRule::count_yes) {
        s.totals[item->key] = slot("totals." + item->key);
        if (path.rfind("totals.", 0) == 0) s.totals[path.substr(7)] = slot(path);
        if (path.rfind("commendations.", 0) == 0) {
          s.commendations[path.substr(14)] = whole(path);
        }
      }
      if (item->aggregate == AggregateRule::weighted_rate) {
        const double den = slot(path + ".den");
        s.rates[item->key] = den > 0 ? slot(path + ".num") / den : 0.0;
      }
      if (item->aggregate == AggregateRule::texts_by_unit) {
        const std::string part = path.substr(path.find('.') + 1);
        s.narratives[part];
        s.narrative_counts[part];
      }
      for (const auto& column : item->columns) {
        if (column.aggregate == AggregateRule::sum && column.summary.rfind("totals.", 0) == 0) {
          s.totals[column.summary.substr(7)] = slot(column.summary);
        }
      }
    }
    for (const auto& activity : form.activities()) {
      s.activities[activity.key] = figures("activities." + activity.key);
    }
    for (const auto& [direction, label] : form.directions) {
      s.directions[direction] = figures("directions." + direction);
    }
  }
  return s;
}

std::string narrative_part_of(const FormItem& item) {
  const auto dot = item.summary.find('.');
  return dot == std::string::npos ? item.key : item.summary.substr(dot + 1);
}

std::set<std::string> narrative_parts(const ReportForm& form) {
  std::set<std::string> parts;
  for (const FormItem* item : form.items()) {
    if (item->aggregate == AggregateRule::texts_by_unit) parts.insert(narrative_part_of(*item));
  }
  return parts;
}

std::map<std::string, std::string> narrative_texts(const ReportForm& form,
                                                   const nlohmann::json& values) {
  std::map<std::string, std::string> texts;
  if (!values.is_object()) return texts;
  for (const FormItem* item : form.items()) {
    if (item->aggregate != AggregateRule::texts_by_unit) continue;
    if (!values.contains(item->key) || !values.at(item->key).is_string()) continue;
    const auto& text = values.at(item->key).get_ref<const std::string&>();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    const std::string part = narrative_part_of(*item);
    // Two items feeding one part are joined as paragraphs.
    auto& slot = texts[part];
    slot += (slot.empty() ? "" : "\n\n") + text;
  }
  return texts;
}

}  // namespace llw
