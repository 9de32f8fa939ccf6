#include <gtest/gtest.h>

#include "document_fixtures.h"
#include "documents/builders.h"

namespace llw::documents {
namespace {

using testing::Commune;

std::string all_text(const std::vector<Block>& blocks) {
  std::string text;
  for (const auto& b : blocks) {
    text += b.label + " " + b.text + "\n";
    for (const auto& r : b.table.rows) {
      for (const auto& cell : r.cells) text += cell + " | ";
      text += "\n";
    }
  }
  return text;
}

Document commune_summary(const Commune& c,
                         const std::map<std::string, std::string>& narrative = {}) {
  return build_summary_document(c.campaign, *c.campaign.form, c.commune, &c.city, c.summary(),
                                c.annex(), narrative);
}

TEST(SummaryDocument, CommuneAddressesTheCityAndItsEducationDepartment) {
  Commune c;
  const Document doc = commune_summary(c);
  EXPECT_EQ(doc.addressees,
            (std::vector<std::string>{"Ủy ban nhân dân thành phố Hải Phòng",
                                      "Sở Giáo dục và Đào tạo thành phố Hải Phòng"}));
  EXPECT_EQ(doc.header.issuer_lines, (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "XÃ AN HƯNG"}));
  EXPECT_EQ(doc.header.number, "Số:       /BC-UBND");
  EXPECT_EQ(doc.file_stem, "bao-cao-tong-hop-xa-an-hung-2025");
  // The issuer's report is signed by the plan's signer.
  EXPECT_EQ(doc.signature.name, "Nguyễn Thị Hồng Vân");
}

TEST(SummaryDocument, StatesCompletenessWithTheMissingUnitsByName) {
  Commune c;
  const std::string text = all_text(commune_summary(c).body);
  EXPECT_NE(text.find("Tổng số đơn vị phải báo cáo: 3 đơn vị; đã báo cáo: 2/3 đơn vị (đúng hạn: "
                      "1, muộn: 1); chưa báo cáo: 1 đơn vị (Trường Mầm non An Hưng)."),
            std::string::npos)
      << text;
}

TEST(SummaryDocument, PrintsEveryTotalTheVietnameseWay) {
  Commune c;
  const std::string text = all_text(commune_summary(c).body);
  EXPECT_NE(text.find("- Số pano, băng zôn tuyên truyền: 16."), std::string::npos) << text;
  // (840 + 58 + 257) / (900 + 60 + 360): weighted by population, not an average of rates.
  EXPECT_NE(text.find("Tỷ lệ người tham gia: 1.155/1.320 người, đạt 87,5%"), std::string::npos);
  // Per group, with how many units reported it; a group nobody reported has no data.
  EXPECT_NE(text.find("+ Học sinh: 840/900 người, đạt 93,3% (1 đơn vị có số liệu);"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("+ Phụ huynh: không có số liệu;"), std::string::npos);
  EXPECT_NE(text.find("nhóm không có số liệu không được tính"), std::string::npos);
  EXPECT_NE(text.find("Tổng kết, khen thưởng: số cá nhân được khen thưởng: 18."),
            std::string::npos);
  EXPECT_NE(text.find("| Tổng cộng | 3 | 7 | 1.155 |"), std::string::npos);
}

TEST(SummaryDocument, ActivitiesByDirectionCarryABarChart) {
  Commune c;
  const Document doc = commune_summary(c);
  const Block* chart = nullptr;
  for (const auto& b : doc.body) {
    if (b.kind == BlockKind::chart) chart = &b;
  }
  ASSERT_NE(chart, nullptr);
  ASSERT_EQ(chart->chart.values.size(), 6u);
  EXPECT_EQ(chart->chart.labels[4].rfind("đ)", 0), 0u);
  EXPECT_EQ(chart->chart.values, (std::vector<double>{950, 0, 0, 85, 120, 0}));
}

TEST(SummaryDocument, NarrativeFallsBackToUnitsTextsAndPrefersTheCoordinators) {
  Commune c;
  std::string text = all_text(commune_summary(c).body);
  EXPECT_NE(text.find("+ Trường Tiểu học An Hưng: Được sự quan tâm"), std::string::npos);
  EXPECT_NE(text.find("+ Thôn Đông: Người dân hưởng ứng nhiệt tình."), std::string::npos);
  text = all_text(commune_summary(c, {{"advantages", "Các đơn vị đều chủ động."}}).body);
  EXPECT_NE(text.find("Các đơn vị đều chủ động."), std::string::npos);
  EXPECT_EQ(text.find("+ Thôn Đông: Người dân hưởng ứng nhiệt tình."), std::string::npos);
}

TEST(SummaryDocument, AnnexHasOneRowPerUnitAndTotalsMatchingTheSummary) {
  Commune c;
  const Document doc = commune_summary(c);
  ASSERT_EQ(doc.annexes.size(), 1u);
  const Annex& annex = doc.annexes.front();
  EXPECT_TRUE(annex.landscape);
  EXPECT_EQ(annex.label, "Phụ lục");
  ASSERT_EQ(annex.blocks.size(), 1u);
  const Table& table = annex.blocks.front().table;
  ASSERT_EQ(table.rows.size(), 4u);  // three units and the total
  EXPECT_EQ(table.rows[0].cells[1], "Trường Tiểu học An Hưng");
  EXPECT_EQ(table.rows[1].cells[2], "Đã duyệt (nộp muộn)");
  EXPECT_EQ(table.rows[2].cells[2], "Chưa báo cáo");
  const auto& total = table.rows[3];
  EXPECT_TRUE(total.bold);
  EXPECT_EQ(total.cells[3], "24");     // 3 + 12 + 5 + 4 media items
  EXPECT_EQ(total.cells[6], "1.155");  // participants, as the summary
  EXPECT_EQ(total.cells[7], "1.320");
  EXPECT_EQ(total.cells[8], "87,5%");
  EXPECT_EQ(total.cells[9], "20");  // 2 collectives + 18 individuals
}

TEST(SummaryDocument, CityReportAddressesTheMinistry) {
  Commune c;
  OrgUnit country;
  country.kind = UnitKind::country;
  country.name = "Việt Nam";
  const Document doc =
      build_summary_document(c.campaign, *c.campaign.form, c.city, &country, c.summary(), {}, {});
  EXPECT_EQ(doc.addressees, (std::vector<std::string>{"Bộ Giáo dục và Đào tạo"}));
  EXPECT_EQ(doc.header.issuer_lines,
            (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"}));
  EXPECT_TRUE(doc.annexes.empty());
}

}  // namespace
}  // namespace llw::documents
