// GET/PUT /api/v1/campaigns/{id}/reports/{unit} and POST …/submit: a unit's report, its draft and
// its submission. Access and rules are the Application's; this file reads the request and shapes
// the response.
#include "web/report_routes.h"

#include <optional>
#include <string>

#include "app/api_json.h"
#include "app/reports.h"
#include "domain/error.h"
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
  };
}

HttpResponse ReportRoutes::get_report(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const UnitReport report = app_.reports().get_report(user, campaign_id, params[1]);
  return json_response(
      200, to_json(report, app_.reports().report_history(user, campaign_id, params[1])));
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

}  // namespace llw
