#pragma once
// The EvidenceStore port: files attached to reports, stored once per content hash. Defined in
// sql_evidence_store.cpp.

#include "domain/evidence_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlEvidenceStore : public EvidenceStore {
 public:
  explicit SqlEvidenceStore(SqlContext& context) : context_(context) {}

  std::optional<EvidenceAttachment> attach(const EvidenceFile& file,
                                           const EvidenceAttachment& attachment,
                                           int max_per_report) override;
  std::vector<EvidenceAttachment> attachments(std::int64_t campaign_id,
                                              std::int64_t unit_id) override;
  std::vector<EvidenceAttachment> attachment_history(std::int64_t campaign_id,
                                                     std::int64_t unit_id) override;
  std::optional<EvidenceAttachment> find_attachment(std::int64_t campaign_id, std::int64_t unit_id,
                                                    std::int64_t id) override;
  std::optional<std::string> file_content(const std::string& sha256, bool thumbnail) override;
  bool remove_attachment(std::int64_t campaign_id, std::int64_t unit_id, std::int64_t id,
                         std::optional<std::int64_t> removed_by, Timestamp at) override;
  std::vector<std::string> other_units_with_file(const std::string& sha256, std::int64_t unit_id,
                                                 int limit) override;
  std::vector<int> earlier_years_with_file(const std::string& sha256, int year, int limit) override;
  std::vector<GalleryPhoto> subtree_photos(std::int64_t campaign_id, const std::string& path,
                                           std::int64_t annex_unit_id, std::int64_t offset,
                                           int limit) override;
  std::vector<UnitAttachment> subtree_attachments(std::int64_t campaign_id,
                                                  const std::string& path) override;
  std::int64_t count_subtree_photos(std::int64_t campaign_id, const std::string& path) override;
  bool set_in_annex(std::int64_t campaign_id, std::int64_t unit_id, const std::string& path,
                    std::int64_t evidence_id, bool in_annex, std::optional<std::int64_t> by,
                    Timestamp at) override;
  std::vector<GalleryPhoto> annex_photos(std::int64_t campaign_id, std::int64_t unit_id,
                                         const std::string& path, int limit) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
