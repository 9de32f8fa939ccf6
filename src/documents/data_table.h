#pragma once
// Data exports (units × items) as a small model of sheets, and the builder that fills it from the
// form and the units' reports. The XLSX and CSV writers render it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/form.h"
#include "domain/org_unit.h"
#include "domain/report.h"

namespace llw::documents {

enum class ColumnKind { text, integer, decimal, percent, date };

struct DataColumn {
  std::string key;    // "banners"
  std::string label;  // Vietnamese header: "Số pano, băng zôn tuyên truyền"
  ColumnKind kind = ColumnKind::text;
  double width = 12;  // characters
  // The form item the column shows (null for the unit's own columns), found once here rather
  // than once per row: a national export has 110,000 rows of some 80 columns.
  const FormItem* item = nullptr;
};

// A cell: empty, a number (a percent is a ratio, 0.875), or text. Dates are text "dd/mm/yyyy"
// in CSV and real dates in XLSX, so they are kept as ISO text "2025-10-02" here.
using DataCell = std::variant<std::monostate, double, std::string>;

// What Excel lets a user type into a column's cells (a template's data validation): whole
// numbers or decimals within bounds, or one of a list. Excel shows `message` on a refusal.
struct DataValidation {
  enum class Kind { whole, decimal, list };
  std::size_t column = 0;     // zero-based
  std::size_t first_row = 2;  // spreadsheet rows, inclusive
  std::size_t last_row = 2;
  Kind kind = Kind::whole;
  std::optional<double> min;
  std::optional<double> max;
  std::vector<std::string> list;  // list: the values, none holding a comma or a quote
  std::string message;
};

// How a sheet is laid out beyond its cells: the rows frozen at the top (the header and any
// rows written under it as headers), the autofilter, and the cells' data validation.
struct SheetLayout {
  std::size_t frozen_rows = 1;
  bool autofilter = true;
  std::vector<DataValidation> validations;
};

struct DataSheet {
  std::string name;  // sheet name: "Trường học"
  std::vector<DataColumn> columns;
  std::vector<std::vector<DataCell>> rows;
  SheetLayout layout;
};

struct DataWorkbook {
  std::vector<DataSheet> sheets;
};

// One unit's line of an export.
struct UnitDataRow {
  std::string level;  // the sheet it goes to ("Xã, phường", "Trường học", …)
  std::string code;
  std::string name;
  std::string parent_code;
  ReportStatus status = ReportStatus::not_started;
  bool late = false;
  std::optional<std::string> submitted_on;  // ISO date
  nlohmann::json values = nlohmann::json::object();
  std::int64_t participants = 0;  // the report's counted participants and population, for the
  std::int64_t population = 0;    // rate column (computed by the domain, not here)
};

// Columns of the export for a form: unit code, name, parent, status, late, submitted date, then
// every scalar item of the form (tables and narratives stay in the documents), then the rate.
std::vector<DataColumn> data_columns(const ReportForm& form);

// One unit's cells for `columns` (from data_columns(form)). Large exports convert and write row
// by row (XlsxWriter) instead of holding a whole DataWorkbook.
std::vector<DataCell> data_row(const ReportForm& form, const std::vector<DataColumn>& columns,
                               const UnitDataRow& row);

// The workbook: one sheet per level in first-seen order, rows in the given order.
DataWorkbook build_data_workbook(const ReportForm& form, const std::vector<UnitDataRow>& rows);

// The sheet name for a unit of this kind ("Trường học", "Thôn", …).
std::string level_name(UnitKind kind);

}  // namespace llw::documents
