// The reporting-up endpoints: a node's consolidated report to the level above (status, frozen
// snapshot, versions; submit, return, accept, reopen) and the campaign's summary source. Access
// and rules are the Application's; this file reads the request and shapes the response.
#include "web/reporting_up_routes.h"

#include <string>

#include "app/api_json.h"
#include "app/campaigns.h"
#include "app/reporting_up.h"
#include "app/units.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {
namespace {

// A snapshot's version number in the path: 1 or more.
std::int64_t snapshot_version(const std::string& text) {
  if (auto number = path_id(text)) return *number;
  throw Error(ErrorKind::bad_input,
              "Số phiên bản trong đường dẫn phải là số nguyên dương (ví dụ "
              "/api/v1/campaigns/1/consolidated/HP-AH/versions/1).",
              "version");
}

nlohmann::json optional_time(const std::optional<Timestamp>& at) {
  return at ? nlohmann::json(format_timestamp(*at)) : nlohmann::json(nullptr);
}

// The frozen figures in the summary's shape (without the lists a snapshot does not keep).
nlohmann::json snapshot_json(const Campaign& campaign, const OrgUnit& node,
                             const std::optional<ConsolidatedSnapshot>& snapshot) {
  if (!snapshot) return nullptr;
  Summary figures = summary_from_aggregate(campaign, node, snapshot->slots);
  figures.source = snapshot->source;
  nlohmann::json shown = to_json(figures);
  for (const char* key : {"missing", "narratives", "narrative_counts", "not_accepted"}) {
    shown.erase(key);
  }
  nlohmann::json narrative = nlohmann::json::object();
  for (const auto& [part, text] : snapshot->narrative) narrative[part] = text;
  return {{"source", std::string(to_string(snapshot->source))},
          {"narrative_version", snapshot->narrative_version},
          {"narrative", std::move(narrative)},
          {"figures", std::move(shown)}};
}

nlohmann::json state_json(const ConsolidatedReport& report) {
  return {{"unit", report.unit_code},
          {"status", std::string(to_string(report.status))},
          {"status_label", std::string(vietnamese_status(report.status))},
          {"version", report.version},
          {"submitted_at", optional_time(report.submitted_at)},
          {"late", report.late},
          {"comment", report.comment},
          {"updated_at",
           report.updated_at ? nlohmann::json(format_timestamp(report.updated_at)) : nullptr}};
}

nlohmann::json version_json(const ConsolidatedReportVersion& version) {
  nlohmann::json out = state_json(version.report);
  out["action"] = version.action;
  out["by"] = version.by_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(version.by_name);
  return out;
}

}  // namespace

std::vector<ApiRoute> ReportingUpRoutes::routes() {
  return {
      {"PATCH", {"campaigns", "{}"}, bind(&ReportingUpRoutes::patch_campaign)},
      {"GET",
       {"campaigns", "{}", "consolidated", "{}"},
       bind(&ReportingUpRoutes::get_consolidated)},
      {"POST",
       {"campaigns", "{}", "consolidated", "{}", "submit"},
       bind(&ReportingUpRoutes::act_on_consolidated)},
      {"POST",
       {"campaigns", "{}", "consolidated", "{}", "return"},
       bind(&ReportingUpRoutes::act_on_consolidated)},
      {"POST",
       {"campaigns", "{}", "consolidated", "{}", "accept"},
       bind(&ReportingUpRoutes::act_on_consolidated)},
      {"POST",
       {"campaigns", "{}", "consolidated", "{}", "reopen"},
       bind(&ReportingUpRoutes::act_on_consolidated)},
      {"GET",
       {"campaigns", "{}", "consolidated", "{}", "versions", "{}"},
       bind(&ReportingUpRoutes::get_consolidated_version)},
  };
}

nlohmann::json ReportingUpRoutes::consolidated_json(const User& user, std::int64_t campaign_id,
                                                    const std::string& unit_code) {
  const ConsolidatedReport report =
      app_.reporting_up().consolidated_report(user, campaign_id, unit_code);
  const Campaign campaign = app_.campaigns().get_campaign(user, campaign_id);
  const OrgUnit node = app_.units().get_unit(user, unit_code);
  nlohmann::json out = state_json(report);
  out["name"] = node.name;
  out["snapshot"] = snapshot_json(campaign, node, report.snapshot);
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& version :
       app_.reporting_up().consolidated_report_history(user, campaign_id, unit_code)) {
    versions.push_back(version_json(version));
  }
  out["versions"] = std::move(versions);
  nlohmann::json children = nlohmann::json::array();
  for (const ChildFigures& child :
       *app_.reporting_up().consolidated_children(user, campaign_id, unit_code)) {
    children.push_back({{"unit", child.unit.code},
                        {"name", child.unit.name},
                        {"status", std::string(to_string(child.consolidated_status))},
                        {"status_label", std::string(vietnamese_status(child.consolidated_status))},
                        {"version", child.consolidated_version},
                        {"submitted_at", optional_time(child.submitted_at)},
                        {"late", child.late}});
  }
  out["children"] = std::move(children);
  return out;
}

HttpResponse ReportingUpRoutes::get_consolidated(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  return json_response(200, consolidated_json(user, campaign_id, params[1]));
}

HttpResponse ReportingUpRoutes::act_on_consolidated(const HttpRequest& request,
                                                    const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const std::string& action = request.segments.back();
  const auto [version, comment] = parse_action_body(request.body, max_body_bytes_, action);
  const RequestContext context{request.client_address};
  try {
    app_.reporting_up().decide_consolidated(user, campaign_id, params[1],
                                            report_event_named(action), comment, version, context);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::conflict) throw;
    return conflict_response(error, [&] {
      const ConsolidatedReport current =
          app_.reporting_up().consolidated_report(user, campaign_id, params[1]);
      return std::pair{current.version, current.status};
    });
  }
  return json_response(200, consolidated_json(user, campaign_id, params[1]));
}

HttpResponse ReportingUpRoutes::get_consolidated_version(const HttpRequest& request,
                                                         const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const std::int64_t number = snapshot_version(params[2]);
  const ConsolidatedReportVersion version =
      app_.reporting_up().consolidated_report_version(user, campaign_id, params[1], number);
  const Campaign campaign = app_.campaigns().get_campaign(user, campaign_id);
  const OrgUnit node = app_.units().get_unit(user, params[1]);
  nlohmann::json out = version_json(version);
  out["name"] = node.name;
  out["snapshot"] = snapshot_json(campaign, node, version.report.snapshot);
  return json_response(200, out);
}

HttpResponse ReportingUpRoutes::patch_campaign(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"name", "period_start", "period_end", "deadline", "lock_date",
                                "summary_source", "reporting_kinds", "theme"});
  Campaign campaign = app_.campaigns().get_campaign(user, campaign_id);
  const CampaignSettings settings = campaign_settings_from_json(body, campaign);
  const RequestContext context{request.client_address};
  if (body.size() == 1 && settings.summary_source) {
    campaign = app_.reporting_up().set_summary_source(user, campaign_id, *settings.summary_source,
                                                      context);
  } else if (!body.empty()) {
    // Name, dates, kinds (with their reports) and the summary source change in one transaction
    // (campaign_settings.cpp), checked as for a new campaign.
    campaign = app_.campaigns().update_campaign_settings(user, campaign_id, settings, context);
  }
  return json_response(200, to_json(campaign, false));
}

}  // namespace llw
