// The review workflow in the browser: return, accept, reopen and extensions posted from a unit's
// report page (Post/Redirect/Get with a flash message; a refused form is shown again with its
// message), the unit report's DOCX/PDF downloads, the report's history with the difference
// between two versions, the audit log with filters, paging and CSV, and the notifications of a
// coordinator. Access and rules are the Application's, as for the API.

#include "web/pages/workflow_pages.h"

#include <limits>

#include "app/audit_export.h"
#include "app/audit_trail.h"
#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/evidence.h"
#include "app/level_plans.h"
#include "app/notifications.h"
#include "app/reports.h"
#include "app/sign_in.h"
#include "app/units.h"
#include "domain/access.h"
#include "domain/error.h"
#include "web/pages/report_form_view.h"
#include "web/pages/report_review_view.h"
#include "web/pages/settings_view.h"
#include "web/pages/view_format.h"
#include "web/pages/workflow_view.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);

namespace {

// A non-negative integer of a form or a query; nullopt when absent or not one.
std::optional<std::int64_t> whole_number(const std::string& text) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text);
}

std::string query_value(const HttpRequest& request, const std::string& name) {
  return pages::query_value(request.query, name);
}

// The audit page's filters from the query, and the store query they make. A date that is not a
// real dd/mm/yyyy day is Error{validation_failed} naming the filter.
struct AuditRequest {
  pages::AuditFilters filters;
  AuditQuery query;
};

AuditRequest audit_request(const HttpRequest& request, int page_size) {
  AuditRequest result;
  pages::AuditFilters& filters = result.filters;
  filters.unit = query_value(request, "don-vi");
  filters.user = query_value(request, "nguoi-dung");
  filters.from = query_value(request, "tu-ngay");
  filters.to = query_value(request, "den-ngay");
  filters.action = query_value(request, "hanh-dong");
  filters.page = static_cast<int>(pages::parse_page_number(query_value(request, "trang")));

  AuditQuery& query = result.query;
  query.username = filters.user;
  query.action = filters.action;
  const auto day = [&](const std::string& text, const char* name, bool end) {
    const auto date = pages::parse_vietnamese_date(text);
    if (!date) {
      throw Error(ErrorKind::validation_failed,
                  std::string("Ngày \"") + (end ? "đến" : "từ") +
                      "\" không hợp lệ; hãy nhập một ngày có thật dạng dd/mm/yyyy, ví dụ "
                      "12/10/2025.",
                  name);
    }
    const Timestamp last = end_of_day_in_vietnam(*date);
    return end ? last : last - 86399;
  };
  if (!filters.from.empty()) query.from = day(filters.from, "from", false);
  if (!filters.to.empty()) query.to = day(filters.to, "to", true);
  query.offset = (filters.page - 1) * page_size;
  query.limit = page_size + 1;  // one more tells whether there is a next page
  return result;
}

}  // namespace

HttpResponse WorkflowPages::review_post(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const User& user = context.user;
  const std::string& unit_code = params[1];
  const OrgUnit unit = app_.units().get_unit(user, unit_code);
  // Only the level above reviews: a reporter or viewer is refused before anything is read.
  require_allowed(user, Action::review_report, unit);
  const std::string base =
      "/dot/" + std::to_string(campaign_id) + "/bao-cao/" + pages::url_encode(unit.code);
  const RequestContext request_context{context.request.client_address};
  const std::string& action = context.form.value("action");
  const std::optional<std::int64_t> version = whole_number(context.form.value("version"));
  pages::ReviewEcho echo;
  echo.action = action;
  echo.comment = action == "reopen" ? context.form.value("reason") : context.form.value("comment");
  echo.until = context.form.value("until");

  std::string flash;
  try {
    if (action != "extend") {
      const ReportEvent event = report_event_named(action);
      app_.reports().decide_report(user, campaign_id, unit.code, event, echo.comment, version,
                                   request_context);
      flash = pages::decision_flash(event);
    } else {
      const auto until = pages::parse_vietnamese_date(echo.until);
      if (!until) {
        throw Error(ErrorKind::validation_failed,
                    "Ngày gia hạn không hợp lệ; hãy nhập một ngày có thật dạng dd/mm/yyyy, ví dụ "
                    "15/11/2025.",
                    "until");
      }
      app_.reports().grant_extension(user, campaign_id, unit.code, *until, request_context);
      flash = "da-gia-han";
    }
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::validation_failed && error.kind() != ErrorKind::bad_input) {
      throw;
    }
    if (error.field() == "action") throw;
    echo.message = error.message();
    return report_.report_page(context, campaign_id, unit.code, 422, echo);
  }
  return redirect(base + "?" + flash + "=1");
}

