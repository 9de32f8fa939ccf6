// GET/POST /api/v1/campaigns, GET /api/v1/campaigns/{id}, POST /api/v1/campaigns/{id}/next-year,
// POST /api/v1/forms and GET /api/v1/forms/{id}. Access and rules are the Application's; this
// file reads the request and shapes the response.
#include "web/campaign_routes.h"

#include <string>

#include "app/api_json.h"
#include "app/campaigns.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {

namespace {

// 201 with the campaign as stored and its address.
HttpResponse created(const Campaign& campaign) {
  HttpResponse response = json_response(201, to_json(campaign, true));
  response.headers.emplace_back("Location", "/api/v1/campaigns/" + std::to_string(campaign.id));
  return response;
}

}  // namespace

std::vector<ApiRoute> CampaignRoutes::routes() {
  return {
      {"GET", {"campaigns"}, bind(&CampaignRoutes::list_campaigns)},
      {"POST", {"campaigns"}, bind(&CampaignRoutes::create_campaign)},
      {"GET", {"campaigns", "{}"}, bind(&CampaignRoutes::get_campaign)},
      {"POST", {"campaigns", "{}", "next-year"}, bind(&CampaignRoutes::start_next_year)},
      // The body is a JSON file or an XLSForm workbook: the use case tells them apart.
      {"POST", {"forms"}, bind(&CampaignRoutes::add_form_version), false},
      {"GET", {"forms", "{}"}, bind(&CampaignRoutes::get_form)},
  };
}

HttpResponse CampaignRoutes::list_campaigns(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  nlohmann::json campaigns = nlohmann::json::array();
  for (const auto& campaign : app_.campaigns().list_campaigns(user)) {
    campaigns.push_back(to_json(campaign, false));
  }
  return json_response(200, {{"campaigns", std::move(campaigns)}});
}

HttpResponse CampaignRoutes::get_campaign(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return json_response(
      200, to_json(app_.campaigns().get_campaign(user, campaign_id_from(params[0])), true));
}

HttpResponse CampaignRoutes::create_campaign(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  return created(app_.campaigns().create_campaign(user, campaign_from_json(body),
                                                  RequestContext{request.client_address}));
}

HttpResponse CampaignRoutes::start_next_year(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  // The body is optional: {"form_id": "llw-2026"} starts the year on another form version.
  std::string form_id;
  if (!request.body.empty()) {
    const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
    require_object(body, "Nội dung yêu cầu");
    if (body.contains("form_id")) {
      if (!body["form_id"].is_string()) {
        throw Error(ErrorKind::bad_input, "Trường \"form_id\" phải là chuỗi (mã mẫu báo cáo).",
                    "form_id");
      }
      form_id = body["form_id"].get<std::string>();
    }
  }
  return created(app_.campaigns().start_next_year(user, campaign_id_from(params[0]), form_id,
                                                  RequestContext{request.client_address}));
}

HttpResponse CampaignRoutes::add_form_version(const HttpRequest& request, const Params&) {
  const User user = authenticate(request);
  // The body is the form file as it is: the use case reads it, so broken JSON is one of the
  // problems it lists rather than a bare 400.
  check_body_size(request.body.size(), max_body_bytes_);
  const FormUpload upload =
      app_.campaigns().add_form_version(user, request.body, RequestContext{request.client_address});
  if (!upload.problems.empty()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const std::string& problem : upload.problems) errors.push_back({{"message", problem}});
    return json_response(
        422, {{"error",
               {{"code", error_code(ErrorKind::validation_failed)},
                {"message", "Mẫu báo cáo có " + std::to_string(upload.problems.size()) +
                                " lỗi nên chưa được lưu; hãy sửa từng lỗi trong danh sách rồi "
                                "tải lên lại."},
                {"field", "body"},
                {"fields", nlohmann::json::object()}}},
              {"errors", std::move(errors)}});
  }
  HttpResponse response = json_response(
      upload.created ? 201 : 200, {{"created", upload.created}, {"form", upload.form->to_json()}});
  response.headers.emplace_back("Location", "/api/v1/forms/" + upload.form->id);
  return response;
}

HttpResponse CampaignRoutes::get_form(const HttpRequest& request, const Params& params) {
  authenticate(request);
  return json_response(200, app_.campaigns().form(params[0])->to_json());
}

}  // namespace llw
