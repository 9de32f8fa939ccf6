#include "documents/pdf_renderer.h"

#include <gtest/gtest.h>

#include <regex>

#include "document_fixtures.h"

namespace llw::documents {
namespace {

using testing::Commune;
using testing::pdf_text;
using testing::run;
using testing::squeeze;
using testing::TempDir;

std::string write_pdf(const TempDir& dir, const std::string& name, const Document& doc) {
  const std::string path = dir.file(name);
  testing::write_file(path, render_pdf(doc));
  return path;
}

int page_count(const std::string& path) {
  std::smatch m;
  const std::string info = run("pdfinfo '" + path + "'");
  static const std::regex pages(R"(Pages:\s+(\d+))");
  return std::regex_search(info, m, pages) ? std::stoi(m[1]) : 0;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  for (char ch : text) {
    if (ch == '\n' || ch == '\f') {
      const auto first = line.find_first_not_of(' ');
      if (first != std::string::npos) lines.push_back(line.substr(first));
      line.clear();
    } else {
      line += ch;
    }
  }
  return lines;
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

TEST(PdfRenderer, PlanCarriesTheNationalTitleNumberDateAndSigner) {
  Commune c;
  TempDir dir;
  const std::string path =
      write_pdf(dir, "plan.pdf", build_plan_document(c.campaign, c.commune, &c.city));
  const std::string text = squeeze(pdf_text(path));
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 83/KH-UBND",
        "An Hưng, ngày 01 tháng 10 năm 2025", "ỦY BAN NHÂN DÂN", "XÃ AN HƯNG", "KẾ HOẠCH",
        "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
        "đ) Tổ chức các cuộc thi", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Hồng Vân", "Nơi nhận:", "- Lưu: VT.", "ĐỀ CƯƠNG BÁO CÁO"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
}

TEST(PdfRenderer, IsA4WithLiberationSerifEmbedded) {
  Commune c;
  TempDir dir;
  const std::string path =
      write_pdf(dir, "plan.pdf", build_plan_document(c.campaign, c.commune, &c.city));
  EXPECT_NE(run("pdfinfo '" + path + "'").find("595.276 x 841.89 pts (A4)"), std::string::npos);
  const std::string fonts = run("pdffonts '" + path + "'");
  std::size_t embedded = 0;
  for (const auto& line : lines_of(fonts)) {
    if (line.find("LiberationSerif") == std::string::npos) continue;
    EXPECT_NE(line.find(" yes "), std::string::npos) << line;  // emb column
    ++embedded;
  }
  EXPECT_GE(embedded, 2u) << fonts;  // regular and bold at least
}

TEST(PdfRenderer, NumbersPagesFromTheSecondAtTheTop) {
  Commune c;
  TempDir dir;
  const std::string path =
      write_pdf(dir, "plan.pdf", build_plan_document(c.campaign, c.commune, &c.city));
  ASSERT_GE(page_count(path), 3);
  const auto page1 = lines_of(pdf_text(path, 1, 1));
  const auto page2 = lines_of(pdf_text(path, 2, 2));
  ASSERT_FALSE(page1.empty());
  ASSERT_FALSE(page2.empty());
  EXPECT_NE(trimmed(page1.front()), "1");
  EXPECT_EQ(page1.front().find("ỦY BAN NHÂN DÂN"), 0u);
  EXPECT_EQ(trimmed(page2.front()), "2");
}

TEST(PdfRenderer, NoPageEndsWithAHeading) {
  Commune c;
  TempDir dir;
  const std::string path =
      write_pdf(dir, "plan.pdf", build_plan_document(c.campaign, c.commune, &c.city));
  static const std::regex heading(R"(^([IVX]+\.|\d+\.) [^ ]+( [^ ]+){0,8}$)");
  const int pages = page_count(path);
  for (int p = 1; p < pages; ++p) {  // the last page may end the outline on its heading
    const auto lines = lines_of(pdf_text(path, p, p));
    ASSERT_FALSE(lines.empty());
    EXPECT_FALSE(std::regex_match(trimmed(lines.back()), heading))
        << "page " << p << " ends with " << lines.back();
  }
}

TEST(PdfRenderer, SummaryShowsTotalsVietnameseWayAndALandscapeAnnex) {
  Commune c;
  TempDir dir;
  const Document doc = build_summary_document(c.campaign, *c.campaign.form, c.commune, &c.city,
                                              c.summary(), c.annex(), {});
  const std::string path = write_pdf(dir, "summary.pdf", doc);
  const std::string text = squeeze(pdf_text(path));
  for (const char* expected :
       {"BÁO CÁO", "Kính gửi:", "- Ủy ban nhân dân thành phố Hải Phòng;",
        "- Sở Giáo dục và Đào tạo thành phố Hải Phòng.", "đã báo cáo: 2/3 đơn vị",
        "1.155/1.320 người, đạt 87,5%", "Trường Mầm non An Hưng", "Phụ lục", "Tổng cộng",
        // The school's annex row, one measure a column: articles, banners, activities,
        // sessions, people, population, rate, collectives, individuals.
        "Trường Tiểu học An Hưng Đã nộp 8 12 2 6 898 960 93,5% 2 15", "“—”: không áp dụng",
        "Số lượt người tham gia theo nội dung hoạt động của Kế hoạch"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  const int pages = page_count(path);
  const std::string last = run("pdfinfo -f " + std::to_string(pages) + " -l " +
                               std::to_string(pages) + " '" + path + "'");
  EXPECT_NE(last.find("841.89 x 595.276 pts"), std::string::npos) << last;
  // The annex counts its own pages: its first page carries no number.
  const auto annex_lines = lines_of(pdf_text(path, pages, pages));
  ASSERT_FALSE(annex_lines.empty());
  EXPECT_EQ(trimmed(annex_lines.front()), "Phụ lục");
}

// The unit's name in the header is never broken in the middle ("TRƯỜNG TIỂU HỌC AN" / "HƯNG"):
// a name that fits is set on one line, a long one breaks between its kind and its proper name.
TEST(PdfRenderer, HeaderNeverBreaksAUnitsNameInTheMiddle) {
  Commune c;
  TempDir dir;
  for (const auto& [name, lines] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"Trường Tiểu học An Hưng", {"TRƯỜNG TIỂU HỌC AN HƯNG"}},
           {"Trường Mầm non Tuổi Thơ", {"TRƯỜNG MẦM NON TUỔI THƠ"}},
           {"Trường THCS Hoàng Văn Thụ", {"TRƯỜNG THCS", "HOÀNG VĂN THỤ"}},
           {"Trường Tiểu học Phan Bội Châu", {"TRƯỜNG TIỂU HỌC", "PHAN BỘI CHÂU"}}}) {
    c.school.name = name;
    const std::string path =
        write_pdf(dir, "header.pdf",
                  build_unit_report_document(c.campaign, *c.campaign.form, c.school, &c.commune,
                                             c.school_report, false));
    const auto printed = lines_of(pdf_text(path, 1, 1));
    ASSERT_GE(printed.size(), 3u);
    // Line 1: parent agency and national title; then the name's lines, each beside the motto or
    // alone, every one starting with the name's own words.
    for (std::size_t i = 0; i < lines.size(); ++i) {
      EXPECT_EQ(printed[1 + i].rfind(lines[i], 0), 0u) << name << ": " << printed[1 + i];
    }
  }
}

TEST(PdfRenderer, HostileTextNeverBreaksTheDocument) {
  Commune c;
  const std::string hostile =
      "<w:p>&amp; ]]> \x01\x02\x1b \xE2\x80\x8F\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xff ";
  std::string long_text;
  while (long_text.size() < 10000) long_text += "Học tập suốt đời " + hostile;
  c.school_report.values["advantages"] = long_text;
  c.school_report.values["difficulties"] = hostile + "\n\n" + hostile;
  c.school.name = "Trường <b>&</b> ]]>";
  const Document doc = build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                  &c.commune, c.school_report, true);
  TempDir dir;
  const std::string path = write_pdf(dir, "hostile.pdf", doc);
  EXPECT_GE(page_count(path), 3);
  const std::string text = pdf_text(path);
  EXPECT_NE(text.find("<w:p>&amp; ]]>"), std::string::npos);
  EXPECT_NE(squeeze(text).find("TRƯỜNG <B>&</B> ]]>"), std::string::npos);
}

}  // namespace
}  // namespace llw::documents

