// Documents and data exports: the plan, a unit's report, the consolidated report of any node and
// the units × items data of a subtree, as files. Access is checked exactly as for the data each
// one shows; the numbers come from the same store reads and domain arithmetic the API uses.
#include "app/documents.h"

#include <cmath>
#include <map>
#include <set>

#include "app/accepted_annex.h"
#include "app/application.h"
#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/evidence.h"
#include "app/previous_year_slots.h"
#include "app/reports.h"
#include "app/signed_copies.h"
#include "app/summaries.h"
#include "app/use_case_core.h"
#include "documents/builders.h"
#include "documents/data_table.h"
#include "documents/docx_renderer.h"
#include "documents/evidence_annex.h"
#include "documents/pdf_renderer.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/year_comparison.h"

namespace llw {
namespace {

// The unit's own signer (its settings) when any line is set; otherwise the builders choose (the
// plan's signer for the issuer's consolidated report, else the default block of the kind). The
// title lines are printed in capitals as Nghị định 30 wants, however they were typed.
documents::DocumentOptions signer_options(const OrgUnit& unit) {
  documents::DocumentOptions options;
  if (!unit.signer.empty()) {
    options.signer = documents::SignatureBlock{documents::vietnamese_upper(unit.signer.authority),
                                               documents::vietnamese_upper(unit.signer.deputy),
                                               documents::vietnamese_upper(unit.signer.position),
                                               unit.signer.name};
  }
  return options;
}

// Above this many reporting units a consolidated report carries no annex: a national annex would
// run to thousands of pages. Its figures stay complete; the unit-by-unit data is the data export.
constexpr std::int64_t kMaxAnnexRows = 3000;

// How many missing units and unit texts a consolidated report names.
constexpr int kDocumentMissingLimit = 200;
constexpr int kDocumentNarrativeLimit = 50;

void require_document_format(DocumentFormat format) {
  if (format == DocumentFormat::docx || format == DocumentFormat::pdf) return;
  throw Error(ErrorKind::bad_input,
              "Văn bản chỉ tải được dưới dạng .docx hoặc .pdf; số liệu dạng .xlsx hoặc .csv nằm ở "
              "mục \"Tải số liệu\".",
              "format");
}

DocumentFile file_of(const documents::Document& document, DocumentFormat format) {
  DocumentFile file;
  file.bytes = format == DocumentFormat::pdf ? documents::render_pdf(document)
                                             : documents::render_docx(document);
  file.content_type = std::string(content_type_of(format));
  file.file_name = document.file_stem + "." + std::string(to_string(format));
  return file;
}

// Year over year, per unit: last year's figures of each row's unit and of the node for the total
// row, by the summary's own rule (previous_year_slots.h), in this year's form.
void add_previous_year(documents::AnnexRows& annex, const std::vector<OrgUnit>& row_units,
                       Store& store, const Campaign& campaign, const OrgUnit& node,
                       const YearComparison& comparison) {
  const auto previous = [&](const OrgUnit& unit) -> std::optional<documents::AnnexFigures> {
    const auto slots = previous_year_slots(store, comparison.campaign_id, unit);
    if (!slots) return std::nullopt;
    return documents::annex_figures_of(campaign, unit, renamed_to_form(*slots, *campaign.form));
  };
  for (std::size_t i = 0; i < annex.rows.size() && i < row_units.size(); ++i) {
    annex.rows[i].previous = previous(row_units[i]);
  }
  annex.previous_total = previous(node);
}

std::optional<OrgUnit> parent_of(Store& store, const OrgUnit& unit) {
  if (!unit.parent_id) return std::nullopt;
  return store.units().find_unit_by_id(*unit.parent_id);
}

}  // namespace

std::optional<DocumentFormat> document_format_from_string(std::string_view text) {
  if (text == "docx") return DocumentFormat::docx;
  if (text == "pdf") return DocumentFormat::pdf;
  if (text == "xlsx") return DocumentFormat::xlsx;
  if (text == "csv") return DocumentFormat::csv;
  return std::nullopt;
}

std::string_view to_string(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::docx:
      return "docx";
    case DocumentFormat::pdf:
      return "pdf";
    case DocumentFormat::xlsx:
      return "xlsx";
    case DocumentFormat::csv:
      return "csv";
  }
  return "bin";
}

std::string_view content_type_of(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::docx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case DocumentFormat::pdf:
      return "application/pdf";
    case DocumentFormat::xlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case DocumentFormat::csv:
      return "text/csv; charset=utf-8";
  }
  return "application/octet-stream";
}

