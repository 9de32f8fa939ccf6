// Evidence on a unit's report (evidence.h): the checks of an upload in the order a person should
// hear them (may they, may the report still change, the size, the type, the content), then one
// store transaction that keeps the file once per content hash and attaches it, with its audit
// entry.
#include "app/evidence.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "app/application.h"
#include "app/audited.h"
#include "app/content_hash.h"
#include "app/reports.h"
#include "app/use_case_core.h"
#include "documents/evidence_media.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/evidence_targets.h"
#include "domain/store.h"
#include "domain/text.h"

namespace llw {
namespace {

// The first `count` code points of valid UTF-8 `text`.
std::string first_code_points(const std::string& text, std::size_t count) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < text.size() && seen < count; ++seen) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return text.substr(0, i);
}

std::optional<std::chrono::year_month_day> day_of(const std::string& taken_at) {
  // "YYYY-MM-DD HH:MM:SS", as the media layer wrote it.
  if (taken_at.size() < 10) return std::nullopt;
  const std::chrono::year_month_day day{
      std::chrono::year{std::stoi(taken_at.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(std::stoi(taken_at.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(std::stoi(taken_at.substr(8, 2)))}};
  if (!day.ok()) return std::nullopt;
  return day;
}

// The label of the activity or item `key` of the form; the key itself for one the form does not
// have (never the case with a campaign's pinned form).
std::string target_label(const ReportForm* form, const std::string& key) {
  if (form) {
    if (auto target = find_evidence_target(*form, key)) return target->label;
  }
  return key;
}

const char* kAcceptedTypes = "ảnh (JPEG, PNG, WebP, HEIC), PDF, DOCX hoặc XLSX";

}  // namespace

std::string Evidence::sanitize_file_name(const std::string& name) {
  std::string text = sanitize_utf8(name);
  if (const auto slash = text.find_last_of("/\\"); slash != std::string::npos) {
    text = text.substr(slash + 1);
  }
  std::string clean;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) continue;
    // C1 controls (U+0080–U+009F) are 0xC2 0x80–0x9F in UTF-8.
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      ++i;
      continue;
    }
    clean.push_back(text[i]);
  }
  const auto start = clean.find_first_not_of(". ");
  clean = start == std::string::npos ? std::string() : clean.substr(start);
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  if (clean.empty()) return "tep-minh-chung";
  if (utf8_length(clean) <= kMaxNameLength) return clean;
  std::string extension;
  if (const auto dot = clean.find_last_of('.');
      dot != std::string::npos && clean.size() - dot <= 10) {
    extension = clean.substr(dot);
  }
  return first_code_points(clean.substr(0, clean.size() - extension.size()),
                           kMaxNameLength - utf8_length(extension)) +
         extension;
}

ReportInContext Evidence::open(const User& actor, bool write, std::int64_t campaign_id,
                               const std::string& unit_code) {
  const Action action = write ? Action::write_report : Action::read_report;
  if (auto found = store_->reports().find_report_in_context(campaign_id, unit_code)) {
    require_allowed(actor, action, found->unit);
    found->campaign.form = core_.form(found->campaign.form_id);
    return std::move(*found);
  }
  Campaign campaign = core_.load_campaign(campaign_id);
  OrgUnit unit = core_.load_unit(unit_code);
  require_allowed(actor, action, unit);
  auto report = store_->reports().find_report(campaign.id, unit.id);
  if (!report) {
    throw Error(ErrorKind::not_found, "Đơn vị này không phải báo cáo trong đợt này.", "unit");
  }
  return ReportInContext{std::move(campaign), std::move(unit), std::move(*report)};
}

std::string Evidence::item_label(const ReportInContext& report,
                                 const std::optional<std::string>& key) {
  return key ? target_label(report.campaign.form.get(), *key) : "Cả báo cáo";
}

