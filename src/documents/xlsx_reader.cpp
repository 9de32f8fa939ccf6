#include "documents/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <pugixml.hpp>

#include "domain/error.h"

namespace llw::documents {
namespace {

// Spreadsheet parts larger than this are refused before they are inflated (zip bombs).
constexpr zip_uint64_t max_xlsx_part_bytes = 64ull * 1024 * 1024;
// Cells further right than this are never one of an upload's columns.
constexpr int max_columns = 400;

[[noreturn]] void bad_file(const std::string& message) {
  throw Error(ErrorKind::bad_input, message, "file");
}

struct ZipArchive {
  zip_t* archive = nullptr;
  ZipArchive() = default;
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive() {
    if (archive) zip_discard(archive);
  }
};

std::optional<std::string> read_zip_entry(zip_t* archive, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive, name.c_str(), 0, &st) != 0) return std::nullopt;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > max_xlsx_part_bytes) {
    bad_file("Tệp Excel quá lớn để nhập. Hãy chia thành nhiều tệp nhỏ hơn.");
  }
  zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
  if (!file) bad_file("Tệp Excel bị hỏng: không đọc được phần " + name + ".");
  std::string data;
  data.reserve(std::size_t(st.size));
  char buffer[65536];
  zip_int64_t n;
  while ((n = zip_fread(file, buffer, sizeof buffer)) > 0) {
    data.append(buffer, std::size_t(n));
    if (data.size() > max_xlsx_part_bytes) {
      zip_fclose(file);
      bad_file("Tệp Excel quá lớn để nhập. Hãy chia thành nhiều tệp nhỏ hơn.");
    }
  }
  zip_fclose(file);
  if (n < 0) bad_file("Tệp Excel bị hỏng: không giải nén được phần " + name + ".");
  return data;
}

// Element names without a namespace prefix ("x:row" → "row"): some writers use prefixes.
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && local_name(child) == name) return child;
  }
  return {};
}

// The text of a shared string or an inline string: plain <t>, or rich-text runs <r><t>, without
// phonetic hints (<rPh>).
std::string rich_text(const pugi::xml_node& node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (local_name(child) == "t") {
      text += child.text().get();
    } else if (local_name(child) == "r") {
      if (pugi::xml_node t = child_named(child, "t")) text += t.text().get();
    }
  }
  return text;
}

pugi::xml_document parse_xml(const std::string& data, const std::string& part) {
  pugi::xml_document doc;
  pugi::xml_parse_result ok =
      doc.load_buffer(data.data(), data.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!ok) bad_file("Tệp Excel bị hỏng: phần " + part + " không phải XML hợp lệ.");
  return doc;
}

// "B12" → 1 (zero-based column); -1 when malformed.
int column_index(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return -1;
    ++i;
  }
  return i == 0 ? -1 : col - 1;
}

// Numbers are stored as text like "450" or "4.5E2"; integral ones read back as integers so a
// code typed as 123 stays "123" and a population 450 stays "450".
std::string number_text(const std::string& raw) {
  char* end = nullptr;
  double value = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str() || *end != '\0' || !std::isfinite(value)) return raw;
  if (std::floor(value) == value && std::fabs(value) < 9e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return raw;
}

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

struct SheetPart {
  std::string name;
  std::string path;
};

