#include "documents/spooled_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "domain/error.h"

namespace llw::documents {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorKind::internal,
              "Không ghi được tệp tạm (" + what + ": " + std::strerror(errno) + ").");
}

std::string temporary_folder() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir && *tmpdir ? tmpdir : "/tmp";
}

}  // namespace

SpooledFile::SpooledFile() {
  const std::string folder = temporary_folder();
  fd_ = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    // File systems without O_TMPFILE: a named file, removed at once.
    std::string path = folder + "/llw-spool-XXXXXX";
    fd_ = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd_ < 0) fail("tạo tệp");
    ::unlink(path.c_str());
  }
}

SpooledFile::~SpooledFile() {
  if (fd_ >= 0) ::close(fd_);
}

SpooledFile::SpooledFile(SpooledFile&& other) noexcept : fd_(other.fd_), size_(other.size_) {
  other.fd_ = -1;
  other.size_ = 0;
}

SpooledFile& SpooledFile::operator=(SpooledFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    size_ = other.size_;
    other.fd_ = -1;
    other.size_ = 0;
  }
  return *this;
}

void SpooledFile::append(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(size_));
    if (written < 0) {
      if (errno == EINTR) continue;
      fail("ghi");
    }
    size_ += static_cast<std::uint64_t>(written);
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void SpooledFile::append_from(const SpooledFile& source, std::uint64_t offset,
                              std::uint64_t length) {
  auto in = static_cast<loff_t>(offset);
  auto out = static_cast<loff_t>(size_);
  while (length > 0) {
    const ssize_t copied = ::copy_file_range(source.fd_, &in, fd_, &out, length, 0);
    if (copied < 0 && errno == EINTR) continue;
    if (copied <= 0) {
      // Kernels or file systems without copy_file_range: through a buffer.
      std::string buffer(std::min<std::uint64_t>(length, 1 << 20), '\0');
      const ssize_t got = ::pread(source.fd_, buffer.data(), buffer.size(), in);
      if (got <= 0) fail("đọc");
      size_ = static_cast<std::uint64_t>(out);
      append(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
      out = static_cast<loff_t>(size_);
      in += got;
      length -= static_cast<std::uint64_t>(got);
      continue;
    }
    length -= static_cast<std::uint64_t>(copied);
  }
  size_ = static_cast<std::uint64_t>(out);
}

std::string SpooledFile::read_all() const {
  std::string bytes(size_, '\0');
  std::uint64_t done = 0;
  while (done < size_) {
    const ssize_t got = ::pread(fd_, bytes.data() + done, size_ - done, static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) fail("đọc");
    done += static_cast<std::uint64_t>(got);
  }
  return bytes;
}

void SpooledFile::save_as(const std::string& path) const {
  const int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) fail(path);
  loff_t in = 0;
  std::uint64_t left = size_;
  while (left > 0) {
    const ssize_t copied = ::copy_file_range(fd_, &in, out, nullptr, left, 0);
    if (copied < 0 && errno == EINTR) continue;
    if (copied <= 0) break;
    left -= static_cast<std::uint64_t>(copied);
  }
  if (left > 0) {
    const std::string rest = read_all().substr(size_ - left);
    std::size_t done = 0;
    while (done < rest.size()) {
      const ssize_t written = ::write(out, rest.data() + done, rest.size() - done);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        ::close(out);
        fail(path);
      }
      done += static_cast<std::size_t>(written);
    }
  }
  if (::close(out) != 0) fail(path);
}

}  // namespace llw::documents
