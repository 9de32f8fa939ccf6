// The annex of pictures of a consolidated report (evidence_annex.h): a JPEG's size read from its
// frame header, the captions, the annexes renumbered, and the pictures as a reader gets them — in
// the PDF (pdfimages, pdftotext) and in the DOCX opened by LibreOffice.
#include "documents/evidence_annex.h"

#include <gtest/gtest.h>

#include "document_fixtures.h"
#include "documents/builders.h"
#include "documents/docx_renderer.h"
#include "documents/pdf_renderer.h"
#include "evidence_files.h"

namespace llw::documents {
namespace {

using testing::Commune;
using testing::squeeze;
using testing::TempDir;
using testing_support::test_image;

Document summary() {
  Commune c;
  return build_summary_document(c.campaign, *c.campaign.form, c.commune, &c.city, c.summary(),
                                c.annex(), {});
}

TEST(EvidenceAnnex, AJpegsSizeIsReadFromItsFrameHeader) {
  const auto picture = jpeg_picture(test_image(640, 480, "jpeg", "2025:10:03 09:15:00"), "Ảnh");
  ASSERT_TRUE(picture.has_value());
  EXPECT_EQ(picture->width_px, 640);
  EXPECT_EQ(picture->height_px, 480);
  EXPECT_EQ(picture->description, "Ảnh");
  EXPECT_FALSE(jpeg_picture(test_image(64, 48, "png"), "").has_value());
  EXPECT_FALSE(jpeg_picture("", "").has_value());
  EXPECT_FALSE(jpeg_picture(std::string("\xFF\xD8\xFF\xE0\x00", 5), "").has_value());
  const std::string jpeg = test_image(64, 48, "jpeg");
  EXPECT_FALSE(jpeg_picture(jpeg.substr(0, 20), "").has_value());  // cut before its frame
}

TEST(EvidenceAnnex, CaptionsNumberThePicturesAndNameTheUnit) {
  EXPECT_EQ(evidence_caption(3, "Buổi đọc sách", "Trường Tiểu học An Hưng"),
            "Ảnh 3. Buổi đọc sách — Trường Tiểu học An Hưng");
  EXPECT_EQ(evidence_caption(1, "", "Thôn Đông"), "Ảnh 1. Thôn Đông");
  EXPECT_EQ(evidence_caption(2,
                             "a\x01"
                             "b",
                             "X"),
            "Ảnh 2. ab — X");
}

TEST(EvidenceAnnex, NoPictureNoAnnexAndTheOtherAnnexKeepsItsLabel) {
  Document document = summary();
  const std::size_t annexes = document.annexes.size();
  add_evidence_annex(document, {}, "(Kèm theo)");
  add_evidence_annex(document, {{"không phải ảnh", "x", "y"}}, "(Kèm theo)");
  EXPECT_EQ(document.annexes.size(), annexes);
  EXPECT_EQ(document.annexes.back().label, "Phụ lục");
}

TEST(EvidenceAnnex, ThePicturesAreInThePdfAndInTheDocxLibreOfficeOpens) {
  Document document = summary();
  ASSERT_EQ(document.annexes.size(), 1u);
  add_evidence_annex(document,
                     {{test_image(1600, 1200, "jpeg"), "Lễ khai mạc", "Trường Tiểu học An Hưng"},
                      {"không phải ảnh", "bỏ qua", "X"},
                      {test_image(900, 1600, "jpeg"), "", "Thôn Đông"}},
                     "(Kèm theo Báo cáo của Ủy ban nhân dân xã An Hưng)");
  ASSERT_EQ(document.annexes.size(), 2u);
  EXPECT_EQ(document.annexes[0].label, "Phụ lục I");
  EXPECT_EQ(document.annexes[1].label, "Phụ lục II");
  EXPECT_EQ(document.annexes[1].blocks.size(), 4u);  // two pictures, two captions

  TempDir dir;
  const std::string pdf = dir.file("summary.pdf");
  testing::write_file(pdf, render_pdf(document));
  const std::string text = squeeze(testing::pdf_text(pdf));
  EXPECT_NE(text.find("HÌNH ẢNH MINH CHỨNG"), std::string::npos) << text;
  EXPECT_NE(text.find("Ảnh 1. Lễ khai mạc — Trường Tiểu học An Hưng"), std::string::npos);
  EXPECT_NE(text.find("Ảnh 2. Thôn Đông"), std::string::npos);
  EXPECT_EQ(text.find("bỏ qua"), std::string::npos);
  const std::string images = testing::run("pdfimages -list '" + pdf + "'");
  EXPECT_NE(images.find("1600  1200"), std::string::npos) << images;  // embedded as it is
  EXPECT_NE(images.find("900  1600"), std::string::npos) << images;

  const std::string docx = dir.file("summary.docx");
  testing::write_file(docx, render_docx(document));
  EXPECT_FALSE(testing::zip_entry(testing::read_file(docx), "word/media/image2.jpg").empty());
  const std::string converted = testing::soffice_convert(docx, dir.path().string(), "pdf");
  ASSERT_FALSE(converted.empty()) << "LibreOffice did not open the DOCX";
  const std::string docx_text = squeeze(testing::pdf_text(converted));
  EXPECT_NE(docx_text.find("Ảnh 1. Lễ khai mạc — Trường Tiểu học An Hưng"), std::string::npos)
      << docx_text;
  EXPECT_NE(docx_text.find("Phụ lục II"), std::string::npos);
  EXPECT_NE(testing::run("pdfimages -list '" + converted + "'").find(" image "), std::string::npos);
}

}  // namespace
}  // namespace llw::documents
