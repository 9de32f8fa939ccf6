// The evidence port on both backends: a file stored once per content hash whatever the number of
// attachments, its bytes (every byte value, NULs included) and thumbnail read back exactly, the
// per-report cap checked in the attaching transaction, removal that keeps the row, and the other
// units that attached the same file.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::kBothBackends;
using testing_support::StoreFixture;
using testing_support::unit_input;

class EvidenceStoreTest : public StoreFixture {
 protected:
  void populate() override {
    store_->units().upsert_units({
        unit_input("HP", UnitKind::province, ""),
        unit_input("HP-AH", UnitKind::commune, "HP"),
        unit_input("HP-AH-A", UnitKind::school, "HP-AH"),
        unit_input("HP-AH-B", UnitKind::school, "HP-AH"),
        unit_input("HP-TL", UnitKind::commune, "HP"),
        unit_input("HP-TL-A", UnitKind::school, "HP-TL"),
    });
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_unit_id = id_of("HP");
    c.reporting_kinds = {UnitKind::school};
    campaign_ = store_->campaigns().insert_campaign(
        c,
        store_->units().units_in_subtree(store_->units().find_unit("HP")->path, c.reporting_kinds));
  }

  static EvidenceFile file(const std::string& sha256, std::string content,
                           std::string thumbnail = {}) {
    return {sha256, thumbnail.empty() ? "pdf" : "photo",
            thumbnail.empty() ? "application/pdf" : "image/jpeg", std::move(content),
            std::move(thumbnail)};
  }

  EvidenceAttachment attachment(const std::string& unit, const std::string& caption) {
    EvidenceAttachment a;
    a.campaign_id = campaign_;
    a.unit_id = id_of(unit);
    a.caption = caption;
    a.original_name = caption + ".pdf";
    a.added_at = 1000;
    return a;
  }

  // A photo attached to `unit`'s report, a distinct file per `n`.
  EvidenceAttachment attach_photo(const std::string& unit, int n) {
    return store_->evidence()
        .attach(file(std::string(60, 'd') + std::to_string(1000 + n), "jpeg " + std::to_string(n),
                     "thumb"),
                attachment(unit, "ảnh " + std::to_string(n)), 20)
        .value();
  }

  std::int64_t campaign_ = 0;
};

TEST_P(EvidenceStoreTest, AFileIsStoredOnceAndReadBackByteForByte) {
  std::string bytes;
  for (int i = 0; i < 3 * 256; ++i) bytes.push_back(static_cast<char>(i % 256));
  const std::string thumbnail("\xFF\xD8\xFF\x00\x01thumb", 10);
  const EvidenceFile photo = file(std::string(64, 'a'), bytes, thumbnail);
  EvidenceAttachment first = attachment("HP-AH-A", "Khai mạc");
  first.taken_at = "2025-10-03 09:15:00";
  const auto stored = store_->evidence().attach(photo, first, 20);
  ASSERT_TRUE(stored.has_value());
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->kind, "photo");
  EXPECT_EQ(stored->content_type, "image/jpeg");
  EXPECT_EQ(stored->size, static_cast<std::int64_t>(bytes.size()));
  EXPECT_TRUE(stored->has_thumbnail);
  EXPECT_EQ(stored->taken_at, std::optional<std::string>("2025-10-03 09:15:00"));
  EXPECT_EQ(stored->caption, "Khai mạc");
  EXPECT_EQ(store_->evidence().file_content(photo.sha256, false), bytes);
  EXPECT_EQ(store_->evidence().file_content(photo.sha256, true), thumbnail);
  EXPECT_FALSE(store_->evidence().file_content(std::string(64, 'f'), false).has_value());

  // The same file again, by another unit: one more attachment, the same stored file.
  const auto again = store_->evidence().attach(photo, attachment("HP-AH-B", "Cũng ảnh đó"), 20);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->sha256, photo.sha256);
  EXPECT_EQ(store_->evidence().other_units_with_file(photo.sha256, id_of("HP-AH-A"), 5),
            std::vector<std::string>{"HP-AH-B"});
  EXPECT_EQ(store_->evidence().other_units_with_file(photo.sha256, id_of("HP-AH-B"), 5),
            std::vector<std::string>{"HP-AH-A"});
  EXPECT_EQ(raw()->integer("SELECT COUNT(*) FROM evidence_files"), 1);
  EXPECT_EQ(raw()->integer("SELECT COUNT(*) FROM evidence"), 2);
}

