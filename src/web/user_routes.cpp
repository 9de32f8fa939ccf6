// The account endpoints (GET/POST /api/v1/users, GET/PATCH /api/v1/users/{username}, POST
// /api/v1/users/{username}/password). Access and rules are the Application's; this file reads
// the request and shapes the response.
#include "web/user_routes.h"

#include <string>

#include "app/accounts.h"
#include "app/api_json.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {
namespace {

Role role_member(const nlohmann::json& body, bool required) {
  const auto text = string_member(body, "role", required);
  const auto role = text ? role_from_string(*text) : std::optional<Role>(Role::reporter);
  if (!role) {
    throw Error(ErrorKind::validation_failed,
                "Vai trò \"" + *text +
                    "\" không hợp lệ; dùng một trong: admin, coordinator, "
                    "reporter, viewer.",
                "role");
  }
  return *role;
}

std::string query_text(const HttpRequest& request, const std::string& name) {
  const auto it = request.query.find(name);
  return it == request.query.end() ? std::string{} : it->second;
}

}  // namespace

std::vector<ApiRoute> UserRoutes::routes() {
  return {
      {"GET", {"users"}, bind(&UserRoutes::list_users)},
      {"POST", {"users"}, bind(&UserRoutes::create_user)},
      {"GET", {"users", "{}"}, bind(&UserRoutes::get_user)},
      {"PATCH", {"users", "{}"}, bind(&UserRoutes::patch_user)},
      {"POST", {"users", "{}", "password"}, bind(&UserRoutes::reset_user_password)},
  };
}

HttpResponse UserRoutes::list_users(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  const auto limit_it = request.query.find("limit");
  const int limit = integer_parameter(
      limit_it == request.query.end() ? std::nullopt : std::optional<std::string>(limit_it->second),
      "limit", 1, 1000, 200);
  nlohmann::json users = nlohmann::json::array();
  for (const User& found : app_.accounts().list_users(user, query_text(request, "unit"),
                                                      query_text(request, "q"), limit)) {
    users.push_back(to_json(found));
  }
  return json_response(200, {{"users", std::move(users)}});
}

HttpResponse UserRoutes::create_user(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"username", "name", "role", "unit", "password"});
  NewUser input;
  input.username = *string_member(body, "username", true);
  input.display_name = string_member(body, "name", false).value_or("");
  input.role = role_member(body, true);
  input.unit_code = string_member(body, "unit", false).value_or("");
  input.password = *string_member(body, "password", true);
  const User created =
      app_.accounts().create_user(user, input, RequestContext{request.client_address});
  HttpResponse response = json_response(201, {{"user", to_json(created)}});
  response.headers.emplace_back("Location", "/api/v1/users/" + created.username);
  return response;
}

HttpResponse UserRoutes::get_user(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return json_response(200, {{"user", to_json(app_.accounts().get_user(user, params[0]))}});
}

HttpResponse UserRoutes::patch_user(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"name", "role", "unit", "disabled"});
  UserChange change;
  change.display_name = string_member(body, "name", false);
  if (body.contains("role") && !body.at("role").is_null()) change.role = role_member(body, true);
  change.unit_code = string_member(body, "unit", false);
  if (const auto it = body.find("disabled"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      throw Error(ErrorKind::bad_input, "Trường \"disabled\" phải là true hoặc false.", "disabled");
    }
    change.disabled = it->get<bool>();
  }
  const User updated =
      app_.accounts().update_user(user, params[0], change, RequestContext{request.client_address});
  return json_response(200, {{"user", to_json(updated)}});
}

HttpResponse UserRoutes::reset_user_password(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"password"});
  app_.accounts().reset_password(user, params[0], *string_member(body, "password", true),
                                 RequestContext{request.client_address});
  return no_content();
}

}  // namespace llw
