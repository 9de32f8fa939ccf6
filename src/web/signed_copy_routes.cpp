// The signed copy routes (signed_copy_routes.h). An upload is the PDF itself as the body (any
// Content-Type: the server reads the content), or a multipart/form-data body with the file in the
// part "file" (the form on the unit's report page). A unit's report and a node's consolidated
// report take the same requests under their own paths.
#include "web/signed_copy_routes.h"

#include <string>

#include "app/signed_copies.h"
#include "domain/error.h"
#include "web/document_routes.h"
#include "web/http_errors.h"
#include "web/pages/page_support.h"
#include "web/request_body.h"

namespace llw {
namespace {

nlohmann::json to_json(const SignedCopyVerdict& verdict) {
  const SignedCopy& copy = verdict.copy;
  return {{"id", copy.id},
          {"status", copy.status},
          {"message", verdict.message},
          {"report_version", copy.report_version},
          {"signer", copy.signer},
          {"signer_subject", copy.signer_name},
          {"issuer", copy.issuer},
          {"serial", copy.serial},
          {"valid_from", copy.valid_from},
          {"valid_until", copy.valid_until},
          {"signed_at", copy.signed_at.empty() ? nlohmann::json() : nlohmann::json(copy.signed_at)},
          {"size", copy.size},
          {"sha256", copy.sha256},
          {"uploaded_at", copy.uploaded_at}};
}

// The signed PDF of an upload: the body, or its multipart part "file".
std::string uploaded_pdf(const HttpRequest& request) {
  if (!is_multipart(request.content_type)) return request.body;
  pages::PostedForm form = pages::parse_posted_form(request.content_type, request.body,
                                                    SignedCopies::kMaxFileBytes + 64 * 1024);
  const auto part = form.files.find("file");
  if (part == form.files.end()) {
    throw Error(ErrorKind::bad_input, "Thiếu tệp PDF đã ký (phần \"file\" của biểu mẫu).", "file");
  }
  return std::move(part->second.bytes);
}

}  // namespace

std::vector<ApiRoute> SignedCopyRoutes::routes() {
  const std::vector<std::string> base = {"campaigns", "{}", "reports", "{}", "signed-copy"};
  std::vector<std::string> file_path = base;
  file_path.emplace_back("file");
  const std::vector<std::string> up = {"campaigns", "{}", "consolidated", "{}", "signed-copy"};
  std::vector<std::string> up_file = up;
  up_file.emplace_back("file");
  return {
      {"POST", base, bind(&SignedCopyRoutes::upload), false},
      {"GET", base, bind(&SignedCopyRoutes::verdict)},
      {"GET", file_path, bind(&SignedCopyRoutes::file)},
      {"POST", up, bind(&SignedCopyRoutes::upload_consolidated), false},
      {"GET", up, bind(&SignedCopyRoutes::consolidated_verdict)},
      {"GET", up_file, bind(&SignedCopyRoutes::consolidated_file)},
      {"GET", {"campaigns", "{}", "signed-copy-policy"}, bind(&SignedCopyRoutes::policy)},
      {"PUT", {"campaigns", "{}", "signed-copy-policy"}, bind(&SignedCopyRoutes::set_policy)},
  };
}

HttpResponse SignedCopyRoutes::upload(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const std::string pdf = uploaded_pdf(request);
  const SignedCopyVerdict verdict = app_.signed_copies().upload(
      user, campaign_id, params[1], pdf, RequestContext{request.client_address});
  return json_response(201, to_json(verdict));
}

HttpResponse SignedCopyRoutes::verdict(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const auto latest = app_.signed_copies().latest(user, campaign_id_from(params[0]), params[1]);
  if (!latest) {
    throw Error(ErrorKind::not_found, "Báo cáo này chưa có bản đã ký số.", "signed_copy");
  }
  return json_response(200, to_json(*latest));
}

HttpResponse SignedCopyRoutes::file(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  std::string bytes =
      app_.signed_copies().latest_file(user, campaign_id_from(params[0]), params[1]);
  return file_response(DocumentFile{std::move(bytes), "application/pdf",
                                    "bao-cao-da-ky-" + params[1] + ".pdf", nullptr});
}

HttpResponse SignedCopyRoutes::upload_consolidated(const HttpRequest& request,
                                                   const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const std::string pdf = uploaded_pdf(request);
  const SignedCopyVerdict verdict = app_.signed_copies().upload_consolidated(
      user, campaign_id, params[1], pdf, RequestContext{request.client_address});
  return json_response(201, to_json(verdict));
}

HttpResponse SignedCopyRoutes::consolidated_verdict(const HttpRequest& request,
                                                    const Params& params) {
  const User user = authenticate(request);
  const auto latest =
      app_.signed_copies().latest_consolidated(user, campaign_id_from(params[0]), params[1]);
  if (!latest) {
    throw Error(ErrorKind::not_found, "Báo cáo tổng hợp này chưa có bản đã ký số.", "signed_copy");
  }
  return json_response(200, to_json(*latest));
}

HttpResponse SignedCopyRoutes::consolidated_file(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  std::string bytes =
      app_.signed_copies().latest_consolidated_file(user, campaign_id_from(params[0]), params[1]);
  return file_response(DocumentFile{std::move(bytes), "application/pdf",
                                    "bao-cao-tong-hop-da-ky-" + params[1] + ".pdf", nullptr});
}

HttpResponse SignedCopyRoutes::policy(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  return json_response(
      200, {{"required", app_.signed_copies().required(user, campaign_id_from(params[0]))}});
}

HttpResponse SignedCopyRoutes::set_policy(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  const nlohmann::json body = parse_json_body(request.body, max_body_bytes_);
  const auto required = body.is_object() ? body.find("required") : body.end();
  if (!body.is_object() || required == body.end() || !required->is_boolean() || body.size() != 1) {
    throw Error(ErrorKind::bad_input,
                "Nội dung phải là {\"required\": true} hoặc {\"required\": false}.", "required");
  }
  app_.signed_copies().set_required(user, campaign_id, required->get<bool>(),
                                    RequestContext{request.client_address});
  return json_response(200, {{"required", required->get<bool>()}});
}

}  // namespace llw
