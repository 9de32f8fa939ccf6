#include "documents/xlsx_writer.h"

#include <gtest/gtest.h>

#include "document_fixtures.h"
#include "sample_data.h"

namespace llw::documents {
namespace {

using testing::TempDir;
using testing_support::parse_csv;

// What LibreOffice (en-US, raw values) writes for a cell: numbers in full, percentages as
// "93.54…%", dates as real dates in US order (mm/dd/yyyy) — which proves they are dates, not text.
bool same_cell(const DataCell& expected, const std::string& actual, ColumnKind kind) {
  if (std::holds_alternative<std::monostate>(expected)) return actual.empty();
  if (const auto* number = std::get_if<double>(&expected)) {
    try {
      if (kind == ColumnKind::percent) {
        return !actual.empty() && actual.back() == '%' &&
               std::abs(std::stod(actual) / 100 - *number) < 1e-9;
      }
      return std::abs(std::stod(actual) - *number) < 1e-9;
    } catch (...) {
      return false;
    }
  }
  const std::string& text = std::get<std::string>(expected);
  if (kind == ColumnKind::date) {
    return actual == text.substr(5, 2) + "/" + text.substr(8, 2) + "/" + text.substr(0, 4);
  }
  return actual == text;
}

TEST(XlsxWriter, LibreOfficeReadsBackEveryCellOfEverySheet) {
  testing::Commune c;
  const DataWorkbook book = build_data_workbook(*c.campaign.form, c.data_rows());
  ASSERT_EQ(book.sheets.size(), 2u);
  TempDir dir;
  const std::string input = dir.file("data.xlsx");
  testing::write_file(input, render_xlsx(book));
  // 44 = comma, 34 = quote, 76 = UTF-8, raw values (not "as shown"), -1 = every sheet.
  testing::soffice_convert(
      input, dir.path().string(),
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1");
  for (const DataSheet& sheet : book.sheets) {
    const std::string path = dir.file("data-" + sheet.name + ".csv");
    const auto rows = parse_csv(testing::read_file(path));
    ASSERT_EQ(rows.size(), sheet.rows.size() + 1) << path;
    for (std::size_t col = 0; col < sheet.columns.size(); ++col) {
      ASSERT_LT(col, rows[0].size());
      EXPECT_EQ(rows[0][col], sheet.columns[col].label);
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      ASSERT_EQ(rows[r + 1].size(), sheet.columns.size()) << "row " << r;
      for (std::size_t col = 0; col < sheet.columns.size(); ++col) {
        EXPECT_TRUE(same_cell(sheet.rows[r][col], rows[r + 1][col], sheet.columns[col].kind))
            << sheet.name << " row " << r << " column " << sheet.columns[col].key << ": '"
            << rows[r + 1][col] << "'";
      }
    }
  }
}

TEST(XlsxWriter, HeaderRowIsFrozenAndFormatsAreVietnameseFriendly) {
  testing::Commune c;
  const std::string bytes = render_xlsx(build_data_workbook(*c.campaign.form, c.data_rows()));
  const std::string sheet = testing::zip_entry(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<pane ySplit=\"1\" topLeftCell=\"A2\""), std::string::npos);
  const std::string styles = testing::zip_entry(bytes, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"#,##0\""), std::string::npos);
  EXPECT_NE(styles.find("formatCode=\"0.0%\""), std::string::npos);
  EXPECT_NE(styles.find("formatCode=\"dd/mm/yyyy\""), std::string::npos);
  const std::string workbook = testing::zip_entry(bytes, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Trường học\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Thôn\""), std::string::npos);
}

TEST(XlsxWriter, HostileTextIsStoredAsText) {
  DataWorkbook book;
  book.sheets.push_back({"Bad/Name:*?[x]", {{"n", "Tên", ColumnKind::text, 10}}, {}});
  book.sheets[0].rows.push_back({std::string("=1+1 <w:p>& ]]> \x01")});
  const std::string bytes = render_xlsx(book);
  const std::string workbook = testing::zip_entry(bytes, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"BadNamex\""), std::string::npos) << workbook;
  // Text is an inline string: never a formula.
  const std::string sheet = testing::zip_entry(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  // (the control character became a space, so the text keeps its spaces explicitly)
  EXPECT_NE(
      sheet.find("t=\"inlineStr\"><is><t xml:space=\"preserve\">=1+1 &lt;w:p&gt;&amp; ]]&gt;"),
      std::string::npos)
      << sheet;
}

}  // namespace
}  // namespace llw::documents
