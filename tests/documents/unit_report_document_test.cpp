#include <gtest/gtest.h>

#include "document_fixtures.h"
#include "documents/builder_support.h"
#include "documents/builders.h"

namespace llw::documents {
namespace {

using testing::Commune;

std::string all_text(const Document& doc) {
  std::string text;
  for (const auto& b : doc.body) {
    text += b.label + " " + b.text + "\n";
    for (const auto& h : b.table.header_rows) {
      for (const auto& cell : h) text += cell + " | ";
    }
    for (const auto& r : b.table.rows) {
      for (const auto& cell : r.cells) text += cell + " | ";
      text += "\n";
    }
  }
  return text;
}

TEST(UnitReportDocument, HeaderPutsTheCommuneAboveTheSchool) {
  Commune c;
  const Document doc = build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                  &c.commune, c.school_report, false);
  EXPECT_EQ(doc.header.parent_agency, "UBND XÃ AN HƯNG");
  EXPECT_EQ(doc.header.issuer_lines, (std::vector<std::string>{"TRƯỜNG TIỂU HỌC AN HƯNG"}));
  // The unit's own symbol is not known: left blank for the pen, never the internal code.
  EXPECT_EQ(doc.header.number, "Số:       /BC-");
  EXPECT_EQ(doc.title, "BÁO CÁO");
  EXPECT_EQ(doc.summary_line, "Kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025");
  EXPECT_EQ(doc.addressees, (std::vector<std::string>{"Ủy ban nhân dân xã An Hưng"}));
  EXPECT_EQ(doc.recipients.front(), "Như trên;");
  EXPECT_EQ(doc.signature.position, "HIỆU TRƯỞNG");
  // Without a configured signer the name is a line to write it on, under the space to sign.
  EXPECT_EQ(doc.signature.name, "……………………………");
}

TEST(UnitReportDocument, NumberNeverCarriesTheInternalCode) {
  Commune c;
  c.school.code = "HP-ANHUNG-TH1";
  const Document doc = build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                  &c.commune, c.school_report, false);
  EXPECT_EQ(doc.header.number.find("TH1"), std::string::npos) << doc.header.number;
  EXPECT_EQ(doc.header.number, "Số:       /BC-");
}

TEST(UnitReportDocument, LongNamesBreakBetweenTheKindAndTheProperName) {
  EXPECT_EQ(detail::issuer_name_lines("Trường Tiểu học An Hưng"),
            (std::vector<std::string>{"TRƯỜNG TIỂU HỌC AN HƯNG"}));
  EXPECT_EQ(detail::issuer_name_lines("Trường Tiểu học Phan Bội Châu"),
            (std::vector<std::string>{"TRƯỜNG TIỂU HỌC", "PHAN BỘI CHÂU"}));
  EXPECT_EQ(detail::issuer_name_lines("Trường THCS Hoàng Văn Thụ và Lê Lợi"),
            (std::vector<std::string>{"TRƯỜNG THCS", "HOÀNG VĂN THỤ VÀ LÊ LỢI"}));
  EXPECT_EQ(detail::issuer_name_lines("Hội Khuyến học xã An Hưng"),
            (std::vector<std::string>{"HỘI KHUYẾN HỌC", "XÃ AN HƯNG"}));
  EXPECT_EQ(detail::issuer_name_lines("Hội Liên hiệp Phụ nữ xã An Hưng"),
            (std::vector<std::string>{"HỘI LIÊN HIỆP PHỤ NỮ", "XÃ AN HƯNG"}));
  EXPECT_EQ(detail::issuer_name_lines("Trường Trung học cơ sở Hoàng Văn Thụ"),
            (std::vector<std::string>{"TRƯỜNG TRUNG HỌC CƠ SỞ", "HOÀNG VĂN THỤ"}));
}

