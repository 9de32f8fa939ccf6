// The coordinator's dashboard and its chart.

#include "web/pages/dashboard_pages.h"

#include "app/campaigns.h"
#include "app/reports.h"
#include "app/summaries.h"
#include "app/units.h"
#include "documents/bar_chart.h"
#include "documents/document.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/level_plan.h"
#include "web/pages/dashboard_view.h"
#include "web/pages/plan_links.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

DashboardPages::NodeSummary DashboardPages::node_summary(Context& context, const Params& params,
                                                         int narrative_limit) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  SummaryOptions options;
  options.missing_limit = 0;
  options.narrative_limit = narrative_limit;
  // The summary checks read_summary on the node: the role and the subtree.
  NodeSummary data;
  data.summary = app_.summaries().summary(context.user, campaign_id, params[1], options);
  data.campaign = app_.campaigns().get_campaign(context.user, campaign_id);
  data.node = app_.units().get_unit(context.user, params[1]);
  return data;
}

HttpResponse DashboardPages::dashboard(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const auto& query = context.request.query;
  DashboardQuery asked;
  pages::DashboardInput input;
  input.query = pages::query_value(query, "q").substr(0, 200);
  asked.search = input.query;
  // An unknown state (an old or edited address) lists every report.
  asked.filter = report_filter_from_string(pages::query_value(query, "trang-thai"))
                     .value_or(ReportFilter::all);
  asked.page = pages::parse_page_number(pages::query_value(query, "trang"));
  const Dashboard dashboard = app_.summaries().dashboard(
      context.user, campaign_id, params[1], asked, context.known_revision(campaign_id));
  const OrgUnit& node = dashboard.node();

  const std::string base = "/dot/" + std::to_string(campaign_id);
  const std::string code = pages::url_encode(node.code);
  input.dashboard = &dashboard;
  input.base_href = base + "/tong-quan/" + code;
  // The level above a unit reminds it (the use case checks again): the node's own report by
  // whoever may review it, the units below by a coordinator of the node or above, or an admin.
  input.may_remind_node = is_allowed(context.user, Action::review_report, node);
  input.may_remind_below = is_allowed(context.user, Action::manage_unit, node);
  input.today = date_in_vietnam(app_.now());
  // The body depends on the campaign's revision (a reminder bumps it too), last year's as the
  // comparison shows it, the query, the day (a unit reminded by hand today has no button) and who
  // may remind (access was checked by the use case): the same page asked again is framed from
  // the body rendered the first time.
  const std::string key =
      "tong-quan/" + std::to_string(campaign_id) + "/" + code + "|" +
      std::to_string(dashboard.previous_year_revision) + "?" +
      std::string(to_string(dashboard.filter)) + "&" + std::to_string(dashboard.page_number) + "&" +
      (input.may_remind_node ? "n" : "-") + (input.may_remind_below ? "b" : "-") +
      format_iso_date(input.today) + "&" + input.query;
  return cached_page(context, key, dashboard.revision, "dashboard", [&] {
    nlohmann::json view = pages::dashboard_view(input);
    view["action"] = input.base_href;
    view["chart_src"] = base + "/tong-quan/" + code + "/hoat-dong.svg";
    view["consolidated_href"] = base + "/tong-hop/" + code;
    // Entering reports from a file is for the same people as reminding the units below (the
    // coordinators of the node and above, admins: the cache key holds it).
    if (input.may_remind_below) view["entry_href"] = base + "/nhap-bao-cao/" + code;
    // A province or commune below the issuer writes its own plan; the page decides who may edit.
    if (may_have_level_plan(dashboard.campaign(), node)) {
      view["plan_href"] = base + "/ke-hoach/" + code;
    }
    pages::add_plan_links(view, app_.plans(), context.user, dashboard.campaign(), node);
    return view;
  });
}

HttpResponse DashboardPages::dashboard_remind_post(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const std::string& unit_code = context.form.value("unit");
  if (unit_code.empty()) {
    throw Error(ErrorKind::bad_input, "Biểu mẫu thiếu đơn vị cần nhắc. Hãy tải lại trang.", "unit");
  }
  // The dashboard's node must be one the user may see; the unit is checked by the use case.
  const OrgUnit node = app_.units().get_unit(context.user, params[1]);
  try {
    app_.reports().remind_unit(context.user, campaign_id, unit_code,
                               RequestContext{context.request.client_address});
  } catch (const Error& error) {
    // A second click of the same button: the reminder is queued already, the list says so.
    if (error.kind() != ErrorKind::conflict || error.field() != "reminded") throw;
  }
  // Back to the same list, at the unit's row.
  std::string href =
      "/dot/" + std::to_string(campaign_id) + "/tong-quan/" + pages::url_encode(node.code);
  char separator = '?';
  for (const char* name : {"q", "trang-thai", "trang"}) {
    const std::string value = context.form.value(name).substr(0, 200);
    if (value.empty() || (std::string_view(name) == "trang-thai" && value == "all")) continue;
    href += separator + std::string(name) + "=" + pages::url_encode(value);
    separator = '&';
  }
  return redirect(href + "#h-units");
}

namespace {
// The chart's size in points: about a phone's width, so its words stay legible at 360 px; the
// page shows it at this size (dashboard.mustache) and never wider than the screen.
constexpr double kChartWidth = 360;
constexpr double kChartHeight = 330;
}  // namespace

HttpResponse DashboardPages::activities_chart(Context& context, const Params& params) {
  const NodeSummary data = node_summary(context, params, 0);
  HttpResponse response;
  response.is_page = true;
  response.content_type = "image/svg+xml";
  response.headers.emplace_back("Cache-Control", "no-store");
  // The drawing styles its glyphs inline; as an image it can run nothing.
  response.headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  response.body = documents::render_bar_chart_svg(
      pages::directions_chart(data.campaign, data.summary), kChartWidth, kChartHeight);
  return response;
}

std::vector<PageRoute> DashboardPages::routes() {
  return {
      {"GET", {"dot", "{}", "tong-quan", "{}"}, bind(&DashboardPages::dashboard)},
      {"GET",
       {"dot", "{}", "tong-quan", "{}", "hoat-dong.svg"},
       bind(&DashboardPages::activities_chart)},
      {"POST",
       {"dot", "{}", "tong-quan", "{}", "nhac"},
       bind(&DashboardPages::dashboard_remind_post)},
  };
}

}  // namespace llw
