#pragma once
// Sign-in, sign-out and the home page (sign_in_pages.cpp).

#include <string>
#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class SignInPages : public PageFamily {
 public:
  SignInPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse home(Context& context, const Params& params);
  HttpResponse sign_in_form(Context& context, const Params& params);
  HttpResponse sign_in(Context& context, const Params& params);
  HttpResponse sign_out(Context& context, const Params& params);
  HttpResponse sign_in_page(const HttpRequest& request, int status, const std::string& username,
                            const std::string& message, const std::string& next);

  AppAreas<UsesSignIn, UsesAccounts, UsesClock> app_;
};

}  // namespace llw
