#include "web/api_routes.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <optional>

#include "app/accounts.h"
#include "app/api_json.h"
#include "app/campaigns.h"
#include "app/reports.h"
#include "app/sign_in.h"
#include "app/summaries.h"
#include "app/units.h"
#include "domain/error.h"
#include "domain/text.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

namespace {

constexpr const char* kNotBuiltMessage = "Chức năng này đang được xây dựng.";

std::optional<std::string> query_value(const HttpRequest& request, const std::string& name) {
  const auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

// "Text/CSV; charset=utf-8" → "text/csv".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  const auto first = type.find_first_not_of(" \t");
  const auto last = type.find_last_not_of(" \t");
  type = first == std::string::npos ? std::string{} : type.substr(first, last - first + 1);
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

// The token of "Authorization: Bearer <token>" (scheme case-insensitive); throws
// unauthenticated when the header is missing or uses another scheme.
std::string bearer_token(const HttpRequest& request) {
  const std::string& header = request.authorization;
  constexpr std::string_view scheme = "bearer ";
  const bool is_bearer =
      header.size() > scheme.size() &&
      std::equal(scheme.begin(), scheme.end(), header.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
  if (!is_bearer) {
    throw Error(ErrorKind::unauthenticated,
                "Bạn cần đăng nhập. Hãy gửi mã truy cập trong tiêu đề "
                "\"Authorization: Bearer <mã>\" (lấy từ POST /api/v1/auth/token).",
                "authorization");
  }
  std::string token = header.substr(scheme.size());
  token.erase(0, token.find_first_not_of(' '));
  token.erase(token.find_last_not_of(' ') + 1);
  return token;
}

HttpResponse not_found_response() {
  return error_response(Error(ErrorKind::not_found,
                              "Không tìm thấy địa chỉ này trong API. Hãy kiểm tra đường dẫn "
                              "(xem docs/api.md).",
                              "path"));
}

HttpResponse method_not_allowed_response(const std::vector<std::string>& allowed) {
  std::string allow;
  for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
  HttpResponse response = json_response(
      405,
      {{"error",
        {{"code", "method_not_allowed"},
         {"message", "Phương thức này không được hỗ trợ ở địa chỉ này. Hãy dùng: " + allow + "."},
         {"field", "method"}}}});
  response.headers.emplace_back("Allow", allow);
  return response;
}

// Adds the report's current version and state to a conflict, so a client can reload and retry.
nlohmann::json current_version_of(Application& app, const User& user, std::int64_t campaign_id,
                                  const std::string& unit_code) {
  try {
    const UnitReport current = app.reports().get_report(user, campaign_id, unit_code);
    return {{"current_version", current.version},
            {"current_status", std::string(to_string(current.status))}};
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

namespace {

// "application/json", any case, with or without parameters ("; charset=utf-8").
bool is_json_content_type(std::string_view content_type) {
  constexpr std::string_view json = "application/json";
  if (content_type.size() < json.size()) return false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(content_type[i])) != json[i]) return false;
  }
  const std::string_view rest = content_type.substr(json.size());
  return rest.empty() || rest.front() == ';' || rest.front() == ' ';
}

}  // namespace

ApiRoutes::ApiRoutes(Application& app, std::size_t max_body_bytes)
    : app_(app), max_body_bytes_(max_body_bytes) {
  routes_ = {
      {"POST", {"auth", "token"}, &ApiRoutes::create_token},
      {"DELETE", {"auth", "token"}, &ApiRoutes::delete_token},
      {"GET", {"health"}, &ApiRoutes::get_health},
      {"GET", {"me"}, &ApiRoutes::get_me},
      {"POST", {"me", "password"}, &ApiRoutes::change_own_password},
      {"GET", {"users"}, &ApiRoutes::list_users},
      {"POST", {"users"}, &ApiRoutes::create_user},
      {"GET", {"users", "{}"}, &ApiRoutes::get_user},
      {"PATCH", {"users", "{}"}, &ApiRoutes::patch_user},
      {"POST", {"users", "{}", "password"}, &ApiRoutes::reset_user_password},
      {"GET", {"units"}, &ApiRoutes::list_units},
      {"POST", {"units"}, &ApiRoutes::create_unit},
      {"POST", {"units", "import"}, &ApiRoutes::import_units},
      {"GET", {"units", "{}"}, &ApiRoutes::get_unit},
      {"PATCH", {"units", "{}"}, &ApiRoutes::patch_unit},
      {"GET", {"units", "{}", "accounts"}, &ApiRoutes::list_unit_accounts},
      {"POST", {"units", "{}", "accounts"}, &ApiRoutes::issue_unit_accounts},
      {"POST", {"units", "{}", "accounts", "slips.pdf"}, &ApiRoutes::issue_unit_accounts},
      {"GET", {"campaigns"}, &ApiRoutes::list_campaigns},
      {"POST", {"campaigns"}, &ApiRoutes::create_campaign},
      {"GET", {"campaigns", "{}"}, &ApiRoutes::get_campaign},
      {"GET", {"campaigns", "{}", "reports", "{}"}, &ApiRoutes::get_report},
      {"PUT", {"campaigns", "{}", "reports", "{}"}, &ApiRoutes::save_report},
      {"POST", {"campaigns", "{}", "reports", "{}", "submit"}, &ApiRoutes::submit_report},
      {"GET", {"campaigns", "{}", "summary", "{}"}, &ApiRoutes::get_summary},
      // The workflow (workflow_routes.cpp).
      {"POST", {"campaigns", "{}", "reports", "{}", "return"}, &ApiRoutes::review_report},
      {"POST", {"campaigns", "{}", "reports", "{}", "accept"}, &ApiRoutes::review_report},
      {"POST", {"campaigns", "{}", "reports", "{}", "reopen"}, &ApiRoutes::review_report},
      {"POST", {"campaigns", "{}", "reports", "{}", "extension"}, &ApiRoutes::grant_extension},
      {"GET",
       {"campaigns", "{}", "reports", "{}", "versions", "{}"},
       &ApiRoutes::get_report_version},
      {"GET", {"campaigns", "{}", "reports", "{}", "diff"}, &ApiRoutes::get_report_diff},
      {"GET", {"audit"}, &ApiRoutes::get_audit},
      // Reporting up (reporting_up_routes.cpp).
      {"PATCH", {"campaigns", "{}"}, &ApiRoutes::patch_campaign},
      {"GET", {"campaigns", "{}", "consolidated", "{}"}, &ApiRoutes::get_consolidated},
      {"POST",
       {"campaigns", "{}", "consolidated", "{}", "submit"},
       &ApiRoutes::act_on_consolidated},
      {"POST",
       {"campaigns", "{}", "consolidated", "{}", "return"},
       &ApiRoutes::act_on_consolidated},
      {"POST",
       {"campaigns", "{}", "consolidated", "{}", "accept"},
       &ApiRoutes::act_on_consolidated},
      {"POST",
       {"campaigns", "{}", "consolidated", "{}", "reopen"},
       &ApiRoutes::act_on_consolidated},
      {"GET",
       {"campaigns", "{}", "consolidated", "{}", "versions", "{}"},
       &ApiRoutes::get_consolidated_version},
      {"PUT", {"campaigns", "{}", "plan"}, &ApiRoutes::put_campaign_plan},
      {"GET", {"campaigns", "{}", "plans", "{}"}, &ApiRoutes::get_level_plan},
      {"PUT", {"campaigns", "{}", "plans", "{}"}, &ApiRoutes::put_level_plan},
      {"POST", {"campaigns", "{}", "plans", "{}", "issue"}, &ApiRoutes::issue_level_plan},
      {"GET",
       {"campaigns", "{}", "plans", "{}", "{}", "plan.docx"},
       &ApiRoutes::get_level_plan_document},
      {"GET",
       {"campaigns", "{}", "plans", "{}", "{}", "plan.pdf"},
       &ApiRoutes::get_level_plan_document},
      {"GET", {"campaigns", "{}", "plan.docx"}, &ApiRoutes::get_plan_document},
      {"GET", {"campaigns", "{}", "plan.pdf"}, &ApiRoutes::get_plan_document},
      {"GET", {"campaigns", "{}", "reports", "{}", "report.docx"}, &ApiRoutes::get_report_document},
      {"GET", {"campaigns", "{}", "reports", "{}", "report.pdf"}, &ApiRoutes::get_report_document},
      {"GET",
       {"campaigns", "{}", "summary", "{}", "report.docx"},
       &ApiRoutes::get_summary_document},
      {"GET", {"campaigns", "{}", "summary", "{}", "report.pdf"}, &ApiRoutes::get_summary_document},
      {"GET", {"campaigns", "{}", "summary", "{}", "data.xlsx"}, &ApiRoutes::get_summary_data},
      {"GET", {"campaigns", "{}", "summary", "{}", "data.csv"}, &ApiRoutes::get_summary_data},
  };
}

HttpResponse ApiRoutes::handle(const HttpRequest& request) {
  try {
    return dispatch(request);
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::internal) {
      std::cerr << "llw: " << request.method << " request failed: " << error.what() << '\n';
    }
    return error_response(error);
  } catch (const std::exception& e) {
    std::cerr << "llw: " << request.method << " request failed: " << e.what() << '\n';
    if (auto error = app_.as_error(e)) return error_response(*error);
    return internal_error_response();
  } catch (...) {
    std::cerr << "llw: " << request.method << " request failed with an unknown exception\n";
    return internal_error_response();
  }
}

HttpResponse ApiRoutes::dispatch(const HttpRequest& request) {
  const auto& segments = request.segments;
  if (segments.size() < 2 || segments[0] != "api" || segments[1] != "v1") {
    return not_found_response();
  }
  for (const auto& segment : segments) {
    if (!is_valid_utf8(segment)) {
      throw Error(ErrorKind::bad_input, "Đường dẫn không phải UTF-8 hợp lệ.", "path");
    }
  }
  for (const auto& [name, value] : request.query) {
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
      throw Error(ErrorKind::bad_input, "Tham số truy vấn không phải UTF-8 hợp lệ.", name);
    }
  }