EvidenceItem Evidence::with_marks(const ReportInContext& report, EvidenceAttachment attachment) {
  EvidenceItem item;
  item.item_label = item_label(report, attachment.item_key);
  if (attachment.taken_at) {
    if (const auto day = day_of(*attachment.taken_at);
        day && (*day < report.campaign.period_start || *day > report.campaign.period_end)) {
      item.marks.push_back("Ảnh chụp ngày " + format_vietnamese_date(*day) +
                           " — ngoài thời gian Tuần lễ");
    }
  }
  const std::vector<std::string> others =
      store_->evidence().other_units_with_file(attachment.sha256, attachment.unit_id, 4);
  if (!others.empty()) {
    std::string names;
    for (std::size_t i = 0; i < others.size() && i < 3; ++i) {
      names += (i == 0 ? "" : ", ") + others[i];
    }
    if (others.size() > 3) names += ", …";
    item.marks.push_back("Tệp giống hệt đã được đơn vị khác đính kèm: " + names);
  }
  const std::vector<int> years =
      store_->evidence().earlier_years_with_file(attachment.sha256, report.campaign.year, 3);
  if (!years.empty()) {
    std::string listed;
    for (std::size_t i = 0; i < years.size(); ++i) {
      listed += (i == 0 ? "" : ", ") + std::to_string(years[i]);
    }
    item.marks.push_back(std::string(attachment.kind == "photo" ? "Ảnh" : "Tệp") +
                         " này đã nộp trong Tuần lễ năm " + listed);
  }
  item.attachment = std::move(attachment);
  return item;
}

EvidenceItem Evidence::attach(const User& actor, std::int64_t campaign_id,
                              const std::string& unit_code, EvidenceUpload upload,
                              const RequestContext& context) {
  const std::string name = sanitize_file_name(upload.file_name);
  return audited(
      app_, actor, context, "evidence.attach", unit_code, report_target(campaign_id, unit_code),
      name, [&] {
        const ReportInContext report = open(actor, true, campaign_id, unit_code);
        if (report.report.status == ReportStatus::submitted ||
            report.report.status == ReportStatus::accepted) {
          throw Error(ErrorKind::conflict,
                      report.report.status == ReportStatus::accepted
                          ? "Báo cáo đã được chấp nhận nên không thể thêm hay gỡ minh chứng. Hãy "
                            "đề nghị cấp trên mở lại báo cáo nếu cần bổ sung."
                          : "Báo cáo đã nộp nên không thể thêm hay gỡ minh chứng. Hãy đề nghị "
                            "cấp trên trả lại báo cáo nếu cần bổ sung.",
                      "status");
        }
        if (auto closed = app_.reports().closed_message(actor, campaign_id, unit_code)) {
          throw Error(ErrorKind::conflict, *closed, "lock_date");
        }
        if (upload.bytes.empty()) {
          throw Error(ErrorKind::bad_input,
                      "Tệp \"" + name + "\" rỗng (0 byte). Hãy chọn lại tệp minh chứng.", "file");
        }
        if (upload.bytes.size() > kMaxFileBytes) {
          throw Error(ErrorKind::too_large,
                      "Tệp \"" + name +
                          "\" vượt quá giới hạn 10 MB mỗi tệp. Hãy thu nhỏ ảnh hoặc tách tài "
                          "liệu rồi tải lên lại.",
                      "file");
        }
        const std::string caption = upload.caption;
        if (!is_clean_text(caption, TextShape::line)) {
          throw Error(ErrorKind::validation_failed,
                      unclean_text_message("Chú thích", TextShape::line), "caption");
        }
        if (utf8_length(caption) > kMaxCaptionLength) {
          throw Error(ErrorKind::validation_failed, "Chú thích dài quá 500 ký tự.", "caption");
        }
        std::optional<std::string> item_key;
        if (!upload.item.empty()) {
          // The value is never echoed: it may be anything a client sent.
          if (upload.item.size() > kMaxItemKeyLength || !report.campaign.form ||
              !find_evidence_target(*report.campaign.form, upload.item)) {
            throw Error(ErrorKind::bad_input,
                        "Mục được chọn ở “Minh chứng cho” không có trong đề cương báo cáo của đợt "
                        "này. Hãy tải lại trang rồi chọn một hoạt động, một mục trong danh sách "
                        "hoặc “Cả báo cáo”.",
                        "item");
          }
          item_key = upload.item;
        }
        const auto type = documents::sniff_evidence_type(upload.bytes);
        if (!type) {
          throw Error(ErrorKind::bad_input,
                      "Nội dung tệp \"" + name + "\" không phải " + kAcceptedTypes +
                          " (hệ thống xét nội dung tệp, không xét tên tệp). Chỉ nhận các loại "
                          "tệp này làm minh chứng.",
                      "file");
        }
        EvidenceFile file;
        file.sha256 = sha256_hex(upload.bytes);
        file.kind = type->kind;
        EvidenceAttachment attachment;
        if (type->kind == "photo") {
          documents::ProcessedPhoto photo = documents::process_photo(upload.bytes);
          std::string().swap(upload.bytes);  // hashed and re-encoded: the upload is not needed
          file.content = std::move(photo.content);
          file.thumbnail = std::move(photo.thumbnail);
          file.content_type = "image/jpeg";
          attachment.taken_at = photo.taken_at;
        } else {
          // A document is served as it was uploaded: its bytes move into the file, not copied.
          file.content = std::move(upload.bytes);
          file.content_type = type->content_type;
        }
        attachment.campaign_id = report.campaign.id;
        attachment.unit_id = report.unit.id;
        attachment.caption = caption;
        attachment.original_name = name;
        attachment.kind = type->kind;
        attachment.item_key = item_key;
        if (actor.id > 0) attachment.added_by = actor.id;
        attachment.added_at = clock_();
        auto stored = store_->evidence().attach(file, attachment, kMaxFilesPerReport);
        if (!stored) {
          throw Error(ErrorKind::conflict,
                      "Báo cáo đã có đủ 20 tệp minh chứng (tối đa 20 tệp mỗi báo cáo). Hãy gỡ "
                      "bớt tệp không cần thiết rồi tải lên lại.",
                      "file");
        }
        return with_marks(report, std::move(*stored));
      });
}

