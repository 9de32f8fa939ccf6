#include "web/pages/page_routes.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "app/sign_in.h"
#include "domain/error.h"
#include "domain/text.h"
#include "web/http_errors.h"
#include "web/pages/page_templates.h"

namespace llw {

PageRoutes::PageRoutes(Application& app, std::size_t max_body_bytes)
    : app_(app), max_body_bytes_(max_body_bytes), frame_(app) {
  for (std::vector<PageRoute> family :
       {sign_in_.routes(), campaign_list_.routes(), report_.routes(), workflow_.routes(),
        dashboard_.routes(), consolidated_.routes(), reporting_up_.routes(), campaign_new_.routes(),
        plans_.routes(), settings_.routes(), unit_admin_.routes(), admin_.routes(), users_.routes(),
        unit_accounts_.routes(), report_entry_.routes(), evidence_.routes(),
        signed_copies_.routes()}) {
    for (PageRoute& route : family) routes_.push_back(std::move(route));
  }
}

namespace {

// The campaign a /dot/{id}/… address names (0 for any other), read with the session so that the
// page need not read its revision again. A malformed id is the page's to refuse.
std::int64_t campaign_in_address(const std::vector<std::string>& segments) {
  if (segments.size() < 2 || segments[0] != "dot") return 0;
  const std::string& id = segments[1];
  if (id.empty() || id.size() > 18) return 0;
  for (const char c : id) {
    if (c < '0' || c > '9') return 0;
  }
  return std::stoll(id);
}

}  // namespace

HttpResponse PageRoutes::handle(const HttpRequest& request) {
  try {
    return dispatch(request);
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::unauthenticated) {
      return PageFrame::redirect("/dang-nhap");
    }
    if (error.kind() == ErrorKind::internal) {
      std::cerr << "llw: page " << request.method << " failed: " << error.what() << '\n';
    }
    // The user is looked up again only to show the navigation; a failure there is ignored.
    std::optional<User> user;
    try {
      const auto cookies = pages::parse_cookies(request.cookie);
      if (const auto it = cookies.find(pages::kSessionCookie); it != cookies.end()) {
        user = app_.sign_in().authenticate(it->second);
      }
    } catch (const std::exception&) {
    }
    return frame_.error_page(request, user ? &*user : nullptr, http_status(error.kind()),
                             error.message());
  } catch (const std::exception& e) {
    std::cerr << "llw: page " << request.method << " failed: " << e.what() << '\n';
    if (auto error = app_.as_error(e)) {
      return frame_.error_page(request, nullptr, http_status(error->kind()), error->message());
    }
    return frame_.error_page(
        request, nullptr, 500,
        "Máy chủ gặp sự cố ngoài dự kiến. Dữ liệu đã lưu không bị ảnh hưởng; hãy "
        "thử lại sau ít phút.");
  }
}

HttpResponse PageRoutes::dispatch(const HttpRequest& request) {
  std::vector<std::string> segments = request.segments;
  if (!segments.empty() && segments.back().empty()) segments.pop_back();
  for (const auto& segment : segments) {
    if (!is_valid_utf8(segment)) {
      throw Error(ErrorKind::bad_input, "Đường dẫn không phải UTF-8 hợp lệ.", "path");
    }
  }
  if (!segments.empty() && segments[0] == "static") {
    if (request.method != "GET" && request.method != "HEAD") {
      throw Error(ErrorKind::not_found, "Không tìm thấy tệp này.", "path");
    }
    HttpRequest copy = request;
    copy.segments = segments;
    return static_file(copy);
  }

  bool path_known = false;
  for (const auto& route : routes_) {
    if (route.pattern.size() != segments.size()) continue;
    PageParams params;
    bool matches = true;
    for (std::size_t i = 0; i < route.pattern.size() && matches; ++i) {
      if (route.pattern[i] == "{}") {
        matches = !segments[i].empty();
        params.push_back(segments[i]);
      } else {
        matches = route.pattern[i] == segments[i];
      }
    }
    if (!matches) continue;
    path_known = true;
    if (request.method != route.method) continue;

    PageContext context{request, User{}, {}, {}, {}, {}, 0};
    const std::size_t limit = std::max(max_body_bytes_, route.max_body_bytes);
    context.max_body_bytes = limit;
    if (request.method == "POST") {
      // The transport has already cut bodies far over the limit; one a little over it is read
      // for its small fields (the CSRF token) by a route that answers it with its own page.
      context.body_too_large = route.answers_large_body && request.body.size() > limit;
      context.form = pages::parse_posted_form(request.content_type, request.body,
                                              context.body_too_large ? request.body.size() : limit);
      if (context.body_too_large) context.form.files.clear();
    }
    if (!route.public_page) {
      const auto cookies = pages::parse_cookies(request.cookie);
      const auto it = cookies.find(pages::kSessionCookie);
      if (it == cookies.end() || it->second.empty()) {
        throw Error(ErrorKind::unauthenticated, "Bạn cần đăng nhập.");
      }
      context.session_campaign_id = campaign_in_address(segments);
      context.session = app_.sign_in().authenticate_page(it->second, context.session_campaign_id);
      context.user = context.session->user;
      context.session_token = it->second;
      context.csrf = pages::csrf_token_for(context.session_token);
      if (request.method == "POST") PageFrame::require_csrf(context);
      if (context.user.must_change_password && !route.before_password_change) {
        return PageFrame::redirect("/doi-mat-khau");
      }
    }
    return route.handler(context, params);
  }
  if (path_known) {
    throw Error(ErrorKind::not_found, "Trang này không nhận kiểu yêu cầu " + request.method + ".",
                "method");
  }
  throw Error(ErrorKind::not_found,
              "Không tìm thấy trang này. Hãy quay lại trang chủ và chọn từ danh mục.", "path");
}

HttpResponse PageRoutes::static_file(const HttpRequest& request) {
  const auto& segments = request.segments;
  pages::StaticFile file;
  if (segments.size() == 2) file = pages::find_static_file(segments[1]);
  if (file.bytes == nullptr) {
    throw Error(ErrorKind::not_found, "Không tìm thấy tệp này.", "path");
  }
  HttpResponse response;
  response.is_page = true;
  response.content_type = file.content_type;
  response.headers.emplace_back("Cache-Control", "public, max-age=3600");
  response.body = request.method == "HEAD" ? std::string{} : *file.bytes;
  return response;
}

}  // namespace llw
