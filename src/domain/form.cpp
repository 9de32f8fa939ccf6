#include "form.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "error.h"
#include "form_check.h"
#include "form_keys.h"
#include "text.h"

namespace llw {

using nlohmann::json;

namespace {

constexpr double kMaxCount = 1e9;
constexpr double kShortTextLimit = 500;
constexpr double kNarrativeLimit = 20000;
constexpr int kMaxTableRows = 10000;
constexpr std::string_view kParticipationPath = "participation.participants";

constexpr ItemType kItemTypes[] = {ItemType::count,  ItemType::percent,    ItemType::number,
                                   ItemType::date,   ItemType::short_text, ItemType::narrative,
                                   ItemType::yes_no, ItemType::choice,     ItemType::table};
constexpr AggregateRule kRules[] = {AggregateRule::none, AggregateRule::sum,
                                    AggregateRule::count_yes, AggregateRule::weighted_rate,
                                    AggregateRule::texts_by_unit};

bool is_numeric(ItemType type) {
  return type == ItemType::count || type == ItemType::percent || type == ItemType::number;
}
bool is_text(ItemType type) { return type == ItemType::short_text || type == ItemType::narrative; }

using form_keys::is_key;

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot == std::string_view::npos ? path.npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

// Reads one form file and reports every problem as "<file>: <where>: <problem>".
class FormParser {
 public:
  // `problems`: when given, every problem is noted there and the check goes on past it (an
  // upload lists them all); otherwise the first one is thrown.
  explicit FormParser(std::string_view source, std::vector<std::string>* problems = nullptr)
      : source_(source), problems_(problems) {}

  std::shared_ptr<ReportForm> parse(const json& definition);

 private:
  // Runs one part of the check: true when it passed. Collecting, a refused part is noted and
  // the check goes on with the next part (an item, a section's header, a rule).
  template <class F>
  bool step(F&& part) {
    if (problems_ == nullptr) {
      part();
      return true;
    }
    try {
      part();
      return true;
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::bad_input) throw;
      problems_->push_back(error.message());
      return false;
    }
  }

  [[noreturn]] void fail(const std::string& where, const std::string& problem) const {
    std::string message = source_ + ": ";
    if (!where.empty()) message += where + ": ";
    message += problem;
    throw Error(ErrorKind::bad_input, message, "form");
  }

  void check_fields(const json& object, const std::string& where,
                    std::initializer_list<const char*> allowed) const;
  std::string text(const json& object, const char* name, const std::string& where, bool required,
                   std::size_t max_length = 2000) const;
  std::optional<double> number(const json& object, const char* name,
                               const std::string& where) const;
  bool boolean(const json& object, const char* name, const std::string& where) const;
  ItemType item_type(const json& object, const std::string& where) const;
  AggregateRule aggregate(const json& object, const std::string& where) const;
  std::vector<std::pair<std::string, std::string>> keyed_labels(const json& definition,
                                                                const char* name,
                                                                bool ascii_keys) const;
  void check_bounds(ItemType type, const std::optional<double>& min,
                    const std::optional<double>& max, const std::string& where) const;
  std::vector<std::string> choices(const json& object, ItemType type,
                                   const std::string& where) const;
  TableColumn column(const json& definition, const FormItem& table, const std::string& where);
  FormItem item(const json& definition);
  void check_summary_path(const std::string& path, AggregateRule rule, const std::string& activity,
                          const std::string& measure, const std::string& where) const;
  void check_activities(const ReportForm& form) const;
  std::string within(const json& definition, ItemType type, const std::string& where) const;
  void assign_population_groups(ReportForm& form) const;
  CrossRule rule(const json& definition, std::size_t index, const ReportForm& form) const;

  std::string source_;
  std::vector<std::string>* problems_ = nullptr;
  std::vector<std::pair<std::string, std::string>> groups_;
  std::vector<std::pair<std::string, std::string>> directions_;

  bool has_group(const std::string& key) const {
    return std::any_of(groups_.begin(), groups_.end(),
                       [&](const auto& g) { return g.first == key; });
  }
  bool has_direction(const std::string& key) const {
    return std::any_of(directions_.begin(), directions_.end(),
                       [&](const auto& d) { return d.first == key; });
  }
};

void FormParser::check_fields(const json& object, const std::string& where,
                              std::initializer_list<const char*> allowed) const {
  if (!object.is_object()) fail(where, "phải là một đối tượng JSON {…}");
  for (const auto& item : object.items()) {
    const std::string& name = item.key();  // not a structured binding: clang 14 cannot capture one
    const bool known =
        std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; });
    if (!known) fail(where, "trường '" + sanitize_utf8(name) + "' không được hỗ trợ");
  }
}