  std::vector<std::string> allowed;
  for (const auto& route : routes_) {
    if (route.pattern.size() + 2 != segments.size()) continue;
    Params params;
    bool matches = true;
    for (std::size_t i = 0; i < route.pattern.size() && matches; ++i) {
      const auto& segment = segments[i + 2];
      if (route.pattern[i] == "{}") {
        matches = !segment.empty();
        params.push_back(segment);
      } else {
        matches = route.pattern[i] == segment;
      }
    }
    if (!matches) continue;
    if (request.method == route.method) {
      // Every body is JSON except a unit import's (CSV or XLSX, its own content types).
      const bool import = route.handler == &ApiRoutes::import_units;
      if (!request.body.empty() && !import && !is_json_content_type(request.content_type) &&
          signed_in(request)) {
        // After the sign-in check (an anonymous request learns only that it needs a token).
        return protocol_error_response(
            415, "Nội dung gửi lên phải là JSON (Content-Type: application/json).", "content_type");
      }
      return (this->*route.handler)(request, params);
    }
    if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
      allowed.emplace_back(route.method);
    }
  }
  if (!allowed.empty()) return method_not_allowed_response(allowed);
  return not_found_response();
}

bool ApiRoutes::signed_in(const HttpRequest& request) {
  try {
    app_.sign_in().authenticate(bearer_token(request));
    return true;
  } catch (const Error&) {
    return false;
  }
}

