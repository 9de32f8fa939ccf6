// Evidence on a report through the application: real photos made by the test (EXIF dates inside
// and outside the week), a PDF and a DOCX, and every bad input of issue 19's first slice, each
// refused with a Vietnamese message and nothing stored.
#include "app/evidence.h"

#include <algorithm>
#include <string>

#include "app/audit_trail.h"
#include "app/content_hash.h"
#include "app/document_downloads.h"
#include "app/reports.h"
#include "app_fixture.h"
#include "document_text.h"
#include "evidence_files.h"

namespace llw::testing {
namespace {

using testing_support::image_size;
using testing_support::minimal_docx;
using testing_support::plain_zip;
using testing_support::png_bomb;
using testing_support::test_image;

class EvidenceTest : public WorkflowCastTest {
 protected:
  EvidenceItem attach(const std::string& bytes, const std::string& name,
                      const std::string& unit = "HP-X-A", const User* who = nullptr,
                      const std::string& caption = "Lễ khai mạc") {
    return app_->evidence().attach(who ? *who : reporter_for(unit), campaign_.id, unit,
                                   {bytes, name, caption, {}});
  }
  const User& reporter_for(const std::string& unit) {
    return unit == "HP-X-B" ? reporter_b_ : unit == "HP-Y-C" ? reporter_c_ : reporter_;
  }
  // The Vietnamese message of the llw::Error `f` throws, checking its kind.
  template <class F>
  std::string refusal(ErrorKind kind, F&& f) {
    try {
      f();
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), kind) << e.message();
      EXPECT_FALSE(e.message().empty());
      return e.message();
    }
    ADD_FAILURE() << "expected an llw::Error";
    return {};
  }
  std::size_t attached(const std::string& unit = "HP-X-A") {
    return app_->evidence().list(commune_, campaign_.id, unit).size();
  }
};

TEST_F(EvidenceTest, APhotoIsReencodedWithoutMetadataAndKeepsItsDateTaken) {
  const std::string jpeg = test_image(2400, 1200, "jpeg", "2025:10:03 09:15:00");
  ASSERT_NE(jpeg.find("Exif"), std::string::npos);  // the upload carries EXIF (and GPS)
  const EvidenceItem item = attach(jpeg, "khai-mac.JPG");
  EXPECT_EQ(item.attachment.kind, "photo");
  EXPECT_EQ(item.attachment.content_type, "image/jpeg");
  ASSERT_TRUE(item.attachment.taken_at.has_value());
  EXPECT_EQ(*item.attachment.taken_at, "2025-10-03 09:15:00");
  EXPECT_TRUE(item.marks.empty());  // taken inside the week
  EXPECT_EQ(item.attachment.caption, "Lễ khai mạc");
  EXPECT_EQ(item.attachment.sha256.size(), 64u);

  const EvidenceDownload served =
      app_->evidence().file(commune_, campaign_.id, "HP-X-A", item.attachment.id, false);
  EXPECT_EQ(served.content_type, "image/jpeg");
  EXPECT_EQ(served.file_name, "khai-mac.jpg");
  EXPECT_EQ(image_size(served.bytes), (std::pair<int, int>{1600, 800}));
  EXPECT_EQ(served.bytes.find("Exif"), std::string::npos);  // no EXIF, no GPS served
  const EvidenceDownload thumbnail =
      app_->evidence().file(viewer_, campaign_.id, "HP-X-A", item.attachment.id, true);
  EXPECT_EQ(image_size(thumbnail.bytes), (std::pair<int, int>{320, 160}));
  EXPECT_EQ(thumbnail.bytes.find("Exif"), std::string::npos);
}

