#pragma once
// The annex of pictures of a consolidated report ("Phụ lục: Hình ảnh minh chứng", issue 19): the
// photos the coordinator picked from the gallery, each at the text width with its caption
// "Ảnh 1. <caption> — <unit name>" (evidence_annex.cpp). Rendered by every renderer of the
// document model like any other annex.

#include <optional>
#include <string>
#include <vector>

#include "documents/document.h"

namespace llw::documents {

struct EvidencePicture {
  std::string jpeg;  // the photo as served (re-encoded, at most 1,600 px)
  std::string caption;
  std::string unit_name;
};

// A picture block's data from a baseline or progressive JPEG (its pixel size read from the frame
// header); nullopt when the bytes are not a JPEG with a frame header.
std::optional<Picture> jpeg_picture(std::string jpeg, std::string description);

// Appends the annex of `pictures` to `document` (nothing when there are none). The document's
// other annexes labelled "Phụ lục" become "Phụ lục I", "Phụ lục II", … and this one the next.
// `note` is the annex's "(Kèm theo …)" line.
void add_evidence_annex(Document& document, const std::vector<EvidencePicture>& pictures,
                        const std::string& note);

// "Ảnh 3. Buổi đọc sách — Trường Tiểu học An Hưng"; without a caption "Ảnh 3. Trường …".
std::string evidence_caption(std::size_t number, const std::string& caption,
                             const std::string& unit_name);

}  // namespace llw::documents
