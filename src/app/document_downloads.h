#pragma once
// The documents (documents.cpp) and the data export (data_export.cpp). Each checks access exactly
// like the data it shows.

#include <cstdint>
#include <string>

#include "app/documents.h"
#include "app/use_case_area.h"
#include "domain/user.h"

namespace llw {

class DocumentDownloads : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // Documents (documents.cpp). Each checks access exactly like the data it shows: the plan for
  // whoever may see the campaign, a unit's report with read_report, the consolidated report and
  // the data export with read_summary on the node. Formats: docx|pdf for documents, xlsx|csv for
  // the data; another one is Error{bad_input}.
  DocumentFile plan_document(const User& actor, std::int64_t campaign_id, DocumentFormat format);
  DocumentFile report_document(const User& actor, std::int64_t campaign_id,
                               const std::string& unit_code, DocumentFormat format,
                               const ReportDocumentOptions& options = {});
  DocumentFile summary_document(const User& actor, std::int64_t campaign_id,
                                const std::string& unit_code, DocumentFormat format);
  // Units × items of the node's subtree: XLSX (a "Tổng hợp" sheet with the node's consolidated
  // figures, then one sheet per level) or CSV (every unit under one header), streamed from the
  // store row by row so a national export stays small in memory.
  DocumentFile data_export(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, DocumentFormat format);
};

}  // namespace llw