TEST_P(EvidenceStoreTest, TheCapIsCheckedWhenAttachingAndARemovedRowStays) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        store_->evidence()
            .attach(file(std::string(63, 'b') + std::to_string(i), "%PDF " + std::to_string(i)),
                    attachment("HP-AH-A", "tệp " + std::to_string(i)), 3)
            .has_value());
  }
  EXPECT_FALSE(store_->evidence()
                   .attach(file(std::string(64, 'c'), "%PDF c"), attachment("HP-AH-A", "x"), 3)
                   .has_value());
  EXPECT_FALSE(store_->evidence().file_content(std::string(64, 'c'), false).has_value());
  auto listed = store_->evidence().attachments(campaign_, id_of("HP-AH-A"));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].caption, "tệp 0");
  EXPECT_FALSE(listed[0].has_thumbnail);
  EXPECT_TRUE(store_->evidence().remove_attachment(campaign_, id_of("HP-AH-A"), listed[1].id,
                                                   std::nullopt, 2000));
  EXPECT_FALSE(store_->evidence().remove_attachment(campaign_, id_of("HP-AH-A"), listed[1].id,
                                                    std::nullopt, 2001));
  // Not another report's attachment.
  EXPECT_FALSE(store_->evidence().remove_attachment(campaign_, id_of("HP-AH-B"), listed[0].id,
                                                    std::nullopt, 2001));
  EXPECT_EQ(store_->evidence().attachments(campaign_, id_of("HP-AH-A")).size(), 2u);
  const auto removed =
      store_->evidence().find_attachment(campaign_, id_of("HP-AH-A"), listed[1].id);
  ASSERT_TRUE(removed.has_value());
  EXPECT_TRUE(removed->removed);
  EXPECT_FALSE(store_->evidence().find_attachment(campaign_, id_of("HP-AH-B"), listed[1].id));
  EXPECT_TRUE(store_->evidence()
                  .attach(file(std::string(64, 'c'), "%PDF c"), attachment("HP-AH-A", "x"), 3)
                  .has_value());
}

TEST_P(EvidenceStoreTest, AGalleryListsTheSubtreesPhotosAPageAtATimeInTreeOrder) {
  const auto b1 = attach_photo("HP-AH-B", 1);
  const auto a2 = attach_photo("HP-AH-A", 2);
  const auto a3 = attach_photo("HP-AH-A", 3);
  const auto other = attach_photo("HP-TL-A", 4);
  // A document and a removed photo are not in the gallery.
  store_->evidence().attach(file(std::string(64, 'e'), "%PDF"), attachment("HP-AH-A", "pdf"), 20);
  const auto gone = attach_photo("HP-AH-A", 5);
  store_->evidence().remove_attachment(campaign_, id_of("HP-AH-A"), gone.id, std::nullopt, 1);

  const std::string commune = store_->units().find_unit("HP-AH")->path;
  EXPECT_EQ(store_->evidence().count_subtree_photos(campaign_, commune), 3);
  const auto first = store_->evidence().subtree_photos(campaign_, commune, id_of("HP-AH"), 0, 2);
  ASSERT_EQ(first.size(), 2u);
  // Path order: A (inserted before B) first, then attachment order within a report.
  EXPECT_EQ(first[0].attachment.id, a2.id);
  EXPECT_EQ(first[0].unit_code, "HP-AH-A");
  EXPECT_EQ(first[0].unit_name, "Đơn vị HP-AH-A");
  EXPECT_EQ(first[1].attachment.id, a3.id);
  const auto second = store_->evidence().subtree_photos(campaign_, commune, id_of("HP-AH"), 2, 2);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].attachment.id, b1.id);
  EXPECT_TRUE(store_->evidence().subtree_photos(campaign_, commune, id_of("HP-AH"), 4, 2).empty());
  // A school's gallery is its own photos; the province's is everyone's.
  EXPECT_EQ(store_->evidence().count_subtree_photos(campaign_,
                                                    store_->units().find_unit("HP-AH-B")->path),
            1);
  EXPECT_EQ(
      store_->evidence().count_subtree_photos(campaign_, store_->units().find_unit("HP")->path), 4);
  EXPECT_EQ(other.unit_id, id_of("HP-TL-A"));
}

