#pragma once
// The org units: reading, listing, creating, importing, editing and moving them, and the
// reporter accounts of a unit's subtree (unit_routes.cpp).

#include <cstddef>
#include <vector>

#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

class UnitRoutes : public ApiFamily {
 public:
  UnitRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse get_unit(const HttpRequest& request, const Params& params);
  HttpResponse list_units(const HttpRequest& request, const Params& params);
  HttpResponse create_unit(const HttpRequest& request, const Params& params);
  HttpResponse import_units(const HttpRequest& request, const Params& params);
  HttpResponse patch_unit(const HttpRequest& request, const Params& params);
  // GET and PUT /api/v1/units/{code}/predecessors: the units it replaced (sáp nhập từ).
  HttpResponse get_predecessors(const HttpRequest& request, const Params& params);
  HttpResponse put_predecessors(const HttpRequest& request, const Params& params);
  HttpResponse list_unit_accounts(const HttpRequest& request, const Params& params);
  HttpResponse issue_unit_accounts(const HttpRequest& request, const Params& params);

  AppAreas<UsesUnits, UsesAccounts> app_;
};

}  // namespace llw
