// POST/DELETE /api/v1/auth/token, GET /api/v1/health, GET /api/v1/me and POST
// /api/v1/me/password. Access and rules are the Application's; this file reads the request and
// shapes the response.
#include "web/auth_routes.h"

#include <string>

#include "app/accounts.h"
#include "app/api_json.h"
#include "app/sign_in.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

std::vector<ApiRoute> AuthRoutes::routes() {
  return {
      {"POST", {"auth", "token"}, bind(&AuthRoutes::create_token)},
      {"DELETE", {"auth", "token"}, bind(&AuthRoutes::delete_token)},
      {"GET", {"health"}, bind(&AuthRoutes::get_health)},
      {"GET", {"me"}, bind(&AuthRoutes::get_me)},
      {"POST", {"me", "password"}, bind(&AuthRoutes::change_own_password)},
  };
}

HttpResponse AuthRoutes::create_token(const HttpRequest& request, const Params&) {
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

HttpResponse AuthRoutes::delete_token(const HttpRequest& request, const Params&) {
  const std::string token = bearer_token(request);
  app_.sign_in().authenticate(token);
  app_.sign_in().logout(token);
  return no_content();
}

// No sign-in and no database: it answers whenever the process accepts and serves requests, which
// is what the listener's self-check and a load balancer's health check ask.
HttpResponse AuthRoutes::get_health(const HttpRequest&, const Params&) {
  return json_response(200, {{"status", "ok"}});
}

HttpResponse AuthRoutes::get_me(const HttpRequest& request, const Params&) {
  return json_response(200,
                       {{"user", to_json(app_.sign_in().authenticate(bearer_token(request)))}});
}

HttpResponse AuthRoutes::change_own_password(const HttpRequest& request, const Params&) {
  // The one call an account that must choose its password may make besides GET /me.
  const std::string token = bearer_token(request);
  const User user = app_.sign_in().authenticate(token);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"current_password", "new_password"});
  app_.accounts().change_password(user, token, *string_member(body, "current_password", true),
                                  *string_member(body, "new_password", true),
                                  RequestContext{request.client_address});
  return no_content();
}

}  // namespace llw