TEST_F(EvidenceTest, APhotoTakenOutsideTheWeekIsMarked) {
  attach(test_image(640, 480, "jpeg", "2024:10:14 08:00:00"), "cu.jpg");
  attach(test_image(300, 200, "png"), "so-do.png");
  const auto items = app_->evidence().list(commune_, campaign_.id, "HP-X-A");
  ASSERT_EQ(items.size(), 2u);
  ASSERT_EQ(items[0].marks.size(), 1u);
  EXPECT_EQ(items[0].marks[0], "Ảnh chụp ngày 14/10/2024 — ngoài thời gian Tuần lễ");
  EXPECT_FALSE(items[1].attachment.taken_at.has_value());  // a PNG without EXIF
  EXPECT_TRUE(items[1].marks.empty());
  // A small photo is never enlarged.
  EXPECT_EQ(image_size(app_->evidence()
                           .file(reporter_, campaign_.id, "HP-X-A", items[1].attachment.id, false)
                           .bytes),
            (std::pair<int, int>{300, 200}));
}

// An iPhone's HEIC photo: recognised by its content, decoded through libvips' libheif module,
// served as a JPEG like every photo, its EXIF date read (here outside the week: marked).
TEST_F(EvidenceTest, AnIphoneHeicPhotoIsServedAsJpegWithItsDateTaken) {
  const std::string heic = test_image(1700, 340, "heic", "2024:10:14 08:00:00");
  ASSERT_EQ(heic.substr(4, 8), "ftypheic");
  const EvidenceItem item = attach(heic, "IMG_0042.HEIC");
  EXPECT_EQ(item.attachment.kind, "photo");
  ASSERT_TRUE(item.attachment.taken_at.has_value());
  EXPECT_EQ(*item.attachment.taken_at, "2024-10-14 08:00:00");
  ASSERT_EQ(item.marks.size(), 1u);
  EXPECT_EQ(item.marks[0], "Ảnh chụp ngày 14/10/2024 — ngoài thời gian Tuần lễ");
  const EvidenceDownload served =
      app_->evidence().file(reporter_, campaign_.id, "HP-X-A", item.attachment.id, false);
  EXPECT_EQ(served.content_type, "image/jpeg");
  EXPECT_EQ(image_size(served.bytes), (std::pair<int, int>{1600, 320}));
  // Its brand box alone is not a photo: a HEIC cut short cannot be decoded and is refused.
  EXPECT_EQ(error_kind_of([&] { attach(heic.substr(0, 200), "cut.heic"); }), ErrorKind::bad_input);
}

TEST_F(EvidenceTest, TheSameFileAttachedByAnotherUnitIsMarkedAndStoredOnce) {
  const std::string png = test_image(200, 100, "png");
  const EvidenceItem first = attach(png, "anh.png", "HP-X-A");
  const EvidenceItem second = attach(png, "anh-cua-truong-b.png", "HP-X-B");
  EXPECT_EQ(first.attachment.sha256, second.attachment.sha256);
  ASSERT_EQ(second.marks.size(), 1u);
  EXPECT_NE(second.marks[0].find("HP-X-A"), std::string::npos) << second.marks[0];
  const auto listed = app_->evidence().list(commune_, campaign_.id, "HP-X-A");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_NE(listed[0].marks.at(0).find("HP-X-B"), std::string::npos);
}

TEST_F(EvidenceTest, DocumentsAreRecognisedByTheirContentAndServedAsUploaded) {
  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  const EvidenceItem report = attach(pdf, "bien-ban.pdf");
  EXPECT_EQ(report.attachment.kind, "pdf");
  EXPECT_FALSE(report.attachment.has_thumbnail);
  EXPECT_EQ(
      app_->evidence().file(reporter_, campaign_.id, "HP-X-A", report.attachment.id, false).bytes,
      pdf);
  EXPECT_EQ(error_kind_of([&] {
              app_->evidence().file(reporter_, campaign_.id, "HP-X-A", report.attachment.id, true);
            }),
            ErrorKind::not_found);
  const std::string docx = minimal_docx();
  // Named .pdf, it is still a DOCX: the content decides.
  const EvidenceItem list = attach(docx, "danh-sach.pdf");
  EXPECT_EQ(list.attachment.kind, "docx");
  EXPECT_EQ(
      app_->evidence().file(reporter_, campaign_.id, "HP-X-A", list.attachment.id, false).bytes,
      docx);
}

