#pragma once
// The accounts: listing, creating, reading and changing them, and resetting a password
// (user_routes.cpp). An account's own password is auth_routes.h's.

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class UserRoutes : public ApiFamily {
 public:
  UserRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse list_users(const HttpRequest& request, const Params& params);
  HttpResponse create_user(const HttpRequest& request, const Params& params);
  HttpResponse get_user(const HttpRequest& request, const Params& params);
  HttpResponse patch_user(const HttpRequest& request, const Params& params);
  HttpResponse reset_user_password(const HttpRequest& request, const Params& params);

  AppAreas<UsesAccounts> app_;
};

}  // namespace llw
