#include <gtest/gtest.h>

#include "document_fixtures.h"
#include "documents/builders.h"

namespace llw::documents {
namespace {

using testing::Commune;

std::vector<std::string> labelled(const std::vector<Block>& blocks, BlockKind kind) {
  std::vector<std::string> out;
  for (const auto& b : blocks) {
    if (b.kind == kind) out.push_back(b.label + " " + b.text);
  }
  return out;
}

TEST(PlanDocument, HeaderReadsLikeTheSeed) {
  Commune c;
  const Document doc = build_plan_document(c.campaign, c.commune, &c.city);
  EXPECT_EQ(doc.header.parent_agency, "");
  EXPECT_EQ(doc.header.issuer_lines, (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "XÃ AN HƯNG"}));
  EXPECT_EQ(doc.header.number, "Số: 83/KH-UBND");
  EXPECT_EQ(doc.header.place_date, "An Hưng, ngày 01 tháng 10 năm 2025");
  EXPECT_EQ(doc.title, "KẾ HOẠCH");
  EXPECT_EQ(doc.summary_line, "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025");
  EXPECT_EQ(doc.file_stem, "ke-hoach-83-kh-ubnd-2025");
}

TEST(PlanDocument, SectionsAndClausesFollowTheSeedOutline) {
  Commune c;
  const Document doc = build_plan_document(c.campaign, c.commune, &c.city);
  EXPECT_EQ(labelled(doc.body, BlockKind::section),
            (std::vector<std::string>{"I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, THỜI GIAN TỔ CHỨC",
                                      "III. TỔ CHỨC THỰC HIỆN"}));
  ASSERT_FALSE(doc.body.empty());
  EXPECT_EQ(doc.body.front().text.rfind("Thực hiện Quyết định số 3929/QĐ-UBND", 0), 0u);
  std::vector<std::string> headings;
  for (const auto& b : doc.body) {
    if (b.kind == BlockKind::clause && b.bold) headings.push_back(b.label + " " + b.text);
  }
  EXPECT_EQ(headings, (std::vector<std::string>{
                          "1. Chủ đề", "2. Thời gian tổ chức", "3. Các hoạt động trong Tuần lễ",
                          "1. Phòng Văn hóa - Xã hội", "2. Trung tâm Sự nghiệp công",
                          "3. Đề nghị các phòng, đơn vị, các tổ chức, các thôn",
                          "4. Các cơ sở giáo dục trên địa bàn"}));
}

TEST(PlanDocument, ActivitiesAreLetteredAToEWithDBeforeE) {
  Commune c;
  const Document doc = build_plan_document(c.campaign, c.commune, &c.city);
  std::vector<std::string> letters;
  bool in_activities = false;
  for (const auto& b : doc.body) {
    if (b.kind == BlockKind::clause && b.bold)
      in_activities = b.text == "Các hoạt động trong Tuần lễ";
    if (in_activities && b.kind == BlockKind::point) letters.push_back(b.label);
  }
  EXPECT_EQ(letters, (std::vector<std::string>{"a)", "b)", "c)", "d)", "đ)", "e)"}));
}

TEST(PlanDocument, ThemeIsQuotedAndPeriodStated) {
  Commune c;
  const Document doc = build_plan_document(c.campaign, c.commune, &c.city);
  bool theme = false, period = false;
  for (const auto& b : doc.body) {
    theme |= b.text ==
             "“Học để phát triển bản thân, làm chủ tri thức và công nghệ, góp phần xây "
             "dựng đất nước hùng cường, thịnh vượng”.";
    period |= b.text == "Tuần lễ được tổ chức từ ngày 01/10/2025 đến ngày 07/10/2025.";
  }
  EXPECT_TRUE(theme);
  EXPECT_TRUE(period);
}

TEST(PlanDocument, EndsWithClosingRecipientsAndDeputySigner) {
  Commune c;
  const Document doc = build_plan_document(c.campaign, c.commune, &c.city);
  EXPECT_EQ(doc.body.back().text,
            "Ủy ban nhân dân xã yêu cầu các phòng, đơn vị, các tổ chức, các cơ sở giáo dục, các "
            "thôn nghiêm túc triển khai thực hiện./.");
  ASSERT_EQ(doc.recipients.size(), 5u);
  EXPECT_EQ(doc.recipients.front(), "TT ĐU, HĐND xã (Báo cáo);");
  EXPECT_EQ(doc.recipients.back(), "Lưu: VT.");
  EXPECT_EQ(doc.signature.authority, "TM. ỦY BAN NHÂN DÂN");
  EXPECT_EQ(doc.signature.deputy, "KT. CHỦ TỊCH");
  EXPECT_EQ(doc.signature.position, "PHÓ CHỦ TỊCH");
  EXPECT_EQ(doc.signature.name, "Nguyễn Thị Hồng Vân");
}

TEST(PlanDocument, AttachesTheFormAsTheOutline) {
  Commune c;
  const Document doc = build_plan_document(c.campaign, c.commune, &c.city);
  ASSERT_EQ(doc.annexes.size(), 1u);
  const Annex& annex = doc.annexes.front();
  EXPECT_EQ(annex.title, "ĐỀ CƯƠNG BÁO CÁO");
  EXPECT_EQ(annex.note,
            "(Kèm theo Kế hoạch số 83/KH-UBND ngày 01/10/2025 của Ủy ban nhân dân xã An Hưng)");
  EXPECT_FALSE(annex.landscape);
  EXPECT_EQ(labelled(annex.blocks, BlockKind::section),
            (std::vector<std::string>{"I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "II. KẾT QUẢ CỤ THỂ",
                                      "III. ĐỀ XUẤT, KIẾN NGHỊ"}));
  const auto points = labelled(annex.blocks, BlockKind::point);
  EXPECT_EQ(points, (std::vector<std::string>{"a) Thuận lợi:", "b) Khó khăn:"}));
  const auto pluses = labelled(annex.blocks, BlockKind::plus);
  EXPECT_NE(std::find(pluses.begin(), pluses.end(), "+ Trải nghiệm STEM;"), pluses.end());
}

TEST(PlanDocument, WithoutPlanFieldsFallsBackToTheOrgTree) {
  Commune c;
  c.campaign.plan = nlohmann::json::object();
  const Document doc = build_plan_document(c.campaign, c.school, &c.commune);
  EXPECT_EQ(doc.header.parent_agency, "UBND XÃ AN HƯNG");
  EXPECT_EQ(doc.header.issuer_lines, (std::vector<std::string>{"TRƯỜNG TIỂU HỌC AN HƯNG"}));
  EXPECT_EQ(doc.header.number, "Số:       /KH-");  // the school's own symbol is for the pen
  EXPECT_EQ(doc.header.place_date, "An Hưng, ngày      tháng      năm 2025");
  EXPECT_EQ(doc.signature.position, "HIỆU TRƯỞNG");
}

}  // namespace
}  // namespace llw::documents