std::vector<EvidenceItem> Evidence::list(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code) {
  const ReportInContext report = open(actor, false, campaign_id, unit_code);
  std::vector<EvidenceItem> items;
  for (EvidenceAttachment& attachment :
       store_->evidence().attachments(report.campaign.id, report.unit.id)) {
    items.push_back(with_marks(report, std::move(attachment)));
  }
  return items;
}

std::vector<EvidenceItem> Evidence::history(const User& actor, std::int64_t campaign_id,
                                            const std::string& unit_code) {
  const ReportInContext report = open(actor, false, campaign_id, unit_code);
  std::vector<EvidenceItem> items;
  for (EvidenceAttachment& attachment :
       store_->evidence().attachment_history(report.campaign.id, report.unit.id)) {
    EvidenceItem item;
    item.item_label = item_label(report, attachment.item_key);
    item.attachment = std::move(attachment);
    items.push_back(std::move(item));
  }
  return items;
}

EvidenceVersionChanges Evidence::changes_between(const std::vector<EvidenceItem>& history,
                                                 std::int64_t from, std::int64_t to) {
  EvidenceVersionChanges changes;
  for (const EvidenceItem& item : history) {
    const EvidenceAttachment& attachment = item.attachment;
    if (attachment.added_version >= from && attachment.added_version < to) {
      changes.added.push_back(item);
    }
    if (attachment.removed_version && *attachment.removed_version >= from &&
        *attachment.removed_version < to) {
      changes.removed.push_back(item);
    }
  }
  return changes;
}

EvidenceDownload Evidence::file(const User& actor, std::int64_t campaign_id,
                                const std::string& unit_code, std::int64_t id, bool thumbnail) {
  const ReportInContext report = open(actor, false, campaign_id, unit_code);
  const auto attachment =
      store_->evidence().find_attachment(report.campaign.id, report.unit.id, id);
  if (!attachment || attachment->removed || (thumbnail && !attachment->has_thumbnail)) {
    throw Error(ErrorKind::not_found,
                thumbnail ? "Không có ảnh thu nhỏ của minh chứng này."
                          : "Không tìm thấy minh chứng này trong báo cáo.",
                "evidence");
  }
  auto bytes = store_->evidence().file_content(attachment->sha256, thumbnail);
  if (!bytes) {
    throw Error(ErrorKind::not_found, "Không tìm thấy tệp của minh chứng này.", "evidence");
  }
  EvidenceDownload download;
  download.content_type = thumbnail ? "image/jpeg" : attachment->content_type;
  download.file_name = attachment->original_name;
  if (attachment->kind == "photo") {
    // A photo is served as the JPEG it was re-encoded to.
    const auto dot = download.file_name.find_last_of('.');
    download.file_name = download.file_name.substr(0, dot) + ".jpg";
  }
  download.bytes = std::move(*bytes);
  return download;
}

