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

// One problem of an import file: the spreadsheet row (the header is row 1; 0 is the file as a
// whole: not readable, empty, too large), the column as the template names it ("Loại", "Đơn vị
// cấp trên"; empty when the problem is not one column's) and what is wrong, in Vietnamese.
struct ImportProblem {
  int row = 0;
  std::string column;
  std::string message;
};

// The template's (Vietnamese) header of a column: "code" → "Mã", "pop_students" → "Số học sinh";
// also for a unit field named by a validation error ("population.students", "parent").
std::string import_column_label(std::string_view column);

// The one-line Vietnamese summary shown above the problems of a refused file (page and API).
std::string import_refusal_message(const std::vector<ImportProblem>& problems);

struct ImportRow {
  int row = 0;  // spreadsheet row number
  UnitInput input;
};

struct ParsedUnits {
  std::vector<ImportRow> rows;        // rows that parsed
  std::vector<ImportProblem> errors;  // the header's and rows' problems
};

// A grid of cell texts with spreadsheet row numbers; the first row is the header.
struct CellTable {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
};

// Throw Error{bad_input} with a Vietnamese message for a file that cannot be read at all (not
// UTF-8, broken archive, no header, too many rows); the header's problems (every unknown,
// repeated or missing column) and the rows' go to `errors`, each with its row and column.
CellTable read_csv_cells(std::string_view body);
CellTable read_xlsx_cells(std::string_view body);
ParsedUnits units_from_cells(const CellTable& table);
// Chooses CSV or XLSX by content type (or by the ZIP signature when the type is generic).
ParsedUnits parse_units(std::string_view body, std::string_view content_type);

}  // namespace llw
