// The reporting-up panel of the consolidated report page and its form: the node's coordinator
// sends the consolidated report to the level above (after ticking a confirmation box, so it
// works without JavaScript); the level above returns it with a comment, accepts it, or reopens
// it with a reason. Every action is a POST with the CSRF token, then a redirect.

#include "web/pages/reporting_up_pages.h"

#include "app/reporting_up.h"
#include "app/units.h"
#include "domain/access.h"
#include "domain/error.h"
#include "web/pages/consolidated_pages.h"
#include "web/pages/reporting_up_view.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

nlohmann::json reporting_up_section(ReportingUp& reporting_up, PageContext& context,
                                    const Campaign& campaign, const OrgUnit& node,
                                    const pages::ReportingUpEcho& echo) {
  const User& user = context.user;
  ConsolidatedReport report;
  try {
    report = reporting_up.consolidated_report(user, campaign.id, node.code);
  } catch (const Error& error) {
    // A node without reporting units below it has nothing to send up.
    if (error.kind() == ErrorKind::not_found) return false;
    throw;
  }
  const std::string base = "/dot/" + std::to_string(campaign.id) + "/tong-hop/";
  pages::ReportingUpInput input;
  input.node = &node;
  input.report = &report;
  input.children = reporting_up.consolidated_children(user, campaign.id, node.code);
  input.may_submit = is_allowed(user, Action::submit_consolidated, node);
  input.may_review = is_allowed(user, Action::review_report, node);
  input.has_parent = node.parent_id.has_value();
  input.action = base + pages::url_encode(node.code) + "/len";
  input.child_base = base;
  if (const auto flag = context.request.query.find("len"); flag != context.request.query.end()) {
    input.notice = pages::reporting_up_notice(flag->second);
  }
  input.echo = echo;
  return pages::reporting_up_view(input);
}

HttpResponse ReportingUpPages::reporting_up_post(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const User& user = context.user;
  const OrgUnit node = app_.units().get_unit(user, params[1]);
  const std::string& action = context.form.value("action");
  std::optional<std::int64_t> version;
  try {
    version = std::stoll(context.form.value("version"));
  } catch (const std::exception&) {
    throw Error(ErrorKind::bad_input, "Biểu mẫu thiếu số phiên bản. Hãy tải lại trang.", "version");
  }
  const RequestContext request_context{context.request.client_address};
  pages::ReportingUpEcho echo;
  echo.action = action;
  echo.text = action == "reopen" ? context.form.value("reason") : context.form.value("comment");
  std::string flash;
  try {
    const ReportEvent event = report_event_named(action);
    if (event == ReportEvent::submit) {
      // Checked before anything else is said about the request: a reporter is refused, not told
      // to tick the box.
      require_allowed(user, Action::submit_consolidated, node);
      if (context.form.value("confirm") != "1") {
        throw Error(ErrorKind::validation_failed,
                    "Hãy đánh dấu ô xác nhận đã kiểm tra số liệu rồi bấm \"Gửi báo cáo lên cấp "
                    "trên\".",
                    "confirm");
      }
    }
    app_.reporting_up().decide_consolidated(user, campaign_id, node.code, event, echo.text, version,
                                            request_context);
    flash = pages::decision_flash(event);
  } catch (const Error& error) {
    const bool shown_on_page = error.kind() == ErrorKind::validation_failed ||
                               error.kind() == ErrorKind::conflict ||
                               (error.kind() == ErrorKind::bad_input && error.field() != "action");
    if (!shown_on_page) throw;
    echo.message = error.message();
    return consolidated_.consolidated_page(context, params,
                                           error.kind() == ErrorKind::conflict ? 409 : 422, echo);
  }
  return redirect("/dot/" + std::to_string(campaign_id) + "/tong-hop/" +
                  pages::url_encode(node.code) + "?len=" + flash + "#reporting-up");
}

std::vector<PageRoute> ReportingUpPages::routes() {
  return {
      {"POST", {"dot", "{}", "tong-hop", "{}", "len"}, bind(&ReportingUpPages::reporting_up_post)},
  };
}

}  // namespace llw
