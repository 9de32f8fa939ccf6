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

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceStoreTest, kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
