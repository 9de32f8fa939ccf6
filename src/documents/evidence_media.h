#pragma once
// What an evidence file is, decided from its bytes (never from its name), and a photo made safe
// to serve (evidence_media.cpp): decoded and re-encoded with libvips to at most 1,600 px on its
// longest side plus a 320 px thumbnail, both JPEG without metadata (no EXIF, no GPS), after its
// EXIF date taken was read with libexif. A header announcing more than `max_pixels` is refused
// before anything is decoded (a decompression bomb).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace llw::documents {

struct EvidenceType {
  std::string kind;          // "photo", "pdf", "docx", "xlsx"
  std::string content_type;  // of the upload: "image/jpeg", "image/png", "image/webp",
                             // "image/heic", …
};

// JPEG, PNG, WebP, HEIC (an iPhone's photo: an ISO media file of a HEIF brand) and PDF by their
// magic bytes; DOCX and XLSX as a ZIP whose
// [Content_Types].xml names a Word document's or a workbook's main part. nullopt for anything
// else (also a ZIP that cannot be read).
std::optional<EvidenceType> sniff_evidence_type(std::string_view bytes);

struct ProcessedPhoto {
  std::string content;    // JPEG, at most 1,600 px on its longest side
  std::string thumbnail;  // JPEG, at most 320 px
  // EXIF DateTimeOriginal as "YYYY-MM-DD HH:MM:SS", when the photo carries a readable one.
  std::optional<std::string> taken_at;
};

inline constexpr std::int64_t kMaxPhotoPixels = 50'000'000;

// Throws Error{bad_input} (Vietnamese) for a photo that cannot be decoded (truncated, corrupt) or
// whose header announces more than `max_pixels` pixels.
ProcessedPhoto process_photo(std::string_view bytes, std::int64_t max_pixels = kMaxPhotoPixels);

}  // namespace llw::documents