void Evidence::remove(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                      std::int64_t id, const RequestContext& context) {
  audited(app_, actor, context, "evidence.remove", unit_code, report_target(campaign_id, unit_code),
          "evidence " + std::to_string(id), [&] {
            const ReportInContext report = open(actor, true, campaign_id, unit_code);
            if (report.report.status == ReportStatus::submitted ||
                report.report.status == ReportStatus::accepted) {
              throw Error(ErrorKind::conflict,
                          "Báo cáo đã nộp hoặc đã được chấp nhận nên không thể gỡ minh chứng.",
                          "status");
            }
            if (auto closed = app_.reports().closed_message(actor, campaign_id, unit_code)) {
              throw Error(ErrorKind::conflict, *closed, "lock_date");
            }
            const std::optional<std::int64_t> by =
                actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
            if (!store_->evidence().remove_attachment(report.campaign.id, report.unit.id, id, by,
                                                      clock_())) {
              throw Error(ErrorKind::not_found, "Không tìm thấy minh chứng này trong báo cáo.",
                          "evidence");
            }
          });
}

EvidenceGalleryPage Evidence::gallery(const User& actor, std::int64_t campaign_id,
                                      const std::string& node_code, std::int64_t page) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  EvidenceGalleryPage gallery;
  gallery.node = core_.load_unit(node_code);
  require_allowed(actor, Action::read_summary, gallery.node);
  gallery.can_pick = is_allowed(actor, Action::write_summary, gallery.node);
  gallery.total = store_->evidence().count_subtree_photos(campaign.id, gallery.node.path);
  gallery.pages =
      std::max<std::int64_t>(1, (gallery.total + kGalleryPageSize - 1) / kGalleryPageSize);
  gallery.page = std::clamp<std::int64_t>(page, 1, gallery.pages);
  gallery.photos =
      store_->evidence().subtree_photos(campaign.id, gallery.node.path, gallery.node.id,
                                        (gallery.page - 1) * kGalleryPageSize, kGalleryPageSize);
  for (GalleryPhoto& photo : gallery.photos) {
    const auto& key = photo.attachment.item_key;
    if (key) photo.item_label = target_label(campaign.form.get(), *key);
  }
  return gallery;
}

void Evidence::set_in_annex(const User& actor, std::int64_t campaign_id,
                            const std::string& node_code, std::int64_t evidence_id, bool in_annex,
                            const RequestContext& context) {
  audited(
      app_, actor, context, in_annex ? "evidence.annex_add" : "evidence.annex_remove", node_code,
      report_target(campaign_id, node_code), "evidence " + std::to_string(evidence_id), [&] {
        const Campaign campaign = core_.load_campaign(campaign_id);
        const OrgUnit node = core_.load_unit(node_code);
        require_allowed(actor, Action::write_summary, node);
        if (in_annex &&
            static_cast<int>(store_->evidence()
                                 .annex_photos(campaign.id, node.id, node.path, kMaxAnnexPhotos + 1)
                                 .size()) >= kMaxAnnexPhotos) {
          throw Error(ErrorKind::conflict,
                      "Phụ lục đã có đủ 40 ảnh (tối đa 40 ảnh). Hãy bỏ chọn bớt ảnh khác "
                      "trước khi chọn thêm.",
                      "evidence");
        }
        const std::optional<std::int64_t> by =
            actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
        if (!store_->evidence().set_in_annex(campaign.id, node.id, node.path, evidence_id, in_annex,
                                             by, clock_())) {
          throw Error(ErrorKind::not_found,
                      "Không tìm thấy ảnh minh chứng này trong các báo cáo của đơn vị.",
                      "evidence");
        }
      });
}

}  // namespace llw