User ApiRoutes::authenticate(const HttpRequest& request) {
  User user = app_.sign_in().authenticate(bearer_token(request));
  if (user.must_change_password) {
    throw Error(ErrorKind::forbidden,
                "Tài khoản này đang dùng mật khẩu do người khác đặt (mật khẩu dùng một lần). Hãy "
                "đặt mật khẩu riêng trước: POST /api/v1/me/password với current_password và "
                "new_password, hoặc đăng nhập trang web.",
                "password");
  }
  return user;
}

// --- Authentication -------------------------------------------------------------------------

HttpResponse ApiRoutes::create_token(const HttpRequest& request, const Params&) {
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"username", "password"});
  const std::string username = *string_member(body, "username", true);
  const std::string password = *string_member(body, "password", true);
  const Session session = app_.sign_in().login(username, password, request.client_address);
  nlohmann::json answer{{"token", session.token},
                        {"expires_at", format_timestamp(session.expires_at)},
                        {"user", to_json(session.user)}};
  if (session.failed_before) {
    answer["failed_sign_ins"] = {{"count", session.failed_before->failures},
                                 {"last_at", format_timestamp(session.failed_before->last_at)},
                                 {"last_address", session.failed_before->last_address}};
  }
  return json_response(200, answer);
}

HttpResponse ApiRoutes::delete_token(const HttpRequest& request, const Params&) {
  const std::string token = bearer_token(request);
  app_.sign_in().authenticate(token);
  app_.sign_in().logout(token);
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

// No sign-in and no database: it answers whenever the process accepts and serves requests, which
// is what the listener's self-check and a load balancer's health check ask.
HttpResponse ApiRoutes::get_health(const HttpRequest&, const Params&) {
  return json_response(200, {{"status", "ok"}});
}

HttpResponse ApiRoutes::get_me(const HttpRequest& request, const Params&) {
  return json_response(200,
                       {{"user", to_json(app_.sign_in().authenticate(bearer_token(request)))}});
}

HttpResponse ApiRoutes::change_own_password(const HttpRequest& request, const Params&) {
  // The one call an account that must choose its password may make besides GET /me.
  const std::string token = bearer_token(request);
  const User user = app_.sign_in().authenticate(token);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"current_password", "new_password"});
  app_.accounts().change_password(user, token, *string_member(body, "current_password", true),
                                  *string_member(body, "new_password", true),
                                  RequestContext{request.client_address});
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

// --- Org units ------------------------------------------------------------------------------