std::string FormParser::text(const json& object, const char* name, const std::string& where,
                             bool required, std::size_t max_length) const {
  if (!object.contains(name) || object.at(name).is_null()) {
    if (required) fail(where, std::string("thiếu trường '") + name + "'");
    return {};
  }
  const auto& value = object.at(name);
  if (!value.is_string()) fail(where, std::string("trường '") + name + "' phải là chuỗi");
  const auto& s = value.get_ref<const std::string&>();
  if (!is_valid_utf8(s)) fail(where, std::string("trường '") + name + "' không phải UTF-8 hợp lệ");
  if (required && s.empty()) fail(where, std::string("trường '") + name + "' không được để trống");
  if (utf8_length(s) > max_length) {
    fail(where,
         std::string("trường '") + name + "' dài quá " + std::to_string(max_length) + " ký tự");
  }
  return s;
}

std::optional<double> FormParser::number(const json& object, const char* name,
                                         const std::string& where) const {
  if (!object.contains(name) || object.at(name).is_null()) return std::nullopt;
  const auto& value = object.at(name);
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    fail(where, std::string("trường '") + name + "' phải là một số");
  }
  return value.get<double>();
}

bool FormParser::boolean(const json& object, const char* name, const std::string& where) const {
  if (!object.contains(name) || object.at(name).is_null()) return false;
  if (!object.at(name).is_boolean()) {
    fail(where, std::string("trường '") + name + "' phải là true hoặc false");
  }
  return object.at(name).get<bool>();
}

ItemType FormParser::item_type(const json& object, const std::string& where) const {
  const std::string name = text(object, "type", where, true);
  for (const ItemType type : kItemTypes) {
    if (llw::to_string(type) == name) return type;
  }
  fail(where, "kiểu '" + name +
                  "' không tồn tại (dùng count, percent, number, date, short_text, narrative, "
                  "yes_no, choice, table)");
}

AggregateRule FormParser::aggregate(const json& object, const std::string& where) const {
  const std::string name = text(object, "aggregate", where, false);
  if (name.empty()) return AggregateRule::none;
  for (const AggregateRule rule : kRules) {
    if (llw::to_string(rule) == name) return rule;
  }
  fail(where, "quy tắc tổng hợp '" + name +
                  "' không tồn tại (dùng none, sum, count_yes, weighted_rate, texts_by_unit)");
}

std::vector<std::pair<std::string, std::string>> FormParser::keyed_labels(const json& definition,
                                                                          const char* name,
                                                                          bool ascii_keys) const {
  std::vector<std::pair<std::string, std::string>> result;
  if (!definition.contains(name)) return result;
  const auto& list = definition.at(name);
  if (!list.is_array()) fail(name, "phải là danh sách [{\"key\", \"label\"}, …]");
  std::set<std::string> seen;
  for (const auto& entry : list) {
    const std::string where = name;
    check_fields(entry, where, {"key", "label"});
    const std::string key = text(entry, "key", where, true, 32);
    const std::string entry_where = std::string(name) + " '" + key + "'";
    if (ascii_keys) {
      const bool ok = key.size() <= 32 && std::all_of(key.begin(), key.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || c == '_';
                      });
      if (!ok) fail(entry_where, "khóa chỉ gồm chữ thường không dấu và gạch dưới");
    } else if (key.find('.') != std::string::npos || key.find(' ') != std::string::npos) {
      fail(entry_where, "khóa không được chứa dấu chấm hay khoảng trắng");
    }
    if (!seen.insert(key).second) fail(entry_where, "khóa bị trùng");
    result.emplace_back(key, text(entry, "label", entry_where, true));
  }
  return result;
}

void FormParser::check_bounds(ItemType type, const std::optional<double>& min,
                              const std::optional<double>& max, const std::string& where) const {
  if (!min && !max) return;
  if (!is_numeric(type) && !is_text(type)) {
    fail(where, "min/max chỉ dùng cho mục kiểu số hoặc văn bản");
  }
  if (min && max && *min > *max) fail(where, "min lớn hơn max");
  if (type == ItemType::count) {
    if ((min && (*min < 0 || *min > kMaxCount)) || (max && (*max < 0 || *max > kMaxCount))) {
      fail(where, "giới hạn của mục đếm phải nằm trong 0…1.000.000.000");
    }
  }
  if (type == ItemType::percent) {
    if ((min && (*min < 0 || *min > 100)) || (max && (*max < 0 || *max > 100))) {
      fail(where, "giới hạn của mục tỷ lệ phải nằm trong 0…100");
    }
  }
  if (is_text(type)) {
    const double limit = type == ItemType::short_text ? kShortTextLimit : kNarrativeLimit;
    const auto bad = [&](const std::optional<double>& v) {
      return v && (*v < 0 || *v > limit || std::floor(*v) != *v);
    };
    if (bad(min) || bad(max)) {
      fail(where,
           "độ dài của văn bản phải là số nguyên trong 0…" + format_vietnamese_number(limit));
    }
  }
}

