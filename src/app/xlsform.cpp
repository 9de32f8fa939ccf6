#include "app/xlsform.h"

#include <cmath>
#include <cstdlib>

#include "domain/text.h"

namespace llw {
namespace {

using nlohmann::json;

std::string trim(const std::string& text) {
  const auto b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = text.find_last_not_of(" \t\r\n");
  return text.substr(b, e - b + 1);
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return text;
}

// A sheet as named cells: its header row's names (lower case; "label::Vietnamese (vi)" is
// "label") and, for every row below, the texts under them.
struct Table {
  std::string sheet;
  std::vector<std::pair<int, std::map<std::string, std::string>>> rows;
};

const documents::XlsxSheet* find_sheet(const documents::XlsxBook& book, const std::string& name) {
  for (const auto& sheet : book.sheets) {
    if (lower(trim(sheet.name)) == name) return &sheet;
  }
  return nullptr;
}

Table table_of(const documents::XlsxSheet& sheet) {
  Table table{sheet.name, {}};
  if (sheet.rows.empty()) return table;
  std::map<int, std::string> names;
  for (const auto& cell : sheet.rows.front().cells) {
    std::string name = lower(trim(cell.text));
    if (name.rfind("label::", 0) == 0) name = "label";
    if (name.rfind("hint::", 0) == 0) name = "hint";
    if (!name.empty() && name != "label" && name != "hint") {
      names[cell.column] = name;
    } else if (!name.empty()) {
      // The first label (or hint) column wins when several languages are given.
      bool taken = false;
      for (const auto& [column, existing] : names) taken = taken || existing == name;
      if (!taken) names[cell.column] = name;
    }
  }
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    std::map<std::string, std::string> cells;
    for (const auto& cell : sheet.rows[r].cells) {
      if (const auto it = names.find(cell.column); it != names.end()) {
        cells[it->second] = trim(cell.text);
      }
    }
    table.rows.emplace_back(sheet.rows[r].number, std::move(cells));
  }
  return table;
}

std::string value_of(const std::map<std::string, std::string>& cells, const std::string& name) {
  const auto it = cells.find(name);
  return it == cells.end() ? std::string() : it->second;
}

class Converter {
 public:
  explicit Converter(const documents::XlsxBook& book) : book_(book) {}

  XlsFormConversion run() {
    json definition = json::object();
    const bool settings = read_settings(definition);
    read_choices();
    const bool survey = find_sheet(book_, "survey") != nullptr;
    definition["sections"] = read_survey();
    read_pairs("population_groups", definition);
    read_pairs("directions", definition);
    read_rules(definition);
    // Without its settings or its survey there is no form to check further.
    if (settings && survey) result_.definition = std::move(definition);
    return std::move(result_);
  }

 private:
  void problem(const std::string& sheet, int row, const std::string& message) {
    result_.problems.push_back("trang '" + sheet + "'" +
                               (row > 0 ? ", dòng " + std::to_string(row) : std::string()) + ": " +
                               message);
  }

  bool read_settings(json& definition) {
    const auto* sheet = find_sheet(book_, "settings");
    if (!sheet) {
      problem("settings", 0,
              "thiếu trang 'settings' (cột form_id, form_title, version; dòng 2 là giá trị).");
      return false;
    }
    const Table table = table_of(*sheet);
    if (table.rows.empty()) {
      problem(table.sheet, 2, "thiếu dòng giá trị dưới dòng tên cột (form_id, form_title).");
      return false;
    }
    const auto& [row, cells] = table.rows.front();
    definition["id"] = value_of(cells, "form_id");
    definition["title"] = value_of(cells, "form_title");
    if (const std::string version = value_of(cells, "version"); !version.empty()) {
      char* end = nullptr;
      const long n = std::strtol(version.c_str(), &end, 10);
      if (end == version.c_str() || *end != '\0') {
        problem(table.sheet, row, "version \"" + version + "\" không phải số nguyên.");
      } else {
        definition["version"] = n;
      }
    }
    return true;
  }