namespace llw::documents {
namespace {

// `LLW_WRITE_SAMPLES=1 llw_documents_test --gtest_filter=*ReviewSamples*` refreshes
// docs/samples/*.png: page 1 of each document kind at 50 dpi, for reviewers.
TEST(PdfRenderer, WritesReviewSamplesWhenAsked) {
  if (!std::getenv("LLW_WRITE_SAMPLES")) GTEST_SKIP() << "set LLW_WRITE_SAMPLES=1 to refresh";
  Commune c;
  TempDir dir;
  const std::string out = std::string(LLW_SOURCE_DIR) + "/docs/samples/";
  const std::vector<std::pair<std::string, Document>> documents = {
      {"plan", build_plan_document(c.campaign, c.commune, &c.city)},
      {"unit-report", build_unit_report_document(c.campaign, *c.campaign.form, c.school, &c.commune,
                                                 c.school_report, false)},
      {"summary", build_summary_document(c.campaign, *c.campaign.form, c.commune, &c.city,
                                         c.summary(), c.annex(), {})}};
  for (const auto& [name, doc] : documents) {
    const std::string pdf = write_pdf(dir, name + ".pdf", doc);
    run("pdftoppm -r 50 -png -f 1 -l 1 -singlefile '" + pdf + "' '" + out + name + "'");
    EXPECT_TRUE(std::filesystem::exists(out + name + ".png")) << name;
  }
}

}  // namespace
}  // namespace llw::documents
