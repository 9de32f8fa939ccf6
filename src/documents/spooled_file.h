#pragma once
// A large generated file kept on disk instead of in memory: an anonymous temporary file (unlinked
// as soon as it is created, so nothing is left behind whatever happens to the process) that is
// appended to while it is produced and then read back or sent as it is (the web layer hands its
// descriptor to sendfile).

#include <cstdint>
#include <string>
#include <string_view>

namespace llw::documents {

class SpooledFile {
 public:
  // Creates the file in $TMPDIR (or /tmp). Error(internal) when it cannot.
  SpooledFile();
  ~SpooledFile();
  SpooledFile(SpooledFile&& other) noexcept;
  SpooledFile& operator=(SpooledFile&& other) noexcept;
  SpooledFile(const SpooledFile&) = delete;
  SpooledFile& operator=(const SpooledFile&) = delete;

  void append(std::string_view bytes);
  // Appends `length` bytes of `source` from `offset` (copy_file_range: no round trip through
  // user space).
  void append_from(const SpooledFile& source, std::uint64_t offset, std::uint64_t length);

  std::uint64_t size() const { return size_; }
  int descriptor() const { return fd_; }

  // The whole content, for callers that need it in memory (small files, tests).
  std::string read_all() const;
  // Writes the whole content to `path` (created or truncated).
  void save_as(const std::string& path) const;

 private:
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

}  // namespace llw::documents
