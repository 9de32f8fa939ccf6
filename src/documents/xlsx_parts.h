#pragma once
// The fixed parts of an XLSX package (SpreadsheetML, ECMA-376) around the worksheets that
// XlsxWriter streams: content types, relationships, properties, the workbook and the styles.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace llw::documents::xlsx {

// Style indexes of styles_xml()'s cellXfs, for the s="" attribute of a cell.
enum Style : int { plain = 0, header = 1, integer = 2, decimal = 3, percent = 4, date = 5 };

struct SheetEntry {
  std::string name;              // already valid for Excel (XlsxWriter's sheet_name)
  std::string autofilter_range;  // "$A$1:$H$120", empty for none
};

// "A", "B", …, "Z", "AA", … for a zero-based column.
std::string column_letters(std::size_t column);

std::string content_types_xml(std::size_t sheet_count);
std::string root_rels_xml();
std::string core_properties_xml(std::string_view title, std::string_view iso_time);
std::string app_properties_xml();
std::string workbook_xml(const std::vector<SheetEntry>& sheets);
std::string workbook_rels_xml(std::size_t sheet_count);
std::string styles_xml();

}  // namespace llw::documents::xlsx
