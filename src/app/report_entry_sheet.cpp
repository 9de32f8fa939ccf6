#include "app/report_entry_sheet.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>

#include "documents/xlsx_parts.h"
#include "domain/clock.h"
#include "domain/text.h"

namespace llw {
namespace {

using documents::ColumnKind;
using documents::DataCell;
using documents::DataColumn;
using documents::DataSheet;
using documents::DataValidation;
using nlohmann::json;

constexpr const char* kCodeLabel = "Mã đơn vị";
constexpr const char* kNameLabel = "Tên đơn vị";
constexpr const char* kYes = "Có";
constexpr const char* kNo = "Không";

std::string trim(const std::string& text) {
  const auto b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = text.find_last_not_of(" \t\r\n");
  return text.substr(b, e - b + 1);
}

std::string letters(std::size_t column) { return documents::xlsx::column_letters(column); }

// The template's columns: code, name, then each entry item.
struct EntryColumn {
  std::string key;
  std::string label;
  const FormItem* item = nullptr;
};

std::vector<EntryColumn> entry_columns(const ReportForm& form) {
  std::vector<EntryColumn> columns{{"code", kCodeLabel, nullptr}, {"name", kNameLabel, nullptr}};
  for (const FormItem* item : entry_items(form)) columns.push_back({item->key, item->label, item});
  return columns;
}

ColumnKind column_kind(ItemType type) {
  switch (type) {
    case ItemType::count:
      return ColumnKind::integer;
    case ItemType::percent:
    case ItemType::number:
      return ColumnKind::decimal;
    default:
      return ColumnKind::text;
  }
}

// A current value as the template shows it: numbers as numbers, yes/no as Có/Không.
DataCell template_cell(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_boolean()) return std::string(value.get<bool>() ? kYes : kNo);
  if (value.is_string()) return value.get<std::string>();
  return {};
}

bool list_safe(const std::vector<std::string>& values) {
  std::size_t length = 0;
  for (const std::string& v : values) {
    if (v.find_first_of(",\"") != std::string::npos) return false;
    length += v.size() + 1;
  }
  return length < 250;  // Excel's limit for a literal list
}

std::string number_words(double value) { return format_vietnamese_number(value); }

// What a column takes, in words, for the guide.
std::string how_to_fill(const FormItem& item) {
  switch (item.type) {
    case ItemType::count:
      return "Số nguyên không âm (ví dụ 12), không dùng dấu chấm hay dấu phẩy." +
             (item.max ? " Tối đa " + number_words(*item.max) + "." : std::string());
    case ItemType::percent:
      return "Tỷ lệ phần trăm từ 0 đến 100 (ví dụ 12.5).";
    case ItemType::number:
      return "Một số (phần thập phân viết sau dấu chấm, ví dụ 12.5).";
    case ItemType::yes_no:
      return "Có hoặc Không.";
    case ItemType::choice: {
      std::string list;
      for (const std::string& c : item.choices) list += (list.empty() ? "" : ", ") + c;
      return "Một trong: " + list + ".";
    }
    case ItemType::date:
      return "Một ngày, dạng dd/mm/yyyy hoặc ô ngày của Excel.";
    case ItemType::short_text:
      return "Một dòng chữ.";
    case ItemType::narrative:
      return "Đoạn văn (có thể xuống dòng trong ô bằng Alt+Enter).";
    case ItemType::table:
      break;
  }
  return {};
}

DataSheet guide_sheet(const ReportForm& form, const std::string& scope) {
  DataSheet sheet;
  sheet.name = kEntryGuideSheet;
  sheet.columns = {{"column", "Cột", ColumnKind::text, 10, nullptr},
                   {"item", "Mục của đề cương", ColumnKind::text, 60, nullptr},
                   {"values", "Cách ghi", ColumnKind::text, 70, nullptr}};
  const auto row = [&](const std::string& a, const std::string& b, const std::string& c) {
    sheet.rows.push_back({a, b, c});
  };
  row("", scope, "");
  row("", "Mỗi dòng từ dòng 3 của trang “Báo cáo” là báo cáo của một đơn vị.",
      "Không sửa hai dòng tiêu đề (dòng 1 và dòng 2) và không thêm trang tính khác. Không dùng "
      "công thức: hãy dán giá trị.");
  row("",
      "Ô để trống nghĩa là đơn vị không có số liệu mục đó; dòng để trống cả là đơn vị không "
      "được nhập.",
      "Tệp được kiểm tra như biểu mẫu báo cáo; nếu có lỗi thì không báo cáo nào được lưu và mọi "
      "lỗi được liệt kê theo trang, dòng, cột.");
  row("",
      "Báo cáo nhập từ tệp được ghi là “Nhập từ tệp bởi điều phối viên” và ở trạng thái Đã "
      "duyệt.",
      "Không nhập được cho đơn vị đã tự nộp báo cáo trên hệ thống (hãy trả lại trước) và cho "
      "chính đơn vị của mình (do cấp trên nhập).");
  row("", "Tệp mẫu không có các bảng của đề cương (văn bản chỉ đạo, hoạt động khác, kết quả khác).",
      "Các bảng này nhập trên trang báo cáo của từng đơn vị; nhập từ tệp giữ nguyên các bảng đã "
      "có.");
  const std::vector<EntryColumn> columns = entry_columns(form);
  row("A", kCodeLabel, "Mã đơn vị như trong hệ thống; không sửa.");
  row("B", kNameLabel, "Để đọc cho dễ; không được dùng khi nhập.");
  for (std::size_t c = 2; c < columns.size(); ++c) {
    row(letters(c), columns[c].label, how_to_fill(*columns[c].item));
  }
  return sheet;
}

std::string quoted_sheet(const std::string& name) { return "“" + name + "”"; }

// The JSON value of a cell's text for an item: a number, a yes/no, a date where the text is one,
// the (trimmed) text otherwise.
json cell_value(const FormItem& item, const std::string& raw) {
  const std::string text = trim(raw);
  const auto number = [&]() -> std::optional<double> {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
  };
  switch (item.type) {
    case ItemType::count:
    case ItemType::percent:
    case ItemType::number:
      if (const auto v = number()) {
        if (item.type == ItemType::count && std::floor(*v) == *v && std::fabs(*v) < 9e15) {
          return static_cast<long long>(*v);
        }
        return *v;
      }
      return text;
    case ItemType::yes_no: {
      const std::string key = search_key(text);
      if (key == "co" || key == "true" || key == "x") return true;
      if (key == "khong" || key == "false") return false;
      return text;
    }
    case ItemType::date: {
      if (const auto v = number(); v && *v > 0 && *v < 2958466) {
        using namespace std::chrono;
        const sys_days day = sys_days(year(1899) / December / 30) + days(long(*v));
        return format_iso_date(year_month_day(day));
      }
      // dd/mm/yyyy as Vietnamese write it.
      int d = 0, m = 0, y = 0;
      char tail = 0;
      if (std::sscanf(text.c_str(), "%d/%d/%d%c", &d, &m, &y, &tail) == 3) {
        const std::chrono::year_month_day date{
            std::chrono::year(y), std::chrono::month(unsigned(m)), std::chrono::day(unsigned(d))};
        if (date.ok()) return format_iso_date(date);
      }
      return text;
    }
    default:
      return text;
  }
}

}  // namespace

