#include <gtest/gtest.h>

#include "document_fixtures.h"
#include "documents/builders.h"
#include "domain/year_comparison.h"

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

TEST(SummaryDocument, StatesTheCutOffAfterTheOpeningAndInTheAnnex) {
  using namespace std::chrono;
  Commune c;
  Summary summary = c.summary();
  summary.figures_at = end_of_day_in_vietnam(2025y / October / 11d) + 1 + 17 * 3600;
  const Document doc = build_summary_document(c.campaign, *c.campaign.form, c.commune, &c.city,
                                              summary, c.annex(), {});
  ASSERT_GE(doc.body.size(), 2u);
  EXPECT_EQ(doc.body[1].text, "Số liệu tính đến 17 giờ 00 ngày 12/10/2025.");
  EXPECT_TRUE(doc.body[1].italic);
  ASSERT_EQ(doc.annexes.size(), 1u);
  EXPECT_EQ(doc.annexes[0].note,
            "(Kèm theo Báo cáo của Ủy ban nhân dân xã An Hưng; số liệu tính đến 17 giờ 00 ngày "
            "12/10/2025)");
  // A summary built by hand, with no moment, states none rather than a wrong one.
  EXPECT_EQ(all_text(commune_summary(c).body).find("Số liệu tính đến"), std::string::npos);
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
  EXPECT_NE(text.find("| Tổng cộng |  | 3 | 7 | 1.155 |"), std::string::npos) << text;
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
  ASSERT_EQ(annex.blocks.size(), 2u);  // the table and its note
  const Table& table = annex.blocks.front().table;
  ASSERT_EQ(table.rows.size(), 4u);  // three units and the total
  EXPECT_EQ(table.rows[0].cells[1], "Trường Tiểu học An Hưng");
  EXPECT_EQ(table.rows[1].cells[2], "Đã duyệt (nộp muộn)");
  EXPECT_EQ(table.rows[2].cells[2], "Chưa bắt đầu");
  const auto& total = table.rows[3];
  EXPECT_TRUE(total.bold);
  EXPECT_EQ(total.cells[7], "1.155");  // participants, as the summary
  EXPECT_EQ(total.cells[8], "1.320");
  EXPECT_EQ(total.cells[9], "87,5%");
}

// Every annex column holds one measure: articles and banners apart, collectives and individuals
// apart (they used to be added into one "Số tập thể, cá nhân được khen" column: 2 + 18 = 20).
// A form version that renamed the banners item (its old key in previous_keys) heads the column
// with its own label, and one without commendation items has no such columns.
TEST(SummaryDocument, TheAnnexColumnsFollowThePinnedFormVersion) {
  Commune c;
  nlohmann::json definition = c.campaign.form->to_json();
  for (auto& section : definition["sections"]) {
    nlohmann::json kept = nlohmann::json::array();
    for (auto& item : section["items"]) {
      if (item["key"] == "banners") {
        item["key"] = "posters";
        item["label"] = "Số áp phích, pano tuyên truyền";
        item["summary"] = "totals.posters";
        item["previous_keys"] = nlohmann::json::array({"banners"});
      }
      if (item.value("summary", "").rfind("commendations.", 0) == 0) continue;
      kept.push_back(item);
    }
    section["items"] = kept;
  }
  c.campaign.form = load_form(definition, "renamed.json");
  const Document doc = commune_summary(c);
  const auto& header = doc.annexes.front().blocks.front().table.header_rows.front();
  ASSERT_EQ(header.size(), 10u);
  EXPECT_EQ(header[4], "Số áp phích, pano tuyên truyền");
  EXPECT_EQ(header[9], "Tỷ lệ tham gia");
  for (const auto& h : header) EXPECT_EQ(h.find("khen"), std::string::npos) << h;
}

// When the summary compares years, each unit's row is followed by its last year ("—" where
// nothing of it counted), and the total by the node's own last year.
TEST(SummaryDocument, TheAnnexPutsEachUnitsLastYearBelowItsRow) {
  Commune c;
  Summary summary = c.summary();
  auto comparison = std::make_shared<YearComparison>();
  comparison->year = 2024;
  summary.previous_year = comparison;
  AnnexRows annex = c.annex();
  annex.rows[0].previous = AnnexFigures{5, 7, 1, 2, 300, 900, 1, 4};
  annex.previous_total = AnnexFigures{9, 11, 2, 4, 500, 1300, 1, 6};
  const Document doc =
      build_summary_document(c.campaign, *c.campaign.form, c.commune, &c.city, summary, annex, {});
  const Table& table = doc.annexes.front().blocks.front().table;
  const auto& header = table.header_rows.front();
  ASSERT_EQ(header.size(), 13u);
  EXPECT_EQ(header[2], "Năm");
  EXPECT_EQ(header[3], "Tình trạng báo cáo");
  ASSERT_EQ(table.rows.size(), 2 * annex.rows.size() + 2);
  const auto& school = table.rows[0].cells;
  EXPECT_EQ(school[1], "Trường Tiểu học An Hưng");
  EXPECT_EQ(school[2], "2025");
  EXPECT_EQ(school[5], "12");  // banners this year
  const auto& school_before = table.rows[1].cells;
  EXPECT_EQ(school_before[1], "");
  EXPECT_EQ(school_before[2], "2024");
  EXPECT_EQ(school_before[4], "5");
  EXPECT_EQ(school_before[5], "7");
  EXPECT_EQ(school_before[8], "300");
  EXPECT_EQ(school_before[10], "33,3%");  // 300 of 900
  EXPECT_EQ(school_before[12], "4");
  // The second unit had nothing counted last year.
  EXPECT_EQ(table.rows[3].cells[2], "2024");
  EXPECT_EQ(table.rows[3].cells[4], "—");
  const auto& total_before = table.rows.back().cells;
  EXPECT_TRUE(table.rows.back().bold);
  EXPECT_EQ(total_before[2], "2024");
  EXPECT_EQ(total_before[4], "9");
  EXPECT_EQ(total_before[8], "500");
  EXPECT_EQ(table.rows[table.rows.size() - 2].cells[1], "Tổng cộng");
  const std::string& note = doc.annexes.front().blocks[1].text;
  EXPECT_NE(note.find("Dòng năm 2024"), std::string::npos) << note;
  EXPECT_NE(note.find("đơn vị sáp nhập"), std::string::npos) << note;
}

