#pragma once
// CSV rendering of one data sheet: UTF-8 with a byte order mark (so Excel shows diacritics),
// RFC 4180 quoting, CRLF line ends. Numbers are written plainly (1155, 0.875) for machines; text
// that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.

#include <string>

#include "documents/data_table.h"

namespace llw::documents {

std::string render_csv(const DataSheet& sheet);
// Every sheet one after another under a single header (the columns are the same), with the
// sheet's name as a first column "Cấp".
std::string render_csv(const DataWorkbook& workbook);

// The streaming form of render_csv(workbook), for exports too large to hold as a workbook: the
// byte order mark and the header (with "Cấp" first) once, then one line per row appended.
std::string csv_header(const std::vector<DataColumn>& columns);
void append_csv_row(std::string& out, const std::string& level, const std::vector<DataCell>& cells);

}  // namespace llw::documents
