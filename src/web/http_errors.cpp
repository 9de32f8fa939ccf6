#include "web/http_errors.h"

#include <string>

#include "domain/workflow.h"

namespace llw {

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_input:
      return 400;
    case ErrorKind::unauthenticated:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::too_large:
      return 413;
    case ErrorKind::validation_failed:
      return 422;
    case ErrorKind::rate_limited:
      return 429;
    case ErrorKind::not_implemented:
      return 501;
    case ErrorKind::unavailable:
      return 503;
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

HttpResponse json_response(int status, const nlohmann::json& body) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse no_content() {
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

HttpResponse conflict_response(
    const Error& error, const std::function<std::pair<std::int64_t, ReportStatus>()>& current) {
  nlohmann::json extra = nullptr;
  try {
    const auto [version, status] = current();
    extra = {{"current_version", version},
             {"current_status", std::string(to_string(status))},
             {"current_status_label", std::string(vietnamese_status(status))}};
  } catch (const std::exception&) {
    // Without the state the error still says what happened.
  }
  return error_response(error, extra);
}

HttpResponse error_response(const Error& error, const nlohmann::json& extra,
                            int retry_after_seconds) {
  if (error.kind() == ErrorKind::internal) return internal_error_response();
  nlohmann::json body_error{{"code", error_code(error.kind())}, {"message", error.message()}};
  // Every 4xx names a field; a validation failure without one names its first failing item.
  std::string field = error.field();
  if (field.empty() && !error.fields().empty()) field = error.fields().begin()->first;
  body_error["field"] = field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field);
  if (error.kind() == ErrorKind::validation_failed || !error.fields().empty()) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [key, message] : error.fields()) fields[key] = message;
    // A validation failure always names at least one field, so a form can show the message
    // next to it.
    if (fields.empty() && !error.field().empty()) fields[error.field()] = error.message();
    body_error["fields"] = std::move(fields);
  }
  if (extra.is_object()) {
    for (const auto& [key, value] : extra.items()) body_error[key] = value;
  }
  HttpResponse response = json_response(http_status(error.kind()), {{"error", body_error}});
  if (error.kind() == ErrorKind::unauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"llw\"");
  } else if (error.kind() == ErrorKind::rate_limited) {
    response.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  } else if (error.kind() == ErrorKind::unavailable) {
    response.headers.emplace_back("Retry-After", std::to_string(unavailable_retry_after_seconds));
  }
  return response;
}

HttpResponse protocol_error_response(int status, const std::string& message,
                                     const std::string& field) {
  const char* code = status == 414   ? "uri_too_long"
                     : status == 415 ? "unsupported_media_type"
                     : status == 431 ? "headers_too_large"
                                     : "bad_input";
  return json_response(status,
                       {{"error", {{"code", code}, {"message", message}, {"field", field}}}});
}

HttpResponse internal_error_response() {
  return json_response(
      500, {{"error",
             {{"code", error_code(ErrorKind::internal)},
              {"message",
               "Hệ thống gặp lỗi ngoài dự kiến. Vui lòng thử lại sau; nếu lỗi còn lặp lại, hãy "
               "báo cho quản trị viên."},
              {"field", nullptr}}}});
}

}  // namespace llw
