#include "documents/evidence_annex.h"

#include <cstdint>

namespace llw::documents {

std::optional<Picture> jpeg_picture(std::string jpeg, std::string description) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(jpeg[i]); };
  if (jpeg.size() < 4 || byte(0) != 0xFF || byte(1) != 0xD8) return std::nullopt;
  std::size_t i = 2;
  while (i + 9 < jpeg.size()) {
    if (byte(i) != 0xFF) return std::nullopt;
    const unsigned char marker = byte(i + 1);
    if (marker == 0xFF) {  // fill bytes before a marker
      ++i;
      continue;
    }
    const std::size_t length = (byte(i + 2) << 8) | byte(i + 3);
    // SOF0–SOF15 carry the frame's size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      Picture picture;
      picture.height_px = (byte(i + 5) << 8) | byte(i + 6);
      picture.width_px = (byte(i + 7) << 8) | byte(i + 8);
      if (picture.width_px == 0 || picture.height_px == 0) return std::nullopt;
      picture.jpeg = std::move(jpeg);
      picture.description = std::move(description);
      return picture;
    }
    if (length < 2) return std::nullopt;
    i += 2 + length;
  }
  return std::nullopt;
}

std::string evidence_caption(std::size_t number, const std::string& caption,
                             const std::string& unit_name) {
  std::string text = "Ảnh " + std::to_string(number) + ". ";
  const std::string clean = clean_text(caption);
  if (!clean.empty()) text += clean + " — ";
  return text + clean_text(unit_name);
}

void add_evidence_annex(Document& document, const std::vector<EvidencePicture>& pictures,
                        const std::string& note) {
  Annex annex;
  annex.title = "HÌNH ẢNH MINH CHỨNG";
  annex.note = note;
  std::size_t number = 0;
  for (const EvidencePicture& picture : pictures) {
    const std::string caption = evidence_caption(number + 1, picture.caption, picture.unit_name);
    auto block = jpeg_picture(picture.jpeg, caption);
    if (!block) continue;
    ++number;
    annex.blocks.push_back(picture_block(std::move(*block)));
    annex.blocks.push_back(centered(caption, false, true));
  }
  if (number == 0) return;
  int numbered = 0;
  for (Annex& other : document.annexes) {
    if (other.label == "Phụ lục") other.label = "Phụ lục " + roman_numeral(++numbered);
  }
  annex.label = numbered == 0 ? "Phụ lục" : "Phụ lục " + roman_numeral(numbered + 1);
  document.annexes.push_back(std::move(annex));
}

}  // namespace llw::documents
