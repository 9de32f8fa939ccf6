#pragma once
// View data of a report's signed copy (bản đã ký số) on its read-only page (signed_copy_view.cpp):
// the verdict line with the signer's name for whoever reads the report, and for the unit itself
// once it has submitted, the PDF to sign and the form that uploads the signed file (no script
// needed). The same for a node's consolidated report on the consolidated page, for the node's
// coordinator and the level above. Rendered by the signed_copy partial (report_review.mustache,
// consolidated.mustache). A pure function.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/signed_copies.h"

namespace llw::pages {

struct SignedCopyInput {
  std::optional<SignedCopyVerdict> latest;  // the report's latest signed copy
  bool required = false;                    // the campaign requires a valid one before acceptance
  bool can_upload = false;    // the unit's own account, the report submitted or accepted
  std::int64_t version = 0;   // the report's current version
  std::string base;           // "/dot/3/bao-cao/HP-X-A"; the upload and the file are base/ban-ky-so
  std::string pdf_href;       // the PDF to sign; empty for a unit report's, base/xuat/pdf
  bool consolidated = false;  // of a node's consolidated report (its own words)
  std::string csrf;           // empty: the page's own (what a cached page must use)
};

// null when there is nothing to show (no copy, no upload, no requirement).
nlohmann::json signed_copy_view(const SignedCopyInput& input);

}  // namespace llw::pages
