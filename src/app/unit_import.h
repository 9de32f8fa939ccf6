#pragma once
// Reading org units from a spreadsheet a commune already keeps: CSV (UTF-8, comma or semicolon)
// or XLSX. The first row names the columns: code, name, kind, level, parent, email, phone and one
// pop_<group> column per population group (pop_students, pop_staff, …). Row numbers are the
// spreadsheet's (the header is row 1), so a user finds the row a message names.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/org_unit.h"

namespace llw {

constexpr int max_import_rows = 5000;

struct ImportRow {
  int row = 0;  // spreadsheet row number
  UnitInput input;
};

struct ParsedUnits {
  std::vector<ImportRow> rows;                      // rows that parsed
  std::vector<std::pair<int, std::string>> errors;  // rows that did not (Vietnamese)
};

// A grid of cell texts with spreadsheet row numbers; the first row is the header.
struct CellTable {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
};

// Throw Error{bad_input} with a Vietnamese message for a file that cannot be read at all (not
// UTF-8, broken archive, no header, too many rows); row-level problems go to `errors`.
CellTable read_csv_cells(std::string_view body);
CellTable read_xlsx_cells(std::string_view body);
ParsedUnits units_from_cells(const CellTable& table);
// Chooses CSV or XLSX by content type (or by the ZIP signature when the type is generic).
ParsedUnits parse_units(std::string_view body, std::string_view content_type);

}  // namespace llw
