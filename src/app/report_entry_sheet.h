#pragma once
// The spreadsheet of reports a coordinator enters from paper or from last year's records
// (report_entry.cpp): its layout, the template built from a form, and the reading of a filled
// one back into each unit's values. Pure: no store, no access; every value is then checked by
// the domain's validate_values, the same rules as the report form.
//
// Layout of the sheet "Báo cáo": row 1 the Vietnamese headers (Mã đơn vị, Tên đơn vị, then each
// item's label), row 2 the item keys (code, name, media_articles, …) that tie a column to the
// form, one row per unit from row 3. A sheet "Hướng dẫn" says how to fill it and is ignored on
// upload. Every item of the form has a column except tables (the directives, other activities
// and other results), which are entered on the unit's report page.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "documents/data_table.h"
#include "documents/xlsx_reader.h"
#include "domain/form.h"

namespace llw {

inline constexpr const char* kEntrySheet = "Báo cáo";
inline constexpr const char* kEntryGuideSheet = "Hướng dẫn";
inline constexpr int kEntryFirstRow = 3;  // rows 1 and 2 are the headers
inline constexpr int kMaxEntryRows = 5000;

// One problem of an uploaded file, where a user finds it: the sheet, the spreadsheet row (0: the
// file as a whole), the column's letter and header ("D", "Số bài viết…"; empty when the problem
// is the row's or the file's) and what is wrong, in Vietnamese.
struct EntryProblem {
  std::string sheet;
  int row = 0;
  std::string column;
  std::string column_label;
  std::string message;
};

// "Trang “Báo cáo”, dòng 7, cột D (Số người tham gia)"; "Cả tệp" for the file as a whole.
std::string entry_problem_place(const EntryProblem& problem);
// The one-line summary shown above the problems of a refused file (page and API).
std::string entry_refusal_message(const std::vector<EntryProblem>& problems);

// The items the template has a column for, in form order (every item but tables).
std::vector<const FormItem*> entry_items(const ReportForm& form);

// One unit's row of a template: its code, its name and its current values (prefilled).
struct EntryTemplateRow {
  std::string code;
  std::string name;
  nlohmann::json values = nlohmann::json::object();
};

// The template: "Báo cáo" with the two header rows, one row per unit and the cells' data
// validation (whole numbers ≥ 0 for counts, 0–100 for percents, lists for yes/no and choices),
// and "Hướng dẫn". `scope` names the node and the campaign for the guide.
documents::DataWorkbook entry_workbook(const ReportForm& form, const std::string& scope,
                                       const std::vector<EntryTemplateRow>& rows);

// One unit's row of an uploaded file: the values of its non-empty cells (converted to the item's
// JSON type where the text allows: a number, Có/Không, a date; the text itself otherwise, which
// validate_values then refuses with its message).
struct EntryRow {
  int row = 0;
  std::string code;
  nlohmann::json values = nlohmann::json::object();
};

struct ParsedEntry {
  std::vector<EntryRow> rows;
  std::vector<EntryProblem> problems;  // the file's, the headers' and the cells' own problems
};

// Reads a filled template: the sheets (only "Báo cáo" and an unchanged "Hướng dẫn" may have
// cells), the two header rows (exactly the template's for this form), formulas, units without a
// code and units listed twice. Rows whose item cells are all empty are left out.
ParsedEntry parse_entry_book(const ReportForm& form, const documents::XlsxBook& book);

// The problem of an item's value in a row, placed in the item's column (validate_values's
// messages are keyed by item); in the code column for a key the template has no column for.
EntryProblem entry_value_problem(const ReportForm& form, int row, const std::string& key,
                                 const std::string& message);
// A problem of a row as a whole, placed in its code column.
EntryProblem entry_row_problem(int row, const std::string& message);

}  // namespace llw