std::vector<std::string> FormParser::choices(const json& object, ItemType type,
                                             const std::string& where) const {
  if (!object.contains("choices")) return {};
  if (type != ItemType::choice) fail(where, "'choices' chỉ dùng cho mục kiểu choice");
  const auto& list = object.at("choices");
  if (!list.is_array()) fail(where, "'choices' phải là danh sách chuỗi");
  std::vector<std::string> result;
  for (const auto& value : list) {
    if (!value.is_string() || value.get_ref<const std::string&>().empty() ||
        !is_valid_utf8(value.get_ref<const std::string&>())) {
      fail(where, "mỗi lựa chọn phải là một chuỗi UTF-8 không rỗng");
    }
    const auto& choice = value.get_ref<const std::string&>();
    if (std::find(result.begin(), result.end(), choice) != result.end()) {
      fail(where, "lựa chọn '" + choice + "' bị trùng");
    }
    result.push_back(choice);
  }
  return result;
}

void FormParser::check_summary_path(const std::string& path, AggregateRule rule,
                                    const std::string& activity, const std::string& measure,
                                    const std::string& where) const {
  if (rule == AggregateRule::none) {
    if (!path.empty()) fail(where, "'summary' chỉ dùng khi có quy tắc tổng hợp");
    return;
  }
  const auto parts = split_path(path);
  const bool keys_ok = std::all_of(parts.begin(), parts.end(), is_key);
  const auto& head = parts.front();
  bool allowed = false;
  std::string expected;
  switch (rule) {
    case AggregateRule::sum:
      expected =
          "totals.<khóa>, activities.<hoạt động>.sessions|participants, "
          "participation.participants hoặc commendations.<khóa>";
      allowed = (parts.size() == 2 && (head == "totals" || head == "commendations")) ||
                (parts.size() == 2 && head == "participation" && parts[1] == "participants") ||
                (parts.size() == 3 && head == "activities" &&
                 (parts[2] == "sessions" || parts[2] == "participants"));
      break;
    case AggregateRule::count_yes:
      expected = "totals.<khóa> hoặc activities.<hoạt động>.units";
      allowed = (parts.size() == 2 && head == "totals") ||
                (parts.size() == 3 && head == "activities" && parts[2] == "units");
      break;
    case AggregateRule::weighted_rate:
      expected = "rates.<khóa>";
      allowed = parts.size() == 2 && head == "rates";
      break;
    case AggregateRule::texts_by_unit:
      expected = "narratives.<khóa>";
      allowed = parts.size() == 2 && head == "narratives";
      break;
    case AggregateRule::none:
      break;
  }
  if (!keys_ok || !allowed) {
    fail(where, "đường dẫn tổng hợp '" + path + "' không dùng được với quy tắc " +
                    std::string(llw::to_string(rule)) + " (dùng " + expected + ")");
  }
  if (head == "activities") {
    // An activity figure must come from an item (or column) of that very activity and measure.
    const std::string wanted = parts[2] == "units" ? "held" : parts[2];
    if (parts[1] != activity || measure != wanted) {
      fail(where, "đường dẫn '" + path + "' chỉ dùng cho mục có activity '" + parts[1] +
                      "' và measure '" + wanted + "'");
    }
  }
}

