// The document endpoints of api.md ("Documents") and the plan editing endpoint: files with their
// media type and a download name. Access, formats and numbers are the Application's; this file
// only reads the path and writes the headers.
#include "web/document_routes.h"

#include <string>

#include "app/api_json.h"
#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/level_plans.h"
#include "domain/error.h"
#include "domain/text.h"
#include "web/http_errors.h"
#include "web/request_body.h"

namespace llw {
namespace {

// The format named by the path's last segment ("report.pdf" → pdf). The route table only lets
// known names through, so anything else is a bug of the table.
DocumentFormat format_of(const HttpRequest& request) {
  const std::string& last = request.segments.back();
  const auto dot = last.rfind('.');
  const auto format =
      dot == std::string::npos ? std::nullopt : document_format_from_string(last.substr(dot + 1));
  if (!format) {
    throw Error(ErrorKind::bad_input, "Định dạng tệp phải là docx, pdf, xlsx hoặc csv.", "format");
  }
  return *format;
}

// The quoted ASCII form: only letters, digits, '-', '_' and '.' survive (names are built that
// way; this keeps a header injection impossible whatever a name becomes).
std::string ascii_file_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    out += keep ? static_cast<char>(c) : '_';
  }
  return out.empty() ? "tai-lieu" : out;
}

}  // namespace

std::vector<ApiRoute> DocumentRoutes::routes() {
  return {
      {"PUT", {"campaigns", "{}", "plan"}, bind(&DocumentRoutes::put_campaign_plan)},
      {"GET", {"campaigns", "{}", "plans", "{}"}, bind(&DocumentRoutes::get_level_plan)},
      {"PUT", {"campaigns", "{}", "plans", "{}"}, bind(&DocumentRoutes::put_level_plan)},
      {"POST",
       {"campaigns", "{}", "plans", "{}", "issue"},
       bind(&DocumentRoutes::issue_level_plan)},
      {"GET",
       {"campaigns", "{}", "plans", "{}", "{}", "plan.docx"},
       bind(&DocumentRoutes::get_level_plan_document)},
      {"GET",
       {"campaigns", "{}", "plans", "{}", "{}", "plan.pdf"},
       bind(&DocumentRoutes::get_level_plan_document)},
      {"GET", {"campaigns", "{}", "plan.docx"}, bind(&DocumentRoutes::get_plan_document)},
      {"GET", {"campaigns", "{}", "plan.pdf"}, bind(&DocumentRoutes::get_plan_document)},
      {"GET",
       {"campaigns", "{}", "reports", "{}", "report.docx"},
       bind(&DocumentRoutes::get_report_document)},
      {"GET",
       {"campaigns", "{}", "reports", "{}", "report.pdf"},
       bind(&DocumentRoutes::get_report_document)},
      {"GET",
       {"campaigns", "{}", "summary", "{}", "report.docx"},
       bind(&DocumentRoutes::get_summary_document)},
      {"GET",
       {"campaigns", "{}", "summary", "{}", "report.pdf"},
       bind(&DocumentRoutes::get_summary_document)},
      {"GET",
       {"campaigns", "{}", "summary", "{}", "data.xlsx"},
       bind(&DocumentRoutes::get_summary_data)},
      {"GET",
       {"campaigns", "{}", "summary", "{}", "data.csv"},
       bind(&DocumentRoutes::get_summary_data)},
  };
}

HttpResponse file_response(DocumentFile file) {
  HttpResponse response;
  response.status = 200;
  response.content_type = std::move(file.content_type);
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"" + ascii_file_name(file.file_name) +
                                    "\"; filename*=UTF-8''" +
                                    percent_encode(file.file_name, kRfc5987AttrChars));
  response.body = std::move(file.bytes);
  response.body_file = std::move(file.spooled);
  return response;
}

HttpResponse DocumentRoutes::get_plan_document(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return file_response(
      app_.documents().plan_document(user, campaign_id_from(params[0]), format_of(request)));
}

HttpResponse DocumentRoutes::get_report_document(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  ReportDocumentOptions options;
  if (const auto it = request.query.find("mark_empty"); it != request.query.end()) {
    if (it->second != "0" && it->second != "1") {
      throw Error(ErrorKind::bad_input,
                  "Tham số mark_empty chỉ nhận 1 (ghi \"Không có số liệu\" cho mục trống) hoặc 0 "
                  "(bỏ qua mục trống).",
                  "mark_empty");
    }
    options.mark_empty = it->second == "1";
  }
  return file_response(app_.documents().report_document(user, campaign_id_from(params[0]),
                                                        params[1], format_of(request), options));
}

HttpResponse DocumentRoutes::get_summary_document(const HttpRequest& request,
                                                  const Params& params) {
  const User user = authenticate(request);
  return file_response(app_.documents().summary_document(user, campaign_id_from(params[0]),
                                                         params[1], format_of(request)));
}

HttpResponse DocumentRoutes::get_summary_data(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return file_response(app_.documents().data_export(user, campaign_id_from(params[0]), params[1],
                                                    format_of(request)));
}

HttpResponse DocumentRoutes::put_campaign_plan(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung kế hoạch");
  return json_response(
      200, to_json(app_.campaigns().update_campaign_plan(user, campaign_id_from(params[0]), body),
                   true));
}

HttpResponse DocumentRoutes::get_level_plan(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return json_response(
      200, to_json(app_.plans().level_plan(user, campaign_id_from(params[0]), params[1])));
}

HttpResponse DocumentRoutes::put_level_plan(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung kế hoạch");
  reject_unknown_members(body,
                         {"version", "number", "issued_on", "deadline", "lock_date", "content"});
  std::int64_t version = 0;
  const LevelPlanDraft draft = level_plan_draft_from_json(body, version);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  app_.plans().save_level_plan(user, campaign_id, params[1], version, draft,
                               RequestContext{request.client_address});
  return json_response(200, to_json(app_.plans().level_plan(user, campaign_id, params[1])));
}

HttpResponse DocumentRoutes::issue_level_plan(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  require_object(body, "Nội dung yêu cầu");
  reject_unknown_members(body, {"version"});
  const auto version = body.find("version");
  if (version == body.end() || !version->is_number_integer()) {
    throw Error(ErrorKind::bad_input,
                "Thiếu trường \"version\" (phiên bản của dự thảo sẽ ban hành).", "version");
  }
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  app_.plans().issue_level_plan(user, campaign_id, params[1], version->get<std::int64_t>(),
                                RequestContext{request.client_address});
  return json_response(200, to_json(app_.plans().level_plan(user, campaign_id, params[1])));
}

HttpResponse DocumentRoutes::get_level_plan_document(const HttpRequest& request,
                                                     const Params& params) {
  const User user = authenticate(request);
  // "draft" is the current draft's preview; otherwise an issued edition's number.
  int edition = 0;
  if (params[2] != "draft") {
    const bool digits = !params[2].empty() && params[2].size() <= 4 &&
                        params[2].find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(params[2]) == 0) {
      throw Error(ErrorKind::not_found, "Không có bản kế hoạch \"" + params[2] + "\".", "edition");
    }
    edition = std::stoi(params[2]);
  }
  return file_response(app_.plans().level_plan_document(user, campaign_id_from(params[0]),
                                                        params[1], edition, format_of(request)));
}

}  // namespace llw
