#include "domain/campaign_year.h"

#include <gtest/gtest.h>

namespace llw {
namespace {

using Years = std::vector<int>;

TEST(CampaignYear, WeekNameCarriesTheYear) {
  EXPECT_EQ(week_name(2025), "Tuần lễ hưởng ứng học tập suốt đời năm 2025");
}

TEST(CampaignYear, AYearAfterNamIsFlaggedWhenItDiffers) {
  EXPECT_EQ(years_contradicting("Tuần lễ hưởng ứng học tập suốt đời năm 2021", 2025), Years{2021});
  EXPECT_EQ(years_contradicting("KẾT QUẢ TỔ CHỨC TUẦN LỄ NĂM 2021", 2025), Years{2021});
  EXPECT_EQ(years_contradicting("Năm 2024 đơn vị đã tổ chức", 2025), Years{2024});
  EXPECT_EQ(years_contradicting("Tuần lễ hưởng ứng học tập suốt đời năm 2025", 2025), Years{});
}

TEST(CampaignYear, ASchoolYearSpanIsFlaggedOnlyWhenTheYearIsOutsideIt) {
  EXPECT_EQ(years_contradicting("năm học 2021-2022", 2025), (Years{2021, 2022}));
  EXPECT_EQ(years_contradicting("năm học 2021 – 2022", 2025), (Years{2021, 2022}));
  EXPECT_EQ(years_contradicting("năm học 2025-2026", 2025), Years{});
  EXPECT_EQ(years_contradicting("giai đoạn 2021-2030", 2025), Years{});
}

TEST(CampaignYear, DocumentNumbersAndCitedDocumentDatesAreNotFlagged) {
  const std::string seed_basis =
      "Thực hiện Quyết định số 3929/QĐ-UBND ngày 01/10/2025 của Ủy ban nhân dân thành phố Hải "
      "Phòng ban hành Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025";
  EXPECT_EQ(years_contradicting(seed_basis, 2025), Years{});
  EXPECT_EQ(years_contradicting("Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng "
                                "Chính phủ phê duyệt Đề án giai đoạn 2021-2030",
                                2025),
            Years{});
  EXPECT_EQ(years_contradicting("Công văn số 2024/SGDĐT-GDTX", 2025), Years{});
}

TEST(CampaignYear, TheYearOfAnUncitedDateIsFlagged) {
  EXPECT_EQ(years_contradicting("Tổ chức ngày hội vào ngày 05/10/2021 tại nhà văn hóa", 2025),
            Years{2021});
  EXPECT_EQ(years_contradicting("trong tháng 10/2024", 2025), Years{2024});
  EXPECT_EQ(years_contradicting("khai mạc 05-10-2023", 2025), Years{2023});
}

TEST(CampaignYear, HorizonsAndLawNamesAreNotContradictions) {
  EXPECT_EQ(years_contradicting("xây dựng xã hội học tập đến năm 2030", 2025), Years{});
  EXPECT_EQ(years_contradicting("tầm nhìn tới năm 2045", 2025), Years{});
  EXPECT_EQ(years_contradicting("theo Luật Giáo dục năm 2019", 2025), Years{});
  // A "đến năm" that lies before the campaign's year is a stale text, not a horizon.
  EXPECT_EQ(years_contradicting("đến năm 2020", 2025), Years{2020});
}

TEST(CampaignYear, CountsAndSeparatedNumbersAreNotYears) {
  EXPECT_EQ(years_contradicting("2021 lượt người tham gia", 2025), Years{});
  EXPECT_EQ(years_contradicting("1.155 lượt, 2.021 cuốn sách, 12.2021", 2025), Years{});
  EXPECT_EQ(years_contradicting("3000 học sinh, mã 20211", 2025), Years{});
  EXPECT_EQ(years_contradicting("1850 hay 2300 không phải năm của Tuần lễ.", 2025), Years{});
}

TEST(CampaignYear, AYearStandingAloneIsFlagged) {
  EXPECT_EQ(years_contradicting("Tuần lễ 2021", 2025), Years{2021});
  EXPECT_EQ(years_contradicting("Tuần lễ (2021)", 2025), Years{2021});
  EXPECT_EQ(years_contradicting("Tuần lễ 2025 (điều chỉnh)", 2025), Years{});
}

TEST(CampaignYear, EveryContradictingYearIsListedOnceInOrder) {
  EXPECT_EQ(years_contradicting("năm 2022, năm 2021 và lại năm 2022", 2025), (Years{2021, 2022}));
  EXPECT_EQ(years_contradicting("", 2025), Years{});
  EXPECT_EQ(years_contradicting("năm", 2025), Years{});
  EXPECT_EQ(years_contradicting("2021", 2025), Years{2021});
}

TEST(CampaignYear, TheMessageNamesTheYearsAndTheWeeksYear) {
  EXPECT_EQ(years_contradicting_message({2021}, 2025), "Năm 2021 khác năm của Tuần lễ 2025.");
  EXPECT_EQ(years_contradicting_message({2021, 2022}, 2025),
            "Năm 2021, 2022 khác năm của Tuần lễ 2025.");
}

}  // namespace
}  // namespace llw
