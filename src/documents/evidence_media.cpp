// Evidence files by their content (evidence_media.h): the magic bytes, the parts of an Office
// file, and photos decoded and re-encoded with libvips (its C API; HEIC through its libheif
// module), the date taken read with libexif from the EXIF block libvips finds.
#include "documents/evidence_media.h"

#include <libexif/exif-data.h>
#include <vips/vips.h>
#include <zip.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "domain/error.h"

namespace llw::documents {
namespace {

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.size() >= prefix.size() && bytes.substr(0, prefix.size()) == prefix;
}

// An iPhone's photo: an ISO media file ("ftyp" box first) of a HEIF image brand.
bool is_heic(std::string_view bytes) {
  if (bytes.size() < 12 || bytes.substr(4, 4) != "ftyp") return false;
  const std::string_view brand = bytes.substr(8, 4);
  for (const std::string_view heif : {"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1"}) {
    if (brand == heif) return true;
  }
  return false;
}

// The [Content_Types].xml of a ZIP, read up to 256 KiB (a real one is a few KiB: a ZIP bomb's
// part is never inflated further); nullopt when the ZIP or the part cannot be read.
std::optional<std::string> office_content_types(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return std::nullopt;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> text;
  if (zip_file_t* part = zip_fopen(archive, "[Content_Types].xml", 0)) {
    constexpr std::size_t kMaxPart = 256 * 1024;
    std::string read(kMaxPart, '\0');
    std::size_t used = 0;
    while (used < kMaxPart) {
      const zip_int64_t n = zip_fread(part, read.data() + used, kMaxPart - used);
      if (n <= 0) break;
      used += static_cast<std::size_t>(n);
    }
    read.resize(used);
    zip_fclose(part);
    text = std::move(read);
  }
  zip_discard(archive);
  return text;
}

void start_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("llw") != 0) throw Error(ErrorKind::internal, "libvips could not start");
    // Bounded work per upload: one thread per image and no cache of decoded images.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
  });
}

struct VipsObjectUnref {
  void operator()(VipsImage* image) const {
    if (image != nullptr) g_object_unref(image);
  }
};
using ImagePtr = std::unique_ptr<VipsImage, VipsObjectUnref>;

[[noreturn]] void undecodable() {
  vips_error_clear();
  throw Error(ErrorKind::bad_input,
              "Không đọc được ảnh: tệp bị hỏng hoặc không đầy đủ. Hãy chụp hoặc xuất lại ảnh rồi "
              "tải lên.",
              "file");
}

