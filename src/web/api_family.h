#pragma once
// The base of every API route family (AuthRoutes, ReportRoutes, …: one class per route family,
// each in <family>_routes.h beside its .cpp). A family holds the app areas it uses
// (web/app_areas.h), lists its routes (`routes()`, handlers bound to the family), and reaches what
// every handler shares through the members here: `authenticate` (the bearer token's user, through
// the sign-in area) and `max_body_bytes_` (the limit of a parsed body).

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/user.h"
#include "web/app_areas.h"
#include "web/http_message.h"

namespace llw {

// The segments of an API path that its route leaves open ("{}"), in order.
using ApiParams = std::vector<std::string>;

// One entry of the API's route table (ApiRoutes builds it from the families' routes()).
struct ApiRoute {
  using Handler = std::function<HttpResponse(const HttpRequest&, const ApiParams&)>;
  const char* method;
  std::vector<std::string> pattern;  // segments after /api/v1; "{}" matches any one segment
  Handler handler;
  // Whether a body must be JSON (415 otherwise); a unit import's is CSV or XLSX.
  bool json_body = true;
};

class ApiFamily {
 public:
  using Params = ApiParams;

  // The token of "Authorization: Bearer <token>" (scheme case-insensitive); throws
  // unauthenticated when the header is missing or uses another scheme.
  static std::string bearer_token(const HttpRequest& request);

 protected:
  ApiFamily(Application& app, std::size_t max_body_bytes)
      : sign_in_(app), max_body_bytes_(max_body_bytes) {}

  // `handler` of this family, for its routes().
  template <class Family>
  ApiRoute::Handler bind(HttpResponse (Family::*handler)(const HttpRequest&, const Params&)) {
    auto* family = static_cast<Family*>(this);
    return [family, handler](const HttpRequest& request, const Params& params) {
      return (family->*handler)(request, params);
    };
  }

  // The bearer token's user; Error{forbidden} while the account must still choose its password
  // (only GET /me, DELETE /auth/token and POST /me/password take such an account).
  User authenticate(const HttpRequest& request);
  // The query parameter `name`, if the request has it.
  static std::optional<std::string> query_value(const HttpRequest& request,
                                                const std::string& name);
  // A route whose feature is announced in api.md but not built yet: 501 after the sign-in.
  HttpResponse not_built_yet(const HttpRequest& request, const Params& params);

  UsesSignIn sign_in_;
  std::size_t max_body_bytes_;
};

}  // namespace llw