TEST_F(EvidenceTest, BadFilesAreRefusedWithAVietnameseMessageAndNothingIsStored) {
  const std::string not_a_photo =
      refusal(ErrorKind::bad_input, [&] { attach("Đây không phải là ảnh.", "anh.jpg"); });
  EXPECT_NE(not_a_photo.find("không phải ảnh (JPEG, PNG, WebP, HEIC), PDF, DOCX hoặc XLSX"),
            std::string::npos)
      << not_a_photo;
  EXPECT_NE(refusal(ErrorKind::bad_input, [&] { attach(plain_zip(), "bao-cao.docx"); })
                .find("không phải"),
            std::string::npos);
  EXPECT_NE(refusal(ErrorKind::bad_input, [&] { attach("", "rong.jpg"); }).find("0 byte"),
            std::string::npos);
  const std::string too_large = refusal(ErrorKind::too_large, [&] {
    attach(std::string(Evidence::kMaxFileBytes + 1, 'x'), "lon.pdf");
  });
  EXPECT_NE(too_large.find("10 MB"), std::string::npos) << too_large;
  const std::string bomb = refusal(ErrorKind::bad_input, [&] { attach(png_bomb(), "bom.png"); });
  EXPECT_NE(bomb.find("30000×30000"), std::string::npos) << bomb;
  const std::string jpeg = test_image(800, 600, "jpeg");
  const std::string truncated =
      refusal(ErrorKind::bad_input, [&] { attach(jpeg.substr(0, jpeg.size() / 2), "cut.jpg"); });
  EXPECT_NE(truncated.find("hỏng"), std::string::npos) << truncated;
  EXPECT_EQ(refusal(ErrorKind::validation_failed,
                    [&] { attach(jpeg, "a.jpg", "HP-X-A", nullptr, "Dòng một\nDòng hai"); })
                .empty(),
            false);
  EXPECT_EQ(attached(), 0u);
}

TEST_F(EvidenceTest, AHostileNameIsKeptSanitized) {
  const std::string name =
      "../../etc/" + std::string("\x01\x1b[31m") + std::string(300, 'a') + "\x7f.png";
  const EvidenceItem item = attach(test_image(50, 50, "png"), name);
  const std::string& kept = item.attachment.original_name;
  EXPECT_EQ(kept.find('/'), std::string::npos);
  EXPECT_EQ(kept.find(".."), std::string::npos);
  for (const char c : kept) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7f);
  EXPECT_EQ(kept.size(), Evidence::kMaxNameLength);
  EXPECT_EQ(kept.substr(kept.size() - 4), ".png");
  EXPECT_EQ(Evidence::sanitize_file_name("..\\..\\"), "tep-minh-chung");
  EXPECT_EQ(Evidence::sanitize_file_name("Ảnh lễ khai mạc.jpg"), "Ảnh lễ khai mạc.jpg");
}

TEST_F(EvidenceTest, AccessIsTheReportsAndAFinishedReportTakesNoMoreEvidence) {
  const std::string png = test_image(60, 40, "png");
  // Another unit's report: refused before anything is read of the file.
  EXPECT_EQ(error_kind_of([&] { attach(png, "a.png", "HP-X-B", &reporter_); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { attach(png, "a.png", "HP-X-A", &viewer_); }), ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->evidence().list(reporter_c_, campaign_.id, "HP-X-A"); }),
            ErrorKind::forbidden);
  EXPECT_EQ(attached("HP-X-B"), 0u);
  // Viewers and coordinators above read the list.
  const EvidenceItem item = attach(png, "a.png");
  EXPECT_EQ(app_->evidence().list(viewer_, campaign_.id, "HP-X-A").size(), 1u);
  EXPECT_EQ(app_->evidence().list(city_, campaign_.id, "HP-X-A").size(), 1u);

  // Submitted, then accepted: no attaching, no removing.
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  current =
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a());
  app_->reports().submit(reporter_, campaign_.id, "HP-X-A", current.version);
  EXPECT_NE(refusal(ErrorKind::conflict, [&] { attach(png, "b.png"); }).find("đã nộp"),
            std::string::npos);
  app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {});
  EXPECT_NE(refusal(ErrorKind::conflict, [&] { attach(png, "b.png"); }).find("chấp nhận"),
            std::string::npos);
  EXPECT_EQ(error_kind_of([&] {
              app_->evidence().remove(reporter_, campaign_.id, "HP-X-A", item.attachment.id);
            }),
            ErrorKind::conflict);
  EXPECT_EQ(attached(), 1u);
  // Past the lock date (31/10/2025) the unit may no longer add evidence either.
  now_ = vietnam_time(11, 2, 9);
  EXPECT_EQ(error_kind_of([&] { attach(png, "c.png", "HP-X-B"); }), ErrorKind::conflict);
}