TEST(SummaryDocument, EveryAnnexColumnHoldsOneMeasure) {
  Commune c;
  const Annex annex = commune_summary(c).annexes.front();
  const Table& table = annex.blocks.front().table;
  ASSERT_EQ(table.header_rows.size(), 1u);
  const auto& header = table.header_rows.front();
  ASSERT_EQ(header.size(), 12u);
  EXPECT_EQ(header[3], "Tin, bài, phóng sự");
  // The columns of single items are headed by the form's labels (the detail after a group's).
  EXPECT_EQ(header[4], "Số pano, băng zôn tuyên truyền");
  EXPECT_EQ(header[5], "Số hoạt động");
  EXPECT_EQ(header[10], "Số tập thể được khen thưởng");
  EXPECT_EQ(header[11], "Số cá nhân được khen thưởng");
  for (const auto& h : header) EXPECT_EQ(h.find("tập thể, cá nhân"), std::string::npos) << h;
  const auto& school = table.rows[0].cells;
  EXPECT_EQ(school[3], "8");   // 3 articles + 5 school radio items
  EXPECT_EQ(school[4], "12");  // banners
  EXPECT_EQ(school[10], "2");
  EXPECT_EQ(school[11], "15");
  const auto& total = table.rows[3].cells;
  EXPECT_EQ(total[3], "8");
  EXPECT_EQ(total[4], "16");   // 12 + 4 banners
  EXPECT_EQ(total[5], "3");    // flag talk and STEM at the school, reading day in the village
  EXPECT_EQ(total[10], "2");   // collectives
  EXPECT_EQ(total[11], "18");  // individuals
  // A unit without figures has no rate: not applicable, said once in the note.
  EXPECT_EQ(table.rows[2].cells[9], "—");
  ASSERT_EQ(annex.blocks.size(), 2u);
  EXPECT_NE(annex.blocks[1].text.find("“—”: không áp dụng"), std::string::npos);
  EXPECT_NE(annex.blocks[1].text.find("“Lượt người” tính mỗi người một lần cho mỗi hoạt động"),
            std::string::npos);
}

// One count of activities: each row of "other activities" is one activity, in the unit's report,
// the annex and the consolidated report alike (the annex used to count "other" once).
TEST(SummaryDocument, CountsActivitiesAsTheUnitsReportDoes) {
  Commune c;
  c.school_report.values["other_activities"] = {
      {{"name", "Ngày hội đọc sách"}, {"direction", "d"}, {"sessions", 2}, {"participants", 300}},
      {{"name", "Tọa đàm kỹ năng số"}, {"direction", "b"}, {"sessions", 1}, {"participants", 60}}};
  const Document unit = build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                   &c.commune, c.school_report, false);
  EXPECT_NE(all_text(unit.body).find("Tổ chức các hoạt động học tập: 4 hoạt động, 9 buổi, lớp"),
            std::string::npos)
      << all_text(unit.body);
  const Document doc = commune_summary(c);
  const Table& annex = doc.annexes.front().blocks.front().table;
  EXPECT_EQ(annex.rows[0].cells[5], "4");  // the school, as its own report says
  EXPECT_EQ(annex.rows[3].cells[5], "5");  // and the village's reading day
  const std::string text = all_text(doc.body);
  EXPECT_NE(text.find("Tổ chức các hoạt động học tập: 5 hoạt động, 10 buổi, lớp với 1.515 lượt "
                      "người tham gia"),
            std::string::npos)
      << text;
  // The "other" row: one unit held it, two activities.
  EXPECT_NE(text.find("| Các hoạt động học tập khác | 1 | 2 | 3 | 360 |"), std::string::npos);
  EXPECT_NE(text.find("| Tổng cộng |  | 5 | 10 | 1.515 |"), std::string::npos);
  EXPECT_NE(text.find("mỗi dòng hoạt động khác đơn vị kê thêm là một hoạt động"),
            std::string::npos);
}

// Section I states the commune's own direction work, and headings speak of the commune.
TEST(SummaryDocument, SectionOneStatesTheNodesOwnDirectionWork) {
  Commune c;
  std::string text = all_text(commune_summary(c).body);
  EXPECT_NE(text.find("Ủy ban nhân dân xã An Hưng đã ban hành Kế hoạch số 83/KH-UBND ngày "
                      "01/10/2025 về tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025"),
            std::string::npos)
      << text;
  EXPECT_LT(text.find("đã ban hành Kế hoạch số 83/KH-UBND"),
            text.find("Tổng số đơn vị phải báo cáo"));
  text = all_text(
      commune_summary(c, {{"direction", "Ban hành Công văn số 120/UBND-VHXH ngày 02/10/2025."}})
          .body);
  EXPECT_NE(text.find("Ban hành Công văn số 120/UBND-VHXH ngày 02/10/2025."), std::string::npos);
  EXPECT_EQ(text.find("của đơn vị, nhà trường"), std::string::npos);
  EXPECT_NE(text.find("Kế hoạch tiếp theo của địa phương trong năm 2025"), std::string::npos);
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
