// The reporting-up endpoints: a node's consolidated report to the level above (status, frozen
// snapshot, versions; submit, return, accept, reopen) and the campaign's summary source. Access
// and rules are the Application's; this file reads the request and shapes the response.
#include <string>

#include "app/api_json.h"
#include "domain/error.h"
#include "web/api_routes.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {
namespace {

std::int64_t path_number(const std::string& text, const char* field, bool zero_allowed) {
  const bool digits_only = !text.empty() && text.size() <= 18 &&
                           text.find_first_not_of("0123456789") == std::string::npos;
  const std::int64_t number = digits_only ? std::stoll(text) : -1;
  if (number < (zero_allowed ? 0 : 1)) {
    throw Error(ErrorKind::bad_input,
                std::string("Giá trị \"") + field + "\" trong đường dẫn phải là số nguyên " +
                    (zero_allowed ? "không âm" : "dương") +
                    " (ví dụ /api/v1/campaigns/1/consolidated/HP-AH/versions/1).",
                field);
  }
  return number;
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

nlohmann::json ApiRoutes::consolidated_json(const User& user, std::int64_t campaign_id,
                                            const std::string& unit_code) {
  const ConsolidatedReport report = app_.consolidated_report(user, campaign_id, unit_code);
  const Campaign campaign = app_.get_campaign(user, campaign_id);
  const OrgUnit node = app_.get_unit(user, unit_code);
  nlohmann::json out = state_json(report);
  out["name"] = node.name;
  out["snapshot"] = snapshot_json(campaign, node, report.snapshot);
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& version : app_.consolidated_report_history(user, campaign_id, unit_code)) {
    versions.push_back(version_json(version));
  }
  out["versions"] = std::move(versions);
  nlohmann::json children = nlohmann::json::array();
  for (const ChildFigures& child : app_.consolidated_children(user, campaign_id, unit_code)) {
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

HttpResponse ApiRoutes::get_consolidated(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = path_number(params[0], "campaign_id", false);
  return json_response(200, consolidated_json(user, campaign_id, params[1]));
}

HttpResponse ApiRoutes::act_on_consolidated(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = path_number(params[0], "campaign_id", false);
  const std::string& action = request.segments.back();
  const auto [version, comment] = parse_action_body(request.body, max_body_bytes_, action);
  const RequestContext context{request.client_address};
  try {
    if (action == "submit") {
      app_.submit_consolidated(user, campaign_id, params[1], version, context);
    } else if (action == "return") {
      app_.return_consolidated(user, campaign_id, params[1], comment, version, context);
    } else if (action == "accept") {
      app_.accept_consolidated(user, campaign_id, params[1], version, context);
    } else {
      app_.reopen_consolidated(user, campaign_id, params[1], comment, version, context);
    }
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::conflict) throw;
    return conflict_response(error, [&] {
      const ConsolidatedReport current = app_.consolidated_report(user, campaign_id, params[1]);
      return std::pair{current.version, current.status};
    });
  }
  return json_response(200, consolidated_json(user, campaign_id, params[1]));
}

HttpResponse ApiRoutes::get_consolidated_version(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = path_number(params[0], "campaign_id", false);
  const std::int64_t number = path_number(params[2], "version", false);
  const ConsolidatedReportVersion version =
      app_.consolidated_report_version(user, campaign_id, params[1], number);
  const Campaign campaign = app_.get_campaign(user, campaign_id);
  const OrgUnit node = app_.get_unit(user, params[1]);
  nlohmann::json out = version_json(version);
  out["name"] = node.name;
  out["snapshot"] = snapshot_json(campaign, node, version.report.snapshot);
  return json_response(200, out);
}

HttpResponse ApiRoutes::patch_campaign(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = path_number(params[0], "campaign_id", false);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"summary_source", "reporting_kinds"});
  Campaign campaign = app_.get_campaign(user, campaign_id);
  std::optional<SummarySource> source;
  if (const auto text = string_member(body, "summary_source", false)) {
    source = summary_source_from_string(*text);
    if (!source) {
      throw Error(ErrorKind::bad_input,
                  "\"summary_source\" chỉ nhận \"live\" (số liệu hiện tại của các đơn vị) hoặc "
                  "\"accepted\" (chỉ báo cáo tổng hợp đã được cấp trên chấp nhận).",
                  "summary_source");
    }
  }
  const RequestContext context{request.client_address};
  if (body.contains("reporting_kinds")) {
    // A change of kinds is a settings save (campaign_settings.cpp): name and dates stay as
    // they are, and the kinds, their reports and the summary source change in one transaction.
    CampaignSettings settings{campaign.name, campaign.period_start, campaign.period_end,
                              campaign.deadline, campaign.lock_date, source,
                              reporting_kinds_from_json(body.at("reporting_kinds"))};
    campaign = app_.update_campaign_settings(user, campaign_id, settings, context);
  } else if (source) {
    campaign = app_.set_summary_source(user, campaign_id, *source, context);
  }
  return json_response(200, to_json(campaign, false));
}

}  // namespace llw
