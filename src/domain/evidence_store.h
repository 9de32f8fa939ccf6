#pragma once
// The storage port of evidence ("minh chứng", issue 19): files attached to a unit's report.
// Files are content-addressed (the SHA-256 of the uploaded bytes), so a file attached twice, by
// one unit or several, is stored once. Implemented by the SQL store (sql_evidence_store.cpp in
// src/storage/sql/) on both backends, the bytes in the database (BLOB / BYTEA) so one backup keeps
// everything. Each method is a transaction of its own; a failing one changes nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clock.h"

namespace llw {

// One distinct file as it is served.
struct EvidenceFile {
  std::string sha256;        // lowercase hex of the uploaded bytes: the file's identity
  std::string kind;          // "photo", "pdf", "docx", "xlsx"
  std::string content_type;  // of `content` ("image/jpeg", "application/pdf", …)
  std::string content;       // the bytes served (a photo re-encoded, without its metadata)
  std::string thumbnail;     // a photo's 320 px JPEG; empty for documents
};

// A file attached to a report.
struct EvidenceAttachment {
  std::int64_t id = 0;
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::string sha256;
  std::string caption;
  std::string original_name;  // sanitized: no path, no control characters, bounded
  std::string kind;           // as the file's
  std::string content_type;   // the file's (read with the attachment)
  std::int64_t size = 0;      // bytes served
  bool has_thumbnail = false;
  std::optional<std::string> taken_at;  // a photo's EXIF date taken, "YYYY-MM-DD HH:MM:SS"
  // What the file is evidence for: an activity key or an item key of the campaign's form
  // (domain/evidence_targets.h); nullopt for the report as a whole.
  std::optional<std::string> item_key;
  std::optional<std::int64_t> added_by;
  Timestamp added_at = 0;
  bool removed = false;
  // The report's version when the file was attached and removed (read by the store in the same
  // transaction): the history lists the change under the next version. Attaching and removing
  // never change the report's version.
  std::int64_t added_version = 0;
  std::optional<std::int64_t> removed_version;
  std::optional<Timestamp> removed_at;
};

// A photo of a node's gallery ("Minh chứng" on the consolidated page): the attachment, the unit
// whose report holds it, and whether the node's coordinator picked it for the annex of the
// node's consolidated report.
struct GalleryPhoto {
  EvidenceAttachment attachment;
  std::string unit_code;
  std::string unit_name;
  bool in_annex = false;
  // The label of the activity or item the photo is evidence for, "" for the report as a whole:
  // filled by the application from the campaign's form (the store leaves it empty).
  std::string item_label;
};

// An attachment of a subtree with the unit whose report holds it (the folders of a subtree's
// evidence ZIP).
struct UnitAttachment {
  EvidenceAttachment attachment;
  std::string unit_code;
  std::string unit_name;
};

class EvidenceStore {
 public:
  virtual ~EvidenceStore() = default;

  // Stores `file` unless a file with its hash is stored already, and attaches it to the report of
  // (attachment.campaign_id, attachment.unit_id) with the attachment's caption, name, kind, item,
  // date taken, author and time, and the report's current version, in one transaction — unless the
  // report already has `max_per_report` attachments not removed: nullopt then, and nothing is
  // written. The stored attachment.
  virtual std::optional<EvidenceAttachment> attach(const EvidenceFile& file,
                                                   const EvidenceAttachment& attachment,
                                                   int max_per_report) = 0;
  // The report's attachments not removed, in the order they were added.
  virtual std::vector<EvidenceAttachment> attachments(std::int64_t campaign_id,
                                                      std::int64_t unit_id) = 0;
  // Every attachment the report ever had, removed ones too, in the order they were added (the
  // history's evidence).
  virtual std::vector<EvidenceAttachment> attachment_history(std::int64_t campaign_id,
                                                             std::int64_t unit_id) = 0;
  // One attachment of the report (also a removed one), if it exists.
  virtual std::optional<EvidenceAttachment> find_attachment(std::int64_t campaign_id,
                                                            std::int64_t unit_id,
                                                            std::int64_t id) = 0;
  // The bytes of a stored file (its thumbnail when `thumbnail`; empty when it has none).
  virtual std::optional<std::string> file_content(const std::string& sha256, bool thumbnail) = 0;
  // Marks the attachment removed (the row and the file stay, for the history) with the report's
  // current version: false when the report has no such attachment not removed.
  virtual bool remove_attachment(std::int64_t campaign_id, std::int64_t unit_id, std::int64_t id,
                                 std::optional<std::int64_t> removed_by, Timestamp at) = 0;
  // The codes of the units other than `unit_id` that attached the file (in any campaign, not
  // removed), at most `limit`, in code order.
  virtual std::vector<std::string> other_units_with_file(const std::string& sha256,
                                                         std::int64_t unit_id, int limit) = 0;
  // The years of the campaigns before `year` in which any unit attached the file (not removed),
  // at most `limit`, newest first.
  virtual std::vector<int> earlier_years_with_file(const std::string& sha256, int year,
                                                   int limit) = 0;

  // The gallery of a node: the photos (not removed) attached to the reports of the campaign whose
  // unit lies in the subtree of `path` (the node's materialized path, the node included), in path
  // then attachment order, `limit` from `offset`; `in_annex` says whether the node `annex_unit_id`
  // picked each for its annex.
  virtual std::vector<GalleryPhoto> subtree_photos(std::int64_t campaign_id,
                                                   const std::string& path,
                                                   std::int64_t annex_unit_id, std::int64_t offset,
                                                   int limit) = 0;
  // Every attachment (photos and documents, not removed) of the reports of the campaign whose unit
  // lies in the subtree of `path`, in path then attachment order: what a subtree's evidence ZIP
  // holds. Only the rows: each file's bytes are read afterwards with file_content, one at a time.
  virtual std::vector<UnitAttachment> subtree_attachments(std::int64_t campaign_id,
                                                          const std::string& path) = 0;
  // How many photos subtree_photos lists in all.
  virtual std::int64_t count_subtree_photos(std::int64_t campaign_id, const std::string& path) = 0;
  // Picks (or, `in_annex` false, drops) the photo `evidence_id` for the annex of the node
  // `unit_id`'s consolidated report, in one transaction. False when the evidence is not a photo
  // (not removed) of the campaign in the subtree of `path`; picking twice or dropping a photo not
  // picked changes nothing and is true.
  virtual bool set_in_annex(std::int64_t campaign_id, std::int64_t unit_id, const std::string& path,
                            std::int64_t evidence_id, bool in_annex, std::optional<std::int64_t> by,
                            Timestamp at) = 0;
  // The photos picked for the node's annex that are still attached in its subtree, in path then
  // attachment order (the order of the annex), at most `limit`.
  virtual std::vector<GalleryPhoto> annex_photos(std::int64_t campaign_id, std::int64_t unit_id,
                                                 const std::string& path, int limit) = 0;
};

}  // namespace llw