// Empty is not zero: a held activity whose figures were left empty says so, and the sums leave
// it out instead of printing "0 buổi, lớp với 0 lượt".
TEST(UnitReportDocument, AHeldActivityWithEmptyFiguresSaysSo) {
  Commune c;
  UnitReport report = c.village_report;
  report.values = {{"reading_day_held", true}};
  std::string text = all_text(build_unit_report_document(c.campaign, *c.campaign.form, c.village,
                                                         &c.commune, report, false));
  EXPECT_EQ(text.find("0 buổi, lớp"), std::string::npos) << text;
  EXPECT_EQ(text.find("0 lượt"), std::string::npos);
  EXPECT_NE(text.find("Tổ chức các hoạt động học tập: 1 hoạt động, không có số liệu về số buổi, "
                      "lớp và số lượt người tham gia"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Tổ chức ngày đọc sách | d | Không có số liệu | Không có số liệu |"),
            std::string::npos);

  report.values = {{"reading_day_held", true},
                   {"reading_day_sessions", 2},
                   {"reading_day_participants", 85},
                   {"stem_held", true},
                   {"stem_sessions", 0}};
  text = all_text(build_unit_report_document(c.campaign, *c.campaign.form, c.village, &c.commune,
                                             report, false));
  EXPECT_NE(text.find("2 hoạt động, 2 buổi, lớp với 85 lượt người tham gia (chưa tính 1 hoạt "
                      "động không có số liệu về số lượt người tham gia)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Trải nghiệm STEM | đ | 0 | Không có số liệu |"), std::string::npos);
}

// "lượt người" and "người" are explained where both appear.
TEST(UnitReportDocument, ExplainsLuotNguoiAndNguoi) {
  Commune c;
  const std::string text = all_text(build_unit_report_document(
      c.campaign, *c.campaign.form, c.school, &c.commune, c.school_report, false));
  EXPECT_NE(text.find("“Lượt người” tính mỗi người một lần cho mỗi hoạt động"), std::string::npos)
      << text;
  EXPECT_NE(text.find("“người” (số người tham gia, số người của đơn vị) tính mỗi người một lần"),
            std::string::npos);
}

TEST(UnitReportDocument, StatesEveryFilledItemInWordsAndFigures) {
  Commune c;
  const Document doc = build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                  &c.commune, c.school_report, false);
  const std::string text = all_text(doc);
  EXPECT_NE(text.find("- Số pano, băng zôn tuyên truyền: 12."), std::string::npos) << text;
  EXPECT_NE(text.find("Số bài viết phát trên Đài, Báo, cổng thông tin: 3."), std::string::npos);
  EXPECT_NE(text.find("2 hoạt động, 6 buổi, lớp với 1.070 lượt người tham gia"), std::string::npos);
  EXPECT_NE(text.find("Trải nghiệm STEM | đ | 4 | 120 |"), std::string::npos);
  // 840 + 58 of 900 + 60: the domain's rate, 93,5%.
  EXPECT_NE(text.find("Tỷ lệ người tham gia: 898/960 người, đạt 93,5%"), std::string::npos);
  EXPECT_NE(text.find("12/KH-THAH | 02/10/2025 |"), std::string::npos);
  EXPECT_NE(text.find("a) Thuận lợi:"), std::string::npos);
  EXPECT_NE(text.find("Được sự quan tâm của Ban giám hiệu và phụ huynh."), std::string::npos);
  EXPECT_EQ(text.find("Không có số liệu"), std::string::npos);  // empty items left out
  EXPECT_EQ(text.find("Đề xuất, kiến nghị:"), std::string::npos);
}

TEST(UnitReportDocument, MarksEmptyItemsWhenAsked) {
  Commune c;
  const Document doc = build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                  &c.commune, c.school_report, true);
  const std::string text = all_text(doc);
  EXPECT_NE(text.find("Số tin phát trên Đài, Báo, cổng thông tin: Không có số liệu."),
            std::string::npos);
}

TEST(UnitReportDocument, UsesTheSignerAndNumberTheCallerGives) {
  Commune c;
  DocumentOptions options;
  options.number = "5/BC-THAH";
  options.date = std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::October,
                                             std::chrono::day{11}};
  options.signer = SignatureBlock{"", "", "HIỆU TRƯỞNG", "Lê Văn Tâm"};
  const Document doc = build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                  &c.commune, c.school_report, false, options);
  EXPECT_EQ(doc.header.number, "Số: 05/BC-THAH");
  EXPECT_EQ(doc.header.place_date, "An Hưng, ngày 11 tháng 10 năm 2025");
  EXPECT_EQ(doc.signature.name, "Lê Văn Tâm");
}

}  // namespace
}  // namespace llw::documents
