#include "documents/xlsx_writer.h"

#include <zlib.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <set>

#include "documents/document.h"
#include "documents/xlsx_parts.h"
#include "documents/zip_writer.h"
#include "domain/clock.h"

namespace llw::documents {

namespace {

// zlib level of the worksheets: level 1 deflates the national sheets about three times as fast
// as the default 6 for a file about a quarter larger (docs/performance.md, issue 15).
constexpr int kSheetCompression = 1;
// A sheet's XML is handed to zlib in pieces of about this size.
constexpr std::size_t kFlushBytes = 128 * 1024;

// Excel forbids []:*?/\ in sheet names and caps them at 31 characters (UTF-16 units; Vietnamese
// letters are one each).
std::string sheet_name(const std::string& raw, const std::vector<std::string>& used) {
  std::string name;
  std::size_t count = 0;
  const std::string clean = clean_text(raw);
  for (std::size_t i = 0; i < clean.size() && count < 28;) {
    const unsigned char c = static_cast<unsigned char>(clean[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const std::string letter = clean.substr(i, length);
    i += length;
    if (letter.size() == 1 && std::string("[]:*?/\\\n\t'").find(letter[0]) != std::string::npos) {
      continue;
    }
    name += letter;
    ++count;
  }
  if (name.empty()) name = "Sheet";
  const std::set<std::string> taken(used.begin(), used.end());
  std::string unique = name;
  for (int n = 2; taken.count(unique); ++n) unique = name + " " + std::to_string(n);
  return unique;
}

// Days since 1899-12-30: a date as Excel stores it.
long excel_serial(const std::chrono::year_month_day& date) {
  using namespace std::chrono;
  return (sys_days(date) - sys_days(year(1899) / December / 30)).count();
}

void append_number(std::string& out, double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

std::string iso_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// <dataValidations>: after the autofilter, before the page margins (CT_Worksheet's order).
void append_validations(std::string& out, const std::vector<DataValidation>& validations) {
  if (validations.empty()) return;
  out += "<dataValidations count=\"" + std::to_string(validations.size()) + "\">";
  for (const DataValidation& v : validations) {
    const char* type = v.kind == DataValidation::Kind::list      ? "list"
                       : v.kind == DataValidation::Kind::decimal ? "decimal"
                                                                 : "whole";
    out += "<dataValidation type=\"";
    out += type;
    out += '"';
    std::vector<std::string> formulas;
    if (v.kind == DataValidation::Kind::list) {
      std::string list;
      for (const std::string& value : v.list) list += (list.empty() ? "" : ",") + value;
      formulas.push_back("\"" + list + "\"");
    } else {
      const auto number = [](double value) {
        std::string text;
        append_number(text, value);
        return text;
      };
      const char* op = v.min && v.max ? "between"
                       : v.min        ? "greaterThanOrEqual"
                                      : "lessThanOrEqual";
      out += " operator=\"";
      out += op;
      out += '"';
      if (v.min) formulas.push_back(number(*v.min));
      if (v.max) formulas.push_back(number(*v.max));
    }
    out += " allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"Giá trị không hợp lệ\" error=\"";
    append_escaped(out, clean_text(v.message));
    const std::string letters = xlsx::column_letters(v.column);
    out += "\" sqref=\"" + letters + std::to_string(v.first_row) + ":" + letters +
           std::to_string(v.last_row) + "\">";
    for (std::size_t i = 0; i < formulas.size(); ++i) {
      const std::string tag = i == 0 ? "formula1" : "formula2";
      out += "<" + tag + ">";
      append_escaped(out, formulas[i]);
      out += "</" + tag + ">";
    }
    out += "</dataValidation>";
  }
  out += "</dataValidations>";
}

}  // namespace

struct XlsxWriter::Sheet {
  Sheet(std::vector<DataColumn> cols, SheetLayout sheet_layout)
      : columns(std::move(cols)), layout(std::move(sheet_layout)), xml(kSheetCompression) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      letters.push_back(xlsx::column_letters(c));
    }
  }

  void flush_if_full() {
    if (buffer.size() >= kFlushBytes) {
      xml.write(buffer);
      buffer.clear();
    }
  }

  std::vector<DataColumn> columns;
  SheetLayout layout;
  std::vector<std::string> letters;  // "A", "B", … per column
  DeflatedEntry xml;
  std::string buffer;
  std::size_t rows = 0;  // written after the header row
};

XlsxWriter::XlsxWriter() = default;
XlsxWriter::~XlsxWriter() = default;

std::size_t XlsxWriter::add_sheet(const std::string& raw_name,
                                  const std::vector<DataColumn>& columns,
                                  const SheetLayout& layout) {
  names_.push_back(sheet_name(raw_name, names_));
  auto sheet = std::make_unique<Sheet>(columns, layout);
  std::string& out = sheet->buffer;
  const std::string frozen = std::to_string(layout.frozen_rows);
  const std::string first_free = "A" + std::to_string(layout.frozen_rows + 1);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"" +
      frozen + "\" topLeftCell=\"" + first_free +
      "\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" "
      "activeCell=\"" +
      first_free + "\" sqref=\"" + first_free +
      "\"/></sheetView></sheetViews>"
      "<sheetFormatPr defaultRowHeight=\"15\"/>";
  if (!columns.empty()) {
    out += "<cols>";
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string n = std::to_string(c + 1);
      out.append("<col min=\"").append(n).append("\" max=\"").append(n).append("\" width=\"");
      append_number(out, columns[c].width + 0.71);  // Excel's padding, as Excel itself writes
      out += "\" customWidth=\"1\"/>";
    }
    out += "</cols>";
  }
  out += "<sheetData><row r=\"1\" ht=\"45\" customHeight=\"1\">";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    out += "<c r=\"" + sheet->letters[c] + "1\" s=\"1\" t=\"inlineStr\"><is><t>";
    append_escaped(out, clean_text(columns[c].label));
    out += "</t></is></c>";
  }
  out += "</row>";
  sheets_.push_back(std::move(sheet));
  return sheets_.size() - 1;
}