  void read_choices() {
    const auto* sheet = find_sheet(book_, "choices");
    if (!sheet) return;
    const Table table = table_of(*sheet);
    for (const auto& [row, cells] : table.rows) {
      const std::string list = value_of(cells, "list_name");
      const std::string name = value_of(cells, "name");
      if (list.empty() && name.empty()) continue;
      if (list.empty() || name.empty()) {
        problem(table.sheet, row, "mỗi lựa chọn cần cả list_name và name.");
        continue;
      }
      choices_[list].push_back(name);
    }
  }

  // The item's (or column's) type and choices from the survey's type cell.
  bool set_type(json& item, const std::string& type_cell, const std::string& appearance,
                const std::string& sheet, int row) {
    const std::string type = lower(type_cell);
    static const std::map<std::string, std::string> plain = {
        {"integer", "count"},         {"decimal", "number"},      {"date", "date"},
        {"count", "count"},           {"percent", "percent"},     {"number", "number"},
        {"short_text", "short_text"}, {"narrative", "narrative"}, {"yes_no", "yes_no"}};
    if (const auto it = plain.find(type); it != plain.end()) {
      item["type"] = it->second;
      return true;
    }
    if (type == "text") {
      item["type"] = lower(appearance) == "multiline" ? "narrative" : "short_text";
      return true;
    }
    const std::string select = "select_one";
    if (type.rfind(select, 0) == 0) {
      const std::string list = trim(type_cell.substr(select.size()));
      if (list == "yes_no") {
        item["type"] = "yes_no";
        return true;
      }
      const auto it = choices_.find(list);
      if (list.empty() || it == choices_.end()) {
        problem(sheet, row, "danh sách lựa chọn '" + list + "' không có trong trang 'choices'.");
        return false;
      }
      item["type"] = "choice";
      item["choices"] = it->second;
      return true;
    }
    problem(sheet, row,
            "kiểu '" + type_cell +
                "' không được hỗ trợ; dùng integer, decimal, percent, text, date, select_one "
                "<danh sách>, begin_group/end_group hoặc begin_repeat/end_repeat.");
    return false;
  }

  // LLW's own columns, copied to the item as the JSON format names them.
  void copy_fields(json& item, const std::map<std::string, std::string>& cells,
                   const std::string& sheet, int row) {
    for (const char* name : {"min", "max"}) {
      const std::string text = value_of(cells, name);
      if (text.empty()) continue;
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) {
        problem(sheet, row, std::string(name) + " \"" + text + "\" không phải là số.");
        continue;
      }
      item[name] = v;
    }
    for (const char* name : {"aggregate", "summary", "activity", "measure", "default_direction",
                             "population_group", "weight_group", "within"}) {
      if (const std::string text = value_of(cells, name); !text.empty()) item[name] = text;
    }
    std::string rows = value_of(cells, "max_rows");
    if (rows.empty()) rows = value_of(cells, "repeat_count");
    if (!rows.empty()) {
      char* end = nullptr;
      const long n = std::strtol(rows.c_str(), &end, 10);
      if (end == rows.c_str() || *end != '\0') {
        problem(sheet, row, "max_rows \"" + rows + "\" không phải số nguyên.");
      } else {
        item["max_rows"] = n;
      }
    }
    const std::string required = search_key(value_of(cells, "required"));
    if (required == "yes" || required == "true" || required == "1" || required == "co") {
      item["required"] = true;
    } else if (!required.empty() && required != "no" && required != "false" && required != "0" &&
               required != "khong") {
      problem(sheet, row, "required \"" + value_of(cells, "required") + "\" phải là yes hoặc no.");
    }
    if (const std::string hint = value_of(cells, "hint"); !hint.empty()) item["help"] = hint;
  }

