// The spreadsheet readers on their own: CSV dialects, row numbers, row-level messages.
#include "app/unit_import.h"

#include <gtest/gtest.h>

#include "domain/error.h"

namespace llw {
namespace {

TEST(UnitImport, CsvRowNumbersAreTheSpreadsheetsAndBlankLinesAreSkipped) {
  ParsedUnits parsed = parse_units(
      "code,name,kind,parent\r\nA,Tỉnh A,province,\r\n\r\nA-1,\"Xã, phường 1\",commune,A\r\n",
      "text/csv");
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[0].row, 2);
  EXPECT_EQ(parsed.rows[1].row, 4);
  EXPECT_EQ(parsed.rows[1].input.name, "Xã, phường 1");
  EXPECT_EQ(parsed.rows[1].input.kind, UnitKind::commune);
  EXPECT_EQ(parsed.rows[1].input.parent_code, "A");
}

TEST(UnitImport, QuotedFieldsMayHoldNewlinesAndQuotes) {
  ParsedUnits parsed =
      parse_units("code,name,kind\nA,\"Dòng 1\nDòng \"\"2\"\"\",village\n", "text/csv");
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].input.name, "Dòng 1\nDòng \"2\"");
}

TEST(UnitImport, RowProblemsAreReportedPerRowInVietnamese) {
  ParsedUnits parsed = parse_units(
      "code,name,kind,level,pop_students\n"
      ",Không mã,school,primary,1\n"
      "B,Trường B,bệnh viện,primary,1\n"
      "C,Trường C,school,đại học,1\n"
      "D,Trường D,school,primary,mười\n",
      "text/csv");
  EXPECT_TRUE(parsed.rows.empty());
  ASSERT_EQ(parsed.errors.size(), 4u);
  EXPECT_EQ(parsed.errors[0].row, 2);
  EXPECT_EQ(parsed.errors[0].column, "Mã");
  EXPECT_NE(parsed.errors[0].message.find("Thiếu mã"), std::string::npos);
  EXPECT_EQ(parsed.errors[1].row, 3);
  EXPECT_EQ(parsed.errors[1].column, "Loại");
  EXPECT_NE(parsed.errors[1].message.find("bệnh viện"), std::string::npos);
  EXPECT_EQ(parsed.errors[2].row, 4);
  EXPECT_EQ(parsed.errors[2].column, "Cấp học");
  EXPECT_EQ(parsed.errors[3].row, 5);
  EXPECT_EQ(parsed.errors[3].column, "Số học sinh");
}

TEST(UnitImport, VietnameseColumnNamesAndValuesAreAcceptedBesideTheEnglishOnes) {
  ParsedUnits parsed = parse_units(
      "Mã;Tên;Loại;Cấp học;Đơn vị cấp trên;Số học sinh\n"
      "X1;Xã Một;Xã, phường;;;\n"
      "T1;Trường Tiểu học Một;Trường học;Tiểu học;X1;420\n"
      "T2;Trường THCS Hai;TRUONG HOC;thcs;X1;\n"
      "V1;Thôn Ba;Thôn;;X1;\n",
      "text/csv");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  ASSERT_EQ(parsed.rows.size(), 4u);
  EXPECT_EQ(parsed.rows[0].input.kind, UnitKind::commune);
  EXPECT_EQ(parsed.rows[1].input.code, "T1");
  EXPECT_EQ(parsed.rows[1].input.name, "Trường Tiểu học Một");
  EXPECT_EQ(parsed.rows[1].input.kind, UnitKind::school);
  EXPECT_EQ(parsed.rows[1].input.level, SchoolLevel::primary);
  EXPECT_EQ(parsed.rows[1].input.parent_code, "X1");
  EXPECT_EQ(parsed.rows[1].input.population.at("students"), 420);
  EXPECT_EQ(parsed.rows[2].input.level, SchoolLevel::lower_secondary);
  EXPECT_EQ(parsed.rows[3].input.kind, UnitKind::village);

  // A Vietnamese kind that is not one of ours is named in the message with the accepted words.
  ParsedUnits wrong = parse_units("Mã,Tên,Loại\nB,Bệnh viện B,Bệnh viện\n", "text/csv");
  ASSERT_EQ(wrong.errors.size(), 1u);
  EXPECT_NE(wrong.errors[0].message.find("Trường học"), std::string::npos);
  // "Mã" and "code" are the same column: both at once is a duplicate, on the header row.
  ParsedUnits twice = parse_units("Mã,code,Tên,Loại\nA,A,B,village\n", "text/csv");
  ASSERT_EQ(twice.errors.size(), 1u);
  EXPECT_EQ(twice.errors[0].row, 1);
  EXPECT_EQ(twice.errors[0].column, "code");
  EXPECT_TRUE(twice.rows.empty());
}

TEST(UnitImport, HeaderProblemsAreListedTogetherAndUnreadableFilesThrow) {
  ParsedUnits no_code = parse_units("name,kind\nX,village\n", "text/csv");
  ASSERT_EQ(no_code.errors.size(), 1u);
  EXPECT_EQ(no_code.errors[0].column, "Mã");
  ParsedUnits two = parse_units("code,name,kind,colour,màu\nA,B,village,red,đỏ\n", "text/csv");
  ASSERT_EQ(two.errors.size(), 2u);
  EXPECT_EQ(two.errors[0].column, "colour");
  EXPECT_EQ(two.errors[1].column, "màu");
  EXPECT_TRUE(two.rows.empty());
  auto kind = [](const std::string& body) {
    try {
      parse_units(body, "text/csv");
    } catch (const Error& e) {
      return e.kind();
    }
    return ErrorKind::internal;
  };
  EXPECT_EQ(kind("code,name,kind\nA,\"unclosed,village\n"), ErrorKind::bad_input);
  EXPECT_EQ(kind(""), ErrorKind::bad_input);
  EXPECT_EQ(kind("code,name,kind\nA,\xFF\xFE,village\n"), ErrorKind::bad_input);
}

}  // namespace
}  // namespace llw
