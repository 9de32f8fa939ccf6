// The coordinator's dashboard and its chart.

#include "documents/bar_chart.h"
#include "documents/document.h"
#include "domain/error.h"
#include "domain/level_plan.h"
#include "web/pages/dashboard_view.h"
#include "web/pages/page_routes.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

PageRoutes::NodeSummary PageRoutes::node_summary(Context& context, const Params& params,
                                                 int narrative_limit) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  SummaryOptions options;
  options.missing_limit = 0;
  options.narrative_limit = narrative_limit;
  // The summary checks read_summary on the node: the role and the subtree.
  NodeSummary data;
  data.summary = app_.summary(context.user, campaign_id, params[1], options);
  data.campaign = app_.get_campaign(context.user, campaign_id);
  data.node = app_.get_unit(context.user, params[1]);
  return data;
}

HttpResponse PageRoutes::dashboard(Context& context, const Params& params) {
  const NodeSummary data = node_summary(context, params, 0);
  const std::int64_t campaign_id = data.campaign.id;
  const OrgUnit& node = data.node;

  pages::DashboardInput input;
  input.campaign = &data.campaign;
  input.node = &node;
  input.summary = &data.summary;
  app_.store().for_each_report_in_subtree(
      campaign_id, node.path, [&](const OrgUnit& unit, const UnitReport& report) {
        input.units.push_back(
            {unit, report.status, report.late, report.updated_at, report.version});
      });
  const auto& query = context.request.query;
  if (const auto it = query.find("q"); it != query.end()) input.query = it->second.substr(0, 200);
  if (const auto it = query.find("trang-thai"); it != query.end()) input.status_filter = it->second;

  nlohmann::json view = pages::dashboard_view(input);
  const std::string base = "/dot/" + std::to_string(campaign_id);
  const std::string code = pages::url_encode(node.code);
  view["action"] = base + "/tong-quan/" + code;
  view["chart_src"] = base + "/tong-quan/" + code + "/hoat-dong.svg";
  view["consolidated_href"] = base + "/tong-hop/" + code;
  // A province or commune below the issuer writes its own plan; the page decides who may edit.
  if (may_have_level_plan(data.campaign, node)) view["plan_href"] = base + "/ke-hoach/" + code;
  return page(context, 200, "dashboard", std::move(view));
}

HttpResponse PageRoutes::activities_chart(Context& context, const Params& params) {
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
      pages::directions_chart(data.campaign, data.summary), 520, 260);
  return response;
}

}  // namespace llw
