#pragma once
// Signed copies of a unit's report (signed_copy_routes.cpp): POST the signed PDF, GET the verdict,
// GET the signed file, under /campaigns/{id}/reports/{unit}/signed-copy; the same for a node's
// consolidated report under /campaigns/{id}/consolidated/{unit}/signed-copy; and the campaign
// setting that makes acceptance of either wait for a valid one, /campaigns/{id}/signed-copy-policy.

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class SignedCopyRoutes : public ApiFamily {
 public:
  SignedCopyRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse upload(const HttpRequest& request, const Params& params);
  HttpResponse verdict(const HttpRequest& request, const Params& params);
  HttpResponse file(const HttpRequest& request, const Params& params);
  HttpResponse upload_consolidated(const HttpRequest& request, const Params& params);
  HttpResponse consolidated_verdict(const HttpRequest& request, const Params& params);
  HttpResponse consolidated_file(const HttpRequest& request, const Params& params);
  HttpResponse policy(const HttpRequest& request, const Params& params);
  HttpResponse set_policy(const HttpRequest& request, const Params& params);

  AppAreas<UsesSignedCopies> app_;
};

}  // namespace llw
