// GET/PUT /api/v1/campaigns/{id}/reports/{unit} and POST …/submit: a unit's report, its draft and
// its submission; GET …/report-entry/{unit}/template.xlsx and POST …/report-entry/{unit}: the
// reports of a subtree entered by a coordinator from a spreadsheet. Access and rules are the
// Application's; this file reads the request and shapes the response.
#include "web/report_routes.h"

#include <optional>
#include <string>

#include "app/api_json.h"
#include "app/evidence.h"
#include "app/reports.h"
#include "domain/error.h"
#include "web/document_routes.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

namespace {

// Adds the report's current version and state to a conflict, so a client can reload and retry.
nlohmann::json current_version_of(Reports& reports, const User& user, std::int64_t campaign_id,
                                  const std::string& unit_code) {
  try {
    const UnitReport current = reports.get_report(user, campaign_id, unit_code);
    return {{"current_version", current.version},
            {"current_status", std::string(to_string(current.status))}};
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

std::vector<ApiRoute> ReportRoutes::routes() {
  return {
      {"GET", {"campaigns", "{}", "reports", "{}"}, bind(&ReportRoutes::get_report)},
      {"PUT", {"campaigns", "{}", "reports", "{}"}, bind(&ReportRoutes::save_report)},
      {"POST", {"campaigns", "{}", "reports", "{}", "submit"}, bind(&ReportRoutes::submit_report)},
      {"GET",
       {"campaigns", "{}", "report-entry", "{}", "template.xlsx"},
       bind(&ReportRoutes::entry_template)},
      // The body is the filled XLSX itself.
      {"POST",
       {"campaigns", "{}", "report-entry", "{}"},
       bind(&ReportRoutes::enter_reports),
       false},
  };
}

HttpResponse ReportRoutes::get_report(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const UnitReport report = app_.reports().get_report(user, campaign_id, params[1]);
  return json_response(200,
                       to_json(report, app_.reports().report_history(user, campaign_id, params[1]),
                               app_.evidence().history(user, campaign_id, params[1])));
}

HttpResponse ReportRoutes::save_report(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"version", "values"});
  const std::int64_t version = *count_member(body, "version", true);
  const auto values = body.find("values");
  if (values == body.end()) {
    throw Error(ErrorKind::bad_input, "Thiếu trường \"values\" (các giá trị của báo cáo).",
                "values");
  }
  require_object(*values, "values");
  try {
    return json_response(
        200, to_json(app_.reports().save_draft(user, campaign_id, params[1], version, *values,
                                               RequestContext{request.client_address})));
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::conflict) throw;
    return error_response(error, current_version_of(app_.reports(), user, campaign_id, params[1]));
  }
}

HttpResponse ReportRoutes::submit_report(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  std::optional<std::int64_t> version;
  if (const auto body = parse_optional_json_body(request.body, max_body_bytes_)) {
    require_object(*body, "Nội dung yêu cầu");
    reject_unknown_members(*body, {"version"});
    version = count_member(*body, "version", false);
  }
  try {
    return json_response(200,
                         to_json(app_.reports().submit(user, campaign_id, params[1], version,
                                                       RequestContext{request.client_address})));
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::conflict) throw;
    return error_response(error, current_version_of(app_.reports(), user, campaign_id, params[1]));
  }
}

HttpResponse ReportRoutes::entry_template(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return file_response(app_.reports().entry_template(user, campaign_id_from(params[0]), params[1]));
}

HttpResponse ReportRoutes::enter_reports(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  check_body_size(request.body.size(), max_body_bytes_);
  const ReportEntryResult result = app_.reports().enter_reports(
      user, campaign_id, params[1], request.body, RequestContext{request.client_address});
  nlohmann::json errors = nlohmann::json::array();
  for (const EntryProblem& problem : result.problems) {
    errors.push_back({{"sheet", problem.sheet},
                      {"row", problem.row},
                      {"column", problem.column},
                      {"column_label", problem.column_label},
                      {"place", entry_problem_place(problem)},
                      {"message", problem.message}});
  }
  if (!result.problems.empty()) {
    // Nothing was written: every problem, so the file can be fixed and sent again.
    return json_response(422, {{"error",
                                {{"code", error_code(ErrorKind::validation_failed)},
                                 {"message", entry_refusal_message(result.problems)},
                                 {"field", "body"},
                                 {"fields", nlohmann::json::object()}}},
                               {"entered", 0},
                               {"unchanged", 0},
                               {"errors", std::move(errors)}});
  }
  return json_response(
      200, {{"entered", result.entered}, {"unchanged", result.unchanged}, {"errors", errors}});
}

}  // namespace llw
