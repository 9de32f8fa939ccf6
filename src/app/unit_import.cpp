#include "app/unit_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>

#include "app/vietnamese_text.h"
#include "documents/xlsx_reader.h"
#include "domain/error.h"

namespace llw {
namespace {

[[noreturn]] void bad_file(const std::string& message) {
  throw Error(ErrorKind::bad_input, message, "file");
}

std::string trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t b = 0, e = text.size();
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  return std::string(text.substr(b, e - b));
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return text;
}

void check_row_count(std::size_t data_rows) {
  if (data_rows > std::size_t(max_import_rows)) {
    bad_file(
        "Tệp có hơn " + std::to_string(max_import_rows) +
        " dòng dữ liệu, vượt quá giới hạn cho một lần nhập. Hãy chia thành nhiều tệp nhỏ hơn.");
  }
}

// A column name or a value as a Vietnamese clerk writes it ("Mã đơn vị", "Trường học") reduced to
// the search key with single spaces ("ma don vi", "truong hoc"), so that marks, case and
// underscores do not matter.
std::string plain_key(std::string_view text) {
  std::string key = search_key(trim(text));
  std::string out;
  for (char c : key) {
    if (c == '_' || c == '-') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The English column name of a Vietnamese header ("Mã" → "code"); the header itself otherwise.
std::string column_name(std::string_view header) {
  static const std::map<std::string, std::string> vietnamese = {{"ma", "code"},
                                                                {"ma don vi", "code"},
                                                                {"ten", "name"},
                                                                {"ten don vi", "name"},
                                                                {"loai", "kind"},
                                                                {"loai don vi", "kind"},
                                                                {"cap hoc", "level"},
                                                                {"cap", "level"},
                                                                {"don vi cap tren", "parent"},
                                                                {"cap tren", "parent"},
                                                                {"ma cap tren", "parent"},
                                                                {"ma don vi cap tren", "parent"},
                                                                {"thu dien tu", "email"},
                                                                {"thu dien tu (email)", "email"},
                                                                {"dien thoai", "phone"},
                                                                {"so dien thoai", "phone"},
                                                                {"hoc sinh", "pop_students"},
                                                                {"so hoc sinh", "pop_students"},
                                                                {"can bo", "pop_staff"},
                                                                {"so can bo", "pop_staff"},
                                                                {"phu huynh", "pop_parents"},
                                                                {"so phu huynh", "pop_parents"},
                                                                {"nguoi dan", "pop_residents"},
                                                                {"so nguoi dan", "pop_residents"}};
  std::string key = plain_key(header);
  if (auto it = vietnamese.find(key); it != vietnamese.end()) return it->second;
  return ascii_lower(trim(header));
}

// A kind in English ("school") or in Vietnamese as the pages write it ("Trường học", "Xã, phường",
// "Thôn" …).
std::optional<UnitKind> kind_of(std::string_view value) {
  if (auto kind = unit_kind_from_string(ascii_lower(trim(value)))) return kind;
  static const std::map<std::string, UnitKind> vietnamese = {
      {"toan quoc", UnitKind::country},
      {"ca nuoc", UnitKind::country},
      {"tinh", UnitKind::province},
      {"thanh pho", UnitKind::province},
      {"tinh, thanh pho", UnitKind::province},
      {"xa", UnitKind::commune},
      {"phuong", UnitKind::commune},
      {"xa, phuong", UnitKind::commune},
      {"dac khu", UnitKind::commune},
      {"phong", UnitKind::department},
      {"ban", UnitKind::department},
      {"phong, ban", UnitKind::department},
      {"so", UnitKind::department},
      {"to chuc", UnitKind::organization},
      {"to chuc, don vi", UnitKind::organization},
      {"don vi", UnitKind::organization},
      {"thon", UnitKind::village},
      {"ban, ap", UnitKind::village},
      {"ap", UnitKind::village},
      {"to dan pho", UnitKind::village},
      {"truong", UnitKind::school},
      {"truong hoc", UnitKind::school}};
  if (auto it = vietnamese.find(plain_key(value)); it != vietnamese.end()) return it->second;
  return std::nullopt;
}

// A school level in English ("primary") or Vietnamese ("Tiểu học", "THCS" …).
std::optional<SchoolLevel> level_of(std::string_view value) {
  if (auto level = school_level_from_string(ascii_lower(trim(value)))) return level;
  static const std::map<std::string, SchoolLevel> vietnamese = {
      {"mam non", SchoolLevel::preschool},
      {"mau giao", SchoolLevel::preschool},
      {"tieu hoc", SchoolLevel::primary},
      {"th", SchoolLevel::primary},
      {"trung hoc co so", SchoolLevel::lower_secondary},
      {"thcs", SchoolLevel::lower_secondary},
      {"trung hoc pho thong", SchoolLevel::upper_secondary},
      {"thpt", SchoolLevel::upper_secondary},
      {"giao duc thuong xuyen", SchoolLevel::continuing},
      {"gdtx", SchoolLevel::continuing},
      {"gdnn gdtx", SchoolLevel::continuing},
      {"trung tam gdnn gdtx", SchoolLevel::continuing}};
  if (auto it = vietnamese.find(plain_key(value)); it != vietnamese.end()) return it->second;
  return std::nullopt;
}

bool all_empty(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& c) { return trim(c).empty(); });
}

// ---- CSV ---------------------------------------------------------------------------------------

char detect_separator(std::string_view text) {
  int commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  // Excel in a Vietnamese locale writes ';' because ',' is the decimal separator there.
  return semicolons > commas ? ';' : ',';
}

}  // namespace

