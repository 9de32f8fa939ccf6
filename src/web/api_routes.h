#pragma once
// The JSON API of api.md: the route table and one handler per route. Handlers parse the request,
// call the Application, and render with api_json; failures become HTTP only in http_errors.
// Works on plain HttpRequest/HttpResponse values, so it neither includes RESTinio nor needs a
// socket.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/application.h"
#include "domain/user.h"
#include "web/http_message.h"

namespace llw {

class ApiRoutes {
 public:
  ApiRoutes(Application& app, std::size_t max_body_bytes);

  // Routes the request and runs its handler. Never throws: unknown paths give 404, known paths
  // with another method 405, expected failures their status, anything else 500.
  HttpResponse handle(const HttpRequest& request);

 private:
  using Params = std::vector<std::string>;
  using Handler = HttpResponse (ApiRoutes::*)(const HttpRequest&, const Params&);
  struct Route {
    const char* method;
    std::vector<std::string> pattern;  // segments after /api/v1; "{}" matches any one segment
    Handler handler;
  };

  HttpResponse dispatch(const HttpRequest& request);
  // The bearer token's user; Error{forbidden} while the account must still choose its password
  // (only GET /me, DELETE /auth/token and POST /me/password take such an account).
  User authenticate(const HttpRequest& request);

  HttpResponse create_token(const HttpRequest& request, const Params& params);
  HttpResponse delete_token(const HttpRequest& request, const Params& params);
  // Whether the request carries a valid token (for the order of checks: 401 before 415).
  bool signed_in(const HttpRequest& request);
  HttpResponse get_health(const HttpRequest& request, const Params& params);
  HttpResponse get_me(const HttpRequest& request, const Params& params);
  HttpResponse change_own_password(const HttpRequest& request, const Params& params);
  HttpResponse get_unit(const HttpRequest& request, const Params& params);
  HttpResponse list_units(const HttpRequest& request, const Params& params);
  HttpResponse create_unit(const HttpRequest& request, const Params& params);
  HttpResponse import_units(const HttpRequest& request, const Params& params);
  // Editing and moving a unit (unit_routes.cpp).
  HttpResponse patch_unit(const HttpRequest& request, const Params& params);
  HttpResponse list_unit_accounts(const HttpRequest& request, const Params& params);
  HttpResponse issue_unit_accounts(const HttpRequest& request, const Params& params);
  HttpResponse list_campaigns(const HttpRequest& request, const Params& params);
  HttpResponse get_campaign(const HttpRequest& request, const Params& params);
  HttpResponse create_campaign(const HttpRequest& request, const Params& params);
  HttpResponse get_report(const HttpRequest& request, const Params& params);
  HttpResponse save_report(const HttpRequest& request, const Params& params);
  HttpResponse submit_report(const HttpRequest& request, const Params& params);
  HttpResponse get_summary(const HttpRequest& request, const Params& params);
  HttpResponse not_built_yet(const HttpRequest& request, const Params& params);
  // Accounts (user_routes.cpp).
  HttpResponse list_users(const HttpRequest& request, const Params& params);
  HttpResponse create_user(const HttpRequest& request, const Params& params);
  HttpResponse get_user(const HttpRequest& request, const Params& params);
  HttpResponse patch_user(const HttpRequest& request, const Params& params);
  HttpResponse reset_user_password(const HttpRequest& request, const Params& params);
  // The reporting workflow and the audit log (workflow_routes.cpp).
  HttpResponse review_report(const HttpRequest& request, const Params& params);
  HttpResponse grant_extension(const HttpRequest& request, const Params& params);
  HttpResponse get_report_version(const HttpRequest& request, const Params& params);
  HttpResponse get_report_diff(const HttpRequest& request, const Params& params);
  HttpResponse get_audit(const HttpRequest& request, const Params& params);
  // Reporting up (reporting_up_routes.cpp).
  HttpResponse get_consolidated(const HttpRequest& request, const Params& params);
  HttpResponse act_on_consolidated(const HttpRequest& request, const Params& params);
  HttpResponse get_consolidated_version(const HttpRequest& request, const Params& params);
  HttpResponse patch_campaign(const HttpRequest& request, const Params& params);
  nlohmann::json consolidated_json(const User& user, std::int64_t campaign_id,
                                   const std::string& unit_code);
  // Documents and the plan (document_routes.cpp).
  HttpResponse get_plan_document(const HttpRequest& request, const Params& params);
  HttpResponse get_report_document(const HttpRequest& request, const Params& params);
  HttpResponse get_summary_document(const HttpRequest& request, const Params& params);
  HttpResponse get_summary_data(const HttpRequest& request, const Params& params);
  HttpResponse put_campaign_plan(const HttpRequest& request, const Params& params);
  // Plans at every level (document_routes.cpp).
  HttpResponse get_level_plan(const HttpRequest& request, const Params& params);
  HttpResponse put_level_plan(const HttpRequest& request, const Params& params);
  HttpResponse issue_level_plan(const HttpRequest& request, const Params& params);
  HttpResponse get_level_plan_document(const HttpRequest& request, const Params& params);

  Application& app_;
  std::size_t max_body_bytes_;
  std::vector<Route> routes_;
};

}  // namespace llw