// What a subtree's evidence ZIP holds: photos and documents, not removed, of the subtree only, in
// path then attachment order, each with its unit; the bytes read afterwards one file at a time.
TEST_P(EvidenceStoreTest, ASubtreesAttachmentsAreEveryFileNotRemovedInTreeOrder) {
  const auto b1 = attach_photo("HP-AH-B", 1);
  const auto a2 = attach_photo("HP-AH-A", 2);
  const auto pdf = store_->evidence()
                       .attach(file(std::string(64, 'e'), std::string("%PDF\0bytes", 10)),
                               attachment("HP-AH-A", "Biên bản"), 20)
                       .value();
  const auto gone = attach_photo("HP-AH-A", 5);
  store_->evidence().remove_attachment(campaign_, id_of("HP-AH-A"), gone.id, std::nullopt, 1);
  attach_photo("HP-TL-A", 4);

  const std::string commune = store_->units().find_unit("HP-AH")->path;
  const std::vector<UnitAttachment> found =
      store_->evidence().subtree_attachments(campaign_, commune);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].attachment.id, a2.id);
  EXPECT_EQ(found[0].unit_code, "HP-AH-A");
  EXPECT_EQ(found[0].unit_name, "Đơn vị HP-AH-A");
  EXPECT_EQ(found[1].attachment.id, pdf.id);
  EXPECT_EQ(found[1].attachment.kind, "pdf");
  EXPECT_EQ(found[1].attachment.content_type, "application/pdf");
  EXPECT_EQ(found[1].attachment.caption, "Biên bản");
  EXPECT_EQ(found[2].attachment.id, b1.id);
  EXPECT_EQ(found[2].unit_code, "HP-AH-B");
  EXPECT_EQ(store_->evidence().file_content(found[1].attachment.sha256, false),
            std::string("%PDF\0bytes", 10));
  // A school's is its own; a campaign or subtree without evidence has none.
  EXPECT_EQ(store_->evidence()
                .subtree_attachments(campaign_, store_->units().find_unit("HP-AH-B")->path)
                .size(),
            1u);
  EXPECT_TRUE(store_->evidence()
                  .subtree_attachments(campaign_ + 1000, store_->units().find_unit("HP")->path)
                  .empty());
  EXPECT_EQ(store_->evidence()
                .subtree_attachments(campaign_, store_->units().find_unit("HP")->path)
                .size(),
            4u);
}

TEST_P(EvidenceStoreTest, AnnexPicksAreTheNodesOwnAndOnlyPhotosOfItsSubtree) {
  const auto a = attach_photo("HP-AH-A", 1);
  const auto b = attach_photo("HP-AH-B", 2);
  const auto other = attach_photo("HP-TL-A", 3);
  const auto pdf = store_->evidence()
                       .attach(file(std::string(64, 'e'), "%PDF"), attachment("HP-AH-A", "pdf"), 20)
                       .value();
  const std::int64_t node = id_of("HP-AH");
  const std::string path = store_->units().find_unit("HP-AH")->path;
  EXPECT_TRUE(store_->evidence().set_in_annex(campaign_, node, path, b.id, true, std::nullopt, 5));
  EXPECT_TRUE(store_->evidence().set_in_annex(campaign_, node, path, a.id, true, std::nullopt, 6));
  // Twice is once.
  EXPECT_TRUE(store_->evidence().set_in_annex(campaign_, node, path, a.id, true, std::nullopt, 7));
  // Another commune's photo, a document, an unknown id: refused, nothing written.
  EXPECT_FALSE(
      store_->evidence().set_in_annex(campaign_, node, path, other.id, true, std::nullopt, 8));
  EXPECT_FALSE(
      store_->evidence().set_in_annex(campaign_, node, path, pdf.id, true, std::nullopt, 8));
  EXPECT_FALSE(
      store_->evidence().set_in_annex(campaign_, node, path, 999999, true, std::nullopt, 8));
  EXPECT_EQ(raw()->integer("SELECT COUNT(*) FROM evidence_annex"), 2);

  auto picked = store_->evidence().annex_photos(campaign_, node, path, 10);
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[0].attachment.id, a.id);  // tree order, not the order picked
  EXPECT_EQ(picked[1].attachment.id, b.id);
  EXPECT_TRUE(picked[0].in_annex);
  // The gallery says which are picked — for this node only.
  const auto gallery = store_->evidence().subtree_photos(campaign_, path, node, 0, 10);
  ASSERT_EQ(gallery.size(), 2u);
  EXPECT_TRUE(gallery[0].in_annex && gallery[1].in_annex);
  const std::string province = store_->units().find_unit("HP")->path;
  for (const auto& photo :
       store_->evidence().subtree_photos(campaign_, province, id_of("HP"), 0, 10)) {
    EXPECT_FALSE(photo.in_annex);
  }
  EXPECT_TRUE(store_->evidence().annex_photos(campaign_, id_of("HP"), province, 10).empty());

  // Dropped, and a removed photo leaves the annex.
  EXPECT_TRUE(store_->evidence().set_in_annex(campaign_, node, path, b.id, false, std::nullopt, 9));
  EXPECT_TRUE(
      store_->evidence().remove_attachment(campaign_, id_of("HP-AH-A"), a.id, std::nullopt, 10));
  EXPECT_TRUE(store_->evidence().annex_photos(campaign_, node, path, 10).empty());
}

