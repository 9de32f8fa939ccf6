#include "app/vietnamese_text.h"

#include <gtest/gtest.h>

namespace llw {
namespace {

TEST(VietnameseText, NamesSortInVietnameseAlphabeticalOrder) {
  std::vector<std::string> names = {"Đông", "Bình", "Dương", "Ánh", "An"};
  sort_vietnamese(names);
  EXPECT_EQ(names, (std::vector<std::string>{"An", "Ánh", "Bình", "Dương", "Đông"}));
  EXPECT_LT(compare_vietnamese("Dương", "Đông"), 0);
  // Đ is its own letter, between D and E.
  EXPECT_GT(compare_vietnamese("Đông", "Duy"), 0);
  EXPECT_LT(compare_vietnamese("Đông", "Em"), 0);
  EXPECT_EQ(compare_vietnamese("An", "An"), 0);
}

TEST(VietnameseText, UnitsSortByNameThenCode) {
  std::vector<OrgUnit> units(3);
  units[0].code = "B";
  units[0].name = "Thôn Đông";
  units[1].code = "C";
  units[1].name = "Thôn Bắc";
  units[2].code = "A";
  units[2].name = "Thôn Đông";
  sort_units_by_name(units);
  EXPECT_EQ(units[0].code, "C");
  EXPECT_EQ(units[1].code, "A");
  EXPECT_EQ(units[2].code, "B");
}

TEST(VietnameseText, SearchKeyDropsDiacriticsAndCase) {
  EXPECT_EQ(search_key("Đoàn Thị Ánh"), "doan thi anh");
  EXPECT_EQ(search_key("Trường THCS Nguyễn Đức Cảnh"), "truong thcs nguyen duc canh");
  EXPECT_EQ(search_key("Xã An Hưng"), "xa an hung");
}

}  // namespace
}  // namespace llw