CellTable read_csv_cells(std::string_view body) {
  if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (!is_valid_utf8(body)) {
    bad_file(
        "Tệp CSV không phải văn bản UTF-8 hợp lệ. Hãy lưu lại tệp với kiểu \"CSV UTF-8\" rồi nhập "
        "lại.");
  }
  const char sep = detect_separator(body);
  CellTable table;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_was_quoted = false;
  int record_no = 1;
  int quote_start_record = 0;
  std::size_t data_rows = 0;

  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
    if (!all_empty(record)) {
      if (!table.rows.empty()) check_row_count(++data_rows);
      table.rows.emplace_back(record_no, std::move(record));
    }
    record.clear();
    ++record_no;
  };

  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < body.size() && body[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && trim(field).empty() && !field_was_quoted) {
      field.clear();
      quoted = true;
      field_was_quoted = true;
      quote_start_record = record_no;
    } else if (c == sep) {
      record.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\r') {
      if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
      end_record();
    } else if (c == '\n') {
      end_record();
    } else {
      field += c;
    }
  }
  if (quoted) {
    bad_file("Tệp CSV có dấu ngoặc kép (\") chưa được đóng, bắt đầu ở dòng " +
             std::to_string(quote_start_record) + ". Hãy sửa lại dòng đó rồi nhập lại.");
  }
  if (!field.empty() || !record.empty()) end_record();
  if (table.rows.empty()) {
    bad_file(
        "Tệp CSV trống. Dòng đầu tiên phải là tên cột: code,name,kind,level,parent,email,"
        "pop_students…");
  }
  return table;
}

CellTable read_xlsx_cells(std::string_view body) {
  const documents::XlsxBook book =
      documents::read_xlsx(body, std::size_t(max_import_rows), /*first_sheet_only=*/true);
  CellTable table;
  if (!book.sheets.empty()) {
    for (const documents::XlsxRow& row : book.sheets.front().rows) {
      std::vector<std::string> cells;
      for (const documents::XlsxCell& cell : row.cells) {
        if (cells.size() <= std::size_t(cell.column)) cells.resize(std::size_t(cell.column) + 1);
        cells[std::size_t(cell.column)] = cell.text;
      }
      if (!all_empty(cells)) table.rows.emplace_back(row.number, std::move(cells));
    }
  }
  if (table.rows.empty()) {
    bad_file(
        "Trang tính đầu tiên của tệp Excel trống. Dòng 1 phải là tên cột: code, name, kind, "
        "level, parent, email, pop_students…");
  }
  return table;
}