TEST_P(EvidenceStoreTest, AnAttachmentKeepsItsItemAndTheReportsVersionsItCameBetween) {
  const std::int64_t unit = id_of("HP-AH-A");
  EvidenceAttachment whole = attachment("HP-AH-A", "cả báo cáo");
  const auto first = store_->evidence().attach(file(std::string(64, '1'), "%PDF 1"), whole, 20);
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->item_key.has_value());
  EXPECT_EQ(first->added_version, 0);  // never saved yet

  // A save moves the report to version 1; the next attachment and a removal record it.
  UnitReport current = *store_->reports().find_report(campaign_, unit);
  ReportWrite write;
  write.report = current;
  write.report.status = ReportStatus::draft;
  write.report.values = {{"banners", 2}};
  write.report.version = current.version + 1;
  write.expected_version = current.version;
  write.action = "save";
  store_->reports().write_report(write, {});
  EvidenceAttachment for_item = attachment("HP-AH-A", "đọc sách");
  for_item.item_key = "reading_day";
  const auto second = store_->evidence().attach(file(std::string(64, '2'), "%PDF 2"), for_item, 20);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->item_key, std::optional<std::string>("reading_day"));
  EXPECT_EQ(second->added_version, 1);
  ASSERT_TRUE(store_->evidence().remove_attachment(campaign_, unit, first->id, std::nullopt, 3000));

  // Attaching and removing changed neither the report's version nor its figures.
  const UnitReport after = *store_->reports().find_report(campaign_, unit);
  EXPECT_EQ(after.version, 1);
  EXPECT_EQ(after.values, (nlohmann::json{{"banners", 2}}));
  EXPECT_EQ(store_->reports().report_history(campaign_, unit, 10).size(), 1u);

  const auto history = store_->evidence().attachment_history(campaign_, unit);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_TRUE(history[0].removed);
  EXPECT_EQ(history[0].removed_version, std::optional<std::int64_t>(1));
  EXPECT_EQ(history[0].removed_at, std::optional<Timestamp>(3000));
  EXPECT_FALSE(history[1].removed_version.has_value());
  EXPECT_EQ(store_->evidence().attachments(campaign_, unit).at(0).item_key,
            std::optional<std::string>("reading_day"));
  // Another report's history is its own.
  EXPECT_TRUE(store_->evidence().attachment_history(campaign_, id_of("HP-AH-B")).empty());
}

TEST_P(EvidenceStoreTest, TheYearsOfEarlierCampaignsThatHadTheFileAreFound) {
  // Last year's campaign, with the same school's report.
  Campaign last = testing_support::week_campaign_2025();
  last.name = "Tuần lễ năm 2024";
  last.year = 2024;
  last.issuer_unit_id = id_of("HP");
  last.reporting_kinds = {UnitKind::school};
  const std::int64_t last_id = store_->campaigns().insert_campaign(
      last, store_->units().units_in_subtree(store_->units().find_unit("HP")->path,
                                             last.reporting_kinds));
  const std::string sha = std::string(64, '7');
  EvidenceAttachment old = attachment("HP-AH-B", "năm ngoái");
  old.campaign_id = last_id;
  ASSERT_TRUE(store_->evidence().attach(file(sha, "%PDF old"), old, 20).has_value());
  ASSERT_TRUE(store_->evidence()
                  .attach(file(sha, "%PDF old"), attachment("HP-AH-A", "năm nay"), 20)
                  .has_value());

  EXPECT_EQ(store_->evidence().earlier_years_with_file(sha, 2025, 3), std::vector<int>{2024});
  // Not this year's own, not a later one, not another file.
  EXPECT_TRUE(store_->evidence().earlier_years_with_file(sha, 2024, 3).empty());
  EXPECT_TRUE(store_->evidence().earlier_years_with_file(std::string(64, '8'), 2025, 3).empty());
  // A removed attachment does not count.
  const auto listed = store_->evidence().attachments(last_id, id_of("HP-AH-B"));
  ASSERT_EQ(listed.size(), 1u);
  ASSERT_TRUE(store_->evidence().remove_attachment(last_id, id_of("HP-AH-B"), listed[0].id,
                                                   std::nullopt, 5));
  EXPECT_TRUE(store_->evidence().earlier_years_with_file(sha, 2025, 3).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceStoreTest, kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
