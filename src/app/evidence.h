#pragma once
// Evidence ("minh chứng", issue 19) on a unit's report (evidence.cpp): files attached, listed with
// the marks a reviewer needs, served, removed. Access is the report's: whoever may edit the report
// attaches and removes (the unit itself, and only while it may still save: not after submitting,
// nor once accepted or past its lock date), whoever may read it lists and downloads. The type is
// decided from the content, never the name; photos are re-encoded without their metadata
// (documents/evidence_media.h).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/documents.h"
#include "app/request_context.h"
#include "app/use_case_area.h"
#include "domain/evidence_store.h"
#include "domain/org_unit.h"
#include "domain/user.h"

namespace llw {

struct ReportInContext;

// An upload as it reached the server. Handed to Evidence::attach by value (moved): a document's
// bytes become the stored file's without a copy.
struct EvidenceUpload {
  std::string bytes;
  std::string file_name;  // as the client named it (sanitized before it is kept)
  std::string caption;
  // What the file is evidence for: an activity key or item key of the campaign's form
  // (domain/evidence_targets.h); empty for the report as a whole.
  std::string item;
};

// An attachment as listed: the label of what it is evidence for, and the marks that catch real
// mistakes (a photo taken outside the campaign's week, the same file attached by another unit or
// in an earlier year's campaign), in Vietnamese.
struct EvidenceItem {
  EvidenceAttachment attachment;
  std::string item_label;  // "Cả báo cáo", or the activity's or item's label in the form
  std::vector<std::string> marks;
};

// The evidence a version of the report's history brought: the attachments added and removed
// since the version before it (Evidence::changes_by_version).
struct EvidenceVersionChanges {
  std::vector<EvidenceItem> added;
  std::vector<EvidenceItem> removed;
  bool empty() const { return added.empty() && removed.empty(); }
};

// A file or thumbnail to send.
struct EvidenceDownload {
  std::string content_type;
  std::string file_name;
  std::string bytes;
};

// One page of a node's gallery: its subtree's photos, with whether the actor may pick them for
// the node's annex.
struct EvidenceGalleryPage {
  OrgUnit node;
  std::vector<GalleryPhoto> photos;
  std::int64_t total = 0;  // photos in the whole gallery
  std::int64_t page = 1;   // 1-based, within [1, pages]
  std::int64_t pages = 1;
  bool can_pick = false;  // the node's coordinators (write_summary on the node)
};

class Evidence : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  static constexpr std::size_t kMaxFileBytes = 10 * 1024 * 1024;  // 10 MB per file
  static constexpr int kMaxFilesPerReport = 20;
  static constexpr std::size_t kMaxCaptionLength = 500;  // code points
  static constexpr std::size_t kMaxNameLength = 120;     // code points
  static constexpr std::size_t kMaxItemKeyLength = 64;   // as a form's item keys
  static constexpr int kGalleryPageSize = 24;
  static constexpr int kMaxAnnexPhotos = 40;  // pictures in a consolidated report's annex

  // Attaches the upload to the unit's report; audited as "evidence.attach". Error{forbidden} for
  // another unit's report, Error{conflict} for a submitted, accepted or locked report or a
  // report that has kMaxFilesPerReport files already, Error{too_large} over kMaxFileBytes,
  // Error{bad_input} for an empty file, a type other than JPEG, PNG, WebP, HEIC, PDF, DOCX or XLSX,
  // a photo that cannot be decoded or is too large to decode, an item that is not an activity or
  // item of the campaign's form; Error{validation_failed} for a caption that is not clean text.
  EvidenceItem attach(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                      EvidenceUpload upload, const RequestContext& context = {});
  // The report's attachments, oldest first, with their marks.
  std::vector<EvidenceItem> list(const User& actor, std::int64_t campaign_id,
                                 const std::string& unit_code);
  // Every attachment the report ever had (removed ones too), oldest first, without marks: the
  // history's evidence. Readable by whoever reads the report.
  std::vector<EvidenceItem> history(const User& actor, std::int64_t campaign_id,
                                    const std::string& unit_code);
  // The attachments of `history` a version brought: those attached (removed) while the report
  // was at a version in [from, to) — so under the version `to`, the changes since `from`.
  static EvidenceVersionChanges changes_between(const std::vector<EvidenceItem>& history,
                                                std::int64_t from, std::int64_t to);
  // An attachment's file (or its thumbnail: a photo's 320 px JPEG; Error{not_found} for a
  // document, which has none).
  EvidenceDownload file(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                        std::int64_t id, bool thumbnail);
  // Removes an attachment (kept in the store for the history); audited as "evidence.remove".
  // Allowed when attaching would be.
  void remove(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
              std::int64_t id, const RequestContext& context = {});

  // Page `page` of the gallery of `node_code` (its subtree's photos, in tree order); a page past
  // the last is the last. Readable by whoever may read the node's summary (a school its own, a
  // commune its subtree).
  EvidenceGalleryPage gallery(const User& actor, std::int64_t campaign_id,
                              const std::string& node_code, std::int64_t page);
  // Picks (or drops) a photo of the node's gallery for the annex of the node's consolidated
  // report; audited as "evidence.annex_add" / "evidence.annex_remove". Error{forbidden} unless the
  // actor writes the node's summary, Error{not_found} for evidence that is not a photo of the
  // subtree, Error{conflict} past kMaxAnnexPhotos.
  void set_in_annex(const User& actor, std::int64_t campaign_id, const std::string& node_code,
                    std::int64_t evidence_id, bool in_annex, const RequestContext& context = {});

  // Every file (photos and documents, not removed) of the reports of the node's subtree as one
  // ZIP (evidence_archive.cpp): a folder per unit, "HP-ANHUNG - Xa An Hung/", holding
  // "01 - <caption or name>.<ext>", names without diacritics or characters unsafe in file names,
  // the extension the served type's. Files are stored without compression (they are compressed
  // already) and read from the store one at a time into a spooled file, so memory holds one file
  // at most. Same access as the gallery. A subtree without evidence gives a valid empty ZIP.
  // Error{too_large} when the ZIP would pass 4 GiB or 65,535 files (no ZIP64).
  DocumentFile archive(const User& actor, std::int64_t campaign_id, const std::string& node_code);

  // The name kept for an uploaded file: its last path segment, without control characters or
  // invalid UTF-8, without leading dots and spaces, at most kMaxNameLength code points (the
  // extension kept), "tep-minh-chung" when nothing is left.
  static std::string sanitize_file_name(const std::string& name);

 private:
  ReportInContext open(const User& actor, bool write, std::int64_t campaign_id,
                       const std::string& unit_code);
  EvidenceItem with_marks(const ReportInContext& report, EvidenceAttachment attachment);
  static std::string item_label(const ReportInContext& report,
                                const std::optional<std::string>& key);
};

}  // namespace llw