TableColumn FormParser::column(const json& definition, const FormItem& table,
                               const std::string& table_where) {
  if (!definition.is_object()) fail(table_where + ": cột", "phải là một đối tượng JSON {…}");
  TableColumn column;
  column.key = text(definition, "key", table_where + ": cột", true, 64);
  const std::string where = table_where + ": cột '" + column.key + "'";
  check_fields(definition, where,
               {"key", "label", "type", "required", "min", "max", "choices", "aggregate", "summary",
                "measure", "within"});
  if (!is_key(column.key)) fail(where, "khóa chỉ gồm chữ thường không dấu, chữ số và gạch dưới");
  column.label = text(definition, "label", where, true, 500);
  column.type = item_type(definition, where);
  if (column.type == ItemType::table) fail(where, "cột không thể có kiểu table");
  column.required = boolean(definition, "required", where);
  column.min = number(definition, "min", where);
  column.max = number(definition, "max", where);
  check_bounds(column.type, column.min, column.max, where);
  column.choices = choices(definition, column.type, where);
  column.measure = text(definition, "measure", where, false, 32);
  column.within = within(definition, column.type, where);
  column.aggregate = aggregate(definition, where);
  column.summary = text(definition, "summary", where, false, 200);
  if (column.summary == kParticipationPath) {
    fail(where,
         "cột của bảng không cộng vào participation.participants (số người tham gia "
         "thuộc một nhóm đối tượng; dùng một mục có 'population_group')");
  }

  if (column.measure == "quantity" || column.measure == "unit_of_measure") {
    // A table of quantities: each row a quantity in a unit of measure, summed per unit.
    if (!table.activity.empty()) fail(where, "bảng hoạt động không có cột " + column.measure);
    if (column.measure == "quantity" && column.type != ItemType::count &&
        column.type != ItemType::number) {
      fail(where, "cột quantity phải có kiểu count hoặc number");
    }
    if (column.measure == "unit_of_measure" && column.type != ItemType::choice) {
      fail(where, "cột unit_of_measure phải có kiểu choice (các đơn vị tính: cuốn, suất, đồng…)");
    }
    if (column.aggregate != AggregateRule::none || !column.summary.empty()) {
      fail(where, "cột " + column.measure +
                      " được cộng theo đơn vị tính vào quantities.<bảng>; "
                      "không đặt 'aggregate' hay 'summary'");
    }
  } else if (!column.measure.empty()) {
    if (table.activity.empty()) fail(where, "'measure' chỉ dùng trong bảng có 'activity'");
    if (column.measure == "direction") {
      if (column.type != ItemType::choice) fail(where, "cột direction phải có kiểu choice");
      if (column.choices.empty()) {
        for (const auto& d : directions_) column.choices.push_back(d.first);
      }
      for (const auto& c : column.choices) {
        if (!has_direction(c))
          fail(where, "lựa chọn '" + c + "' không phải một nội dung hoạt động của kế hoạch");
      }
    } else if (column.measure == "sessions" || column.measure == "participants") {
      if (column.type != ItemType::count)
        fail(where, "cột " + column.measure + " phải có kiểu count");
      if (column.aggregate == AggregateRule::none) column.aggregate = AggregateRule::sum;
      if (column.summary.empty()) {
        column.summary = "activities." + table.activity + "." + column.measure;
      }
    } else if (column.measure != "name") {
      fail(where, "measure '" + column.measure +
                      "' không tồn tại (dùng name, direction, sessions, participants; hoặc "
                      "quantity, unit_of_measure trong bảng số lượng)");
    }
  }
  if (column.type == ItemType::choice && column.choices.empty()) {
    fail(where, "cột kiểu choice phải có danh sách 'choices'");
  }
  if (column.aggregate != AggregateRule::none && column.aggregate != AggregateRule::sum) {
    fail(where, "cột của bảng chỉ dùng quy tắc tổng hợp sum");
  }
  if (column.aggregate == AggregateRule::sum) {
    if (column.type != ItemType::count && column.type != ItemType::number) {
      fail(where, "quy tắc sum chỉ dùng cho cột kiểu count hoặc number");
    }
    if (column.summary.empty()) column.summary = "totals." + table.key + "_" + column.key;
  }
  check_summary_path(column.summary, column.aggregate, table.activity, column.measure, where);
  return column;
}

