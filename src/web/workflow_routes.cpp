// The workflow endpoints: review (return, accept, reopen), lock-date extensions, stored versions
// and their difference, and the audit log with its CSV export. Access and rules are the
// Application's; this file reads the request and shapes the response.
#include "web/workflow_routes.h"

#include <string>

#include "app/api_json.h"
#include "app/audit_export.h"
#include "app/audit_trail.h"
#include "app/reports.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {
namespace {

std::optional<std::string> query_of(const HttpRequest& request, const std::string& name) {
  const auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

// A version number of the query or the path: 0 (the empty report) or more.
std::int64_t version_number(const std::optional<std::string>& text, const char* name) {
  const bool digits_only = text && !text->empty() && text->size() <= 18 &&
                           text->find_first_not_of("0123456789") == std::string::npos;
  if (!digits_only) {
    throw Error(ErrorKind::bad_input,
                std::string("Tham số \"") + name +
                    "\" phải là số phiên bản (số nguyên không âm, ví dụ ?from=1&to=3).",
                name);
  }
  return std::stoll(*text);
}

// A conflict of a report action, with what the client needs to reload and retry: the report's
// current version and state.
HttpResponse conflict_with_state(Reports& reports, const User& user, std::int64_t campaign_id,
                                 const std::string& unit_code, const Error& error) {
  return conflict_response(error, [&] {
    const UnitReport current = reports.get_report(user, campaign_id, unit_code);
    return std::pair{current.version, current.status};
  });
}

// "2025-10-12" → the first or the last second of that day in Vietnam.
Timestamp day_bound(const std::string& text, const char* name, bool end) {
  const auto date = parse_iso_date(text);
  if (!date) {
    throw Error(ErrorKind::bad_input,
                std::string("Tham số \"") + name + "\" phải là ngày dạng YYYY-MM-DD (ví dụ " +
                    "2025-10-12).",
                name);
  }
  const Timestamp last = end_of_day_in_vietnam(*date);
  return end ? last : last - 86399;
}

nlohmann::json audit_json(const AuditEntry& entry) {
  return {{"id", entry.id},           {"at", format_timestamp(entry.at)}, {"user", entry.username},
          {"address", entry.address}, {"action", entry.action},           {"target", entry.target},
          {"detail", entry.detail},   {"outcome", entry.outcome}};
}

}  // namespace

std::vector<ApiRoute> WorkflowRoutes::routes() {
  return {
      {"POST",
       {"campaigns", "{}", "reports", "{}", "return"},
       bind(&WorkflowRoutes::review_report)},
      {"POST",
       {"campaigns", "{}", "reports", "{}", "accept"},
       bind(&WorkflowRoutes::review_report)},
      {"POST",
       {"campaigns", "{}", "reports", "{}", "reopen"},
       bind(&WorkflowRoutes::review_report)},
      {"POST",
       {"campaigns", "{}", "reports", "{}", "extension"},
       bind(&WorkflowRoutes::grant_extension)},
      {"GET",
       {"campaigns", "{}", "reports", "{}", "versions", "{}"},
       bind(&WorkflowRoutes::get_report_version)},
      {"GET", {"campaigns", "{}", "reports", "{}", "diff"}, bind(&WorkflowRoutes::get_report_diff)},
      {"GET", {"audit"}, bind(&WorkflowRoutes::get_audit)},
  };
}

HttpResponse WorkflowRoutes::review_report(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const std::string& action = request.segments.back();
  const auto [version, comment] = parse_action_body(request.body, max_body_bytes_, action);
  const RequestContext context{request.client_address};
  try {
    return json_response(200, to_json(app_.reports().decide_report(user, campaign_id, params[1],
                                                                   report_event_named(action),
                                                                   comment, version, context)));
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::conflict) throw;
    return conflict_with_state(app_.reports(), user, campaign_id, params[1], error);
  }
}

HttpResponse WorkflowRoutes::grant_extension(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"until"});
  const std::string until_text = *string_member(body, "until", true);
  const auto until = parse_iso_date(until_text);
  if (!until) {
    throw Error(ErrorKind::bad_input,
                "Ngày gia hạn \"until\" phải có dạng YYYY-MM-DD (ví dụ 2025-11-15).", "until");
  }
  const ReportExtension extension = app_.reports().grant_extension(
      user, campaign_id, params[1], *until, RequestContext{request.client_address});
  return json_response(200,
                       {{"unit", params[1]},
                        {"until", format_iso_date(extension.until)},
                        {"until_end", format_timestamp(end_of_day_in_vietnam(extension.until))},
                        {"granted_at", format_timestamp(extension.granted_at)}});
}

HttpResponse WorkflowRoutes::get_report_version(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const std::int64_t number = version_number(params[2], "version");
  const auto [version, values] =
      app_.reports().report_version(user, campaign_id, params[1], number);
  return json_response(200, {{"unit", params[1]},
                             {"version", version.version},
                             {"status", std::string(to_string(version.status))},
                             {"action", version.action},
                             {"at", format_timestamp(version.at)},
                             {"by", version.by_name.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(version.by_name)},
                             {"comment", version.comment},
                             {"values", values}});
}

HttpResponse WorkflowRoutes::get_report_diff(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const std::int64_t from = version_number(query_of(request, "from"), "from");
  const std::int64_t to = version_number(query_of(request, "to"), "to");
  nlohmann::json changes = nlohmann::json::array();
  for (const ItemChange& change :
       app_.reports().report_diff(user, campaign_id, params[1], from, to)) {
    changes.push_back({{"key", change.key},
                       {"label", change.label},
                       {"before", change.before},
                       {"after", change.after}});
  }
  return json_response(
      200, {{"unit", params[1]}, {"from", from}, {"to", to}, {"changes", std::move(changes)}});
}

HttpResponse WorkflowRoutes::get_audit(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  AuditQuery query;
  query.username = query_of(request, "user").value_or("");
  query.action = query_of(request, "action").value_or("");
  if (const auto from = query_of(request, "from"); from && !from->empty()) {
    query.from = day_bound(*from, "from", false);
  }
  if (const auto to = query_of(request, "to"); to && !to->empty()) {
    query.to = day_bound(*to, "to", true);
  }
  query.limit = integer_parameter(query_of(request, "limit"), "limit", 1, 10000, 200);
  query.offset = integer_parameter(query_of(request, "offset"), "offset", 0, 100000000, 0);
  const std::string format = query_of(request, "format").value_or("json");
  if (format != "json" && format != "csv") {
    throw Error(ErrorKind::bad_input, "Tham số \"format\" chỉ nhận \"json\" hoặc \"csv\".",
                "format");
  }
  const auto entries = app_.audit().audit_log(user, query_of(request, "unit").value_or(""), query);

  if (format == "csv") {
    std::string csv = audit_csv(entries);
    HttpResponse response;
    response.status = 200;
    response.content_type = "text/csv; charset=utf-8";
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"nhat-ky-hoat-dong.csv\"");
    response.body = std::move(csv);
    return response;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const AuditEntry& entry : entries) list.push_back(audit_json(entry));
  return json_response(200, {{"entries", std::move(list)}});
}

}  // namespace llw