HttpResponse review_page(PageFrame& frame, LevelPlans& plans, PageContext& context, int status,
                         const pages::ReportFormInput& input, const nlohmann::json& form_view) {
  const OrgUnit& unit = *input.unit;
  // The dates the unit works under (its commune's plan's), as on the form.
  Campaign dated = *input.campaign;
  const EffectiveDates dates = plans.effective_dates(dated, unit);
  dated.deadline = dates.deadline;
  dated.lock_date = dates.lock_date;

  pages::ReviewPageInput review;
  review.campaign = &dated;
  review.unit = &unit;
  review.report = input.report;
  review.workflow = form_view.value("workflow", nlohmann::json::object());
  review.plan_above = form_view.value("plan_above", nlohmann::json());
  review.plans = form_view.value("plans", nlohmann::json::array());
  review.notice = input.notice;
  review.evidence = form_view.value("evidence", nlohmann::json());
  review.signed_copy = form_view.value("signed_copy", nlohmann::json());
  return frame.page(context, status, "report_review", pages::report_review_view(review));
}

HttpResponse WorkflowPages::report_export(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const auto format = document_format_from_string(params[2]);
  if (!format || (*format != DocumentFormat::docx && *format != DocumentFormat::pdf)) {
    throw Error(ErrorKind::not_found, "Không có tệp xuất này. Hãy chọn một nút trên trang.",
                "path");
  }
  HttpResponse response =
      download(app_.documents().report_document(context.user, campaign_id, params[1], *format));
  // "In báo cáo" opens the PDF in the browser's viewer, to be printed as the official document.
  if (*format == DocumentFormat::pdf && context.request.query.count("in")) {
    for (auto& [name, value] : response.headers) {
      if (name == "Content-Disposition") value.replace(0, value.find(';'), "inline");
    }
  }
  return response;
}

HttpResponse WorkflowPages::report_history(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const User& user = context.user;
  const Campaign campaign = app_.campaigns().get_campaign(user, campaign_id);
  const OrgUnit unit = app_.units().get_unit(user, params[1]);

  pages::HistoryInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.base = "/dot/" + std::to_string(campaign_id) + "/bao-cao/" + pages::url_encode(unit.code);
  input.versions = app_.reports().report_history(user, campaign_id, unit.code, 200);
  input.evidence = app_.evidence().history(user, campaign_id, unit.code);

  input.every_save = context.request.query.count("moi-lan-luu") > 0;
  const std::string from_text = query_value(context.request, "tu");
  const std::string to_text = query_value(context.request, "den");
  if (!from_text.empty() || !to_text.empty()) {
    const auto from = whole_number(from_text);
    const auto to = whole_number(to_text);
    if (!from || !to) {
      throw Error(ErrorKind::bad_input,
                  "Hãy chọn hai phiên bản để so sánh (số phiên bản trong bảng lịch sử).", "tu");
    }
    input.from = *from;
    input.to = *to;
    input.compared = true;
    input.chosen = true;
  } else if (const auto comparison = pages::default_comparison(input.versions)) {
    input.from = comparison->from;
    input.to = comparison->to;
    input.compared = true;
  }
  if (input.compared) {
    input.changes = app_.reports().report_diff(user, campaign_id, unit.code, input.from, input.to);
  }
  return page(context, 200, "report_history", pages::history_view(input));
}

