#pragma once
// The web application's pages: a route table of server-rendered Vietnamese pages (sign-in, the
// report form, the coordinator's dashboard, the consolidated report, admin pages) and the static
// files they load. Like ApiRoutes it works on plain HttpRequest/HttpResponse values; handlers are
// spread over sign_in_pages.cpp, report_pages.cpp, dashboard_pages.cpp, consolidated_pages.cpp and
// admin_pages.cpp. Every page authenticates with the session cookie, every POST checks the CSRF
// token, and every access goes through the Application, which asks the domain's access policy.

#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/application.h"
#include "app/campaigns.h"
#include "app/documents.h"
#include "app/unit_accounts.h"
#include "domain/campaign.h"
#include "domain/reporting_up_store.h"
#include "domain/session_view.h"
#include "domain/summary.h"
#include "domain/user.h"
#include "web/http_message.h"
#include "web/pages/form_echo.h"
#include "web/pages/page_support.h"
#include "web/pages/rendered_bodies.h"

namespace llw {

namespace pages {
struct ReviewEcho;
struct ReportFormInput;
struct ConsolidatedInput;
struct ReportingUpEcho;
struct UnitAccountsPageInput;
struct PlanFormValues;
}  // namespace pages

class PageRoutes {
 public:
  PageRoutes(Application& app, std::size_t max_body_bytes);

  // Never throws: unknown paths give the 404 page, forbidden ones the 403 page, a missing
  // session a redirect to the sign-in page, anything unexpected the 500 page.
  HttpResponse handle(const HttpRequest& request);

  // The signed-in state of one request: the user, their session token (for the CSRF token) and
  // the parsed POST body.
  struct Context {
    const HttpRequest& request;
    User user;
    std::string session_token;
    std::string csrf;
    pages::PostedForm form;
    // Read with the session in one round trip (Application::authenticate_page): what the frame
    // needs, and the revision of the campaign named by a /dot/{id}/… address.
    std::optional<SessionView> session;
    std::int64_t session_campaign_id = 0;

    // The revision of `campaign_id` read with the session, if it was.
    std::optional<std::int64_t> known_revision(std::int64_t campaign_id) const {
      if (!session || campaign_id != session_campaign_id) return std::nullopt;
      return session->campaign_revision;
    }
  };

 private:
  using Params = std::vector<std::string>;
  using Handler = HttpResponse (PageRoutes::*)(Context&, const Params&);
  struct Route {
    const char* method;
    std::vector<std::string> pattern;  // "{}" matches any one segment
    Handler handler;
    bool public_page = false;  // reachable without a session
    // Reachable while the account must still choose its password (the change-password page and
    // signing out); every other page sends such an account there first.
    bool before_password_change = false;
  };

  HttpResponse dispatch(const HttpRequest& request);
  HttpResponse static_file(const HttpRequest& request);

  // Renders `template_name` with `view` plus the CSRF token, framed for the user.
  HttpResponse page(Context& context, int status, const std::string& template_name,
                    nlohmann::json view);
  // The same for a page whose body depends only on `key` and the data's `version` (e.g. the
  // campaign's revision), never on who asks (the caller has checked access): the body rendered
  // for that version is reused, and `view_of` runs only when there is none.
  HttpResponse cached_page(Context& context, const std::string& key, std::int64_t version,
                           const std::string& template_name,
                           const std::function<nlohmann::json()>& view_of);
  // `body` (a rendered page body) between the frame's head and foot: the title, the user's name,
  // the navigation with the unread notifications, the CSRF token of the sign-out form.
  HttpResponse framed_page(Context& context, int status, const std::string& title,
                           const std::string& body);
  // The frame's data for `user`: their name and role and the navigation, which links to
  // `campaign` (the newest they may see) and shows `unread` notifications (-1: no link).
  nlohmann::json frame_view(const User& user,
                            const std::optional<Campaigns::CampaignLink>& campaign,
                            std::int64_t unread);
  HttpResponse error_page(const HttpRequest& request, const User* user, int status,
                          const std::string& message);
  static HttpResponse redirect(const std::string& location);
  // A file to save (Content-Disposition: attachment), never cached (workflow_pages.cpp).
  static HttpResponse download(const DocumentFile& file);
  // Fails with Error{bad_input} unless the POST carries this session's CSRF token.
  void require_csrf(const Context& context) const;
  // The campaign to show by default: the newest one the user may see.
  std::optional<Campaigns::CampaignLink> default_campaign(const User& user);