// The sheets the workbook lists, in its order, with the parts their relationships name; the
// first sheet's usual part when the workbook or its relationships are missing.
std::vector<SheetPart> sheet_parts(zip_t* archive) {
  std::vector<SheetPart> fallback{{"Sheet1", "xl/worksheets/sheet1.xml"}};
  auto workbook = read_zip_entry(archive, "xl/workbook.xml");
  auto rels = read_zip_entry(archive, "xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) return fallback;
  pugi::xml_document wb = parse_xml(*workbook, "xl/workbook.xml");
  pugi::xml_document rd = parse_xml(*rels, "xl/_rels/workbook.xml.rels");
  const auto target_of = [&](const std::string& rid) -> std::string {
    for (pugi::xml_node rel : child_named(rd, "Relationships").children()) {
      if (std::string_view(rel.attribute("Id").value()) != rid) continue;
      std::string target = rel.attribute("Target").value();
      if (target.empty()) return {};
      if (target.front() == '/') return target.substr(1);
      return "xl/" + target;
    }
    return {};
  };
  std::vector<SheetPart> parts;
  for (pugi::xml_node sheet : child_named(child_named(wb, "workbook"), "sheets").children()) {
    if (sheet.type() != pugi::node_element || local_name(sheet) != "sheet") continue;
    std::string rid;
    for (pugi::xml_attribute a : sheet.attributes()) {
      std::string_view name = a.name();
      if (name == "r:id" || (name.size() > 3 && name.substr(name.size() - 3) == ":id")) {
        rid = a.value();
      }
    }
    std::string path = target_of(rid);
    if (path.empty()) bad_file("Tệp Excel bị hỏng: không tìm thấy trang tính " + rid + ".");
    parts.push_back({sheet.attribute("name").value(), std::move(path)});
  }
  return parts.empty() ? fallback : parts;
}

XlsxSheet read_sheet(zip_t* archive, const SheetPart& part, const std::vector<std::string>& shared,
                     std::size_t max_data_rows) {
  auto xml = read_zip_entry(archive, part.path);
  if (!xml) bad_file("Tệp Excel bị hỏng: thiếu trang tính \"" + part.name + "\".");
  pugi::xml_document doc = parse_xml(*xml, part.path);
  pugi::xml_node data = child_named(child_named(doc, "worksheet"), "sheetData");
  XlsxSheet sheet;
  sheet.name = part.name;
  int previous_row = 0;
  for (pugi::xml_node row : data.children()) {
    if (row.type() != pugi::node_element || local_name(row) != "row") continue;
    int number = row.attribute("r") ? row.attribute("r").as_int() : previous_row + 1;
    if (number <= previous_row) number = previous_row + 1;
    previous_row = number;
    XlsxRow cells{number, {}};
    int next_col = 0;
    for (pugi::xml_node c : row.children()) {
      if (c.type() != pugi::node_element || local_name(c) != "c") continue;
      int col = c.attribute("r") ? column_index(c.attribute("r").value()) : next_col;
      if (col < 0) col = next_col;
      next_col = col + 1;
      if (col >= max_columns) continue;
      const std::string type = c.attribute("t").value();
      const bool formula = bool(child_named(c, "f"));
      std::string text;
      if (type == "inlineStr") {
        text = rich_text(child_named(c, "is"));
      } else {
        std::string raw = child_named(c, "v").text().get();
        if (type == "s") {
          char* end = nullptr;
          unsigned long index = std::strtoul(raw.c_str(), &end, 10);
          if (end == raw.c_str() || index >= shared.size()) {
            bad_file("Tệp Excel bị hỏng: ô " + std::string(c.attribute("r").value()) +
                     " trỏ tới chuỗi không tồn tại.");
          }
          text = shared[index];
        } else if (type == "str" || type == "e") {
          text = raw;
        } else if (type == "b") {
          text = raw == "1" ? "TRUE" : "FALSE";
        } else {
          text = number_text(raw);
        }
      }
      if (blank(text) && !formula) continue;
      // A repeated reference keeps the last cell, as Excel does.
      std::erase_if(cells.cells, [&](const XlsxCell& cell) { return cell.column == col; });
      cells.cells.push_back({col, std::move(text), formula});
    }
    if (cells.cells.empty()) continue;
    std::sort(cells.cells.begin(), cells.cells.end(),
              [](const XlsxCell& a, const XlsxCell& b) { return a.column < b.column; });
    if (sheet.rows.size() > max_data_rows) {
      bad_file("Trang tính \"" + part.name + "\" có hơn " + std::to_string(max_data_rows) +
               " dòng dữ liệu, vượt quá giới hạn cho một lần nhập. Hãy chia thành nhiều tệp nhỏ "
               "hơn.");
    }
    sheet.rows.push_back(std::move(cells));
  }
  return sheet;
}

}  // namespace

XlsxBook read_xlsx(std::string_view body, std::size_t max_data_rows, bool first_sheet_only) {
  zip_error_t error;
  zip_error_init(&error);
  // The buffer is not copied (libzip's rule): `body` outlives the archive, which is discarded
  // before this function returns.
  zip_source_t* source = zip_source_buffer_create(body.data(), body.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    bad_file("Không đọc được tệp Excel.");
  }
  ZipArchive zip;
  zip.archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (!zip.archive) {
    zip_source_free(source);
    bad_file(
        "Tệp Excel bị hỏng hoặc không phải định dạng .xlsx. Hãy mở tệp trong Excel, lưu lại "
        "dạng \"Excel Workbook (.xlsx)\" rồi nhập lại.");
  }
  std::vector<std::string> shared;
  if (auto sst = read_zip_entry(zip.archive, "xl/sharedStrings.xml")) {
    pugi::xml_document doc = parse_xml(*sst, "xl/sharedStrings.xml");
    for (pugi::xml_node si : child_named(doc, "sst").children()) {
      if (si.type() == pugi::node_element && local_name(si) == "si") {
        shared.push_back(rich_text(si));
      }
    }
  }
  XlsxBook book;
  for (const SheetPart& part : sheet_parts(zip.archive)) {
    book.sheets.push_back(read_sheet(zip.archive, part, shared, max_data_rows));
    if (first_sheet_only) break;
  }
  return book;
}

}  // namespace llw::documents