DocumentFile DocumentDownloads::plan_document(const User& actor, std::int64_t campaign_id,
                                              DocumentFormat format) {
  Campaign campaign = app_.campaigns().get_campaign(actor, campaign_id);  // may_see_campaign
  require_document_format(format);
  auto issuer = store_->units().find_unit_by_id(campaign.issuer_unit_id);
  if (!issuer) core_.load_unit(campaign.issuer_code, "issuer");
  const auto parent = parent_of(*store_, *issuer);
  return file_of(documents::build_plan_document(campaign, *issuer, parent ? &*parent : nullptr),
                 format);
}

DocumentFile DocumentDownloads::report_document(const User& actor, std::int64_t campaign_id,
                                                const std::string& unit_code, DocumentFormat format,
                                                const ReportDocumentOptions& options) {
  const UnitReport report =
      app_.reports().get_report(actor, campaign_id, unit_code);  // read_report
  require_document_format(format);
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit unit = core_.load_unit(unit_code);
  const auto parent = parent_of(*store_, unit);
  documents::Document document = documents::build_unit_report_document(
      campaign, *campaign.form, unit, parent ? &*parent : nullptr, report, options.mark_empty,
      signer_options(unit));
  // What a signed copy of this PDF is checked against (signed_copies.h).
  document.identifier = SignedCopies::report_identifier(campaign.id, unit.code, report.version);
  return file_of(document, format);
}

DocumentFile DocumentDownloads::summary_document(const User& actor, std::int64_t campaign_id,
                                                 const std::string& unit_code,
                                                 DocumentFormat format) {
  SummaryOptions limits;
  limits.missing_limit = kDocumentMissingLimit;
  limits.narrative_limit = kDocumentNarrativeLimit;
  const Summary figures =
      app_.summaries().summary(actor, campaign_id, unit_code, limits);  // read_summary
  require_document_format(format);
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = core_.load_unit(unit_code);
  const auto parent = parent_of(*store_, node);

  // One row per reporting unit of the subtree, through the domain's contribution arithmetic, so
  // the annex's total row is the summary's figures.
  documents::AnnexRows annex;
  std::vector<OrgUnit> row_units;  // the unit of each row, for last year's figures
  if (figures.source == SummarySource::accepted) {
    // Units below consolidating children count only through their accepted snapshots.
    annex.rows = accepted_annex(*store_, campaign, node);
    if (figures.previous_year) {
      for (const documents::AnnexRow& row : annex.rows) {
        row_units.push_back(core_.load_unit(row.unit_code));
      }
    }
  } else if (figures.expected <= kMaxAnnexRows) {
    annex.rows.reserve(static_cast<std::size_t>(figures.expected));
    store_->reports().for_each_report_in_subtree(
        campaign.id, node.path, [&](const OrgUnit& unit, const UnitReport& report) {
          annex.rows.push_back(documents::annex_row_of(campaign, unit, report));
          if (figures.previous_year) row_units.push_back(unit);
        });
  }
  if (figures.previous_year) {
    add_previous_year(annex, row_units, *store_, campaign, node, *figures.previous_year);
  }
  // The coordinator's consolidated narrative (written on the consolidated report page); a part
  // left empty falls back to the units' texts, gathered unit by unit.
  std::map<std::string, std::string> consolidated;
  if (auto stored = store_->reporting_up().find_consolidated_narrative(campaign.id, node.id)) {
    consolidated = std::move(stored->texts);
  }
  documents::Document document =
      documents::build_summary_document(campaign, *campaign.form, node, parent ? &*parent : nullptr,
                                        figures, annex, consolidated, signer_options(node));
  // The photos the coordinator picked from the node's gallery, as an annex of pictures.
  std::vector<documents::EvidencePicture> pictures;
  for (GalleryPhoto& photo : store_->evidence().annex_photos(campaign.id, node.id, node.path,
                                                             Evidence::kMaxAnnexPhotos)) {
    auto bytes = store_->evidence().file_content(photo.attachment.sha256, false);
    if (!bytes) continue;
    pictures.push_back(documents::EvidencePicture{
        std::move(*bytes), std::move(photo.attachment.caption), std::move(photo.unit_name)});
  }
  documents::add_evidence_annex(document, pictures,
                                "(Kèm theo Báo cáo của " + documents::running_name_of(node) + ")");
  // What a signed copy of this PDF is checked against (signed_copies.h): the consolidated report's
  // current version, 0 before its first submission.
  const auto sent_up = store_->reporting_up().find_consolidated_report(campaign.id, node.id);
  document.identifier =
      SignedCopies::consolidated_identifier(campaign.id, node.code, sent_up ? sent_up->version : 0);
  return file_of(document, format);
}

}  // namespace llw
