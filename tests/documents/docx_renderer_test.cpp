#include "documents/docx_renderer.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "document_fixtures.h"

namespace llw::documents {
namespace {

using testing::Commune;
using testing::squeeze;
using testing::TempDir;
using testing::zip_entry;

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document doc;
  const auto result = doc.load_buffer(xml.data(), xml.size());
  EXPECT_TRUE(result) << result.description();
  return doc;
}

// Every w:t of a part, paragraphs separated by newlines.
std::string text_of(const pugi::xml_document& doc) {
  std::string text;
  for (const auto& p : doc.select_nodes("//w:p")) {
    for (const auto& t : p.node().select_nodes(".//w:t")) text += t.node().text().get();
    text += "\n";
  }
  return text;
}

Document plan() {
  Commune c;
  return build_plan_document(c.campaign, c.commune, &c.city);
}

Document summary() {
  Commune c;
  return build_summary_document(c.campaign, *c.campaign.form, c.commune, &c.city, c.summary(),
                                c.annex(), {});
}

TEST(DocxRenderer, PageIsA4WithTheDecreeMargins) {
  const std::string bytes = render_docx(plan());
  const auto doc = parse(zip_entry(bytes, "word/document.xml"));
  const auto sections = doc.select_nodes("//w:sectPr");
  ASSERT_EQ(sections.size(), 2u);  // the plan and its outline
  for (const auto& s : sections) {
    const auto size = s.node().child("w:pgSz");
    EXPECT_EQ(size.attribute("w:w").as_int(), 11906);
    EXPECT_EQ(size.attribute("w:h").as_int(), 16838);
    const auto margins = s.node().child("w:pgMar");
    EXPECT_EQ(margins.attribute("w:top").as_int(), 1417);
    EXPECT_EQ(margins.attribute("w:bottom").as_int(), 1134);
    EXPECT_EQ(margins.attribute("w:left").as_int(), 1984);
    EXPECT_EQ(margins.attribute("w:right").as_int(), 1134);
    EXPECT_EQ(margins.attribute("w:header").as_int(), 567);
    EXPECT_TRUE(s.node().child("w:titlePg"));  // page 1 uses the empty first-page header
  }
}

TEST(DocxRenderer, StylesUseTimesNewRomanFourteen) {
  const std::string bytes = render_docx(plan());
  const auto styles = parse(zip_entry(bytes, "word/styles.xml"));
  const auto fonts = styles.select_node("//w:docDefaults//w:rFonts").node();
  EXPECT_STREQ(fonts.attribute("w:ascii").value(), "Times New Roman");
  EXPECT_STREQ(fonts.attribute("w:hAnsi").value(), "Times New Roman");
  EXPECT_EQ(styles.select_node("//w:docDefaults//w:sz").node().attribute("w:val").as_int(), 28);
  for (const char* id : {"Normal", "Heading1", "Heading2", "Title", "TableText"}) {
    EXPECT_TRUE(styles.select_node((std::string("//w:style[@w:styleId='") + id + "']").c_str()))
        << id;
  }
}

TEST(DocxRenderer, HeaderTableHasNoBordersAndHoldsTheHeaderLines) {
  const std::string bytes = render_docx(plan());
  const auto doc = parse(zip_entry(bytes, "word/document.xml"));
  const auto table = doc.select_node("/w:document/w:body/w:tbl[1]").node();
  ASSERT_TRUE(table);
  for (const auto& border : table.child("w:tblPr").child("w:tblBorders").children()) {
    EXPECT_STREQ(border.attribute("w:val").value(), "nil") << border.name();
  }
  std::string text;
  for (const auto& t : table.select_nodes(".//w:t"))
    text += std::string(t.node().text().get()) + "|";
  EXPECT_EQ(text,
            "ỦY BAN NHÂN DÂN|XÃ AN HƯNG|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh "
            "phúc|Số: 83/KH-UBND|An Hưng, ngày 01 tháng 10 năm 2025|");
}

TEST(DocxRenderer, PageNumberFieldIsInTheDefaultHeaderOnly) {
  const std::string bytes = render_docx(plan());
  EXPECT_NE(zip_entry(bytes, "word/header1.xml").find(" PAGE "), std::string::npos);
  EXPECT_EQ(zip_entry(bytes, "word/header2.xml").find("PAGE"), std::string::npos);
  const std::string rels = zip_entry(bytes, "word/_rels/document.xml.rels");
  EXPECT_NE(rels.find("header1.xml"), std::string::npos);
  EXPECT_NE(rels.find("styles.xml"), std::string::npos);
}

TEST(DocxRenderer, SummaryCarriesTheNumbersTheChartAndALandscapeAnnex) {
  const std::string bytes = render_docx(summary());
  const auto doc = parse(zip_entry(bytes, "word/document.xml"));
  const std::string text = text_of(doc);
  EXPECT_NE(text.find("1.155/1.320 người, đạt 87,5%"), std::string::npos);
  EXPECT_NE(text.find("đã báo cáo: 2/3 đơn vị"), std::string::npos);
  const std::string png = zip_entry(bytes, "word/media/image1.png");
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  const auto last = doc.select_node("/w:document/w:body/w:sectPr/w:pgSz").node();
  EXPECT_STREQ(last.attribute("w:orient").value(), "landscape");
  // Table rows never split, header rows repeat.
  EXPECT_GT(doc.select_nodes("//w:trPr/w:cantSplit").size(), 10u);
  EXPECT_GE(doc.select_nodes("//w:trPr/w:tblHeader").size(), 3u);
}

TEST(DocxRenderer, HostileTextIsEscapedAndControlCharactersDropped) {
  Commune c;
  c.school.name = "Trường <w:p>&amp; ]]>";
  c.school_report.values["advantages"] = std::string(
                                             "A\x01\x0b\x1b"
                                             "B </w:t></w:r></w:p> \xE2\x80\x8F") +
                                         std::string(10000, 'x');
  const Document report = build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                     &c.commune, c.school_report, true);
  const std::string xml = zip_entry(render_docx(report), "word/document.xml");
  const auto doc = parse(xml);
  const std::string text = text_of(doc);
  EXPECT_NE(text.find("TRƯỜNG <W:P>&AMP; ]]>"), std::string::npos);
  EXPECT_NE(text.find("AB </w:t></w:r></w:p>"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

// LibreOffice opens the DOCX like a user's Word would; its PDF says what ours says.
TEST(DocxRenderer, ADocumentsIdentifierIsTheCustomPropertyLlwId) {
  Document document = summary();
  document.identifier = "consolidated/7/HP-X/v2";
  const std::string bytes = render_docx(document);
  const auto custom = parse(zip_entry(bytes, "docProps/custom.xml"));
  const auto property = custom.select_node("/Properties/property").node();
  EXPECT_STREQ(property.attribute("name").value(), "LLW-ID");
  EXPECT_STREQ(property.attribute("fmtid").value(), "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
  EXPECT_EQ(property.attribute("pid").as_int(), 2);
  EXPECT_STREQ(property.child("vt:lpwstr").text().get(), "consolidated/7/HP-X/v2");
  // The package names the part, so Word reads it.
  EXPECT_NE(zip_entry(bytes, "[Content_Types].xml").find("/docProps/custom.xml"),
            std::string::npos);
  const auto rels = parse(zip_entry(bytes, "_rels/.rels"));
  EXPECT_TRUE(rels.select_node("//Relationship[@Target='docProps/custom.xml']"));

  // A document without an identifier (a plan) has no custom properties.
  const std::string plain = render_docx(plan());
  EXPECT_EQ(zip_entry(plain, "docProps/custom.xml"), "");
  EXPECT_EQ(zip_entry(plain, "_rels/.rels").find("custom"), std::string::npos);
  EXPECT_EQ(zip_entry(plain, "[Content_Types].xml").find("custom"), std::string::npos);
}

TEST(DocxRenderer, LibreOfficeOpensItAndReadsTheSameText) {
  TempDir dir;
  Commune c;
  c.school_report.values["advantages"] = "<w:p>& ]]> \x01 \xE2\x80\x8F" + std::string(10000, 'y');
  const std::string input = dir.file("summary.docx");
  Document identified = summary();  // with its custom property, as LLW sends it
  identified.identifier = "consolidated/7/HP-X/v2";
  testing::write_file(input, render_docx(identified));
  const std::string hostile = dir.file("hostile.docx");
  testing::write_file(hostile,
                      render_docx(build_unit_report_document(c.campaign, *c.campaign.form, c.school,
                                                             &c.commune, c.school_report, false)));
  const std::string pdf = testing::soffice_convert(input, dir.path().string(), "pdf");
  ASSERT_FALSE(pdf.empty()) << "LibreOffice did not convert the DOCX";
  const std::string text = squeeze(testing::pdf_text(pdf));
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
        "1.155/1.320 người, đạt 87,5%", "Nguyễn Thị Hồng Vân", "Phụ lục", "TM. ỦY BAN NHÂN DÂN"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  EXPECT_NE(testing::run("pdffonts '" + pdf + "'").find("LiberationSerif"), std::string::npos);
  // The PAGE field shows from page 2 only ("different first page").
  const auto first_word = [&](int page) {
    const std::string words = squeeze(testing::pdf_text(pdf, page, page));
    const std::string trimmed = words.substr(words.find_first_not_of(' '));
    return trimmed.substr(0, trimmed.find(' '));
  };
  EXPECT_EQ(first_word(1), "ỦY");
  EXPECT_EQ(first_word(2), "2");
  const std::string hostile_pdf = testing::soffice_convert(hostile, dir.path().string(), "pdf");
  ASSERT_FALSE(hostile_pdf.empty()) << "LibreOffice did not open the hostile DOCX";
  const std::string hostile_text = testing::pdf_text(hostile_pdf);
  EXPECT_NE(hostile_text.find("<w:p>&"), std::string::npos);
  EXPECT_NE(hostile_text.find("]]>"), std::string::npos);
  EXPECT_NE(hostile_text.find("yyyyyyyyyy"), std::string::npos);
}

}  // namespace
}  // namespace llw::documents
