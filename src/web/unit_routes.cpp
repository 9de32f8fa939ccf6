// GET/POST /api/v1/units, GET /api/v1/units/{code}, POST /api/v1/units/import (CSV or XLSX);
// PATCH /api/v1/units/{code}: editing a unit and moving it in the tree; GET and PUT
// /api/v1/units/{code}/predecessors: the units it replaced (sáp nhập từ); GET and POST
// /api/v1/units/{code}/accounts (and …/accounts/slips.pdf): the reporter accounts of the unit's
// subtree, created or reset in one step. Access and rules are the Application's; this file reads
// the request and shapes the response.
#include "web/unit_routes.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "app/accounts.h"
#include "app/api_json.h"
#include "app/unit_import.h"
#include "app/units.h"
#include "domain/error.h"
#include "web/document_routes.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

namespace {

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

nlohmann::json predecessors_json(const std::string& code, const std::vector<OrgUnit>& units) {
  nlohmann::json list = nlohmann::json::array();
  for (const OrgUnit& unit : units) list.push_back({{"code", unit.code}, {"name", unit.name}});
  return {{"unit", code}, {"predecessors", std::move(list)}};
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

std::vector<ApiRoute> UnitRoutes::routes() {
  return {
      {"GET", {"units"}, bind(&UnitRoutes::list_units)},
      {"POST", {"units"}, bind(&UnitRoutes::create_unit)},
      // The one body that is not JSON: a CSV or XLSX file, with its own content type.
      {"POST", {"units", "import"}, bind(&UnitRoutes::import_units), false},
      {"GET", {"units", "{}"}, bind(&UnitRoutes::get_unit)},
      {"PATCH", {"units", "{}"}, bind(&UnitRoutes::patch_unit)},
      {"GET", {"units", "{}", "predecessors"}, bind(&UnitRoutes::get_predecessors)},
      {"PUT", {"units", "{}", "predecessors"}, bind(&UnitRoutes::put_predecessors)},
      {"GET", {"units", "{}", "accounts"}, bind(&UnitRoutes::list_unit_accounts)},
      {"POST", {"units", "{}", "accounts"}, bind(&UnitRoutes::issue_unit_accounts)},
      {"POST", {"units", "{}", "accounts", "slips.pdf"}, bind(&UnitRoutes::issue_unit_accounts)},
  };
}

HttpResponse UnitRoutes::get_unit(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const OrgUnit unit = app_.units().get_unit(user, params[0]);
  std::vector<std::string> children;
  for (const auto& child : app_.units().list_children(user, unit.code))
    children.push_back(child.code);
  return json_response(200, to_json(unit, children));
}

HttpResponse UnitRoutes::list_units(const HttpRequest& request, const Params&) {
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

HttpResponse UnitRoutes::create_unit(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  const OrgUnit unit = app_.units().create_unit(user, unit_input_from_json(body),
                                                RequestContext{request.client_address});
  HttpResponse response = json_response(201, to_json(unit, {}));
  response.headers.emplace_back("Location", "/api/v1/units/" + unit.code);
  return response;
}

HttpResponse UnitRoutes::import_units(const HttpRequest& request, const Params&) {
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

HttpResponse UnitRoutes::list_unit_accounts(const HttpRequest& request, const Params& params) {
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

HttpResponse UnitRoutes::issue_unit_accounts(const HttpRequest& request, const Params& params) {
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

HttpResponse UnitRoutes::patch_unit(const HttpRequest& request, const Params& params) {
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

HttpResponse UnitRoutes::get_predecessors(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return json_response(200,
                       predecessors_json(params[0], app_.units().predecessors(user, params[0])));
}

HttpResponse UnitRoutes::put_predecessors(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  const auto it = body.find("predecessors");
  const auto is_codes = [](const nlohmann::json& list) {
    return list.is_array() && std::all_of(list.begin(), list.end(),
                                          [](const nlohmann::json& c) { return c.is_string(); });
  };
  if (it == body.end() || !is_codes(*it)) {
    throw Error(ErrorKind::bad_input,
                "Trường \"predecessors\" phải là danh sách mã các đơn vị cũ (chuỗi), ví dụ "
                "[\"HP-XA-A\", \"HP-XA-B\"]; danh sách rỗng để bỏ.",
                "predecessors");
  }
  const std::vector<OrgUnit> units = app_.units().set_predecessors(
      user, params[0], it->get<std::vector<std::string>>(), RequestContext{request.client_address});
  return json_response(200, predecessors_json(params[0], units));
}

}  // namespace llw
