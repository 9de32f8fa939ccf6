#pragma once
// The JSON API of api.md: the route table and its dispatch. The handlers are grouped into route
// families, one class each (<family>_routes.h beside its .cpp), which hold only the app areas
// they use and list their own routes; ApiRoutes owns the families, builds the table from them,
// and dispatches. Handlers parse the request, call the Application, and render with api_json;
// failures become HTTP only in http_errors. Works on plain HttpRequest/HttpResponse values, so
// it neither includes RESTinio nor needs a socket.

#include <cstddef>
#include <vector>

#include "app/application.h"
#include "web/api_family.h"
#include "web/auth_routes.h"
#include "web/campaign_routes.h"
#include "web/document_routes.h"
#include "web/evidence_routes.h"
#include "web/http_message.h"
#include "web/report_routes.h"
#include "web/reporting_up_routes.h"
#include "web/signed_copy_routes.h"
#include "web/summary_routes.h"
#include "web/unit_routes.h"
#include "web/user_routes.h"
#include "web/workflow_routes.h"

namespace llw {

class ApiRoutes {
 public:
  ApiRoutes(Application& app, std::size_t max_body_bytes);

  // Routes the request and runs its handler. Never throws: unknown paths give 404, known paths
  // with another method 405, expected failures their status, anything else 500.
  HttpResponse handle(const HttpRequest& request);

 private:
  HttpResponse dispatch(const HttpRequest& request);
  // Whether the request carries a valid token (for the order of checks: 401 before 415).
  bool signed_in(const HttpRequest& request);

  Application& app_;  // sign-in for the 415 check, and as_error for the last catch
  // The route families, in the order of the table (which orders a 405's Allow header).
  AuthRoutes auth_;
  UserRoutes users_;
  UnitRoutes units_;
  CampaignRoutes campaigns_;
  ReportRoutes reports_;
  SummaryRoutes summaries_;
  WorkflowRoutes workflow_;
  ReportingUpRoutes reporting_up_;
  DocumentRoutes documents_;
  EvidenceRoutes evidence_;
  SignedCopyRoutes signed_copies_;
  std::vector<ApiRoute> routes_;
};

}  // namespace llw