// A JPEG of `image`, without metadata.
std::string save_jpeg(VipsImage* image) {
  ImagePtr flat;
  if (vips_image_hasalpha(image) != 0) {
    VipsImage* out = nullptr;
    VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
    const int failed = vips_flatten(image, &out, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (failed != 0) undecodable();
    flat.reset(out);
    image = out;
  }
  void* buffer = nullptr;
  std::size_t length = 0;
  if (vips_jpegsave_buffer(image, &buffer, &length, "Q", 85, "strip", TRUE, nullptr) != 0) {
    undecodable();
  }
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return bytes;
}

// At most `box` px on the longest side, never enlarged, turned upright by its EXIF orientation.
ImagePtr fit(VipsImage* image, int box) {
  VipsImage* out = nullptr;
  if (vips_thumbnail_image(image, &out, box, "height", box, "size", VIPS_SIZE_DOWN, nullptr) != 0) {
    undecodable();
  }
  return ImagePtr(out);
}

// The EXIF block libvips found in the photo's header ("exif-data": from a JPEG's APP1, a PNG's
// eXIf, a WebP's or a HEIC's Exif item), else the upload's bytes for libexif to search.
std::optional<std::string> exif_date_taken(VipsImage* image, std::string_view bytes) {
  const void* blob = nullptr;
  std::size_t blob_length = 0;
  if (vips_image_get_typeof(image, VIPS_META_EXIF_NAME) != 0 &&
      vips_image_get_blob(image, VIPS_META_EXIF_NAME, &blob, &blob_length) == 0 &&
      blob_length > 0) {
    bytes = std::string_view(static_cast<const char*>(blob), blob_length);
  }
  ExifData* data = exif_data_new_from_data(reinterpret_cast<const unsigned char*>(bytes.data()),
                                           static_cast<unsigned int>(bytes.size()));
  if (data == nullptr) return std::nullopt;
  std::optional<std::string> taken;
  if (ExifEntry* entry =
          exif_content_get_entry(data->ifd[EXIF_IFD_EXIF], EXIF_TAG_DATE_TIME_ORIGINAL)) {
    char value[64] = {};
    exif_entry_get_value(entry, value, sizeof value);
    std::string text(value);
    // "2025:10:03 09:15:00" → "2025-10-03 09:15:00"; anything else is not a date.
    // The shape, position by position: digits, with ':' and ' ' where the format puts them.
    constexpr std::string_view kShape = "dddd:dd:dd dd:dd:dd";
    bool shaped = text.size() == kShape.size();
    for (std::size_t i = 0; shaped && i < text.size(); ++i) {
      shaped = kShape[i] == 'd' ? (text[i] >= '0' && text[i] <= '9') : text[i] == kShape[i];
    }
    if (shaped) {
      text[4] = '-';
      text[7] = '-';
      taken = text;
    }
  }
  exif_data_unref(data);
  return taken;
}

}  // namespace

std::optional<EvidenceType> sniff_evidence_type(std::string_view bytes) {
  if (starts_with(bytes, "\xFF\xD8\xFF")) return EvidenceType{"photo", "image/jpeg"};
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n")) return EvidenceType{"photo", "image/png"};
  if (bytes.size() >= 12 && starts_with(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") {
    return EvidenceType{"photo", "image/webp"};
  }
  if (is_heic(bytes)) return EvidenceType{"photo", "image/heic"};
  if (starts_with(bytes, "%PDF-")) return EvidenceType{"pdf", "application/pdf"};
  if (starts_with(bytes, std::string_view("PK\x03\x04", 4))) {
    const std::optional<std::string> types = office_content_types(bytes);
    if (!types) return std::nullopt;
    if (types->find("application/vnd.openxmlformats-officedocument.wordprocessingml.document."
                    "main+xml") != std::string::npos) {
      return EvidenceType{
          "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};
    }
    if (types->find("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml") !=
        std::string::npos) {
      return EvidenceType{"xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    }
  }
  return std::nullopt;
}

ProcessedPhoto process_photo(std::string_view bytes, std::int64_t max_pixels) {
  start_vips();
  ProcessedPhoto photo;
  // The header only: its size is checked before a pixel is decoded. A truncated or corrupt file
  // fails the decode instead of being served half grey.
  ImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                            VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                            VIPS_FAIL_ON_TRUNCATED, nullptr));
  if (!image) undecodable();
  photo.taken_at = exif_date_taken(image.get(), bytes);
  const std::int64_t pixels = static_cast<std::int64_t>(vips_image_get_width(image.get())) *
                              vips_image_get_height(image.get());
  if (pixels > max_pixels) {
    vips_error_clear();
    throw Error(ErrorKind::bad_input,
                "Ảnh quá lớn để xử lý (" + std::to_string(vips_image_get_width(image.get())) + "×" +
                    std::to_string(vips_image_get_height(image.get())) +
                    " điểm ảnh; tối đa 50 triệu điểm ảnh). Hãy thu nhỏ ảnh rồi tải lên lại.",
                "file");
  }
  photo.content = save_jpeg(fit(image.get(), 1600).get());
  ImagePtr served(
      vips_image_new_from_buffer(photo.content.data(), photo.content.size(), "", nullptr));
  if (!served) undecodable();
  photo.thumbnail = save_jpeg(fit(served.get(), 320).get());
  return photo;
}

}  // namespace llw::documents