FormItem FormParser::item(const json& definition) {
  if (!definition.is_object()) fail("mục", "phải là một đối tượng JSON {…}");
  FormItem item;
  item.key = text(definition, "key", "mục", true, 64);
  const std::string where = "mục '" + item.key + "'";
  check_fields(definition, where,
               {"key", "label", "help", "type", "required", "min", "max", "choices", "columns",
                "max_rows", "aggregate", "weight_group", "summary", "activity", "measure",
                "default_direction", "population_group", "within", "previous_keys"});
  if (!is_key(item.key)) fail(where, "khóa chỉ gồm chữ thường không dấu, chữ số và gạch dưới");
  item.label = text(definition, "label", where, true, 500);
  item.help = text(definition, "help", where, false, 2000);
  item.type = item_type(definition, where);
  item.required = boolean(definition, "required", where);
  item.min = number(definition, "min", where);
  item.max = number(definition, "max", where);
  check_bounds(item.type, item.min, item.max, where);
  item.activity = text(definition, "activity", where, false, 64);
  item.measure = text(definition, "measure", where, false, 32);
  item.default_direction = text(definition, "default_direction", where, false, 8);
  item.choices = choices(definition, item.type, where);
  item.aggregate = aggregate(definition, where);
  item.weight_group = text(definition, "weight_group", where, false, 32);
  item.summary = text(definition, "summary", where, false, 200);
  item.population_group = text(definition, "population_group", where, false, 32);
  item.within = within(definition, item.type, where);
  std::string keys_problem;
  item.previous_keys = form_keys::previous_keys(definition, item.key, keys_problem);
  if (!keys_problem.empty()) fail(where, keys_problem);

  if (!item.activity.empty() && !is_key(item.activity)) {
    fail(where, "activity chỉ gồm chữ thường không dấu, chữ số và gạch dưới");
  }
  if (!item.default_direction.empty() && !has_direction(item.default_direction)) {
    fail(where, "default_direction '" + item.default_direction +
                    "' không phải một nội dung hoạt động trong 'directions'");
  }

  if (item.type == ItemType::table) {
    if (!definition.contains("columns") || !definition.at("columns").is_array() ||
        definition.at("columns").empty()) {
      fail(where, "bảng phải có danh sách 'columns' không rỗng");
    }
    if (!item.measure.empty()) fail(where, "bảng không có 'measure' (đặt measure cho từng cột)");
    std::set<std::string> keys;
    for (const auto& c : definition.at("columns")) {
      TableColumn col = column(c, item, where);
      if (!keys.insert(col.key).second) fail(where, "cột '" + col.key + "' bị trùng");
      item.columns.push_back(std::move(col));
    }
    if (auto rows = number(definition, "max_rows", where)) {
      if (*rows < 1 || *rows > kMaxTableRows || std::floor(*rows) != *rows) {
        fail(where, "max_rows phải là số nguyên trong 1…" + std::to_string(kMaxTableRows));
      }
      item.max_rows = static_cast<int>(*rows);
    }
    if (item.aggregate != AggregateRule::none) {
      fail(where, "bảng không có quy tắc tổng hợp riêng (đặt aggregate cho từng cột)");
    }
    if (!item.activity.empty()) {
      const auto count_measure = [&](const char* m) {
        return std::count_if(item.columns.begin(), item.columns.end(),
                             [&](const TableColumn& c) { return c.measure == m; });
      };
      for (const char* m : {"name", "direction", "sessions", "participants"}) {
        if (count_measure(m) > 1) fail(where, std::string("bảng có nhiều hơn một cột ") + m);
      }
    } else if (!item.default_direction.empty()) {
      fail(where, "default_direction chỉ dùng cho hoạt động (cần 'activity')");
    }
    const auto count_of = [&](const char* m) {
      return std::count_if(item.columns.begin(), item.columns.end(),
                           [&](const TableColumn& c) { return c.measure == m; });
    };
    if (count_of("quantity") > 1 || count_of("unit_of_measure") > 1 ||
        count_of("quantity") != count_of("unit_of_measure")) {
      fail(where, "bảng số lượng cần đúng một cột quantity và một cột unit_of_measure");
    }
    return item;
  }
  if (definition.contains("columns")) fail(where, "'columns' chỉ dùng cho mục kiểu table");
  if (definition.contains("max_rows")) fail(where, "'max_rows' chỉ dùng cho mục kiểu table");

  // Learning-activity items: the measure fixes the type and the aggregation.
  if (item.activity.empty() != item.measure.empty()) {
    fail(where, "'activity' và 'measure' phải đi cùng nhau");
  }
  if (!item.measure.empty()) {
    if (item.measure == "held") {
      if (item.type != ItemType::yes_no) fail(where, "measure held cần kiểu yes_no");
      if (item.aggregate == AggregateRule::none) item.aggregate = AggregateRule::count_yes;
      if (item.aggregate != AggregateRule::count_yes) fail(where, "measure held dùng count_yes");
      if (item.summary.empty()) item.summary = "activities." + item.activity + ".units";
    } else if (item.measure == "sessions" || item.measure == "participants") {
      if (item.type != ItemType::count) fail(where, "measure " + item.measure + " cần kiểu count");
      if (item.aggregate == AggregateRule::none) item.aggregate = AggregateRule::sum;
      if (item.aggregate != AggregateRule::sum)
        fail(where, "measure " + item.measure + " dùng sum");
      if (item.summary.empty()) item.summary = "activities." + item.activity + "." + item.measure;
    } else if (item.measure == "direction") {
      if (item.type != ItemType::choice) fail(where, "measure direction cần kiểu choice");
      if (item.choices.empty()) {
        for (const auto& d : directions_) item.choices.push_back(d.first);
      }
      for (const auto& c : item.choices) {
        if (!has_direction(c)) {
          fail(where, "lựa chọn '" + c + "' không phải một nội dung hoạt động trong 'directions'");
        }
      }
      if (item.aggregate != AggregateRule::none) fail(where, "measure direction không tổng hợp");
    } else {
      fail(where, "measure '" + item.measure +
                      "' không tồn tại (dùng held, sessions, participants, direction)");
    }
    if (!item.default_direction.empty() && item.measure != "held") {
      fail(where, "default_direction chỉ đặt ở mục held của hoạt động");
    }
  } else if (!item.default_direction.empty()) {
    fail(where, "default_direction chỉ dùng cho hoạt động (cần 'activity')");
  }

  if (item.type == ItemType::choice && item.choices.empty()) {
    fail(where, "mục kiểu choice phải có danh sách 'choices' không rỗng");
  }

  switch (item.aggregate) {
    case AggregateRule::none:
      break;
    case AggregateRule::sum:
      if (item.type != ItemType::count && item.type != ItemType::number) {
        fail(where, "quy tắc sum chỉ dùng cho mục kiểu count hoặc number");
      }
      if (item.summary.empty()) item.summary = "totals." + item.key;
      break;
    case AggregateRule::count_yes:
      if (item.type != ItemType::yes_no) fail(where, "quy tắc count_yes chỉ dùng cho mục yes_no");
      if (item.summary.empty()) item.summary = "totals." + item.key;
      break;
    case AggregateRule::weighted_rate:
      if (item.type != ItemType::percent && item.type != ItemType::number) {
        fail(where, "quy tắc weighted_rate chỉ dùng cho mục kiểu percent hoặc number");
      }
      if (item.weight_group.empty() || !has_group(item.weight_group)) {
        fail(where, "weighted_rate cần 'weight_group' là một nhóm trong 'population_groups'");
      }
      if (item.summary.empty()) item.summary = "rates." + item.key;
      break;
    case AggregateRule::texts_by_unit:
      if (!is_text(item.type)) {
        fail(where, "quy tắc texts_by_unit chỉ dùng cho mục short_text hoặc narrative");
      }
      if (item.summary.empty()) item.summary = "narratives." + item.key;
      break;
  }
  if (!item.weight_group.empty() && item.aggregate != AggregateRule::weighted_rate) {
    fail(where, "'weight_group' chỉ dùng với quy tắc weighted_rate");
  }
  check_summary_path(item.summary, item.aggregate, item.activity, item.measure, where);
  if (!item.population_group.empty()) {
    if (!has_group(item.population_group)) {
      fail(where, "population_group '" + item.population_group +
                      "' không phải một nhóm trong 'population_groups'");
    }
    if (item.summary != kParticipationPath) {
      fail(where, "'population_group' chỉ dùng cho mục cộng vào participation.participants");
    }
  }
  return item;
}