  json read_survey() {
    json sections = json::array();
    const auto* sheet = find_sheet(book_, "survey");
    if (!sheet) {
      problem("survey", 0, "thiếu trang 'survey' (cột type, name, label).");
      return sections;
    }
    const Table table = table_of(*sheet);
    std::optional<json> section;
    int section_row = 0;
    std::optional<json> repeat;
    int repeat_row = 0;
    for (const auto& [row, cells] : table.rows) {
      const std::string type = value_of(cells, "type");
      const std::string kind = lower(type);
      const std::string name = value_of(cells, "name");
      const std::string label = value_of(cells, "label");
      if (type.empty()) {
        bool any = false;
        for (const auto& [column, text] : cells) any = any || !text.empty();
        if (any) problem(table.sheet, row, "thiếu cột type.");
        continue;
      }
      if (!name.empty()) result_.survey_rows.emplace(name, row);
      if (kind == "begin_group" || kind == "begin group") {
        if (section) {
          problem(table.sheet, row,
                  "nhóm lồng trong nhóm (dòng " + std::to_string(section_row) +
                      ") không được hỗ trợ; mỗi nhóm là một phần của đề cương.");
          continue;
        }
        section = json{{"key", name}, {"title", label}, {"items", json::array()}};
        section_row = row;
      } else if (kind == "end_group" || kind == "end group") {
        if (repeat) problem(table.sheet, row, "end_group trước end_repeat của bảng.");
        if (!section) {
          problem(table.sheet, row, "end_group không có begin_group tương ứng.");
          continue;
        }
        sections.push_back(std::move(*section));
        section.reset();
      } else if (kind == "begin_repeat" || kind == "begin repeat") {
        if (!section || repeat) {
          problem(table.sheet, row,
                  repeat ? "bảng lồng trong bảng không được hỗ trợ."
                         : "bảng (begin_repeat) phải nằm trong một nhóm (begin_group).");
          continue;
        }
        repeat =
            json{{"key", name}, {"label", label}, {"type", "table"}, {"columns", json::array()}};
        copy_fields(*repeat, cells, table.sheet, row);
        repeat_row = row;
      } else if (kind == "end_repeat" || kind == "end repeat") {
        if (!repeat) {
          problem(table.sheet, row, "end_repeat không có begin_repeat tương ứng.");
          continue;
        }
        (*section)["items"].push_back(std::move(*repeat));
        repeat.reset();
      } else {
        json item = {{"key", name}, {"label", label}};
        if (!set_type(item, type, value_of(cells, "appearance"), table.sheet, row)) continue;
        copy_fields(item, cells, table.sheet, row);
        if (repeat) {
          (*repeat)["columns"].push_back(std::move(item));
        } else if (section) {
          (*section)["items"].push_back(std::move(item));
        } else {
          problem(table.sheet, row,
                  "mục phải nằm trong một nhóm (begin_group … end_group): mỗi nhóm là một phần "
                  "của đề cương.");
        }
      }
    }
    if (repeat) problem(table.sheet, repeat_row, "bảng chưa có end_repeat.");
    if (section) problem(table.sheet, section_row, "nhóm chưa có end_group.");
    return sections;
  }

  void read_pairs(const std::string& name, json& definition) {
    const auto* sheet = find_sheet(book_, name);
    if (!sheet) return;
    const Table table = table_of(*sheet);
    json pairs = json::array();
    for (const auto& [row, cells] : table.rows) {
      const std::string key = value_of(cells, "key");
      const std::string label = value_of(cells, "label");
      if (key.empty() && label.empty()) continue;
      pairs.push_back({{"key", key}, {"label", label}});
    }
    definition[name] = std::move(pairs);
  }

  void read_rules(json& definition) {
    const auto* sheet = find_sheet(book_, "rules");
    if (!sheet) return;
    const Table table = table_of(*sheet);
    json rules = json::array();
    for (const auto& [row, cells] : table.rows) {
      json rule = json::object();
      for (const char* field : {"kind", "item", "other", "group", "message"}) {
        if (const std::string text = value_of(cells, field); !text.empty()) rule[field] = text;
      }
      if (!rule.empty()) rules.push_back(std::move(rule));
    }
    definition["rules"] = std::move(rules);
  }

  const documents::XlsxBook& book_;
  std::map<std::string, std::vector<std::string>> choices_;
  XlsFormConversion result_;
};

}  // namespace

XlsFormConversion definition_from_xlsform(const documents::XlsxBook& book) {
  return Converter(book).run();
}

bool is_zip_package(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

}  // namespace llw