TEST_F(EvidenceTest, TwentyFilesAtMostAndARemovedOneFreesItsPlace) {
  std::vector<EvidenceItem> items;
  for (int i = 0; i < Evidence::kMaxFilesPerReport; ++i) {
    items.push_back(
        attach("%PDF-1.4 tệp " + std::to_string(i), "tep-" + std::to_string(i) + ".pdf"));
  }
  const std::string full = refusal(ErrorKind::conflict, [&] { attach("%PDF-1.4 x", "x.pdf"); });
  EXPECT_NE(full.find("20 tệp"), std::string::npos) << full;
  app_->evidence().remove(reporter_, campaign_.id, "HP-X-A", items[3].attachment.id);
  EXPECT_EQ(attached(), 19u);
  EXPECT_EQ(error_kind_of([&] {
              app_->evidence().file(commune_, campaign_.id, "HP-X-A", items[3].attachment.id,
                                    false);
            }),
            ErrorKind::not_found);
  EXPECT_EQ(error_kind_of([&] {
              app_->evidence().remove(reporter_, campaign_.id, "HP-X-A", items[3].attachment.id);
            }),
            ErrorKind::not_found);
  attach("%PDF-1.4 x", "x.pdf");
  EXPECT_EQ(attached(), 20u);
  // Each attach and remove is in the audit log.
  AuditQuery query;
  query.action = "evidence.";
  int attaches = 0;
  int removes = 0;
  for (const AuditEntry& entry : app_->audit().audit_log(system_admin(), "HP", query)) {
    if (entry.action == "evidence.attach" && entry.outcome == "ok") ++attaches;
    if (entry.action == "evidence.remove" && entry.outcome == "ok") ++removes;
  }
  EXPECT_EQ(attaches, 21);
  EXPECT_EQ(removes, 1);
}

TEST_F(EvidenceTest, AGalleryShowsASubtreesPhotosToWhoeverReadsItsSummary) {
  // 20 photos fill A's report; the village's report, which its commune may edit, takes 5 more.
  for (int i = 0; i < Evidence::kGalleryPageSize + 1; ++i) {
    const bool in_a = i < Evidence::kMaxFilesPerReport;
    attach(test_image(40 + i, 30, "png"), "a" + std::to_string(i) + ".png",
           in_a ? "HP-X-A" : "HP-X-V", in_a ? nullptr : &commune_);
  }
  attach(test_image(50, 50, "png"), "b.png", "HP-X-B");
  attach("%PDF-1.4 biên bản", "bien-ban.pdf", "HP-X-B");  // not a photo: not in the gallery
  attach(test_image(70, 50, "png"), "c.png", "HP-Y-C");

  const EvidenceGalleryPage first = app_->evidence().gallery(commune_, campaign_.id, "HP-X", 1);
  EXPECT_EQ(first.total, Evidence::kGalleryPageSize + 2);
  EXPECT_EQ(first.pages, 2);
  EXPECT_EQ(first.photos.size(), static_cast<std::size_t>(Evidence::kGalleryPageSize));
  EXPECT_TRUE(first.can_pick);
  // A page past the last (or below the first) is the last (the first).
  const EvidenceGalleryPage last = app_->evidence().gallery(commune_, campaign_.id, "HP-X", 99);
  EXPECT_EQ(last.page, 2);
  ASSERT_EQ(last.photos.size(), 2u);
  EXPECT_EQ(last.photos[1].unit_code, "HP-X-V");  // tree order: A, B, then the village
  EXPECT_EQ(app_->evidence().gallery(commune_, campaign_.id, "HP-X", -1).page, 1);

  // A school sees its own, a viewer reads without picking, the city sees everything.
  const EvidenceGalleryPage school =
      app_->evidence().gallery(reporter_b_, campaign_.id, "HP-X-B", 1);
  EXPECT_EQ(school.total, 1);
  EXPECT_FALSE(school.can_pick);
  EXPECT_FALSE(app_->evidence().gallery(viewer_, campaign_.id, "HP-X", 1).can_pick);
  EXPECT_EQ(app_->evidence().gallery(city_, campaign_.id, "HP", 1).total,
            Evidence::kGalleryPageSize + 3);
  // Not another school's, not the commune above, not another commune's.
  EXPECT_EQ(
      error_kind_of([&] { app_->evidence().gallery(reporter_b_, campaign_.id, "HP-X-A", 1); }),
      ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->evidence().gallery(reporter_b_, campaign_.id, "HP-X", 1); }),
            ErrorKind::forbidden);
  EXPECT_EQ(
      error_kind_of([&] { app_->evidence().gallery(other_commune_, campaign_.id, "HP-X", 1); }),
      ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->evidence().gallery(commune_, campaign_.id, "KHONG-CO", 1); }),
            ErrorKind::not_found);
}

