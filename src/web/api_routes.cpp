#include "web/api_routes.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <string_view>
#include <utility>

#include "app/sign_in.h"
#include "domain/error.h"
#include "domain/text.h"
#include "web/http_errors.h"

namespace llw {

namespace {

HttpResponse not_found_response() {
  return error_response(Error(ErrorKind::not_found,
                              "Không tìm thấy địa chỉ này trong API. Hãy kiểm tra đường dẫn "
                              "(xem docs/api.md).",
                              "path"));
}

HttpResponse method_not_allowed_response(const std::vector<std::string>& allowed) {
  std::string allow;
  for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
  HttpResponse response = json_response(
      405,
      {{"error",
        {{"code", "method_not_allowed"},
         {"message", "Phương thức này không được hỗ trợ ở địa chỉ này. Hãy dùng: " + allow + "."},
         {"field", "method"}}}});
  response.headers.emplace_back("Allow", allow);
  return response;
}

// "application/json", any case, with or without parameters ("; charset=utf-8").
bool is_json_content_type(std::string_view content_type) {
  constexpr std::string_view json = "application/json";
  if (content_type.size() < json.size()) return false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(content_type[i])) != json[i]) return false;
  }
  const std::string_view rest = content_type.substr(json.size());
  return rest.empty() || rest.front() == ';' || rest.front() == ' ';
}

}  // namespace

ApiRoutes::ApiRoutes(Application& app, std::size_t max_body_bytes)
    : app_(app),
      auth_(app, max_body_bytes),
      users_(app, max_body_bytes),
      units_(app, max_body_bytes),
      campaigns_(app, max_body_bytes),
      reports_(app, max_body_bytes),
      summaries_(app, max_body_bytes),
      workflow_(app, max_body_bytes),
      reporting_up_(app, max_body_bytes),
      documents_(app, max_body_bytes),
      evidence_(app, max_body_bytes),
      signed_copies_(app, max_body_bytes) {
  for (std::vector<ApiRoute> family :
       {auth_.routes(), users_.routes(), units_.routes(), campaigns_.routes(), reports_.routes(),
        summaries_.routes(), workflow_.routes(), reporting_up_.routes(), documents_.routes(),
        evidence_.routes(), signed_copies_.routes()}) {
    for (ApiRoute& route : family) routes_.push_back(std::move(route));
  }
}

HttpResponse ApiRoutes::handle(const HttpRequest& request) {
  try {
    return dispatch(request);
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::internal) {
      std::cerr << "llw: " << request.method << " request failed: " << error.what() << '\n';
    }
    return error_response(error);
  } catch (const std::exception& e) {
    std::cerr << "llw: " << request.method << " request failed: " << e.what() << '\n';
    if (auto error = app_.as_error(e)) return error_response(*error);
    return internal_error_response();
  } catch (...) {
    std::cerr << "llw: " << request.method << " request failed with an unknown exception\n";
    return internal_error_response();
  }
}

HttpResponse ApiRoutes::dispatch(const HttpRequest& request) {
  const auto& segments = request.segments;
  if (segments.size() < 2 || segments[0] != "api" || segments[1] != "v1") {
    return not_found_response();
  }
  for (const auto& segment : segments) {
    if (!is_valid_utf8(segment)) {
      throw Error(ErrorKind::bad_input, "Đường dẫn không phải UTF-8 hợp lệ.", "path");
    }
  }
  for (const auto& [name, value] : request.query) {
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
      throw Error(ErrorKind::bad_input, "Tham số truy vấn không phải UTF-8 hợp lệ.", name);
    }
  }

  std::vector<std::string> allowed;
  for (const auto& route : routes_) {
    if (route.pattern.size() + 2 != segments.size()) continue;
    ApiParams params;
    bool matches = true;
    for (std::size_t i = 0; i < route.pattern.size() && matches; ++i) {
      const auto& segment = segments[i + 2];
      if (route.pattern[i] == "{}") {
        matches = !segment.empty();
        params.push_back(segment);
      } else {
        matches = route.pattern[i] == segment;
      }
    }
    if (!matches) continue;
    if (request.method == route.method) {
      // Every body is JSON except a unit import's (CSV or XLSX, its own content types).
      if (!request.body.empty() && route.json_body && !is_json_content_type(request.content_type) &&
          signed_in(request)) {
        // After the sign-in check (an anonymous request learns only that it needs a token).
        return protocol_error_response(
            415, "Nội dung gửi lên phải là JSON (Content-Type: application/json).", "content_type");
      }
      return route.handler(request, params);
    }
    if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
      allowed.emplace_back(route.method);
    }
  }
  if (!allowed.empty()) return method_not_allowed_response(allowed);
  return not_found_response();
}

bool ApiRoutes::signed_in(const HttpRequest& request) {
  try {
    app_.sign_in().authenticate(ApiFamily::bearer_token(request));
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace llw
