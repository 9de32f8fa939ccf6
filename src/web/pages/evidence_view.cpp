#include "web/pages/evidence_view.h"

#include <cstdio>

#include "domain/evidence_targets.h"
#include "web/pages/page_support.h"
#include "web/pages/paging_view.h"
#include "web/pages/view_format.h"

namespace llw::pages {

std::string format_file_size(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " byte";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  std::string size = text;
  if (const auto dot = size.find('.'); dot != std::string::npos) size[dot] = ',';
  return size;
}

nlohmann::json evidence_list_view(const EvidenceListInput& input) {
  nlohmann::json items = nlohmann::json::array();
  const std::string base = input.base + "/minh-chung/";
  for (const EvidenceItem& item : *input.items) {
    const EvidenceAttachment& attachment = item.attachment;
    const std::string href = base + std::to_string(attachment.id);
    static const std::pair<const char*, const char*> kinds[] = {
        {"photo", "Ảnh"}, {"pdf", "PDF"}, {"docx", "DOCX"}, {"xlsx", "XLSX"}};
    std::string kind_label = attachment.kind;
    for (const auto& [kind, label] : kinds) {
      if (attachment.kind == kind) kind_label = label;
    }
    items.push_back({
        {"id", attachment.id},
        {"href", href},
        {"thumbnail_href", attachment.has_thumbnail ? href + "/anh-nho" : std::string()},
        {"has_thumbnail", attachment.has_thumbnail},
        {"remove_action", href + "/go"},
        {"caption", attachment.caption},
        {"has_caption", !attachment.caption.empty()},
        {"item_label", item.item_label},
        {"for_item", attachment.item_key.has_value()},
        {"name", attachment.original_name},
        {"kind_label", kind_label},
        {"size", format_file_size(attachment.size)},
        {"added_at", format_date_time(attachment.added_at)},
        {"marks", item.marks},
        {"has_marks", !item.marks.empty()},
    });
  }
  const auto count = static_cast<int>(items.size());
  // "Minh chứng cho": the report as a whole, then each section's activities and items.
  nlohmann::json groups = nlohmann::json::array();
  if (input.form) {
    for (const EvidenceTarget& target : evidence_targets(*input.form)) {
      if (groups.empty() || groups.back()["section"] != target.section) {
        groups.push_back({{"section", target.section}, {"targets", nlohmann::json::array()}});
      }
      groups.back()["targets"].push_back({{"key", target.key},
                                          {"label", target.label},
                                          {"selected", target.key == input.echo.item}});
    }
  }
  return {
      {"item_groups", std::move(groups)},
      {"items", std::move(items)},
      {"has_items", count > 0},
      {"count", count},
      {"max_files", Evidence::kMaxFilesPerReport},
      {"max_file_bytes", Evidence::kMaxFileBytes},
      {"max_caption", Evidence::kMaxCaptionLength},
      {"can_attach", input.editable && count < Evidence::kMaxFilesPerReport},
      {"full", input.editable && count >= Evidence::kMaxFilesPerReport},
      {"editable", input.editable},
      {"upload_action", input.base + "/minh-chung"},
      {"notice", input.notice},
      {"has_notice", !input.notice.empty()},
      {"error", input.echo.error},
      {"has_error", !input.echo.error.empty()},
      {"caption_value", input.echo.caption},
  };
}

nlohmann::json evidence_gallery_view(const EvidenceGalleryPage& gallery, std::int64_t campaign_id,
                                     const std::string& base, const std::string& notice) {
  nlohmann::json photos = nlohmann::json::array();
  std::string on_page;
  for (const GalleryPhoto& photo : gallery.photos) {
    const EvidenceAttachment& attachment = photo.attachment;
    const std::string href = "/dot/" + std::to_string(campaign_id) + "/bao-cao/" +
                             url_encode(photo.unit_code) + "/minh-chung/" +
                             std::to_string(attachment.id);
    photos.push_back({
        {"id", attachment.id},
        {"href", href},
        {"thumbnail_href", href + "/anh-nho"},
        {"unit_name", photo.unit_name},
        {"report_href", "/dot/" + std::to_string(campaign_id) + "/bao-cao/" +
                            url_encode(photo.unit_code) + "#evidence"},
        {"caption", attachment.caption},
        {"has_caption", !attachment.caption.empty()},
        {"item_label", photo.item_label},
        {"has_item", !photo.item_label.empty()},
        {"in_annex", photo.in_annex},
    });
    on_page += (on_page.empty() ? "" : ",") + std::to_string(attachment.id);
  }
  const std::string gallery_href = base + "/minh-chung";
  return {
      {"title", "Minh chứng: " + gallery.node.name},
      {"node", {{"name", gallery.node.name}, {"code", gallery.node.code}}},
      {"photos", std::move(photos)},
      {"has_photos", !gallery.photos.empty()},
      {"total", format_count(static_cast<double>(gallery.total))},
      {"can_pick", gallery.can_pick},
      {"action", gallery_href},
      {"zip_href", gallery_href + ".zip"},
      {"on_page", on_page},
      {"page", gallery.page},
      {"consolidated_href", base},
      {"notice", notice},
      {"has_notice", !notice.empty()},
      {"max_annex", Evidence::kMaxAnnexPhotos},
      {"paging",
       paging_view(gallery.page, gallery.pages,
                   [&](std::int64_t n) { return gallery_href + "?trang=" + std::to_string(n); })},
  };
}

}  // namespace llw::pages