TEST_F(EvidenceTest, TheCoordinatorPicksPhotosForTheConsolidatedReportsAnnex) {
  const EvidenceItem banner =
      attach(test_image(1200, 800, "jpeg", "2025:10:03 09:15:00"), "bang-ron.jpg", "HP-X-A",
             nullptr, "Băng rôn hưởng ứng Tuần lễ");
  const EvidenceItem reading =
      attach(test_image(800, 1000, "png"), "doc-sach.png", "HP-X-B", nullptr, "Buổi đọc sách");
  const EvidenceItem elsewhere = attach(test_image(300, 200, "png"), "x.png", "HP-Y-C");
  const EvidenceItem pdf = attach("%PDF-1.4 biên bản", "bien-ban.pdf");

  // Only the node's coordinators (and admins) pick; viewers, schools and other communes do not.
  for (const User* who : {&viewer_, &reporter_, &other_commune_}) {
    EXPECT_EQ(error_kind_of([&] {
                app_->evidence().set_in_annex(*who, campaign_.id, "HP-X", banner.attachment.id,
                                              true);
              }),
              ErrorKind::forbidden);
  }
  // Not a photo of the subtree: another commune's, a document, an unknown id.
  for (const std::int64_t id : {elsewhere.attachment.id, pdf.attachment.id, std::int64_t{424242}}) {
    EXPECT_EQ(error_kind_of(
                  [&] { app_->evidence().set_in_annex(commune_, campaign_.id, "HP-X", id, true); }),
              ErrorKind::not_found);
  }
  app_->evidence().set_in_annex(commune_, campaign_.id, "HP-X", reading.attachment.id, true);
  app_->evidence().set_in_annex(commune_, campaign_.id, "HP-X", banner.attachment.id, true);
  const EvidenceGalleryPage gallery = app_->evidence().gallery(viewer_, campaign_.id, "HP-X", 1);
  ASSERT_EQ(gallery.photos.size(), 2u);
  EXPECT_TRUE(gallery.photos[0].in_annex && gallery.photos[1].in_annex);

  // The consolidated PDF and DOCX carry the annex of pictures with their captions.
  const DocumentFile pdf_file =
      app_->documents().summary_document(commune_, campaign_.id, "HP-X", DocumentFormat::pdf);
  const std::string text =
      testing_support::squeeze_spaces(testing_support::pdf_text(pdf_file.contents()));
  EXPECT_NE(text.find("HÌNH ẢNH MINH CHỨNG"), std::string::npos) << text;
  EXPECT_NE(text.find("Ảnh 1. Băng rôn hưởng ứng Tuần lễ — Trường Tiểu học An Hưng"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Ảnh 2. Buổi đọc sách"), std::string::npos) << text;
  EXPECT_NE(text.find("Phụ lục II"), std::string::npos) << text;
  const std::string images =
      testing_support::read_back(pdf_file.contents(), ".pdf", "pdfimages -list {}");
  EXPECT_NE(images.find("jpeg"), std::string::npos) << images;
  const DocumentFile docx_file =
      app_->documents().summary_document(commune_, campaign_.id, "HP-X", DocumentFormat::docx);
  const std::string docx = testing_support::docx_text(docx_file.contents());
  EXPECT_NE(docx.find("Ảnh 2. Buổi đọc sách"), std::string::npos) << docx;
  EXPECT_NE(testing_support::read_back(docx_file.contents(), ".docx", "unzip -l {}")
                .find("word/media/image"),
            std::string::npos);

  // Dropped: the annex goes; picks and drops are audited.
  app_->evidence().set_in_annex(commune_, campaign_.id, "HP-X", reading.attachment.id, false);
  app_->evidence().set_in_annex(commune_, campaign_.id, "HP-X", banner.attachment.id, false);
  const std::string without = testing_support::pdf_text(
      app_->documents()
          .summary_document(commune_, campaign_.id, "HP-X", DocumentFormat::pdf)
          .contents());
  EXPECT_EQ(without.find("MINH CHỨNG"), std::string::npos);
  AuditQuery query;
  query.action = "evidence.";
  int adds = 0;
  int removes = 0;
  int refused = 0;
  for (const AuditEntry& entry : app_->audit().audit_log(system_admin(), "HP", query)) {
    if (entry.outcome != "ok") ++refused;
    if (entry.action == "evidence.annex_add" && entry.outcome == "ok") ++adds;
    if (entry.action == "evidence.annex_remove" && entry.outcome == "ok") ++removes;
  }
  EXPECT_EQ(adds, 2);
  EXPECT_EQ(removes, 2);
  EXPECT_EQ(refused, 6);
}

TEST_F(EvidenceTest, AnAttachmentNamesAnActivityOrItemOfTheCampaignsForm) {
  const std::string png = test_image(80, 60, "png");
  EvidenceUpload upload{png, "doc-sach.png", "Ngày đọc sách", "reading_day"};
  const EvidenceItem activity = app_->evidence().attach(reporter_, campaign_.id, "HP-X-A", upload);
  EXPECT_EQ(activity.attachment.item_key, std::optional<std::string>("reading_day"));
  EXPECT_EQ(activity.item_label, "Tổ chức ngày đọc sách");
  upload = {"%PDF-1.4 băng rôn", "bang-ron.pdf", "", "banners"};
  EXPECT_EQ(app_->evidence().attach(reporter_, campaign_.id, "HP-X-A", upload).item_label,
            "Số pano, băng zôn tuyên truyền");
  // An activity's own item is accepted too (the API may name it); none is the whole report.
  upload = {"%PDF-1.4 buổi", "buoi.pdf", "", "reading_day_sessions"};
  EXPECT_EQ(app_->evidence().attach(reporter_, campaign_.id, "HP-X-A", upload).item_label,
            "Tổ chức ngày đọc sách: số buổi, số lớp đã tổ chức");
  const EvidenceItem whole = attach("%PDF-1.4 cả báo cáo", "ca.pdf");
  EXPECT_FALSE(whole.attachment.item_key.has_value());
  EXPECT_EQ(whole.item_label, "Cả báo cáo");

  // Listed, and read back by the reviewer, with the same labels.
  const auto listed = app_->evidence().list(commune_, campaign_.id, "HP-X-A");
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(listed[0].item_label, "Tổ chức ngày đọc sách");
  EXPECT_EQ(listed[3].item_label, "Cả báo cáo");
  // The gallery says what a photo is evidence for.
  const EvidenceGalleryPage gallery = app_->evidence().gallery(commune_, campaign_.id, "HP-X", 1);
  ASSERT_EQ(gallery.photos.size(), 1u);
  EXPECT_EQ(gallery.photos[0].item_label, "Tổ chức ngày đọc sách");
}

TEST_F(EvidenceTest, AnItemTheFormDoesNotHaveIsRefusedAndNothingIsStored) {
  const std::string png = test_image(80, 60, "png");
  // Unknown, another form's key, a section's key, upper case, too long, hostile bytes.
  for (const std::string& item :
       {std::string("khong_co"), std::string("podcasts"), std::string("II.1"),
        std::string("READING_DAY"), std::string(Evidence::kMaxItemKeyLength + 1, 'a'),
        std::string(100000, 'x'), std::string("reading_day\0x", 13), std::string("../../etc"),
        std::string("<script>alert(1)</script>"), std::string("\xff\xfe", 2),
        std::string(" reading_day")}) {
    const std::string message = refusal(ErrorKind::bad_input, [&] {
      app_->evidence().attach(reporter_, campaign_.id, "HP-X-A", {png, "anh.png", "", item});
    });
    EXPECT_NE(message.find("không có trong đề cương báo cáo"), std::string::npos) << message;
    // The value is never echoed.
    EXPECT_EQ(message.find("<script>"), std::string::npos);
    EXPECT_EQ(message.find("khong_co"), std::string::npos);
  }
  EXPECT_EQ(attached(), 0u);
  EXPECT_FALSE(store_->evidence().file_content(sha256_hex(png), false).has_value());
  // Access is checked first: another school's report is forbidden whatever the item.
  EXPECT_EQ(error_kind_of([&] {
              app_->evidence().attach(reporter_, campaign_.id, "HP-X-B",
                                      {png, "anh.png", "", "reading_day"});
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->evidence().attach(reporter_, campaign_.id, "HP-X-B",
                                      {png, "anh.png", "", "khong_co"});
            }),
            ErrorKind::forbidden);
  // A submitted report takes no evidence for an item either.
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  current =
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a());
  app_->reports().submit(reporter_, campaign_.id, "HP-X-A", current.version);
  EXPECT_EQ(error_kind_of([&] {
              app_->evidence().attach(reporter_, campaign_.id, "HP-X-A",
                                      {png, "anh.png", "", "reading_day"});
            }),
            ErrorKind::conflict);
  EXPECT_EQ(attached(), 0u);
}

// Issue 19, item 5: the history lists, under each version, the evidence attached and removed
// since the version before; attaching changes neither the figures nor the version.
TEST_F(EvidenceTest, TheHistoryListsTheEvidenceEachVersionBrought) {
  const EvidenceItem before_save = attach("%PDF-1.4 một", "mot.pdf");
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  EXPECT_EQ(current.version, 0);
  current =
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a());
  ASSERT_EQ(current.version, 1);
  const EvidenceItem after_save = app_->evidence().attach(
      reporter_, campaign_.id, "HP-X-A", {"%PDF-1.4 hai", "hai.pdf", "", "reading_day"});
  app_->evidence().remove(reporter_, campaign_.id, "HP-X-A", before_save.attachment.id);
  const UnitReport unchanged = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  EXPECT_EQ(unchanged.version, 1);
  EXPECT_EQ(unchanged.values, current.values);

  const auto history = app_->evidence().history(commune_, campaign_.id, "HP-X-A");
  ASSERT_EQ(history.size(), 2u);
  // Version 1 brought the first file; what came after it waits for the next version.
  auto changes = Evidence::changes_between(history, 0, 1);
  ASSERT_EQ(changes.added.size(), 1u);
  EXPECT_EQ(changes.added[0].attachment.id, before_save.attachment.id);
  EXPECT_TRUE(changes.removed.empty());
  changes = Evidence::changes_between(history, 1, 2);
  ASSERT_EQ(changes.added.size(), 1u);
  EXPECT_EQ(changes.added[0].attachment.id, after_save.attachment.id);
  EXPECT_EQ(changes.added[0].item_label, "Tổ chức ngày đọc sách");
  ASSERT_EQ(changes.removed.size(), 1u);
  EXPECT_EQ(changes.removed[0].attachment.id, before_save.attachment.id);
  // Submitting makes version 2, which now holds them.
  app_->reports().submit(reporter_, campaign_.id, "HP-X-A", 1);
  EXPECT_EQ(app_->reports().get_report(reporter_, campaign_.id, "HP-X-A").version, 2);
  EXPECT_EQ(Evidence::changes_between(history, 1, 2).added.size(), 1u);
  // Whoever reads the report reads its history; another school does not.
  EXPECT_EQ(app_->evidence().history(viewer_, campaign_.id, "HP-X-A").size(), 2u);
  EXPECT_EQ(error_kind_of([&] { app_->evidence().history(reporter_b_, campaign_.id, "HP-X-A"); }),
            ErrorKind::forbidden);
  // Both are in the audit log.
  AuditQuery query;
  query.action = "evidence.";
  int attaches = 0;
  int removes = 0;
  for (const AuditEntry& entry : app_->audit().audit_log(system_admin(), "HP", query)) {
    if (entry.action == "evidence.attach" && entry.outcome == "ok") ++attaches;
    if (entry.action == "evidence.remove" && entry.outcome == "ok") ++removes;
  }
  EXPECT_EQ(attaches, 2);
  EXPECT_EQ(removes, 1);
}

