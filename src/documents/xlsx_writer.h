#pragma once
// XLSX rendering of a data workbook (libxlsxwriter): Vietnamese headers, number formats
// (#,##0 for counts, 0.0% for rates, dd/mm/yyyy for dates), frozen header row, autofilter, one
// sheet per level. Written in constant-memory mode, so 110,000 rows stay small in memory.

#include <memory>
#include <string>
#include <vector>

#include "documents/data_table.h"

namespace llw::documents {

std::string render_xlsx(const DataWorkbook& workbook);

// Streaming form for exports too large to hold: sheets are declared first, then rows are written
// to any sheet in any interleaving (each sheet's rows in order), then finish() returns the bytes.
class XlsxWriter {
 public:
  XlsxWriter();
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Returns the sheet's index for write_row.
  std::size_t add_sheet(const std::string& name, const std::vector<DataColumn>& columns);
  void write_row(std::size_t sheet, const std::vector<DataCell>& cells);
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace llw::documents
