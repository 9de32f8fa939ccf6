#pragma once
// The web application's pages: a route table of server-rendered Vietnamese pages and the static
// files they load. Like ApiRoutes it works on plain HttpRequest/HttpResponse values. The pages
// are grouped into route families, one class each (<family>_pages.h beside its .cpp), which hold
// only the app areas they use and list their own routes; PageRoutes owns the families and the one
// PageFrame they share (page_frame.h), builds the table from them, and dispatches: every page
// authenticates with the session cookie, every POST checks the CSRF token, and every access goes
// through the Application's areas, which ask the domain's access policy.

#include <cstddef>
#include <vector>

#include "app/application.h"
#include "web/http_message.h"
#include "web/pages/admin_pages.h"
#include "web/pages/campaign_list_pages.h"
#include "web/pages/campaign_new_pages.h"
#include "web/pages/consolidated_pages.h"
#include "web/pages/dashboard_pages.h"
#include "web/pages/evidence_pages.h"
#include "web/pages/page_family.h"
#include "web/pages/page_frame.h"
#include "web/pages/plan_pages.h"
#include "web/pages/report_entry_pages.h"
#include "web/pages/report_pages.h"
#include "web/pages/reporting_up_pages.h"
#include "web/pages/settings_pages.h"
#include "web/pages/sign_in_pages.h"
#include "web/pages/signed_copy_pages.h"
#include "web/pages/unit_accounts_pages.h"
#include "web/pages/unit_admin_pages.h"
#include "web/pages/user_pages.h"
#include "web/pages/workflow_pages.h"

namespace llw {

class PageRoutes {
 public:
  PageRoutes(Application& app, std::size_t max_body_bytes);

  // Never throws: unknown paths give the 404 page, forbidden ones the 403 page, a missing
  // session a redirect to the sign-in page, anything unexpected the 500 page.
  HttpResponse handle(const HttpRequest& request);

 private:
  HttpResponse dispatch(const HttpRequest& request);
  HttpResponse static_file(const HttpRequest& request);

  Application& app_;  // sign-in for each request, and as_error for the last catch
  std::size_t max_body_bytes_;
  PageFrame frame_;
  // The route families; those that show another family's page get it by reference, so each is
  // declared after the ones it uses.
  SignInPages sign_in_{frame_, app_};
  CampaignListPages campaign_list_{frame_, app_};
  ReportPages report_{frame_, app_};
  WorkflowPages workflow_{frame_, app_, report_};
  SignedCopyPages signed_copies_{frame_, app_};
  DashboardPages dashboard_{frame_, app_};
  ConsolidatedPages consolidated_{frame_, app_, dashboard_};
  ReportingUpPages reporting_up_{frame_, app_, consolidated_};
  CampaignNewPages campaign_new_{frame_, app_};
  PlanPages plans_{frame_, app_};
  SettingsPages settings_{frame_, app_};
  UnitAdminPages unit_admin_{frame_, app_};
  AdminPages admin_{frame_, app_};
  ReportEntryPages report_entry_{frame_, app_};
  UserPages users_{frame_, app_};
  UnitAccountsPages unit_accounts_{frame_, app_};
  EvidencePages evidence_{frame_, app_, report_};
  std::vector<PageRoute> routes_;
};

}  // namespace llw
