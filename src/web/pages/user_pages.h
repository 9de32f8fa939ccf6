#pragma once
// Accounts: the list, one account, and changing one's own password (user_pages.cpp).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class UserPages : public PageFamily {
 public:
  UserPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse admin_users(Context& context, const Params& params);
  HttpResponse admin_users_post(Context& context, const Params& params);
  HttpResponse admin_user(Context& context, const Params& params);
  HttpResponse admin_user_post(Context& context, const Params& params);
  HttpResponse change_password_form(Context& context, const Params& params);
  HttpResponse change_password_post(Context& context, const Params& params);

  AppAreas<UsesAccounts> app_;
};

}  // namespace llw
