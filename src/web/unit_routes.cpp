// PATCH /api/v1/units/{code}: editing a unit and moving it in the tree; GET and POST
// /api/v1/units/{code}/accounts (and …/accounts/slips.pdf): the reporter accounts of the unit's
// subtree, created or reset in one step. Access and rules are the Application's; this file reads
// the request and shapes the response.
#include <algorithm>
#include <string>

#include "app/accounts.h"
#include "app/api_json.h"
#include "app/units.h"
#include "domain/error.h"
#include "web/api_routes.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

HttpResponse file_response(DocumentFile file);  // document_routes.cpp

namespace {

// {"campaign"?: id, "reset"?: [usernames]}: the scope's campaign and, for a reset, the accounts.
struct AccountsBody {
  std::optional<std::int64_t> campaign;
  std::optional<std::vector<std::string>> reset;
};

AccountsBody accounts_body(const HttpRequest& request, std::size_t max_body_bytes) {
  AccountsBody parsed;
  const auto body = parse_optional_json_body(request.body, max_body_bytes);
  if (!body) return parsed;
  require_object(*body, "Nội dung yêu cầu");
  reject_unknown_members(*body, {"campaign", "reset"});
  parsed.campaign = count_member(*body, "campaign", false);
  if (const auto it = body->find("reset"); it != body->end() && !it->is_null()) {
    const bool ok = it->is_array() && std::all_of(it->begin(), it->end(), [](const auto& name) {
                      return name.is_string();
                    });
    if (!ok) {
      throw Error(ErrorKind::bad_input, "Trường \"reset\" phải là danh sách tên đăng nhập (chuỗi).",
                  "reset");
    }
    parsed.reset = it->get<std::vector<std::string>>();
  }
  return parsed;
}

nlohmann::json issued_json(const std::vector<IssuedAccount>& issued) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const IssuedAccount& account : issued) {
    accounts.push_back({{"unit", account.unit.code},
                        {"unit_name", account.unit.name},
                        {"username", account.username},
                        {"password", account.password},
                        {"created", account.created}});
  }
  return {{"accounts", std::move(accounts)}};
}

}  // namespace

HttpResponse ApiRoutes::list_unit_accounts(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  UnitAccountScope scope{params[0], std::nullopt};
  if (const auto it = request.query.find("campaign"); it != request.query.end()) {
    scope.campaign_id = campaign_id_from(it->second);
  }
  nlohmann::json units = nlohmann::json::array();
  for (const UnitAccountStatus& status : app_.accounts().unit_accounts(user, scope)) {
    units.push_back({{"unit", status.unit.code},
                     {"unit_name", status.unit.name},
                     {"reporters", status.reporters}});
  }
  return json_response(200, {{"units", std::move(units)}});
}

HttpResponse ApiRoutes::issue_unit_accounts(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const AccountsBody body = accounts_body(request, max_body_bytes_);
  const UnitAccountScope scope{params[0], body.campaign};
  const RequestContext context{request.client_address};
  const std::vector<IssuedAccount> issued =
      body.reset ? app_.accounts().reset_unit_accounts(user, scope, *body.reset, context)
                 : app_.accounts().create_unit_accounts(user, scope, context);
  const bool pdf = request.segments.back() == "slips.pdf";
  if (!pdf) {
    HttpResponse response = json_response(body.reset ? 200 : 201, issued_json(issued));
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }
  const DocumentFile file = credential_slips_pdf(
      issued, app_.units().get_unit(user, scope.unit_code).name, sign_in_address(request));
  HttpResponse response = file_response(file);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse ApiRoutes::patch_unit(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  if (const auto it = body.find("code");
      it != body.end() && !(it->is_string() && it->get<std::string>() == params[0])) {
    throw Error(ErrorKind::validation_failed,
                "Mã đơn vị không sửa được; hãy bỏ trường \"code\" hoặc giữ đúng mã hiện tại.",
                "code");
  }
  const OrgUnit unit = app_.units().update_unit(user, params[0], unit_changes_from_json(body),
                                                RequestContext{request.client_address});
  std::vector<std::string> children;
  for (const auto& child : app_.units().list_children(user, unit.code))
    children.push_back(child.code);
  return json_response(200, to_json(unit, children));
}

}  // namespace llw
