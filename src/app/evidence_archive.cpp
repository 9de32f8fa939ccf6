// A subtree's evidence as one ZIP (Evidence::archive in evidence.h): the store lists the
// attachments in tree order, then each file is read and copied into the archive on disk before
// the next one is read.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/evidence.h"
#include "app/use_case_core.h"
#include "documents/zip_writer.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/text.h"

namespace llw {
namespace {

// ZIP without ZIP64: sizes and offsets in 32 bits, the number of entries in 16. The headers of
// each entry are counted generously.
constexpr std::uint64_t kMaxArchiveBytes = 0xFFFFFFFFull;
constexpr std::uint64_t kEntryOverhead = 512;
constexpr std::size_t kMaxEntries = 0xFFFF;
constexpr std::size_t kMaxFolderName = 80;  // characters of a unit's folder
constexpr std::size_t kMaxFileStem = 60;    // characters of a file's name, before its extension

// `text` without diacritics, as a part of a file name that every file system takes: letters,
// digits, spaces and "-_.,()" kept, every other character "_", no control characters, runs of
// spaces as one, no leading or trailing dots and spaces, at most `max_length` characters;
// `fallback` when nothing is left.
std::string file_name_part(std::string_view text, std::size_t max_length,
                           const std::string& fallback) {
  const std::string plain = without_diacritics(text);
  std::string out;
  for (std::size_t i = 0; i < plain.size() && out.size() < max_length; ++i) {
    const auto c = static_cast<unsigned char>(plain[i]);
    if (c >= 0x80) {
      // Another script or symbol: one "_" per character (its continuation bytes skipped).
      while (i + 1 < plain.size() && (static_cast<unsigned char>(plain[i + 1]) & 0xC0) == 0x80) {
        ++i;
      }
      out += '_';
      continue;
    }
    const bool kept =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        std::string_view("-_.,()").find(static_cast<char>(c)) != std::string_view::npos;
    if (kept) {
      out += static_cast<char>(c);
    } else if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (c >= 0x20 && c != 0x7F) {
      out += '_';
    }
  }
  const auto first = out.find_first_not_of(". ");
  if (first == std::string::npos) return fallback;
  out.erase(0, first);
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out.empty() ? fallback : out;
}

// The extension of the type the file is served as.
std::string extension_of(const std::string& content_type) {
  if (content_type == "image/jpeg") return "jpg";
  if (content_type == "image/png") return "png";
  if (content_type == "image/webp") return "webp";
  if (content_type == "application/pdf") return "pdf";
  if (content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document") {
    return "docx";
  }
  if (content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    return "xlsx";
  }
  return "bin";
}

// "07 - Le khai mac.jpg": the attachment's number in its folder, its caption (or, without one,
// the name it was uploaded with, less its extension), the served type's extension.
std::string entry_name(int number, const EvidenceAttachment& attachment) {
  std::string stem = attachment.caption;
  if (stem.empty()) {
    stem = attachment.original_name;
    if (const auto dot = stem.find_last_of('.'); dot != std::string::npos && dot > 0) {
      stem.erase(dot);
    }
  }
  const std::string prefix = number < 10 ? "0" + std::to_string(number) : std::to_string(number);
  return prefix + " - " + file_name_part(stem, kMaxFileStem, "minh-chung") + "." +
         extension_of(attachment.content_type);
}

}  // namespace

DocumentFile Evidence::archive(const User& actor, std::int64_t campaign_id,
                               const std::string& node_code) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = core_.load_unit(node_code);
  require_allowed(actor, Action::read_summary, node);
  const std::vector<UnitAttachment> attachments =
      store_->evidence().subtree_attachments(campaign.id, node.path);
  std::uint64_t total = 0;
  for (const UnitAttachment& item : attachments) {
    total += static_cast<std::uint64_t>(item.attachment.size) + kEntryOverhead;
  }
  if (total > kMaxArchiveBytes || attachments.size() > kMaxEntries) {
    throw Error(ErrorKind::too_large,
                "Minh chứng của " + node.name + " quá lớn để gộp vào một tệp ZIP (tối đa 4 GB và " +
                    "65.535 tệp). Hãy tải minh chứng của từng đơn vị trực thuộc.",
                "unit");
  }

  documents::ZipWriter zip;
  std::string folder;
  std::string folder_unit;
  int number = 0;
  for (const UnitAttachment& item : attachments) {
    if (item.unit_code != folder_unit) {
      folder_unit = item.unit_code;
      folder = file_name_part(item.unit_code + " - " + item.unit_name, kMaxFolderName,
                              file_name_part(item.unit_code, kMaxFolderName, "don-vi"));
      number = 0;
    }
    // One file in memory at a time: read, copied into the archive on disk, released.
    const std::optional<std::string> bytes =
        store_->evidence().file_content(item.attachment.sha256, false);
    if (!bytes) continue;  // a file row cannot go while an attachment refers to it
    zip.add_stored(folder + "/" + entry_name(++number, item.attachment), *bytes);
  }

  DocumentFile file;
  file.content_type = "application/zip";
  file.file_name = "minh-chung-" + file_name_part(node.code, kMaxFolderName, "don-vi") + "-" +
                   std::to_string(campaign.id) + ".zip";
  file.spooled = std::make_shared<const documents::SpooledFile>(zip.finish());
  return file;
}

}  // namespace llw
