#include "web/pages/reporting_up_view.h"

#include "domain/workflow.h"
#include "web/pages/page_support.h"
#include "web/pages/view_format.h"

namespace llw::pages {

using json = nlohmann::json;

json reporting_up_view(const ReportingUpInput& input) {
  const ConsolidatedReport& report = *input.report;
  const ReportStatus status = report.status;
  const bool can_submit =
      input.may_submit && input.has_parent && next_status(status, ReportEvent::submit).has_value();
  const bool submitted = status == ReportStatus::submitted;
  json view = {{"status_label", std::string(vietnamese_status(status))},
               {"status", std::string(to_string(status))},
               {"version", std::to_string(report.version)},
               {"late", report.late},
               {"has_submitted_at", report.submitted_at.has_value()},
               {"submitted_at", report.submitted_at ? format_date_time(*report.submitted_at) : ""},
               {"has_comment", !report.comment.empty() && status == ReportStatus::returned},
               {"comment", report.comment},
               {"can_submit", can_submit},
               {"can_accept", input.may_review && submitted},
               {"can_return", input.may_review && submitted},
               {"can_reopen", input.may_review && status == ReportStatus::accepted},
               {"action", input.action},
               {"has_notice", !input.notice.empty()},
               {"notice", input.notice},
               {"has_error", !input.echo.message.empty()},
               {"error", input.echo.message},
               {"comment_value", input.echo.action == "return" ? input.echo.text : ""},
               {"reason_value", input.echo.action == "reopen" ? input.echo.text : ""}};
  if (report.snapshot) {
    const Contribution& slots = report.snapshot->slots;
    const auto slot = [&](const char* name) {
      const auto it = slots.find(name);
      return it == slots.end() ? 0.0 : it->second;
    };
    view["has_snapshot"] = true;
    view["snapshot_submitted"] = format_count(slot("submitted"));
    view["snapshot_expected"] = format_count(slot("expected"));
    view["snapshot_participation"] =
        format_percent(slot("participation.participants"), slot("participation.population"));
  }
  json children = json::array();
  static const std::vector<ChildFigures> none;
  for (const ChildFigures& child : input.children ? *input.children : none) {
    children.push_back(
        {{"name", child.unit.name},
         {"href", input.child_base + url_encode(child.unit.code)},
         {"status_label", std::string(vietnamese_status(child.consolidated_status))},
         {"status", std::string(to_string(child.consolidated_status))},
         {"late", child.late},
         {"submitted_at", child.submitted_at ? format_date_time(*child.submitted_at) : ""}});
  }
  view["has_children"] = !children.empty();
  view["children"] = std::move(children);
  return view;
}

std::string reporting_up_notice(const std::string& flag) {
  if (flag == "da-gui") return "Đã gửi báo cáo tổng hợp lên cấp trên.";
  if (flag == "da-tra-lai") return "Đã trả lại báo cáo tổng hợp kèm nhận xét.";
  if (flag == "da-chap-nhan") return "Đã chấp nhận báo cáo tổng hợp.";
  if (flag == "da-mo-lai") return "Đã mở lại báo cáo tổng hợp kèm lý do.";
  return "";
}

}  // namespace llw::pages
