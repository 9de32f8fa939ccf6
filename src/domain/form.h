#pragma once
// The report form (đề cương báo cáo) as data: sections of typed items, each with validation and
// an aggregation rule. Loaded from forms/*.json; adding an item needs no C++ change.
//
// The form file (docs/form-format.md has the full reference and examples):
//
//   {"id": "llw-2025", "title": "Đề cương …", "version": 1,
//    "population_groups": [{"key": "students", "label": "Học sinh"}, …],   // [a-z_]{1,32}
//    "directions": [{"key": "a", "label": "…"}, …, {"key": "đ", …}, …],     // the plan's II.3
//    "sections": [{"key": "II.1", "title": "…", "items": [ITEM, …]}, …],
//    "rules": [{"kind": "zero_unless_yes", "item": "stem_sessions", "other": "stem_held",
//               "message": "…"}, …]}
//
//   ITEM = {"key": "banners",                 // [a-z0-9_]{1,64}, unique in the form
//           "label": "Số pano, băng zôn …", "help": "…",
//           "type": "count|percent|number|date|short_text|narrative|yes_no|choice|table",
//           "required": false,                // checked on submit only
//           "min": 0, "max": 100,             // numbers; for texts, lengths in characters
//           "choices": ["x", "y"],            // choice only, non-empty
//           "columns": [COLUMN, …], "max_rows": 50,   // table only (default 200 rows)
//           "aggregate": "none|sum|count_yes|weighted_rate|texts_by_unit",
//           "weight_group": "students",       // weighted_rate only
//           "summary": "totals.banners",      // where the aggregate lands (see below)
//           "activity": "stem", "measure": "held|sessions|participants|direction",
//           "default_direction": "đ",         // on the activity's held item
//           "population_group": "students",   // participant counts: whose count it is
//           "within": "week"}                 // dates: the week, or "campaign" (default)
//   COLUMN = {"key", "label", "type" (not table), "required", "min", "max", "choices",
//             "aggregate": "none|sum", "summary", "measure":
//             "name|direction|sessions|participants", "within": "week|campaign"}
//
// Summary paths by rule: sum → totals.<k> (default totals.<key>), activities.<a>.sessions|
// participants, participation.participants, commendations.<k>; count_yes → totals.<k>,
// activities.<a>.units; weighted_rate → rates.<k>; texts_by_unit → narratives.<k>; none → none.
// An activity's held item defaults to count_yes → activities.<a>.units, its sessions and
// participants items to sum → activities.<a>.<measure>; a table item with `activity` holds one
// activity per row (the 2025 form's "other"). Every field not listed here is an error, so a
// misspelt field is caught at load rather than silently ignored.

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llw {

enum class ItemType { count, percent, number, date, short_text, narrative, yes_no, choice, table };

// How an item's values over a subtree become the consolidated figure.
enum class AggregateRule {
  none,           // not aggregated (free text kept only in the unit's report)
  sum,            // numbers added
  count_yes,      // number of units answering yes
  weighted_rate,  // sum(value × weight) / sum(weight); the weight is a population group
  texts_by_unit,  // list of {unit, text}
};

// A column of a table item (rows are arrays of objects keyed by column key).
struct TableColumn {
  std::string key;
  std::string label;
  ItemType type = ItemType::short_text;  // never table
  bool required = false;
  std::optional<double> min;
  std::optional<double> max;
  std::vector<std::string> choices;  // for choice columns
  AggregateRule aggregate = AggregateRule::none;
  // Where the column's sum lands in the summary, e.g. "activities.other.sessions".
  std::string summary;
  // In a table of activity rows (the table item has `activity`): what the column holds, "name",
  // "direction" (choice of the plan's a–e), "sessions" or "participants". In a table of
  // quantities: "quantity" (a number) and "unit_of_measure" (a choice: cuốn, suất, đồng…), whose
  // rows sum per unit of measure into "quantities.<table>.<unit>". Empty otherwise.
  std::string measure;
  std::string within;  // date columns: "week" or "" (the campaign: plan date … report date)
};

// A rule relating items of one report, checked after each item's own rules.
struct CrossRule {
  enum class Kind {
    at_most_population,  // item ≤ the unit's population of group `group`
    at_most_item,        // item ≤ item `other`
    zero_unless_yes,     // item must be 0 or empty unless yes/no item `other` is yes
    required_if_yes,     // item is required when yes/no item `other` is yes
  };
  Kind kind = Kind::at_most_item;
  std::string item;
  std::string other;
  std::string group;
  std::string message;  // Vietnamese, shown next to `item`
};

struct FormItem {
  std::string key;    // unique in the form, [a-z0-9_]+
  std::string label;  // Vietnamese, the seed's words
  std::string help;   // optional Vietnamese hint
  ItemType type = ItemType::count;
  bool required = false;
  std::optional<double> min;  // numbers; max length for texts is max
  std::optional<double> max;
  std::vector<std::string> choices;  // choice items: allowed values
  std::vector<TableColumn> columns;  // table items
  std::optional<int> max_rows;       // table items
  AggregateRule aggregate = AggregateRule::none;
  std::string weight_group;  // weighted_rate: population group used as weight
  // Where the aggregate appears in the consolidated summary, as a dotted path:
  // "totals.media_articles" (the default for sum/count_yes), "activities.reading_day.sessions",
  // "participation.participants", "commendations.collectives", "narratives.advantages".
  std::string summary;
  // Learning activities: the activity this item measures and which measure it is
  // ("held" yes/no, "sessions", "participants", "direction" choice of the plan's a–e).
  std::string activity;
  std::string measure;
  std::string default_direction;  // "a".."e" for the activity's held item
  // Participant counts (summary "participation.participants"): the population group the count
  // belongs to, so each group's rate is its participants over its own population.
  std::string population_group;
  // Date items: "week" when the date must fall in the campaign's week; "" when it must fall
  // between the plan's date and the report's (flagged otherwise, see report_flags.h).
  std::string within;
  // Year over year: the keys this item had in earlier form versions (a renamed item), so last
  // year's figure of "old_key" is compared with this item. Never a key of this form, and each
  // old key maps to one item only (checked by the form loader).
  std::vector<std::string> previous_keys;
};

struct FormSection {
  std::string key;    // "I", "II.1", …
  std::string title;  // "I. Công tác chỉ đạo, triển khai"
  std::vector<FormItem> items;
};

struct ActivityInfo {
  std::string key;
  std::string label;
  std::string default_direction;
};

class ReportForm {
 public:
  std::string id;     // "llw-2025"
  std::string title;  // "Đề cương báo cáo kết quả tổ chức Tuần lễ …"
  int version = 1;
  std::vector<FormSection> sections;
  std::vector<CrossRule> rules;
  // Population groups the participation rate is computed over, with Vietnamese labels.
  std::vector<std::pair<std::string, std::string>> population_groups;
  // The plan's activity directions in Vietnamese order: a b c d đ e, with their labels.
  std::vector<std::pair<std::string, std::string>> directions;

  const FormItem* find_item(std::string_view key) const;
  std::vector<const FormItem*> items() const;    // every item in form order
  std::vector<ActivityInfo> activities() const;  // in form order

  // The definition as JSON again (for GET /campaigns/{id}); round-trips through load_form.
  nlohmann::json to_json() const;
};

// Parses and checks a form definition. `source_name` (the file name) is named in every error:
// "forms/x.json: item 'banners': min is greater than max". Throws Error{bad_input}.
std::shared_ptr<const ReportForm> load_form(const nlohmann::json& definition,
                                            std::string_view source_name);

std::string_view to_string(ItemType type);
std::string_view to_string(AggregateRule rule);
std::string_view to_string(CrossRule::Kind kind);

}  // namespace llw
