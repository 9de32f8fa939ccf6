#include "documents/zip_writer.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <random>

#include "document_fixtures.h"
#include "documents/spooled_file.h"
#include "domain/error.h"

namespace llw::documents {
namespace {

// Text that deflate cannot shrink to nothing: numbers from a fixed pseudo-random sequence.
std::string sample_text(std::size_t bytes) {
  std::mt19937 random(42);
  std::string text;
  while (text.size() < bytes) text += "<c><v>" + std::to_string(random()) + "</v></c>";
  return text.substr(0, bytes);
}

TEST(SpooledFile, AppendsCopiesAndReadsBack) {
  SpooledFile first;
  first.append("đầu ");
  SpooledFile second;
  second.append("giữa cuối");
  first.append_from(second, 0, second.size());
  EXPECT_EQ(first.read_all(), "đầu giữa cuối");
  EXPECT_EQ(first.size(), std::string("đầu giữa cuối").size());
  testing::TempDir dir;
  first.save_as(dir.file("out.txt"));
  EXPECT_EQ(testing::read_file(dir.file("out.txt")), "đầu giữa cuối");
  // Moved from, the file has one owner.
  SpooledFile moved = std::move(first);
  EXPECT_EQ(moved.read_all(), "đầu giữa cuối");
  EXPECT_EQ(first.size(), 0u);  // NOLINT(bugprone-use-after-move): the moved-from state is empty
}

// libzip reads every entry back and checks its CRC-32 while reading (ZIP_ER_CRC otherwise).
TEST(ZipWriter, LibzipReadsEveryEntryBackWithItsChecksum) {
  const std::string large = sample_text(3 * 1024 * 1024 + 17);  // many deflate output chunks
  DeflatedEntry streamed(1);
  for (std::size_t at = 0; at < large.size(); at += 100'000)
    streamed.write(large.substr(at, 100'000));
  streamed.finish();
  EXPECT_EQ(streamed.original_size(), large.size());
  EXPECT_LT(streamed.compressed().size(), large.size());

  ZipWriter zip;
  zip.add("small.xml", "<a>Tổng hợp</a>");
  zip.add("empty.txt", "");
  zip.add("xl/worksheets/sheet1.xml", streamed);
  const std::string bytes = zip.finish().read_all();

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  ASSERT_NE(archive, nullptr) << zip_error_strerror(&error);
  EXPECT_EQ(zip_get_num_entries(archive, 0), 3);
  zip_close(archive);
  EXPECT_EQ(testing::zip_entry(bytes, "small.xml"), "<a>Tổng hợp</a>");
  EXPECT_EQ(testing::zip_entry(bytes, "empty.txt"), "");
  EXPECT_EQ(testing::zip_entry(bytes, "xl/worksheets/sheet1.xml"), large);
}

// Stored entries (method 0) sit beside deflated ones; libzip checks each CRC-32 while reading, and
// a stored entry's bytes are in the archive as they are.
TEST(ZipWriter, StoredEntriesAreCopiedInAsTheyAre) {
  std::string binary;
  for (int i = 0; i < 70'000; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  ZipWriter zip;
  zip.add_stored("HP-AH - Xa An Hung/01 - Anh.jpg", binary);
  zip.add("note.txt", "ghi chú");
  zip.add_stored("rong.pdf", "");
  EXPECT_EQ(zip.entries(), 3u);
  const std::string bytes = zip.finish().read_all();
  EXPECT_NE(bytes.find(binary), std::string::npos);

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  ASSERT_NE(archive, nullptr) << zip_error_strerror(&error);
  zip_stat_t stat;
  ASSERT_EQ(zip_stat_index(archive, 0, 0, &stat), 0);
  EXPECT_EQ(stat.comp_method, ZIP_CM_STORE);
  EXPECT_EQ(stat.comp_size, binary.size());
  zip_close(archive);
  EXPECT_EQ(testing::zip_entry(bytes, "HP-AH - Xa An Hung/01 - Anh.jpg"), binary);
  EXPECT_EQ(testing::zip_entry(bytes, "note.txt"), "ghi chú");
  EXPECT_EQ(testing::zip_entry(bytes, "rong.pdf"), "");
}

// An archive without entries is still a ZIP: only the end of its central directory.
TEST(ZipWriter, AnArchiveWithoutEntriesIsAValidEmptyZip) {
  const std::string bytes = ZipWriter().finish().read_all();
  EXPECT_EQ(bytes.size(), 22u);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  ASSERT_NE(archive, nullptr) << zip_error_strerror(&error);
  EXPECT_EQ(zip_get_num_entries(archive, 0), 0);
  zip_close(archive);
}

TEST(ZipWriter, AFinishedEntryTakesNoMoreText) {
  DeflatedEntry entry(1);
  entry.write("x");
  entry.finish();
  EXPECT_THROW(entry.write("y"), Error);
}

}  // namespace
}  // namespace llw::documents
