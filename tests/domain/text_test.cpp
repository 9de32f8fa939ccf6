#include "domain/text.h"

#include <gtest/gtest.h>

namespace llw {
namespace {

TEST(Utf8, AcceptsVietnameseAndRejectsMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8("Trường Tiểu học Đoàn Thị Ánh"));
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("Tr\xe1\xbb"));        // truncated
}

TEST(Utf8, CountsCharactersNotBytes) {
  EXPECT_EQ(utf8_length("Đông"), 4u);
  EXPECT_EQ(utf8_length("ệ"), 1u);
}

TEST(Utf8, SanitizeReplacesOnlyInvalidBytes) {
  EXPECT_EQ(sanitize_utf8("a\xff"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(sanitize_utf8("Ánh"), "Ánh");
}

TEST(VietnameseNumbers, GroupThousandsWithDotsAndDecimalsWithComma) {
  EXPECT_EQ(format_vietnamese_number(1e9), "1.000.000.000");
  EXPECT_EQ(format_vietnamese_number(450), "450");
  EXPECT_EQ(format_vietnamese_number(1250), "1.250");
  EXPECT_EQ(format_vietnamese_number(12.5), "12,5");
  EXPECT_EQ(format_vietnamese_number(-3), "-3");
  EXPECT_EQ(format_vietnamese_number(0.99999), "1");
}

TEST(Text, PercentsHaveOneDecimalAlways) {
  EXPECT_EQ(format_vietnamese_percent(705.0 / 916.0), "77,0%");  // was "77%" on pages
  EXPECT_EQ(format_vietnamese_percent(0.875), "87,5%");
  EXPECT_EQ(format_vietnamese_percent(1.0), "100,0%");
  EXPECT_EQ(format_vietnamese_percent(0.0), "0,0%");
  EXPECT_EQ(format_vietnamese_percent(0.99996), "100,0%");
  EXPECT_EQ(format_vietnamese_percent(0.004), "0,4%");
  EXPECT_EQ(format_vietnamese_percent(12.345), "1.234,5%");
}

TEST(Text, ARateWithNothingToDivideByIsNotApplicableNotZero) {
  EXPECT_EQ(format_vietnamese_rate(250, 400), "62,5%");
  EXPECT_EQ(format_vietnamese_rate(0, 400), "0,0%");
  EXPECT_EQ(format_vietnamese_rate(0, 0), "—");
  EXPECT_EQ(format_vietnamese_rate(12, 0), "—");
  EXPECT_EQ(kNotApplicableWords, "không áp dụng");
}

TEST(TextTest, OneRuleForTypedTextNoControlCharactersButLineBreaksInParagraphs) {
  EXPECT_TRUE(is_clean_text("Trường Tiểu học An Hưng", TextShape::line));
  EXPECT_TRUE(is_clean_text("Đoạn một.\nĐoạn hai.\r\n\tThụt lề.", TextShape::paragraphs));
  for (const std::string& bad :
       {std::string("a\0b", 3), std::string("a\x01"), std::string("a\x1b[31m"),
        std::string("a\x7f"), std::string("a\xc2\x85"), std::string("a\rb"), std::string("\xff")}) {
    EXPECT_FALSE(is_clean_text(bad, TextShape::paragraphs)) << bad;
    EXPECT_FALSE(is_clean_text(bad, TextShape::line)) << bad;
  }
  EXPECT_FALSE(is_clean_text("hai\ndòng", TextShape::line));
  EXPECT_FALSE(is_clean_text("tab\there", TextShape::line));
  EXPECT_TRUE(is_clean_text("\xc2\xa0khoảng trắng không ngắt", TextShape::line));  // U+00A0
  EXPECT_NE(unclean_text_message("Tên đơn vị", TextShape::line).find("Tên đơn vị có ký tự"),
            std::string::npos);
}

TEST(PercentEncodeTest, OnlyLettersDigitsAndTheGivenMarksStayPlain) {
  EXPECT_EQ(percent_encode("HP-AH.TH_1~x"), "HP-AH.TH_1~x");
  EXPECT_EQ(percent_encode("Hà Nội/?&="), "H%C3%A0%20N%E1%BB%99i%2F%3F%26%3D");
  EXPECT_EQ(percent_encode(std::string("a\0b", 3)), "a%00b");
  // Content-Disposition's filename*= keeps its wider set of attribute characters.
  EXPECT_EQ(percent_encode("Báo cáo #1 (2025).pdf", kRfc5987AttrChars),
            "B%C3%A1o%20c%C3%A1o%20#1%20%282025%29.pdf");
  EXPECT_EQ(percent_encode(""), "");
}

}  // namespace
}  // namespace llw

namespace llw {
namespace {

TEST(WithoutDiacriticsTest, VietnameseLettersLoseTheirMarksAndKeepTheirCase) {
  EXPECT_EQ(without_diacritics("Xã An Hưng"), "Xa An Hung");
  EXPECT_EQ(without_diacritics("Trường THCS Đồng Ích – Ảnh ĐẸP"), "Truong THCS Dong Ich – Anh DEP");
  EXPECT_EQ(without_diacritics("đ Đ ơ Ơ ư Ư ă Ă ấ Ấ ỹ Ỹ"), "d D o O u U a A a A y Y");
  // Combining marks (text typed in decomposed form) are dropped; other characters stay.
  EXPECT_EQ(without_diacritics("Hu\xCC\x9B\xCC\x81ng 10/2025"), "Hung 10/2025");
  EXPECT_EQ(search_key("Xã An Hưng"), "xa an hung");
}

}  // namespace
}  // namespace llw
