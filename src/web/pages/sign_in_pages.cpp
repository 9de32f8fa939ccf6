// Sign-in, sign-out and the home page (which sends each role to its own starting page).

#include "web/pages/sign_in_pages.h"

#include "app/accounts.h"
#include "app/sign_in.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/pages/campaign_list_pages.h"

namespace llw {

namespace {

// HttpOnly: scripts cannot read it; SameSite=Lax: other sites' forms do not carry it; Secure
// behind TLS: never sent over plain HTTP.
std::string cookie_attributes(const HttpRequest& request) {
  return std::string("; Path=/; HttpOnly; SameSite=Lax") + (request.secure ? "; Secure" : "");
}

std::string session_cookie(const HttpRequest& request, const std::string& token,
                           std::int64_t max_age) {
  return std::string(pages::kSessionCookie) + "=" + token + cookie_attributes(request) +
         "; Max-Age=" + std::to_string(max_age);
}

}  // namespace

HttpResponse SignInPages::home(Context& context, const Params&) {
  const User& user = context.user;
  if (const auto campaign = default_campaign(user)) {
    return redirect(
        CampaignListPages::campaign_start_href(user, campaign->id, campaign->issuer_code));
  }
  return page(context, 200, "home",
              {{"title", "Trang chủ"},
               {"message", "Chưa có đợt báo cáo nào dành cho đơn vị của bạn."},
               {"can_create", user.role == Role::admin || user.role == Role::coordinator}});
}

HttpResponse SignInPages::sign_in_page(const HttpRequest& request, int status,
                                       const std::string& username, const std::string& message,
                                       const std::string& next) {
  const auto cookies = pages::parse_cookies(request.cookie);
  std::string pre = cookies.count(pages::kPreSessionCookie) ? cookies.at(pages::kPreSessionCookie)
                                                            : std::string{};
  const bool fresh = pre.size() != 64;
  if (fresh) pre = pages::random_hex_token();
  Context context{request, User{}, {}, pre, {}, {}, 0};
  nlohmann::json view = {{"title", "Đăng nhập"},
                         {"username", username},
                         {"next", next},
                         {"has_message", !message.empty()},
                         {"message", message}};
  HttpResponse response = page(context, status, "sign_in", std::move(view));
  if (fresh) {
    response.headers.emplace_back("Set-Cookie", std::string(pages::kPreSessionCookie) + "=" + pre +
                                                    cookie_attributes(request));
  }
  return response;
}

HttpResponse SignInPages::sign_in_form(Context& context, const Params&) {
  const auto it = context.request.query.find("next");
  return sign_in_page(context.request, 200, "", "",
                      pages::safe_next(it == context.request.query.end() ? "/" : it->second));
}

HttpResponse SignInPages::sign_in(Context& context, const Params&) {
  const auto cookies = pages::parse_cookies(context.request.cookie);
  const auto pre = cookies.find(pages::kPreSessionCookie);
  const std::string& username = context.form.value("username");
  const std::string next = pages::safe_next(context.form.value("next"));
  if (pre == cookies.end() ||
      !pages::constant_time_equal(pre->second, context.form.value("csrf"))) {
    return sign_in_page(context.request, 400, username,
                        "Trang đăng nhập đã hết hạn. Hãy nhập lại mật khẩu rồi bấm Đăng nhập.",
                        next);
  }
  if (username.empty() || context.form.value("password").empty()) {
    return sign_in_page(context.request, 422, username, "Hãy nhập tên đăng nhập và mật khẩu.",
                        next);
  }
  try {
    const Session session = app_.sign_in().login(username, context.form.value("password"),
                                                 context.request.client_address);
    // A password an administrator set is changed first (the page says why).
    // Failed attempts at the account since its last sign-in are shown first (notifications page).
    std::string target = next;
    if (app_.accounts().must_change_password(session.user)) {
      target = "/doi-mat-khau";
    } else if (session.failed_before) {
      target = "/thong-bao?tiep=" + pages::url_encode(next);
    }
    HttpResponse response = redirect(target);
    response.headers.emplace_back("Set-Cookie", session_cookie(context.request, session.token,
                                                               session.expires_at - app_.now()));
    return response;
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::unauthenticated && error.kind() != ErrorKind::rate_limited) {
      throw;
    }
    return sign_in_page(context.request, http_status(error.kind()), username, error.message(),
                        next);
  }
}

HttpResponse SignInPages::sign_out(Context& context, const Params&) {
  app_.sign_in().logout(context.session_token);
  HttpResponse response = redirect("/dang-nhap");
  response.headers.emplace_back("Set-Cookie", session_cookie(context.request, "", 0));
  return response;
}

std::vector<PageRoute> SignInPages::routes() {
  return {
      {"GET", {}, bind(&SignInPages::home)},
      {"GET", {"dang-nhap"}, bind(&SignInPages::sign_in_form), true},
      {"POST", {"dang-nhap"}, bind(&SignInPages::sign_in), true},
      {"POST", {"dang-xuat"}, bind(&SignInPages::sign_out), false, true},
  };
}

}  // namespace llw
