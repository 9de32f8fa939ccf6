#pragma once
// View data of evidence ("minh chứng", issue 19): a report's attachments as the form page and the
// review page list them (thumbnail, caption, what each is evidence for, the marks a reviewer needs,
// a remove button while the report may change) with the upload form's limits, its "Minh chứng
// cho" choices and its refused upload's message. Pure
// functions of their inputs (evidence_view.cpp); the partial templates/evidence_list.mustache shows
// it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/evidence.h"
#include "domain/form.h"

namespace llw::pages {

// A refused upload shown again next to the upload control (the page answers the POST itself).
struct EvidenceEcho {
  std::string error;
  std::string caption;
  std::string item;  // the "Minh chứng cho" chosen (kept selected when it is one of the form's)
};

struct EvidenceListInput {
  const std::vector<EvidenceItem>* items = nullptr;
  std::string base;       // the report page's address: "/dot/3/bao-cao/XA01"
  bool editable = false;  // the unit may still attach and remove
  std::string notice;     // after an upload or removal (Post/Redirect/Get)
  EvidenceEcho echo;
  // The campaign's form: the choices of "Minh chứng cho" (domain/evidence_targets.h), grouped by
  // section; none (only "Cả báo cáo") when null.
  const ReportForm* form = nullptr;
};

nlohmann::json evidence_list_view(const EvidenceListInput& input);

// A node's gallery page (templates/evidence_gallery.mustache): the photos with their unit and
// caption, each linking to its file; for the node's coordinators a checkbox "Đưa vào phụ lục" per
// photo and the form that saves the page's picks. `base` is "/dot/3/tong-hop/HP-AH".
nlohmann::json evidence_gallery_view(const EvidenceGalleryPage& gallery, std::int64_t campaign_id,
                                     const std::string& base, const std::string& notice);

// "1,2 MB", "350 KB": a file's size as a clerk reads it.
std::string format_file_size(std::int64_t bytes);

}  // namespace llw::pages
