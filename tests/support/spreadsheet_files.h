#pragma once
// Real XLSX files for the upload tests, written by libxlsxwriter (a producer independent of LLW's
// own writer, as Excel would be): sheets of text cells where a text that reads as a number is
// written as a number and one starting with "=" as a formula. `sheets_of` reads a workbook LLW
// wrote (a template) back into the same shape, so a test downloads a template, edits cells and
// uploads it. Header-only: the test programs that use it link libxlsxwriter and llw_documents.

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "documents/xlsx_reader.h"

namespace llw::testing_support {

struct SheetCells {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // rows[0] is spreadsheet row 1

  // The cell at a spreadsheet row (1-based) and a zero-based column, created if missing.
  std::string& at(int row, int column) {
    if (rows.size() < std::size_t(row)) rows.resize(std::size_t(row));
    auto& cells = rows[std::size_t(row) - 1];
    if (cells.size() <= std::size_t(column)) cells.resize(std::size_t(column) + 1);
    return cells[std::size_t(column)];
  }
  // The column of a key in row 2 (the entry template's keys), -1 when absent.
  int column_of(const std::string& key) const {
    if (rows.size() < 2) return -1;
    for (std::size_t c = 0; c < rows[1].size(); ++c) {
      if (rows[1][c] == key) return int(c);
    }
    return -1;
  }
  // The row of a code in column A, 0 when absent.
  int row_of(const std::string& code) const {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (!rows[r].empty() && rows[r][0] == code) return int(r) + 1;
    }
    return 0;
  }
};

inline std::vector<SheetCells> sheets_of(const std::string& xlsx) {
  std::vector<SheetCells> sheets;
  for (const auto& sheet : documents::read_xlsx(xlsx, 100000).sheets) {
    SheetCells cells{sheet.name, {}};
    for (const auto& row : sheet.rows) {
      for (const auto& cell : row.cells) cells.at(row.number, cell.column) = cell.text;
    }
    sheets.push_back(std::move(cells));
  }
  return sheets;
}

inline std::string xlsx_of(const std::vector<SheetCells>& sheets) {
  char path[] = "/tmp/llw-sheet-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp");
  close(fd);
  lxw_workbook* workbook = workbook_new(path);
  for (const SheetCells& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(workbook, sheet.name.c_str());
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const std::string& text = sheet.rows[r][c];
        if (text.empty()) continue;
        const auto row = lxw_row_t(r);
        const auto col = lxw_col_t(c);
        char* end = nullptr;
        const double number = std::strtod(text.c_str(), &end);
        if (text.front() == '=') {
          worksheet_write_formula(ws, row, col, text.c_str(), nullptr);
        } else if (end != text.c_str() && *end == '\0' &&
                   text.find_first_of(" \t") == std::string::npos) {
          worksheet_write_number(ws, row, col, number, nullptr);
        } else {
          worksheet_write_string(ws, row, col, text.c_str(), nullptr);
        }
      }
    }
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) throw std::runtime_error("workbook_close");
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  unlink(path);
  return bytes.str();
}

}  // namespace llw::testing_support
