#include "documents/csv_writer.h"

#include <gtest/gtest.h>

#include "document_fixtures.h"

namespace llw::documents {
namespace {

DataSheet tiny() {
  DataSheet sheet;
  sheet.name = "Trường học";
  sheet.columns = {{"unit_name", "Tên đơn vị", ColumnKind::text, 10},
                   {"banners", "Số pano, băng zôn", ColumnKind::integer, 10},
                   {"rate", "Tỷ lệ", ColumnKind::percent, 10}};
  sheet.rows = {{std::string("Trường \"Ánh Dương\", cơ sở 2"), 1155.0, 0.875},
                {std::string("=HYPERLINK(\"x\")"), DataCell{}, DataCell{}},
                {std::string("Dòng 1\nDòng 2"), 3.0, 1.0}};
  return sheet;
}

TEST(CsvWriter, StartsWithABomAndQuotesPerRfc4180) {
  const std::string csv = render_csv(tiny());
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3),
            "Tên đơn vị,\"Số pano, băng zôn\",Tỷ lệ\r\n"
            "\"Trường \"\"Ánh Dương\"\", cơ sở 2\",1155,0.875\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",,\r\n"
            "\"Dòng 1\nDòng 2\",3,1\r\n");
}

TEST(CsvWriter, WorkbookPutsTheLevelFirst) {
  DataWorkbook book;
  book.sheets = {tiny(), tiny()};
  book.sheets[1].name = "Thôn";
  const std::string csv = render_csv(book);
  EXPECT_EQ(csv.find("Cấp,Tên đơn vị"), 3u);
  EXPECT_NE(csv.find("\r\nThôn,\"Dòng 1\nDòng 2\",3,1\r\n"), std::string::npos);
}

TEST(CsvWriter, BuildsRowsFromReports) {
  testing::Commune c;
  const DataWorkbook book = build_data_workbook(*c.campaign.form, c.data_rows());
  ASSERT_EQ(book.sheets.size(), 2u);
  EXPECT_EQ(book.sheets[0].name, "Trường học");
  EXPECT_EQ(book.sheets[0].rows.size(), 2u);
  EXPECT_EQ(book.sheets[1].name, "Thôn");
  const std::string csv = render_csv(book.sheets[0]);
  // Code, name, parent, status, not late, the day it was submitted, then the first item.
  EXPECT_NE(
      csv.find("\nHP-ANHUNG-THAH,Trường Tiểu học An Hưng,HP-ANHUNG,Đã nộp,Không,2025-10-11,3,"),
      std::string::npos)
      << csv.substr(0, 2000);
}

}  // namespace
}  // namespace llw::documents