std::string FormParser::within(const json& definition, ItemType type,
                               const std::string& where) const {
  std::string value = text(definition, "within", where, false, 16);
  if (value.empty()) return value;
  if (type != ItemType::date) fail(where, "'within' chỉ dùng cho kiểu date");
  if (value != "week" && value != "campaign") {
    fail(where, "within '" + value + "' không tồn tại (dùng week hoặc campaign)");
  }
  return value == "campaign" ? std::string() : value;
}

void FormParser::assign_population_groups(ReportForm& form) const {
  // Each participant count belongs to one population group, so the rate of a group and the
  // overall rate count only the groups a unit reported. A form written before the field existed
  // names the group through the item's at_most_population rule.
  std::set<std::string> taken;
  for (auto& section : form.sections) {
    for (auto& item : section.items) {
      if (item.summary != kParticipationPath) continue;
      const std::string where = "mục '" + item.key + "'";
      if (item.population_group.empty()) {
        for (const auto& rule : form.rules) {
          if (rule.kind == CrossRule::Kind::at_most_population && rule.item == item.key) {
            item.population_group = rule.group;
          }
        }
      }
      if (item.population_group.empty()) {
        fail(where,
             "mục cộng vào participation.participants cần 'population_group' (nhóm "
             "đối tượng của số người tham gia)");
      }
      if (!taken.insert(item.population_group).second) {
        fail(where, "nhóm '" + item.population_group + "' đã có một mục số người tham gia");
      }
    }
  }
}

void FormParser::check_activities(const ReportForm& form) const {
  // Each activity has exactly one "held" item and at most one item per other measure, or is one
  // table of rows; an activity key is never used by both.
  std::map<std::string, std::map<std::string, int>> measures;
  std::set<std::string> tables;
  for (const FormItem* item : form.items()) {
    if (item->activity.empty()) continue;
    if (item->type == ItemType::table) {
      if (!tables.insert(item->activity).second || measures.count(item->activity)) {
        fail("mục '" + item->key + "'", "hoạt động '" + item->activity + "' bị khai báo hai lần");
      }
      continue;
    }
    if (tables.count(item->activity)) {
      fail("mục '" + item->key + "'", "hoạt động '" + item->activity + "' đã là một bảng");
    }
    if (++measures[item->activity][item->measure] > 1) {
      fail("mục '" + item->key + "'",
           "hoạt động '" + item->activity + "' có hai mục " + item->measure);
    }
  }
  for (const auto& [activity, counts] : measures) {
    if (!counts.count("held")) {
      fail("hoạt động '" + activity + "'", "thiếu mục held (yes_no) cho biết đơn vị có tổ chức");
    }
  }
}

