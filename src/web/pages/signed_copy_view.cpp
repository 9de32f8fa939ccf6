#include "web/pages/signed_copy_view.h"

#include "web/pages/view_format.h"

namespace llw::pages {

nlohmann::json signed_copy_view(const SignedCopyInput& input) {
  if (!input.latest && !input.can_upload && !input.required) return nullptr;
  nlohmann::json view = {
      {"required", input.required},
      {"can_upload", input.can_upload},
      {"pdf_href", input.pdf_href.empty() ? input.base + "/xuat/pdf" : input.pdf_href},
      {"title", input.consolidated ? "Bản báo cáo tổng hợp đã ký số" : "Bản báo cáo đã ký số"},
      {"document", input.consolidated ? "báo cáo tổng hợp" : "báo cáo"},
      {"panel", input.consolidated},
      {"upload_notice", false},
      {"upload_action", input.base + "/ban-ky-so"},
      {"has_copy", input.latest.has_value()}};
  // Without one the page's own token serves (a cached page's placeholder, page_frame.h).
  if (!input.csrf.empty()) view["csrf"] = input.csrf;
  if (input.latest) {
    const SignedCopy& copy = input.latest->copy;
    const bool current = copy.report_version == input.version;
    view["status_class"] = copy.status == "valid" && current ? "ok" : "warn";
    view["message"] = input.latest->message;
    view["uploaded_at"] = format_date_time(copy.uploaded_at);
    view["file_href"] = input.base + "/ban-ky-so";
    // A copy of an earlier version (the report was returned and submitted again) is said so.
    view["stale"] = !current;
    view["copy_version"] = copy.report_version;
  }
  return view;
}

}  // namespace llw::pages