void XlsxWriter::write_row(std::size_t sheet_index, const std::vector<DataCell>& cells) {
  Sheet& sheet = *sheets_.at(sheet_index);
  const std::string r = std::to_string(++sheet.rows + 1);
  std::string& out = sheet.buffer;
  out += "<row r=\"" + r + "\">";
  for (std::size_t c = 0; c < cells.size() && c < sheet.columns.size(); ++c) {
    const DataColumn& column = sheet.columns[c];
    const auto open_cell = [&](int style) {
      out += "<c r=\"";
      out += sheet.letters[c];
      out += r;
      if (style != xlsx::plain) out += "\" s=\"" + std::to_string(style);
      out += '"';
    };
    if (const auto* number = std::get_if<double>(&cells[c])) {
      if (!std::isfinite(*number)) continue;
      open_cell(column.kind == ColumnKind::percent   ? xlsx::percent
                : column.kind == ColumnKind::integer ? xlsx::integer
                                                     : xlsx::decimal);
      out += "><v>";
      append_number(out, *number);
      out += "</v></c>";
    } else if (const auto* text = std::get_if<std::string>(&cells[c])) {
      if (column.kind == ColumnKind::date) {
        if (const auto date = parse_iso_date(*text)) {
          open_cell(xlsx::date);
          out += "><v>" + std::to_string(excel_serial(*date)) + "</v></c>";
          continue;
        }
      }
      // Strings are written as strings (inline), never as formulas, whatever they start with.
      const std::string clean = clean_text(*text);
      open_cell(xlsx::plain);
      out += " t=\"inlineStr\"><is><t";
      const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
      if (!clean.empty() && (is_space(clean.front()) || is_space(clean.back()))) {
        out += " xml:space=\"preserve\"";
      }
      out += '>';
      append_escaped(out, clean);
      out += "</t></is></c>";
    }
  }
  out += "</row>";
  sheet.flush_if_full();
}

SpooledFile XlsxWriter::finish_file() {
  if (sheets_.empty()) add_sheet("Số liệu", {});
  std::vector<xlsx::SheetEntry> entries;
  for (std::size_t i = 0; i < sheets_.size(); ++i) {
    Sheet& sheet = *sheets_[i];
    std::string range;
    if (!sheet.columns.empty() && sheet.layout.autofilter) {
      range = "$A$1:$" + sheet.letters.back() + "$" + std::to_string(sheet.rows + 1);
    }
    sheet.buffer += "</sheetData>";
    if (!range.empty()) {
      sheet.buffer +=
          "<autoFilter ref=\"A1:" + sheet.letters.back() + std::to_string(sheet.rows + 1) + "\"/>";
    }
    append_validations(sheet.buffer, sheet.layout.validations);
    sheet.buffer +=
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
        "footer=\"0.3\"/></worksheet>";
    sheet.xml.write(sheet.buffer);
    sheet.buffer.clear();
    sheet.xml.finish();
    entries.push_back({names_[i], range});
  }
  ZipWriter zip;
  zip.add("[Content_Types].xml", xlsx::content_types_xml(sheets_.size()));
  zip.add("_rels/.rels", xlsx::root_rels_xml());
  zip.add("docProps/app.xml", xlsx::app_properties_xml());
  zip.add("docProps/core.xml", xlsx::core_properties_xml("Số liệu báo cáo", iso_now()));
  zip.add("xl/workbook.xml", xlsx::workbook_xml(entries));
  zip.add("xl/_rels/workbook.xml.rels", xlsx::workbook_rels_xml(sheets_.size()));
  zip.add("xl/styles.xml", xlsx::styles_xml());
  for (std::size_t i = 0; i < sheets_.size(); ++i) {
    zip.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheets_[i]->xml);
  }
  sheets_.clear();
  names_.clear();
  return zip.finish();
}

std::string XlsxWriter::finish() { return finish_file().read_all(); }

std::string render_xlsx(const DataWorkbook& book) {
  XlsxWriter writer;
  for (const DataSheet& sheet : book.sheets) {
    const std::size_t index = writer.add_sheet(sheet.name, sheet.columns, sheet.layout);
    for (const auto& row : sheet.rows) writer.write_row(index, row);
  }
  return writer.finish();
}

}  // namespace llw::documents
