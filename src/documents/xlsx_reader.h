#pragma once
// Reading the cells of an uploaded XLSX workbook (SpreadsheetML, ECMA-376) with libzip and
// pugixml: every sheet in workbook order, each cell's text with its spreadsheet row and column
// and whether Excel computes it from a formula. Shared strings, inline strings, rich-text runs,
// numbers (integral ones as integers: 450 stays "450") and booleans ("TRUE"/"FALSE") are read;
// styles are not. Parts larger than 64 MB are refused before they are inflated (zip bombs).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace llw::documents {

struct XlsxCell {
  int column = 0;  // zero-based: A is 0
  std::string text;
  bool formula = false;  // the cell has an <f>: its text is Excel's last computed value
};

struct XlsxRow {
  int number = 0;               // the spreadsheet's row number (1 is the first)
  std::vector<XlsxCell> cells;  // non-empty cells, by column
};

struct XlsxSheet {
  std::string name;
  std::vector<XlsxRow> rows;  // rows with at least one non-blank cell, in order
};

struct XlsxBook {
  std::vector<XlsxSheet> sheets;  // in the workbook's order
};

// The cells of every sheet (of only the first when `first_sheet_only`). Throws
// Error{bad_input, field "file"} with a Vietnamese message for a file that is not a readable
// XLSX (not a ZIP, a missing or broken part, a part too large), or whose sheet has more than
// `max_data_rows` rows with cells below its first one.
XlsxBook read_xlsx(std::string_view body, std::size_t max_data_rows, bool first_sheet_only = false);

}  // namespace llw::documents
