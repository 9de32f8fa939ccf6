// GET /api/v1/campaigns/{id}/summary/{unit}: the summary JSON the Application renders (and
// caches). Access and figures are the Application's; this file reads the query's limits.
#include "web/summary_routes.h"

#include "app/api_json.h"
#include "app/summaries.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

std::vector<ApiRoute> SummaryRoutes::routes() {
  return {
      {"GET", {"campaigns", "{}", "summary", "{}"}, bind(&SummaryRoutes::get_summary)},
  };
}

HttpResponse SummaryRoutes::get_summary(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  SummaryOptions options;
  options.missing_limit = integer_parameter(query_value(request, "missing_limit"), "missing_limit",
                                            0, 100000, options.missing_limit);
  options.narrative_limit =
      integer_parameter(query_value(request, "narrative_limit"), "narrative_limit", 0, 100000,
                        options.narrative_limit);
  HttpResponse response;
  response.status = 200;
  response.body = *app_.summaries().summary_json(user, campaign_id, params[1], options);
  return response;
}

}  // namespace llw
