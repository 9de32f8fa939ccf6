#pragma once
// XLSX rendering of a data workbook: Vietnamese headers, number formats (#,##0 for counts, 0.0%
// for rates, dd/mm/yyyy for dates), frozen header row, autofilter, one sheet per level.
//
// Streamed: each sheet's XML is deflated into a temporary file as its rows arrive (in the
// thread that writes them), and finishing only assembles the package (xlsx_parts.h, ZipWriter).
// A national export of 110,000 rows holds no row in memory and compresses while the store is
// still being read, instead of all at once at the end as libxlsxwriter's constant-memory mode
// does (that last step alone took 3 s of a 7.3 s national export; docs/performance.md).

#include <memory>
#include <string>
#include <vector>

#include "documents/data_table.h"
#include "documents/spooled_file.h"

namespace llw::documents {

std::string render_xlsx(const DataWorkbook& workbook);

// Streaming form for exports too large to hold: sheets are declared first, then rows are written
// to any sheet in any interleaving (each sheet's rows in order), then finish_file() returns the
// package on disk (finish(): in memory, for small workbooks).
class XlsxWriter {
 public:
  XlsxWriter();
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Returns the sheet's index for write_row.
  std::size_t add_sheet(const std::string& name, const std::vector<DataColumn>& columns,
                        const SheetLayout& layout = {});
  void write_row(std::size_t sheet, const std::vector<DataCell>& cells);
  SpooledFile finish_file();
  std::string finish();

 private:
  struct Sheet;
  std::vector<std::unique_ptr<Sheet>> sheets_;
  std::vector<std::string> names_;
};

}  // namespace llw::documents
