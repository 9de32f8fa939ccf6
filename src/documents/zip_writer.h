#pragma once
// A ZIP archive written front to back into a SpooledFile, for generated OOXML files that are too
// large to hold in memory (the national XLSX) and for a subtree's evidence (files already
// compressed: photos, PDFs, DOCX, stored as they are with add_stored). Each large entry is
// deflated while it is produced (DeflatedEntry, in the producing thread), so closing the archive
// only copies bytes: nothing is compressed at the end and nothing of the content is held in
// memory. Entries and the archive stay below 4 GiB (no ZIP64); beyond that Error(internal).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "documents/spooled_file.h"

struct z_stream_s;

namespace llw::documents {

// One entry's content as a raw deflate stream on disk, with the CRC-32 and both sizes that its
// ZIP headers need.
class DeflatedEntry {
 public:
  // level: zlib's 1 (fastest) … 9 (smallest).
  explicit DeflatedEntry(int level);
  ~DeflatedEntry();
  DeflatedEntry(DeflatedEntry&&) noexcept;
  DeflatedEntry& operator=(DeflatedEntry&&) noexcept;

  void write(std::string_view bytes);
  // Ends the stream; write() may not be called afterwards.
  void finish();

  const SpooledFile& compressed() const { return compressed_; }
  std::uint32_t crc() const { return crc_; }
  std::uint64_t original_size() const { return original_size_; }

 private:
  void deflate_pending(int flush);

  SpooledFile compressed_;
  std::unique_ptr<z_stream_s> stream_;
  std::string out_;
  std::uint32_t crc_ = 0;
  std::uint64_t original_size_ = 0;
  bool finished_ = false;
};

class ZipWriter {
 public:
  ZipWriter();
  // A small entry, deflated at once.
  void add(const std::string& name, std::string_view content);
  // A finished DeflatedEntry, copied in.
  void add(const std::string& name, const DeflatedEntry& entry);
  // An entry stored without compression (method 0): the bytes are copied straight in, for
  // content that is compressed already (JPEG, PDF, DOCX) where deflating gains nothing.
  void add_stored(const std::string& name, std::string_view content);
  std::size_t entries() const { return records_.size(); }
  // Writes the central directory and hands the archive over.
  SpooledFile finish();

 private:
  struct Record {
    std::string name;
    std::uint32_t crc;
    std::uint64_t compressed_size;
    std::uint64_t original_size;
    std::uint64_t offset;
    std::uint16_t method;  // 8 deflate, 0 stored
  };
  void add_local_header(const Record& record);

  SpooledFile archive_;
  std::vector<Record> records_;
  std::uint16_t dos_time_ = 0;
  std::uint16_t dos_date_ = 0;
};

}  // namespace llw::documents