std::string entry_problem_place(const EntryProblem& problem) {
  if (problem.row == 0 && problem.sheet.empty()) return "Cả tệp";
  std::string place = "Trang " + quoted_sheet(problem.sheet);
  if (problem.row > 0) place += ", dòng " + std::to_string(problem.row);
  if (!problem.column.empty()) {
    place += ", cột " + problem.column;
    if (!problem.column_label.empty()) place += " (" + problem.column_label + ")";
  }
  return place;
}

std::string entry_refusal_message(const std::vector<EntryProblem>& problems) {
  const bool whole_file = problems.size() == 1 && problems.front().row == 0;
  return (whole_file ? std::string("Không đọc được tệp")
                     : "Tệp có " + std::to_string(problems.size()) + " lỗi") +
         " nên chưa có báo cáo nào được lưu. Hãy sửa " + (whole_file ? "tệp" : "các lỗi") +
         " được liệt kê dưới đây rồi nhập lại; có thể tải lại tệp mẫu để làm theo.";
}

std::vector<const FormItem*> entry_items(const ReportForm& form) {
  std::vector<const FormItem*> items;
  for (const FormItem* item : form.items()) {
    if (item->type != ItemType::table) items.push_back(item);
  }
  return items;
}

documents::DataWorkbook entry_workbook(const ReportForm& form, const std::string& scope,
                                       const std::vector<EntryTemplateRow>& rows) {
  const std::vector<EntryColumn> columns = entry_columns(form);
  DataSheet sheet;
  sheet.name = kEntrySheet;
  for (const EntryColumn& column : columns) {
    const bool own = column.item == nullptr;
    const double width = own ? (column.key == "code" ? 16 : 34)
                         : column.item->type == ItemType::narrative ? 40
                                                                    : 16;
    sheet.columns.push_back({column.key, column.label,
                             own ? ColumnKind::text : column_kind(column.item->type), width,
                             column.item});
  }
  std::vector<DataCell> keys;
  keys.reserve(columns.size());
  for (const EntryColumn& column : columns) keys.emplace_back(column.key);
  sheet.rows.push_back(std::move(keys));
  for (const EntryTemplateRow& row : rows) {
    std::vector<DataCell> cells{row.code, row.name};
    for (std::size_t c = 2; c < columns.size(); ++c) {
      const auto it = row.values.find(columns[c].key);
      cells.push_back(it == row.values.end() ? DataCell{} : template_cell(*it));
    }
    sheet.rows.push_back(std::move(cells));
  }
  sheet.layout.frozen_rows = 2;
  sheet.layout.autofilter = false;
  // Room for units added below the listed ones is not given: a unit must be one of LLW's.
  const std::size_t last_row = std::max<std::size_t>(rows.size() + 2, kEntryFirstRow);
  for (std::size_t c = 2; c < columns.size(); ++c) {
    const FormItem& item = *columns[c].item;
    DataValidation v;
    v.column = c;
    v.first_row = kEntryFirstRow;
    v.last_row = last_row;
    switch (item.type) {
      case ItemType::count:
        v.kind = DataValidation::Kind::whole;
        v.min = std::max(0.0, item.min.value_or(0));
        if (item.max) v.max = *item.max;
        v.message = "Hãy nhập một số nguyên không âm.";
        break;
      case ItemType::percent:
        v.kind = DataValidation::Kind::decimal;
        v.min = 0;
        v.max = 100;
        v.message = "Tỷ lệ phải nằm trong khoảng từ 0 đến 100.";
        break;
      case ItemType::yes_no:
        v.kind = DataValidation::Kind::list;
        v.list = {kYes, kNo};
        v.message = "Hãy chọn Có hoặc Không.";
        break;
      case ItemType::choice:
        if (!list_safe(item.choices)) continue;
        v.kind = DataValidation::Kind::list;
        v.list = item.choices;
        v.message = "Hãy chọn một giá trị trong danh sách.";
        break;
      default:
        continue;
    }
    sheet.layout.validations.push_back(std::move(v));
  }
  documents::DataWorkbook book;
  book.sheets = {std::move(sheet), guide_sheet(form, scope)};
  return book;
}

