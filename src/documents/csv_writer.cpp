#include "documents/csv_writer.h"

#include <cmath>
#include <cstdio>

#include "documents/document.h"

namespace llw::documents {

namespace {

void field(std::string& out, const std::string& raw, bool guard_formula) {
  std::string text = clean_text(raw);
  if (guard_formula && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string number_text(double value) {
  if (!std::isfinite(value)) return {};
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

void cell(std::string& out, const DataCell& value) {
  if (const auto* number = std::get_if<double>(&value)) {
    out += number_text(*number);
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    field(out, *text, true);
  }
}

void header(std::string& out, const std::vector<DataColumn>& columns, bool with_level) {
  out += "\xEF\xBB\xBF";
  if (with_level) out += "Cấp,";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out += ',';
    field(out, columns[c].label, false);
  }
  out += "\r\n";
}

void rows(std::string& out, const DataSheet& sheet, bool with_level) {
  for (const auto& row : sheet.rows) {
    if (with_level) {
      field(out, sheet.name, true);
      out += ',';
    }
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      cell(out, row[c]);
    }
    out += "\r\n";
  }
}

}  // namespace

std::string render_csv(const DataSheet& sheet) {
  std::string out;
  header(out, sheet.columns, false);
  rows(out, sheet, false);
  return out;
}

std::string render_csv(const DataWorkbook& workbook) {
  std::string out;
  if (workbook.sheets.empty()) return "\xEF\xBB\xBF";
  header(out, workbook.sheets.front().columns, true);
  for (const auto& sheet : workbook.sheets) rows(out, sheet, true);
  return out;
}

std::string csv_header(const std::vector<DataColumn>& columns) {
  std::string out;
  header(out, columns, true);
  return out;
}

void append_csv_row(std::string& out, const std::string& level,
                    const std::vector<DataCell>& cells) {
  field(out, level, true);
  for (const DataCell& value : cells) {
    out += ',';
    cell(out, value);
  }
  out += "\r\n";
}

}  // namespace llw::documents