  // sign_in_pages.cpp
  HttpResponse home(Context& context, const Params& params);
  // The campaigns the user may see, to switch years (campaign_list_pages.cpp).
  HttpResponse campaign_list(Context& context, const Params& params);
  // The user's starting page in a campaign: the unit's report or the dashboard.
  static std::string campaign_start_href(const User& user, std::int64_t campaign_id,
                                         const std::string& issuer_code);
  HttpResponse sign_in_form(Context& context, const Params& params);
  HttpResponse sign_in(Context& context, const Params& params);
  HttpResponse sign_out(Context& context, const Params& params);
  HttpResponse sign_in_page(const HttpRequest& request, int status, const std::string& username,
                            const std::string& message, const std::string& next);
  // report_pages.cpp
  HttpResponse report_form(Context& context, const Params& params);
  HttpResponse report_post(Context& context, const Params& params);
  HttpResponse submit_confirmed(Context& context, const Campaign& campaign, const OrgUnit& unit,
                                const UnitReport& saved, std::int64_t version);
  HttpResponse report_confirm(Context& context, const Params& params);
  // The report page with its workflow part; `echo` re-shows a refused review form.
  HttpResponse report_page(Context& context, std::int64_t campaign_id, const std::string& unit_code,
                           int status, const pages::ReviewEcho& echo);
  // The report page's view from `input` (campaign, unit, report and the values to show, set by
  // the caller): the form, the workflow part, the history and the form's action. The page a GET
  // shows and every re-render after a refused save or submit are built here, so they agree.
  nlohmann::json report_view(Context& context, pages::ReportFormInput& input,
                             const pages::ReviewEcho& echo);
  // workflow_pages.cpp: review actions, the unit report's exports and history, the audit log,
  // notifications.
  HttpResponse review_post(Context& context, const Params& params);
  // A report shown read-only (to its reviewers and readers, or to its unit once submitted): the
  // report as the document reads, with the decision kept reachable. `form_view` is report_view's
  // (its "workflow" and "plan_above").
  HttpResponse review_page(Context& context, int status, const pages::ReportFormInput& input,
                           const nlohmann::json& form_view);
  HttpResponse report_export(Context& context, const Params& params);
  HttpResponse report_history(Context& context, const Params& params);
  HttpResponse audit_log(Context& context, const Params& params);
  HttpResponse audit_csv(Context& context, const Params& params);
  HttpResponse notifications(Context& context, const Params& params);
  HttpResponse notifications_post(Context& context, const Params& params);
  // A node's summary with its campaign and unit, read for the node's pages (the summary checks
  // read_summary on the node first); params are the campaign id and the unit code.
  struct NodeSummary {
    Summary summary;
    Campaign campaign;
    OrgUnit node;
  };
  NodeSummary node_summary(Context& context, const Params& params, int narrative_limit);
  // dashboard_pages.cpp
  HttpResponse dashboard(Context& context, const Params& params);
  // The "Nhắc" of one unit on the dashboard: queues its reminder, back to the same list.
  HttpResponse dashboard_remind_post(Context& context, const Params& params);
  HttpResponse activities_chart(Context& context, const Params& params);
  // consolidated_pages.cpp
  HttpResponse consolidated(Context& context, const Params& params);
  HttpResponse consolidated_post(Context& context, const Params& params);
  HttpResponse document_export(Context& context, const Params& params);
  // One part's units' texts, a page at a time (the consolidated page shows the first few).
  HttpResponse unit_texts(Context& context, const Params& params);
  HttpResponse consolidated_page(Context& context, const Params& params, int status,
                                 const pages::ReportingUpEcho& echo);
  // The consolidated page's view as a GET shows it, with the `saved` narrative in the editor.
  nlohmann::json consolidated_view_of(Context& context, const Params& params,
                                      const ConsolidatedNarrative& saved,
                                      const pages::ReportingUpEcho& echo);
  // The consolidated page's view from `input` (the narrative to show, set by the caller): the
  // history, exports and the reporting-up panel, the same for the page a GET shows and a refused
  // save's re-render.
  nlohmann::json consolidated_page_view(Context& context, const NodeSummary& data,
                                        pages::ConsolidatedInput& input,
                                        const pages::ReportingUpEcho& echo);
  // reporting_up_pages.cpp: the reporting-up panel of the consolidated page and its actions.
  nlohmann::json reporting_up_section(Context& context, const Campaign& campaign,
                                      const OrgUnit& node, const pages::ReportingUpEcho& echo);
  HttpResponse reporting_up_post(Context& context, const Params& params);
  // admin_pages.cpp
  HttpResponse admin_units(Context& context, const Params& params);
  HttpResponse admin_units_post(Context& context, const Params& params);
  HttpResponse admin_import(Context& context, const Params& params);
  HttpResponse admin_import_post(Context& context, const Params& params);
  // user_pages.cpp
  HttpResponse admin_users(Context& context, const Params& params);
  HttpResponse admin_users_post(Context& context, const Params& params);
  HttpResponse admin_user(Context& context, const Params& params);
  HttpResponse admin_user_post(Context& context, const Params& params);
  HttpResponse change_password_form(Context& context, const Params& params);
  HttpResponse change_password_post(Context& context, const Params& params);
  // settings_pages.cpp
  HttpResponse campaign_settings(Context& context, const Params& params);
  HttpResponse campaign_settings_post(Context& context, const Params& params);
  // campaign_new_pages.cpp
  HttpResponse campaign_new(Context& context, const Params& params);
  HttpResponse campaign_new_post(Context& context, const Params& params);
  // plan_pages.cpp
  HttpResponse plan_composer(Context& context, const Params& params);
  HttpResponse plan_composer_post(Context& context, const Params& params);
  HttpResponse plan_download(Context& context, const Params& params);
  // The page with the boxes as `typed` (null: the saved draft, or a first draft to start from).
  HttpResponse plan_composer_page(Context& context, std::int64_t campaign_id,
                                  const std::string& unit_code, int status,
                                  const pages::PlanFormValues* typed, pages::FormEcho echo);
  // unit_accounts_pages.cpp
  HttpResponse unit_accounts(Context& context, const Params& params);
  HttpResponse unit_accounts_post(Context& context, const Params& params);
  HttpResponse unit_accounts_page(Context& context, const UnitAccountScope& scope, int status,
                                  pages::UnitAccountsPageInput input);

  Application& app_;
  std::size_t max_body_bytes_;
  // Up to 16 MB of page bodies, each reused for at most 5 seconds.
  pages::RenderedBodies rendered_{std::size_t{16} << 20, std::chrono::seconds(5)};
  // The frames' heads, under everything they are rendered from: 2 MB of a few KB each.
  pages::RenderedBodies frames_{std::size_t{2} << 20, std::chrono::seconds(60)};
  std::vector<Route> routes_;
};

}  // namespace llw