CrossRule FormParser::rule(const json& definition, std::size_t index,
                           const ReportForm& form) const {
  std::string where = "quy tắc số " + std::to_string(index + 1);
  check_fields(definition, where, {"kind", "item", "other", "group", "message"});
  CrossRule rule;
  const std::string kind = text(definition, "kind", where, true, 64);
  const CrossRule::Kind kinds[] = {CrossRule::Kind::at_most_population,
                                   CrossRule::Kind::at_most_item, CrossRule::Kind::zero_unless_yes,
                                   CrossRule::Kind::required_if_yes};
  bool found = false;
  for (const auto k : kinds) {
    if (to_string(k) == kind) {
      rule.kind = k;
      found = true;
    }
  }
  if (!found) {
    fail(where, "loại quy tắc '" + kind +
                    "' không tồn tại (dùng at_most_population, at_most_item, zero_unless_yes, "
                    "required_if_yes)");
  }
  rule.item = text(definition, "item", where, true, 64);
  where += " (" + kind + ", mục '" + rule.item + "')";
  rule.other = text(definition, "other", where, false, 64);
  rule.group = text(definition, "group", where, false, 32);
  rule.message = text(definition, "message", where, false, 500);

  const FormItem* item = form.find_item(rule.item);
  if (!item) fail(where, "mục '" + rule.item + "' không có trong đề cương");
  const FormItem* other = rule.other.empty() ? nullptr : form.find_item(rule.other);
  if (!rule.other.empty() && !other)
    fail(where, "mục '" + rule.other + "' không có trong đề cương");

  switch (rule.kind) {
    case CrossRule::Kind::at_most_population:
      if (!is_numeric(item->type)) fail(where, "mục phải có kiểu số");
      if (rule.group.empty() || !has_group(rule.group)) {
        fail(where, "cần 'group' là một nhóm trong 'population_groups'");
      }
      if (other) fail(where, "quy tắc này không dùng 'other'");
      break;
    case CrossRule::Kind::at_most_item:
      if (!other) fail(where, "cần 'other' là một mục của đề cương");
      if (!is_numeric(item->type) || !is_numeric(other->type)) {
        fail(where, "cả hai mục phải có kiểu số");
      }
      break;
    case CrossRule::Kind::zero_unless_yes:
    case CrossRule::Kind::required_if_yes:
      if (!other) fail(where, "cần 'other' là một mục của đề cương");
      if (other->type != ItemType::yes_no) fail(where, "mục 'other' phải có kiểu yes_no");
      if (rule.kind == CrossRule::Kind::zero_unless_yes && !is_numeric(item->type)) {
        fail(where, "mục phải có kiểu số");
      }
      break;
  }
  if (rule.kind != CrossRule::Kind::at_most_population && !rule.group.empty()) {
    fail(where, "'group' chỉ dùng cho at_most_population");
  }
  if (other == item) fail(where, "mục không thể so với chính nó");
  return rule;
}

