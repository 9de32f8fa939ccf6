#pragma once
// Files the evidence tests upload, made by the test itself: JPEGs written by libvips (with an
// EXIF date taken and a GPS position written by libexif), PNGs, a DOCX, and the bad ones (a PNG
// header announcing 30,000×30,000, a truncated JPEG). Header-only: the test programs that use it
// link libvips, libexif and zlib.

#include <libexif/exif-data.h>
#include <vips/vips.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>

#include "documents/zip_writer.h"

namespace llw::testing_support {

inline void start_test_vips() {
  static const int started = VIPS_INIT("llw-test");
  if (started != 0) throw std::runtime_error("libvips did not start");
}

// An EXIF block (with its "Exif\0\0" header) holding DateTimeOriginal `taken` ("2025:10:03
// 09:15:00") and a GPS latitude reference, as a phone writes them.
inline std::string exif_block(const std::string& taken) {
  ExifData* data = exif_data_new();
  exif_data_set_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_set_data_type(data, EXIF_DATA_TYPE_COMPRESSED);
  exif_data_set_byte_order(data, EXIF_BYTE_ORDER_INTEL);
  exif_data_fix(data);
  ExifEntry* date = exif_entry_new();
  exif_content_add_entry(data->ifd[EXIF_IFD_EXIF], date);
  exif_entry_initialize(date, EXIF_TAG_DATE_TIME_ORIGINAL);
  std::memcpy(date->data, taken.c_str(), std::min<std::size_t>(taken.size() + 1, date->size));
  exif_entry_unref(date);
  ExifEntry* gps = exif_entry_new();
  exif_content_add_entry(data->ifd[EXIF_IFD_GPS], gps);
  exif_entry_initialize(gps, static_cast<ExifTag>(EXIF_TAG_GPS_LATITUDE_REF));
  if (gps->data == nullptr) {
    gps->format = EXIF_FORMAT_ASCII;
    gps->components = 2;
    gps->size = 2;
    gps->data = static_cast<unsigned char*>(exif_mem_alloc(exif_mem_new_default(), 2));
  }
  std::memcpy(gps->data, "N", 2);
  exif_entry_unref(gps);
  unsigned char* bytes = nullptr;
  unsigned int length = 0;
  exif_data_save_data(data, &bytes, &length);
  std::string block(reinterpret_cast<const char*>(bytes), length);
  free(bytes);  // NOLINT(cppcoreguidelines-no-malloc): libexif's allocation
  exif_data_unref(data);
  return block;
}

// A noisy RGB image (so that it does not compress to nothing), as JPEG, PNG or HEIC (an iPhone's
// format, HEVC-compressed) bytes.
inline std::string test_image(int width, int height, const std::string& format,
                              const std::optional<std::string>& taken = std::nullopt) {
  start_test_vips();
  VipsImage* noise = nullptr;
  VipsImage* bands = nullptr;
  VipsImage* image = nullptr;
  if (vips_gaussnoise(&noise, width, height, "mean", 128.0, "sigma", 40.0, nullptr) != 0 ||
      vips_bandjoin_const1(noise, &bands, 0.0, nullptr) != 0 ||
      vips_bandjoin_const1(bands, &image, 200.0, nullptr) != 0) {
    throw std::runtime_error(vips_error_buffer());
  }
  VipsImage* rgb = nullptr;
  if (vips_cast_uchar(image, &rgb, nullptr) != 0) throw std::runtime_error(vips_error_buffer());
  g_object_unref(noise);
  g_object_unref(bands);
  g_object_unref(image);
  if (taken) {
    const std::string block = exif_block(*taken);
    vips_image_set_blob_copy(rgb, "exif-data", block.data(), block.size());
  }
  void* buffer = nullptr;
  std::size_t length = 0;
  const int failed = format == "png" ? vips_pngsave_buffer(rgb, &buffer, &length, nullptr)
                     : format == "heic"
                         ? vips_heifsave_buffer(rgb, &buffer, &length, "compression",
                                                VIPS_FOREIGN_HEIF_COMPRESSION_HEVC, nullptr)
                         : vips_jpegsave_buffer(rgb, &buffer, &length, nullptr);
  g_object_unref(rgb);
  if (failed != 0) throw std::runtime_error(vips_error_buffer());
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return bytes;
}

// The width and height of an image the server sent back.
inline std::pair<int, int> image_size(const std::string& bytes) {
  start_test_vips();
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (image == nullptr) throw std::runtime_error(vips_error_buffer());
  const std::pair<int, int> size{vips_image_get_width(image), vips_image_get_height(image)};
  g_object_unref(image);
  return size;
}

// A decompression bomb: a valid PNG signature and IHDR announcing 30,000×30,000 RGB pixels, one
// tiny IDAT and IEND (about 70 bytes).
inline std::string png_bomb() {
  auto chunk = [](const std::string& type, const std::string& data) {
    std::string out;
    const auto length = static_cast<std::uint32_t>(data.size());
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(length >> shift));
    std::string body = type + data;
    out += body;
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(crc >> shift));
    return out;
  };
  auto be32 = [](std::uint32_t v) {
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
    return out;
  };
  std::string ihdr = be32(30000) + be32(30000);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, no filter, no interlace
  const std::string zeros(1024, '\0');
  uLongf packed_size = compressBound(zeros.size());
  std::string packed(packed_size, '\0');
  compress(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
           reinterpret_cast<const Bytef*>(zeros.data()), zeros.size());
  packed.resize(packed_size);
  return std::string("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", packed) +
         chunk("IEND", "");
}

// A DOCX as far as its type goes: a ZIP whose [Content_Types].xml names a Word main part.
inline std::string minimal_docx() {
  documents::ZipWriter zip;
  zip.add(
      "[Content_Types].xml",
      R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)");
  zip.add("word/document.xml", "<w:document/>");
  return zip.finish().read_all();
}

// A ZIP that is not an Office document.
inline std::string plain_zip() {
  documents::ZipWriter zip;
  zip.add("readme.txt", "xin chao");
  return zip.finish().read_all();
}

}  // namespace llw::testing_support
