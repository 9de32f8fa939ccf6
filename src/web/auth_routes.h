#pragma once
// Signing in and out, the signed-in account and its password, and the health check
// (auth_routes.cpp).

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class AuthRoutes : public ApiFamily {
 public:
  AuthRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse create_token(const HttpRequest& request, const Params& params);
  HttpResponse delete_token(const HttpRequest& request, const Params& params);
  HttpResponse get_health(const HttpRequest& request, const Params& params);
  HttpResponse get_me(const HttpRequest& request, const Params& params);
  HttpResponse change_own_password(const HttpRequest& request, const Params& params);

  AppAreas<UsesSignIn, UsesAccounts> app_;
};

}  // namespace llw