HttpResponse WorkflowPages::audit_log(Context& context, const Params&) {
  constexpr int kPageSize = 50;
  pages::AuditPageInput input;
  input.page_size = kPageSize;
  AuditRequest request;
  try {
    request = audit_request(context.request, kPageSize);
  } catch (const Error& error) {
    // Show the page with the filters as typed and the message; nothing is read.
    request.filters.unit = query_value(context.request, "don-vi");
    request.filters.user = query_value(context.request, "nguoi-dung");
    request.filters.from = query_value(context.request, "tu-ngay");
    request.filters.to = query_value(context.request, "den-ngay");
    request.filters.action = query_value(context.request, "hanh-dong");
    input.filters = request.filters;
    input.error = error.message();
    // Access first: a reporter learns nothing from a bad date either.
    AuditQuery probe;
    probe.limit = 1;
    app_.audit().audit_log(context.user, "", probe);
    return page(context, 422, "audit", pages::audit_view(input));
  }
  input.filters = request.filters;
  // The body depends on the log's newest entry, the reader's scope and the filters alone (the
  // access check runs first, on every request): the same page asked again is not read again.
  const std::int64_t version = app_.audit().audit_log_version(context.user, request.filters.unit);
  const pages::AuditFilters& f = request.filters;
  std::string key = "nhat-ky/" + std::string(to_string(context.user.role)) + "/" +
                    context.user.unit_path + "?" + std::to_string(f.page);
  for (const std::string* value : {&f.unit, &f.user, &f.from, &f.to, &f.action}) {
    key += "&" + pages::url_encode(*value);  // encoded: no typed "&" can fake another filter
  }
  return cached_page(context, key, version, "audit", [&] {
    input.entries = app_.audit().audit_log(context.user, request.filters.unit, request.query);
    if (static_cast<int>(input.entries.size()) > kPageSize) input.entries.resize(kPageSize);
    // "Trang 3/12": the count reads one index range (storage's count_audit), up to 10,001
    // entries: beyond 10,000 the page says "hơn 10.000" and pages up to the 200th.
    AuditQuery counted = request.query;
    counted.offset = 0;
    counted.limit = pages::kAuditCountLimit + 1;
    input.total = app_.audit().audit_log_count(context.user, request.filters.unit, counted);
    return pages::audit_view(input);
  });
}

HttpResponse WorkflowPages::audit_csv(Context& context, const Params&) {
  AuditRequest request = audit_request(context.request, 0);
  request.query.offset = 0;
  request.query.limit = 10000;
  const auto entries = app_.audit().audit_log(context.user, request.filters.unit, request.query);
  return download(
      {llw::audit_csv(entries), "text/csv; charset=utf-8", "nhat-ky-hoat-dong.csv", nullptr});
}

HttpResponse WorkflowPages::notifications(Context& context, const Params&) {
  const std::string notice =
      context.request.query.count("da-doc") ? "Đã đánh dấu mọi thông báo là đã đọc." : "";
  // After a sign-in that had failed attempts before it (sign_in_pages.cpp), `tiep` is where the
  // user was going.
  const auto next = context.request.query.find("tiep");
  return page(context, 200, "notifications",
              pages::notifications_view(
                  app_.notices().notifications(context.user, 200), notice,
                  app_.sign_in().failed_sign_ins_before_this_session(context.user),
                  next == context.request.query.end() ? "" : pages::safe_next(next->second)));
}

HttpResponse WorkflowPages::notifications_post(Context& context, const Params&) {
  const auto newest = whole_number(context.form.value("newest"));
  if (!newest) {
    throw Error(ErrorKind::bad_input, "Biểu mẫu thiếu thông báo mới nhất. Hãy tải lại trang.",
                "newest");
  }
  app_.notices().mark_notifications_read(context.user, *newest);
  return redirect("/thong-bao?da-doc=1");
}

std::vector<PageRoute> WorkflowPages::routes() {
  return {
      {"POST", {"dot", "{}", "bao-cao", "{}", "duyet"}, bind(&WorkflowPages::review_post)},
      {"GET", {"dot", "{}", "bao-cao", "{}", "xuat", "{}"}, bind(&WorkflowPages::report_export)},
      {"GET", {"dot", "{}", "bao-cao", "{}", "lich-su"}, bind(&WorkflowPages::report_history)},
      {"GET", {"nhat-ky"}, bind(&WorkflowPages::audit_log)},
      {"GET", {"nhat-ky", "xuat.csv"}, bind(&WorkflowPages::audit_csv)},
      {"GET", {"thong-bao"}, bind(&WorkflowPages::notifications)},
      {"POST", {"thong-bao"}, bind(&WorkflowPages::notifications_post)},
  };
}

}  // namespace llw
