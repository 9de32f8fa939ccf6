// PATCH /api/v1/units/{code}: editing a unit and moving it in the tree. Access and rules are the
// Application's; this file reads the request and shapes the response.
#include <string>

#include "app/api_json.h"
#include "domain/error.h"
#include "web/api_routes.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

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
  const OrgUnit unit = app_.update_unit(user, params[0], unit_changes_from_json(body),
                                        RequestContext{request.client_address});
  std::vector<std::string> children;
  for (const auto& child : app_.list_children(user, unit.code)) children.push_back(child.code);
  return json_response(200, to_json(unit, children));
}

}  // namespace llw