// Issue 19, item 2: the same file attached in an earlier year's campaign is marked, for the
// same unit and for any other.
TEST_F(EvidenceTest, TheSamePhotoInAnEarlierYearIsMarked) {
  Campaign last = testing_support::week_campaign_2025();
  last.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2024";
  last.year = 2024;
  last.period_start = std::chrono::year{2024} / 10 / 1;
  last.period_end = std::chrono::year{2024} / 10 / 7;
  last.deadline = std::chrono::year{2024} / 10 / 12;
  last.lock_date = std::chrono::year{2024} / 10 / 31;
  last.issuer_code = "HP";
  last.reporting_kinds = {UnitKind::school};
  const Timestamp today = now_;
  now_ = vietnam_time(10, 5, 10) - 365 * 86400;
  const Campaign previous = app_->campaigns().create_campaign(system_admin(), last);
  const std::string photo = test_image(120, 90, "png");
  app_->evidence().attach(reporter_, previous.id, "HP-X-A", {photo, "nam-ngoai.png", "", ""});
  app_->evidence().attach(reporter_b_, previous.id, "HP-X-B", {"%PDF-1.4 cũ", "cu.pdf", "", ""});
  now_ = today;

  // This year the same school attaches the same photo, and so does another school.
  const EvidenceItem again = attach(photo, "nam-nay.png");
  EXPECT_NE(
      std::find(again.marks.begin(), again.marks.end(), "Ảnh này đã nộp trong Tuần lễ năm 2024"),
      again.marks.end())
      << ::testing::PrintToString(again.marks);
  const EvidenceItem other = attach(photo, "b.png", "HP-X-B");
  EXPECT_NE(
      std::find(other.marks.begin(), other.marks.end(), "Ảnh này đã nộp trong Tuần lễ năm 2024"),
      other.marks.end());
  // The reviewer's list shows it; last year's own list does not (nothing earlier than 2024).
  const auto listed = app_->evidence().list(commune_, campaign_.id, "HP-X-A");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_NE(std::find(listed[0].marks.begin(), listed[0].marks.end(),
                      "Ảnh này đã nộp trong Tuần lễ năm 2024"),
            listed[0].marks.end());
  for (const EvidenceItem& item : app_->evidence().list(commune_, previous.id, "HP-X-A")) {
    for (const std::string& mark : item.marks)
      EXPECT_EQ(mark.find("đã nộp trong"), std::string::npos);
  }
  // A document is "Tệp này"; a new photo has no such mark.
  const EvidenceItem pdf = attach("%PDF-1.4 cũ", "cu.pdf");
  EXPECT_NE(std::find(pdf.marks.begin(), pdf.marks.end(), "Tệp này đã nộp trong Tuần lễ năm 2024"),
            pdf.marks.end());
  for (const std::string& mark : attach(test_image(33, 33, "png"), "moi.png").marks) {
    EXPECT_EQ(mark.find("đã nộp trong"), std::string::npos);
  }
}

}  // namespace
}  // namespace llw::testing