std::shared_ptr<ReportForm> FormParser::parse(const json& definition) {
  auto form = std::make_shared<ReportForm>();
  if (!definition.is_object()) {
    step([&] { fail("", "đề cương phải là một đối tượng JSON {…}"); });
    return form;
  }
  step([&] {
    check_fields(
        definition, "",
        {"id", "title", "version", "population_groups", "directions", "sections", "rules"});
  });
  step([&] {
    form->id = text(definition, "id", "", true, 64);
    const bool id_ok = std::all_of(form->id.begin(), form->id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
    if (!id_ok) fail("id", "mã đề cương chỉ gồm chữ thường không dấu, chữ số, '-', '_', '.'");
  });
  step([&] { form->title = text(definition, "title", "", true, 500); });
  step([&] {
    if (auto version = number(definition, "version", "")) {
      if (*version < 1 || std::floor(*version) != *version || *version > 1e6) {
        fail("version", "phiên bản phải là số nguyên dương");
      }
      form->version = static_cast<int>(*version);
    }
  });
  step([&] { groups_ = keyed_labels(definition, "population_groups", true); });
  step([&] { directions_ = keyed_labels(definition, "directions", false); });
  form->population_groups = groups_;
  form->directions = directions_;

  if (!step([&] {
        if (!definition.contains("sections") || !definition.at("sections").is_array() ||
            definition.at("sections").empty()) {
          fail("sections", "đề cương phải có danh sách 'sections' không rỗng");
        }
      })) {
    return form;
  }
  std::set<std::string> section_keys;
  std::set<std::string> item_keys;
  for (const auto& s : definition.at("sections")) {
    FormSection section;
    const bool header_ok = step([&] {
      if (!s.is_object()) fail("phần", "phải là một đối tượng JSON {…}");
      section.key = text(s, "key", "phần", true, 32);
      const std::string where = "phần '" + section.key + "'";
      check_fields(s, where, {"key", "title", "items"});
      if (!section_keys.insert(section.key).second) fail(where, "khóa phần bị trùng");
      section.title = text(s, "title", where, true, 500);
      if (!s.contains("items") || !s.at("items").is_array() || s.at("items").empty()) {
        fail(where, "phần phải có danh sách 'items' không rỗng");
      }
    });
    // The items of a section whose header is wrong are checked still, when there are any.
    if (!s.is_object() || !s.contains("items") || !s.at("items").is_array()) continue;
    for (const auto& i : s.at("items")) {
      step([&] {
        FormItem parsed = item(i);
        if (!item_keys.insert(parsed.key).second) {
          fail("mục '" + parsed.key + "'", "khóa bị trùng");
        }
        section.items.push_back(std::move(parsed));
      });
    }
    if (header_ok) form->sections.push_back(std::move(section));
  }
  step([&] { check_activities(*form); });
  step([&] {
    if (const auto problem = form_keys::previous_keys_problem(*form)) {
      fail(problem->where, problem->problem);
    }
  });

  if (definition.contains("rules")) {
    const auto& rules = definition.at("rules");
    if (step([&] {
          if (!rules.is_array()) fail("rules", "phải là danh sách quy tắc");
        })) {
      for (std::size_t i = 0; i < rules.size(); ++i) {
        step([&] { form->rules.push_back(rule(rules[i], i, *form)); });
      }
    }
  }
  step([&] { assign_population_groups(*form); });
  return form;
}

}  // namespace

std::string_view to_string(ItemType type) {
  switch (type) {
    case ItemType::count:
      return "count";
    case ItemType::percent:
      return "percent";
    case ItemType::number:
      return "number";
    case ItemType::date:
      return "date";
    case ItemType::short_text:
      return "short_text";
    case ItemType::narrative:
      return "narrative";
    case ItemType::yes_no:
      return "yes_no";
    case ItemType::choice:
      return "choice";
    case ItemType::table:
      return "table";
  }
  return "";
}

std::string_view to_string(AggregateRule rule) {
  switch (rule) {
    case AggregateRule::none:
      return "none";
    case AggregateRule::sum:
      return "sum";
    case AggregateRule::count_yes:
      return "count_yes";
    case AggregateRule::weighted_rate:
      return "weighted_rate";
    case AggregateRule::texts_by_unit:
      return "texts_by_unit";
  }
  return "";
}

std::string_view to_string(CrossRule::Kind kind) {
  switch (kind) {
    case CrossRule::Kind::at_most_population:
      return "at_most_population";
    case CrossRule::Kind::at_most_item:
      return "at_most_item";
    case CrossRule::Kind::zero_unless_yes:
      return "zero_unless_yes";
    case CrossRule::Kind::required_if_yes:
      return "required_if_yes";
  }
  return "";
}

const FormItem* ReportForm::find_item(std::string_view key) const {
  for (const auto& section : sections) {
    for (const auto& item : section.items) {
      if (item.key == key) return &item;
    }
  }
  return nullptr;
}

std::vector<const FormItem*> ReportForm::items() const {
  std::vector<const FormItem*> result;
  for (const auto& section : sections) {
    for (const auto& item : section.items) result.push_back(&item);
  }
  return result;
}

std::vector<ActivityInfo> ReportForm::activities() const {
  std::vector<ActivityInfo> result;
  for (const FormItem* item : items()) {
    if (item->activity.empty()) continue;
    if (item->type == ItemType::table || item->measure == "held") {
      result.push_back({item->activity, item->label, item->default_direction});
    }
  }
  return result;
}

std::shared_ptr<const ReportForm> load_form(const nlohmann::json& definition,
                                            std::string_view source_name) {
  return FormParser(source_name).parse(definition);
}

FormCheck check_form(const nlohmann::json& definition, std::string_view source_name) {
  FormCheck check;
  auto form = FormParser(source_name, &check.problems).parse(definition);
  if (check.problems.empty()) check.form = std::move(form);
  return check;
}

}  // namespace llw