std::string import_column_label(std::string_view column) {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"code", "Mã"},
      {"name", "Tên"},
      {"kind", "Loại"},
      {"level", "Cấp học"},
      {"parent", "Đơn vị cấp trên"},
      {"parent_code", "Đơn vị cấp trên"},
      {"email", "Thư điện tử"},
      {"phone", "Điện thoại"},
      {"pop_students", "Số học sinh"},
      {"pop_staff", "Số cán bộ"},
      {"pop_parents", "Số phụ huynh"},
      {"pop_residents", "Số người dân"}};
  std::string key(column);
  if (key.rfind("population.", 0) == 0) key = "pop_" + key.substr(11);
  if (auto it = labels.find(key); it != labels.end()) return it->second;
  return key;
}

std::string import_refusal_message(const std::vector<ImportProblem>& problems) {
  const bool whole_file = !problems.empty() && problems.front().row == 0;
  return (whole_file ? std::string("Không đọc được tệp")
                     : "Tệp có " + std::to_string(problems.size()) + " lỗi") +
         " nên chưa có đơn vị nào được lưu. Hãy sửa " + (whole_file ? "tệp" : "các lỗi") +
         " được liệt kê dưới đây rồi nhập lại; có thể tải tệp mẫu để làm theo.";
}

ParsedUnits units_from_cells(const CellTable& table) {
  const auto& header = table.rows.front().second;
  const int header_row = table.rows.front().first;
  enum class Column { code, name, kind, level, parent, email, phone, population };
  struct Mapped {
    Column column;
    std::string group;  // population group for pop_ columns
    std::string label;  // the template's header of the column
  };
  std::map<std::size_t, Mapped> columns;
  std::map<std::string, std::size_t> seen;
  ParsedUnits parsed;
  // Every problem of the header at once: unknown, repeated and missing columns.
  const auto header_problem = [&](const std::string& column, std::string message) {
    parsed.errors.push_back({header_row, column, std::move(message)});
  };
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name = column_name(header[i]);
    if (name.empty()) continue;
    if (seen.count(name)) {
      header_problem(trim(header[i]), "Cột \"" + trim(header[i]) + "\" (" +
                                          import_column_label(name) +
                                          ") xuất hiện hai lần ở dòng tiêu đề; hãy xóa một cột.");
      continue;
    }
    seen[name] = i;
    static const std::map<std::string, Column> fixed = {
        {"code", Column::code},   {"name", Column::name},     {"kind", Column::kind},
        {"level", Column::level}, {"parent", Column::parent}, {"email", Column::email},
        {"phone", Column::phone}};
    if (auto it = fixed.find(name); it != fixed.end()) {
      columns[i] = {it->second, {}, import_column_label(name)};
    } else if (name.rfind("pop_", 0) == 0 && name.size() > 4) {
      columns[i] = {Column::population, name.substr(4), import_column_label(name)};
    } else {
      header_problem(
          trim(header[i]),
          "Cột \"" + trim(header[i]) +
              "\" không được hỗ trợ. Các cột hợp lệ: Mã, Tên, Loại, Cấp học, Đơn vị "
              "cấp trên, Thư điện tử, Điện thoại, Số học sinh, Số cán bộ, Số phụ huynh, Số người "
              "dân (hoặc code, name, kind, level, parent, email, phone, pop_<nhóm>).");
    }
  }
  for (const char* required : {"code", "name", "kind"}) {
    if (!seen.count(required)) {
      header_problem(import_column_label(required),
                     "Thiếu cột \"" + import_column_label(required) + "\" (" + required +
                         ") ở dòng tiêu đề. Dòng đầu tiên phải gồm ít nhất các cột Mã, Tên, Loại "
                         "(và Đơn vị cấp trên cho đơn vị có cấp trên).");
    }
  }
  // A header that cannot be read makes every row's cells uncertain: its problems alone.
  if (!parsed.errors.empty()) return parsed;

  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    // Named members, not a structured binding: clang 14 (the fuzz build) cannot capture one.
    const int row = table.rows[r].first;
    const auto& cells = table.rows[r].second;
    ImportRow item;
    item.row = row;
    bool ok = true;
    auto fail = [&](const std::string& column, std::string message) {
      parsed.errors.push_back({row, column, std::move(message)});
      ok = false;
    };
    for (const auto& [index, mapped] : columns) {
      std::string value = index < cells.size() ? trim(cells[index]) : std::string();
      switch (mapped.column) {
        case Column::code:
          item.input.code = value;
          break;
        case Column::name:
          item.input.name = value;
          break;
        case Column::kind:
          if (auto kind = kind_of(value)) {
            item.input.kind = *kind;
          } else {
            fail(mapped.label,
                 "Loại đơn vị \"" + value +
                     "\" không hợp lệ; dùng một trong: Toàn quốc, Tỉnh, Xã, Phòng, Tổ chức, Thôn, "
                     "Trường học (hoặc country, province, commune, department, organization, "
                     "village, school).");
          }
          break;
        case Column::level:
          if (value.empty()) {
            item.input.level = SchoolLevel::none;
          } else if (auto level = level_of(value)) {
            item.input.level = *level;
          } else {
            fail(mapped.label,
                 "Cấp học \"" + value +
                     "\" không hợp lệ; dùng một trong: Mầm non, Tiểu học, THCS, THPT, GDTX (hoặc "
                     "preschool, primary, lower_secondary, upper_secondary, continuing).");
          }
          break;
        case Column::parent:
          item.input.parent_code = value;
          break;
        case Column::email:
          item.input.email = value;
          break;
        case Column::phone:
          item.input.phone = value;
          break;
        case Column::population: {
          if (value.empty()) break;
          std::int64_t n = 0;
          const char* begin = value.data();
          const char* end = value.data() + value.size();
          auto [p, ec] = std::from_chars(begin, end, n);
          if (ec != std::errc() || p != end) {
            fail(mapped.label, "\"" + value +
                                   "\" không phải là số nguyên; hãy nhập số người, không dùng "
                                   "dấu chấm hay dấu phẩy.");
          } else {
            item.input.population[mapped.group] = n;
          }
          break;
        }
      }
    }
    if (item.input.code.empty()) fail(import_column_label("code"), "Thiếu mã đơn vị.");
    if (ok) parsed.rows.push_back(std::move(item));
  }
  return parsed;
}

ParsedUnits parse_units(std::string_view body, std::string_view content_type) {
  std::string type = ascii_lower(std::string(content_type.substr(0, content_type.find(';'))));
  type = trim(type);
  const bool zip_signature =
      body.size() >= 4 && body.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  if (type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
      ((type.empty() || type == "application/octet-stream") && zip_signature)) {
    return units_from_cells(read_xlsx_cells(body));
  }
  if (type == "text/csv" || type == "application/csv" || type == "text/plain" || type.empty() ||
      type == "application/octet-stream") {
    if (zip_signature) {
      bad_file("Tệp gửi lên là tệp Excel nhưng được khai báo là CSV. Hãy chọn đúng loại tệp.");
    }
    return units_from_cells(read_csv_cells(body));
  }
  bad_file("Định dạng tệp \"" + type +
           "\" không được hỗ trợ; hãy gửi tệp CSV (UTF-8) hoặc tệp Excel (.xlsx).");
}

}  // namespace llw