EntryProblem entry_row_problem(int row, const std::string& message) {
  return {kEntrySheet, row, "A", kCodeLabel, message};
}

EntryProblem entry_value_problem(const ReportForm& form, int row, const std::string& key,
                                 const std::string& message) {
  const std::vector<EntryColumn> columns = entry_columns(form);
  for (std::size_t c = 2; c < columns.size(); ++c) {
    if (columns[c].key == key) return {kEntrySheet, row, letters(c), columns[c].label, message};
  }
  const FormItem* item = form.find_item(key.substr(0, key.find('[')));
  return entry_row_problem(row,
                           (item ? "Mục “" + item->label + "”: " : "Mục " + key + ": ") + message);
}

ParsedEntry parse_entry_book(const ReportForm& form, const documents::XlsxBook& book) {
  ParsedEntry parsed;
  auto& problems = parsed.problems;
  const documents::XlsxSheet* sheet = nullptr;
  for (const documents::XlsxSheet& candidate : book.sheets) {
    if (candidate.name == kEntrySheet) {
      sheet = &candidate;
    } else if (candidate.name != kEntryGuideSheet && !candidate.rows.empty()) {
      const auto& first = candidate.rows.front();
      problems.push_back({candidate.name, first.number,
                          letters(std::size_t(first.cells.front().column)), "",
                          "Trang tính này không thuộc tệp mẫu. Hãy xóa trang này (số liệu chỉ "
                          "được nhập ở trang “Báo cáo”) rồi nhập lại."});
    }
  }
  if (!sheet) {
    problems.insert(
        problems.begin(),
        EntryProblem{"", 0, "", "",
                     "Tệp không có trang “Báo cáo” của tệp mẫu. Hãy tải tệp mẫu, điền số liệu "
                     "vào trang đó rồi nhập lại."});
    return parsed;
  }
  const std::vector<EntryColumn> columns = entry_columns(form);
  // The two header rows, exactly the template's: a column moved, renamed or added would put a
  // figure in another item.
  const auto cell_text = [](const documents::XlsxRow* row, std::size_t column) {
    if (row == nullptr) return std::string();
    for (const auto& cell : row->cells) {
      if (std::size_t(cell.column) == column) return trim(cell.text);
    }
    return std::string();
  };
  const documents::XlsxRow* labels = nullptr;
  const documents::XlsxRow* keys = nullptr;
  for (const auto& row : sheet->rows) {
    if (row.number == 1) labels = &row;
    if (row.number == 2) keys = &row;
  }
  const std::size_t header_problems = problems.size();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string label = cell_text(labels, c);
    if (label != trim(columns[c].label)) {
      problems.push_back({kEntrySheet, 1, letters(c), columns[c].label,
                          "Tiêu đề cột đã bị sửa (đang là “" + label + "”, mẫu ghi “" +
                              columns[c].label +
                              "”). Hãy dùng đúng tệp mẫu, không sửa, thêm hay xóa cột."});
    }
    const std::string key = cell_text(keys, c);
    if (key != columns[c].key) {
      problems.push_back({kEntrySheet, 2, letters(c), columns[c].label,
                          "Mã mục của cột đã bị sửa (đang là “" + key + "”, mẫu ghi “" +
                              columns[c].key +
                              "”). Hãy dùng đúng tệp mẫu, không sửa, thêm hay xóa cột."});
    }
  }
  for (const documents::XlsxRow* header : {labels, keys}) {
    if (header == nullptr) continue;
    for (const auto& cell : header->cells) {
      if (std::size_t(cell.column) >= columns.size()) {
        problems.push_back({kEntrySheet, header->number, letters(std::size_t(cell.column)), "",
                            "Cột này không có trong tệp mẫu; hãy xóa cột."});
      }
    }
  }
  if (problems.size() > header_problems) return parsed;

  std::map<std::string, int> seen;  // code → its first row
  for (const auto& row : sheet->rows) {
    if (row.number < kEntryFirstRow) continue;
    EntryRow entry;
    entry.row = row.number;
    bool has_values = false;
    for (const auto& cell : row.cells) {
      const std::size_t c = std::size_t(cell.column);
      if (c >= columns.size()) {
        problems.push_back({kEntrySheet, row.number, letters(c), "",
                            "Ô nằm ngoài các cột của tệp mẫu; hãy xóa nội dung ô này."});
        continue;
      }
      if (cell.formula) {
        problems.push_back({kEntrySheet, row.number, letters(c), columns[c].label,
                            "Ô có công thức. Hãy thay công thức bằng giá trị (sao chép rồi “Dán "
                            "giá trị”) rồi nhập lại."});
        continue;
      }
      if (c == 0) {
        entry.code = trim(cell.text);
      } else if (c >= 2) {
        entry.values[columns[c].key] = cell_value(*columns[c].item, cell.text);
        has_values = true;
      }
    }
    if (!has_values) continue;
    if (entry.code.empty()) {
      problems.push_back(entry_row_problem(
          row.number, "Thiếu mã đơn vị: dòng có số liệu phải ghi mã của một đơn vị."));
      continue;
    }
    if (const auto [it, fresh] = seen.emplace(entry.code, row.number); !fresh) {
      problems.push_back(entry_row_problem(
          row.number, "Đơn vị " + entry.code + " đã có ở dòng " + std::to_string(it->second) +
                          "; mỗi đơn vị chỉ một dòng. Hãy gộp hai dòng làm một."));
      continue;
    }
    parsed.rows.push_back(std::move(entry));
  }
  return parsed;
}

}  // namespace llw