HttpResponse ApiRoutes::get_unit(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const OrgUnit unit = app_.units().get_unit(user, params[0]);
  std::vector<std::string> children;
  for (const auto& child : app_.units().list_children(user, unit.code))
    children.push_back(child.code);
  return json_response(200, to_json(unit, children));
}

HttpResponse ApiRoutes::list_units(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  const auto parent = query_value(request, "parent");
  if (!parent || parent->empty()) {
    throw Error(ErrorKind::bad_input,
                "Thiếu tham số \"parent\": hãy cho biết mã đơn vị cấp trên "
                "(ví dụ /api/v1/units?parent=VN).",
                "parent");
  }
  nlohmann::json units = nlohmann::json::array();
  for (const auto& child : app_.units().list_children(user, *parent)) {
    nlohmann::json item = to_json(child, {});
    // A listing does not load grandchildren; an empty array there would be misleading.
    item.erase("children");
    units.push_back(std::move(item));
  }
  return json_response(200, {{"parent", *parent}, {"units", std::move(units)}});
}

HttpResponse ApiRoutes::create_unit(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  const OrgUnit unit = app_.units().create_unit(user, unit_input_from_json(body),
                                                RequestContext{request.client_address});
  HttpResponse response = json_response(201, to_json(unit, {}));
  response.headers.emplace_back("Location", "/api/v1/units/" + unit.code);
  return response;
}

HttpResponse ApiRoutes::import_units(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  check_body_size(request.body.size(), max_body_bytes_);
  const ImportResult result = app_.units().import_units(
      user, request.body, media_type(request.content_type), RequestContext{request.client_address});
  nlohmann::json errors = nlohmann::json::array();
  for (const ImportProblem& problem : result.errors) {
    errors.push_back(
        {{"row", problem.row}, {"column", problem.column}, {"message", problem.message}});
  }
  if (!result.errors.empty()) {
    // Nothing was written: report every problem so the file can be fixed and sent again.
    return json_response(422, {{"error",
                                {{"code", error_code(ErrorKind::validation_failed)},
                                 {"message", import_refusal_message(result.errors)},
                                 {"field", "body"},
                                 {"fields", nlohmann::json::object()}}},
                               {"created", 0},
                               {"updated", 0},
                               {"errors", std::move(errors)}});
  }
  return json_response(
      200, {{"created", result.created}, {"updated", result.updated}, {"errors", errors}});
}

// --- Campaigns ------------------------------------------------------------------------------

HttpResponse ApiRoutes::list_campaigns(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  nlohmann::json campaigns = nlohmann::json::array();
  for (const auto& campaign : app_.campaigns().list_campaigns(user)) {
    campaigns.push_back(to_json(campaign, false));
  }
  return json_response(200, {{"campaigns", std::move(campaigns)}});
}

HttpResponse ApiRoutes::get_campaign(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return json_response(
      200, to_json(app_.campaigns().get_campaign(user, campaign_id_from(params[0])), true));
}

HttpResponse ApiRoutes::create_campaign(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  const Campaign campaign = app_.campaigns().create_campaign(
      user, campaign_from_json(body), RequestContext{request.client_address});
  HttpResponse response = json_response(201, to_json(campaign, true));
  response.headers.emplace_back("Location", "/api/v1/campaigns/" + std::to_string(campaign.id));
  return response;
}

// --- Unit reports ---------------------------------------------------------------------------

HttpResponse ApiRoutes::get_report(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const UnitReport report = app_.reports().get_report(user, campaign_id, params[1]);
  return json_response(
      200, to_json(report, app_.reports().report_history(user, campaign_id, params[1])));
}

HttpResponse ApiRoutes::save_report(const HttpRequest& request, const Params& params) {
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
    return error_response(error, current_version_of(app_, user, campaign_id, params[1]));
  }
}

HttpResponse ApiRoutes::submit_report(const HttpRequest& request, const Params& params) {
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
    return error_response(error, current_version_of(app_, user, campaign_id, params[1]));
  }
}

// --- Consolidated summary -------------------------------------------------------------------

HttpResponse ApiRoutes::get_summary(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  SummaryOptions options;
  options.missing_limit = integer_parameter(query_value(request, "missing_limit"), "missing_limit",
                                            0, 100000, options.missing_limit);
  options.narrative_limit =
      integer_parameter(query_value(request, "narrative_limit"), "narrative_limit", 0, 100000,
                        options.narrative_limit);
  HttpResponse response;
  response.status = 200;
  response.body = *app_.summaries().summary_json(user, campaign_id, params[1], options);
  return response;
}

HttpResponse ApiRoutes::not_built_yet(const HttpRequest& request, const Params&) {
  authenticate(request);
  throw Error(ErrorKind::not_implemented, kNotBuiltMessage);
}

}  // namespace llw
