#include "documents/document.h"

#include <gtest/gtest.h>

namespace llw::documents {
namespace {

using namespace std::chrono;

TEST(PointLetters, FollowVietnameseOrderWithDAfterDAndNoF) {
  std::string letters;
  for (std::size_t i = 0; i < 12; ++i) letters += vietnamese_point_letter(i) + " ";
  EXPECT_EQ(letters, "a b c d đ e g h i k l m ");
  EXPECT_EQ(vietnamese_point_letter(22), "y");
  EXPECT_EQ(vietnamese_point_letter(23), "aa");
}

TEST(RomanNumerals, NumberSections) {
  EXPECT_EQ(roman_numeral(1), "I");
  EXPECT_EQ(roman_numeral(4), "IV");
  EXPECT_EQ(roman_numeral(9), "IX");
  EXPECT_EQ(roman_numeral(14), "XIV");
}

TEST(VietnameseUpper, UppercasesEveryVietnameseLetter) {
  EXPECT_EQ(vietnamese_upper("Ủy ban nhân dân xã An Hưng"), "ỦY BAN NHÂN DÂN XÃ AN HƯNG");
  EXPECT_EQ(vietnamese_upper("đường ươm ở ặ ễ ỹ ự"), "ĐƯỜNG ƯƠM Ở Ặ Ễ Ỹ Ự");
  EXPECT_EQ(vietnamese_upper("Trường Tiểu học Thị trấn"), "TRƯỜNG TIỂU HỌC THỊ TRẤN");
  EXPECT_EQ(lowercase_first("Xã An Hưng"), "xã An Hưng");
  EXPECT_EQ(lowercase_first("Thành phố Hải Phòng"), "thành phố Hải Phòng");
  EXPECT_EQ(capitalize_first("đánh giá"), "Đánh giá");
}

TEST(PlaceDateLine, PadsDaysBelowTenAndOnlyJanuaryAndFebruary) {
  EXPECT_EQ(place_date_line("An Hưng", 2025y / October / 1, 2025),
            "An Hưng, ngày 01 tháng 10 năm 2025");
  EXPECT_EQ(place_date_line("An Hưng", 2026y / February / 3, 2026),
            "An Hưng, ngày 03 tháng 02 năm 2026");
  EXPECT_EQ(place_date_line("An Hưng", 2025y / March / 15, 2025),
            "An Hưng, ngày 15 tháng 3 năm 2025");
}

TEST(PlaceDateLine, LeavesDayAndMonthBlankWithoutADate) {
  EXPECT_EQ(place_date_line("An Hưng", std::nullopt, 2025),
            "An Hưng, ngày      tháng      năm 2025");
}

TEST(AsciiSlug, DropsDiacriticsForFileNames) {
  EXPECT_EQ(ascii_slug("Xã An Hưng"), "xa-an-hung");
  EXPECT_EQ(ascii_slug("83/KH-UBND"), "83-kh-ubnd");
  EXPECT_EQ(ascii_slug("Trường THCS Đồng Thái"), "truong-thcs-dong-thai");
  EXPECT_EQ(ascii_slug("!!!"), "van-ban");
}

TEST(CleanText, RemovesControlCharactersAndRepairsUtf8) {
  EXPECT_EQ(clean_text(std::string("a\x01"
                                   "b\x1b"
                                   "c\td\ne")),
            "abc\td\ne");
  EXPECT_EQ(clean_text("x\xff"
                       "y"),
            "x\xEF\xBF\xBDy");
  EXPECT_EQ(clean_text("Trường"), "Trường");
  EXPECT_EQ(clean_text("\xEF\xBF\xBE"), "");  // U+FFFE is not a character
}

}  // namespace
}  // namespace llw::documents
