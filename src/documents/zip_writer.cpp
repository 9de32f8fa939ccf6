#include "documents/zip_writer.h"

#include <zlib.h>

#include <algorithm>
#include <ctime>
#include <limits>

#include "domain/error.h"

namespace llw::documents {

namespace {

constexpr std::size_t kOutputChunk = 256 * 1024;

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorKind::internal, "Không tạo được tệp nén (" + what + ").");
}

void put16(std::string& out, std::uint64_t value) {
  if (value > 0xFFFF) fail("quá nhiều mục");
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint64_t value) {
  if (value > 0xFFFFFFFFull) fail("tệp quá 4 GB");
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xFF);
}

constexpr std::uint16_t kMethodStore = 0;
constexpr std::uint16_t kMethodDeflate = 8;
constexpr int kVersion = 20;  // 2.0: deflate

}  // namespace

DeflatedEntry::DeflatedEntry(int level) : stream_(std::make_unique<z_stream>()) {
  // windowBits -15: a raw deflate stream, as ZIP stores it (no zlib header or trailer).
  if (deflateInit2(stream_.get(), level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    fail("zlib");
  }
  crc_ = static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0));
  out_.resize(kOutputChunk);
}

DeflatedEntry::~DeflatedEntry() {
  if (stream_) deflateEnd(stream_.get());
}

DeflatedEntry::DeflatedEntry(DeflatedEntry&&) noexcept = default;
DeflatedEntry& DeflatedEntry::operator=(DeflatedEntry&&) noexcept = default;

void DeflatedEntry::deflate_pending(int flush) {
  z_stream& z = *stream_;
  do {
    z.next_out = reinterpret_cast<Bytef*>(out_.data());
    z.avail_out = static_cast<uInt>(out_.size());
    const int result = deflate(&z, flush);
    if (result == Z_STREAM_ERROR) fail("zlib");
    compressed_.append(std::string_view(out_.data(), out_.size() - z.avail_out));
  } while (z.avail_out == 0);
}

void DeflatedEntry::write(std::string_view bytes) {
  if (finished_) fail("ghi sau khi đóng");
  while (!bytes.empty()) {
    // zlib counts in uInt: feed at most 1 GiB at a time.
    const std::size_t piece = std::min<std::size_t>(bytes.size(), 1u << 30);
    crc_ = static_cast<std::uint32_t>(
        crc32(crc_, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(piece)));
    stream_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream_->avail_in = static_cast<uInt>(piece);
    deflate_pending(Z_NO_FLUSH);
    original_size_ += piece;
    bytes.remove_prefix(piece);
  }
}

void DeflatedEntry::finish() {
  if (finished_) return;
  stream_->next_in = Z_NULL;
  stream_->avail_in = 0;
  deflate_pending(Z_FINISH);
  finished_ = true;
}

ZipWriter::ZipWriter() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  dos_time_ =
      static_cast<std::uint16_t>((local.tm_hour << 11) | (local.tm_min << 5) | (local.tm_sec / 2));
  dos_date_ = static_cast<std::uint16_t>(((local.tm_year - 80) << 9) | ((local.tm_mon + 1) << 5) |
                                         local.tm_mday);
}

void ZipWriter::add_local_header(const Record& record) {
  std::string header;
  put32(header, 0x04034b50);
  put16(header, kVersion);
  put16(header, 0);  // flags
  put16(header, record.method);
  put16(header, dos_time_);
  put16(header, dos_date_);
  put32(header, record.crc);
  put32(header, record.compressed_size);
  put32(header, record.original_size);
  put16(header, record.name.size());
  put16(header, 0);  // extra field
  header += record.name;
  archive_.append(header);
}

void ZipWriter::add(const std::string& name, std::string_view content) {
  DeflatedEntry entry(Z_DEFAULT_COMPRESSION);
  entry.write(content);
  entry.finish();
  add(name, entry);
}

void ZipWriter::add(const std::string& name, const DeflatedEntry& entry) {
  const Record record{
      name,          entry.crc(), entry.compressed().size(), entry.original_size(), archive_.size(),
      kMethodDeflate};
  add_local_header(record);
  archive_.append_from(entry.compressed(), 0, record.compressed_size);
  records_.push_back(record);
}

void ZipWriter::add_stored(const std::string& name, std::string_view content) {
  std::uint32_t crc = static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0));
  for (std::string_view rest = content; !rest.empty();) {
    // zlib counts in uInt: at most 1 GiB at a time.
    const std::size_t piece = std::min<std::size_t>(rest.size(), 1u << 30);
    crc = static_cast<std::uint32_t>(
        crc32(crc, reinterpret_cast<const Bytef*>(rest.data()), static_cast<uInt>(piece)));
    rest.remove_prefix(piece);
  }
  const Record record{name, crc, content.size(), content.size(), archive_.size(), kMethodStore};
  add_local_header(record);
  archive_.append(content);
  records_.push_back(record);
}

SpooledFile ZipWriter::finish() {
  const std::uint64_t directory_offset = archive_.size();
  std::string directory;
  for (const Record& record : records_) {
    put32(directory, 0x02014b50);
    put16(directory, kVersion);  // made by
    put16(directory, kVersion);  // needed
    put16(directory, 0);         // flags
    put16(directory, record.method);
    put16(directory, dos_time_);
    put16(directory, dos_date_);
    put32(directory, record.crc);
    put32(directory, record.compressed_size);
    put32(directory, record.original_size);
    put16(directory, record.name.size());
    put16(directory, 0);  // extra field
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, record.offset);
    directory += record.name;
  }
  std::string end;
  put32(end, 0x06054b50);
  put16(end, 0);  // this disk
  put16(end, 0);  // the directory's disk
  put16(end, records_.size());
  put16(end, records_.size());
  put32(end, directory.size());
  put32(end, directory_offset);
  put16(end, 0);  // comment
  archive_.append(directory);
  archive_.append(end);
  return std::move(archive_);
}

}  // namespace llw::documents
