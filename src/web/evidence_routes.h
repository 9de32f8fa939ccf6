#pragma once
// Evidence ("minh chứng") on a unit's report (evidence_routes.cpp): POST a file, GET the list,
// GET a file or its thumbnail, DELETE one, under /campaigns/{id}/reports/{unit}/evidence; and a
// node's subtree's evidence as one ZIP, GET /campaigns/{id}/summary/{unit}/evidence.zip.

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class EvidenceRoutes : public ApiFamily {
 public:
  EvidenceRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse attach(const HttpRequest& request, const Params& params);
  HttpResponse list(const HttpRequest& request, const Params& params);
  HttpResponse file(const HttpRequest& request, const Params& params);
  HttpResponse thumbnail(const HttpRequest& request, const Params& params);
  HttpResponse remove(const HttpRequest& request, const Params& params);
  HttpResponse archive(const HttpRequest& request, const Params& params);
  // The attachment's file, or its thumbnail.
  HttpResponse download(const HttpRequest& request, const Params& params, bool thumbnail);

  AppAreas<UsesEvidence> app_;
};

}  // namespace llw
