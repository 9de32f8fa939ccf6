#include "web/pages/page_frame.h"

#include <iostream>

#include "app/notifications.h"
#include "app/units.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/text.h"
#include "web/http_errors.h"
#include "web/pages/labels.h"
#include "web/pages/page_templates.h"
#include "web/pages/user_view.h"

namespace llw {

namespace {

std::string error_title(int status) {
  switch (status) {
    case 400:
      return "Yêu cầu không hợp lệ";
    case 403:
      return "Bạn không có quyền xem trang này";
    case 404:
      return "Không tìm thấy trang";
    case 409:
      return "Dữ liệu đã thay đổi";
    case 413:
      return "Dữ liệu quá lớn";
    case 429:
      return "Quá nhiều lần thử";
    case 501:
      return "Chức năng đang được xây dựng";
    case 503:
      return "Hệ thống tạm thời gián đoạn";
    default:
      return "Đã có lỗi";
  }
}

}  // namespace

HttpResponse PageFrame::page(PageContext& context, int status, const std::string& template_name,
                             nlohmann::json view) {
  view["csrf"] = context.csrf;
  const std::string body = pages::render_page_body(template_name, view);
  const auto title = view.find("title");
  return framed_page(context, status,
                     title != view.end() && title->is_string() ? title->get<std::string>() : "",
                     body);
}

HttpResponse PageFrame::cached_page(PageContext& context, const std::string& key,
                                    std::int64_t version, const std::string& template_name,
                                    const std::function<nlohmann::json()>& view_of) {
  std::shared_ptr<const pages::RenderedBody> body = rendered_.find(key, version);
  if (!body) {
    nlohmann::json view = view_of();
    view["csrf"] = pages::kCsrfPlaceholder;
    auto rendered = std::make_shared<pages::RenderedBody>();
    rendered->html = pages::render_page_body(template_name, view);
    if (const auto title = view.find("title"); title != view.end() && title->is_string()) {
      rendered->title = title->get<std::string>();
    }
    body = rendered;
    rendered_.put(key, version, std::move(rendered));
  }
  return framed_page(context, 200, body->title, pages::with_csrf(body->html, context.csrf));
}

HttpResponse PageFrame::framed_page(PageContext& context, int status, const std::string& title,
                                    const std::string& body) {
  const User& user = context.user;
  // An account that must choose its password first gets no links it could not follow.
  const bool linked = user.id != 0 && !user.must_change_password;
  const CampaignsFingerprint* known = context.session ? &context.session->campaigns : nullptr;
  // The navigation follows the campaign in the address (/dot/{id}/…), else the newest.
  const auto campaign =
      linked ? app_.campaigns().newest_campaign(user, known, context.session_campaign_id)
             : std::nullopt;
  // Units below that submitted, plans issued above: one count on a partial index per page (read
  // with the session when it was).
  std::int64_t unread = -1;
  if (linked && user.role != Role::admin) {
    unread = context.session ? context.session->unread_notifications
                             : app_.notices().unread_notifications(user);
  }
  // The frame's head is rendered from these alone (and the CSRF token, put in when sent), so it
  // is kept under them: a user's next page reuses it.
  std::string key = std::to_string(user.id) + "|" + (user.must_change_password ? "1" : "0") + "|" +
                    std::string(to_string(user.role)) + "|" + user.unit_code + "|" + user.username +
                    "|" + user.display_name + "|" + std::to_string(unread) + "|" + title;
  if (campaign) {
    key += "|" + std::to_string(campaign->id) + "|" + campaign->issuer_code + "|" +
           campaign->issuer_path + "|" + std::to_string(context.session_campaign_id);
  }
  std::shared_ptr<const pages::RenderedBody> head = frames_.find(key, 0);
  if (!head) {
    nlohmann::json view = frame_view(user, campaign, unread);
    if (campaign) {
      // The campaigns page, with the one in the address (or the newest) marked there.
      const std::int64_t viewing =
          context.session_campaign_id != 0 ? context.session_campaign_id : campaign->id;
      view["nav"].push_back({{"href", "/dot?dang-xem=" + std::to_string(viewing)},
                             {"label", "Các đợt"},
                             {"id", "nav-campaigns"}});
    }
    view["title"] = title;
    view["csrf"] = pages::kCsrfPlaceholder;
    auto rendered = std::make_shared<pages::RenderedBody>();
    rendered->html = pages::render_template("head", view);
    head = rendered;
    frames_.put(key, 0, std::move(rendered));
  }
  static const std::string foot = pages::render_template("foot", nlohmann::json::object());
  HttpResponse response;
  response.status = status;
  response.is_page = true;
  response.content_type = "text/html; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-store");
  response.body = pages::with_csrf(head->html, context.csrf);
  response.body.reserve(response.body.size() + body.size() + foot.size());
  response.body += body;
  response.body += foot;
  return response;
}

nlohmann::json PageFrame::frame_view(const User& user,
                                     const std::optional<Campaigns::CampaignLink>& campaign,
                                     std::int64_t unread) {
  nlohmann::json view = nlohmann::json::object();
  if (user.id == 0) return view;
  view["signed_in"] = true;
  view["me"] = {{"name", user.display_name.empty() ? user.username : user.display_name},
                {"role", std::string(pages::role_label(user.role))},
                {"unit", user.unit_code}};
  nlohmann::json nav = nlohmann::json::array();
  if (campaign) {
    const std::string base = "/dot/" + std::to_string(campaign->id);
    const std::string unit =
        pages::url_encode(user.role == Role::admin ? campaign->issuer_code : user.unit_code);
    if (user.role == Role::reporter) {
      nav.push_back({{"href", base + "/bao-cao/" + unit}, {"label", "Báo cáo của đơn vị"}});
    } else {
      nav.push_back({{"href", base + "/tong-quan/" + unit}, {"label", "Tổng quan"}});
      nav.push_back({{"href", base + "/tong-hop/" + unit}, {"label", "Báo cáo tổng hợp"}});
    }
    OrgUnit issuer;
    issuer.path = campaign->issuer_path;
    if (is_allowed(user, Action::manage_campaign, issuer)) {
      nav.push_back({{"href", base + "/cai-dat"}, {"label", "Cài đặt đợt"}});
    }
  }
  if (!user.must_change_password && (user.role == Role::admin || user.role == Role::coordinator)) {
    // The unit tree from the user's own unit; an admin has none and starts at the root.
    const auto tree_code =
        app_.units().unit_tree_start(user, campaign ? campaign->issuer_path : std::string());
    if (tree_code) {
      nav.push_back(
          {{"href", "/quan-tri/don-vi/" + pages::url_encode(*tree_code)}, {"label", "Cây đơn vị"}});
    }
    nav.push_back({{"href", "/dot/moi"}, {"label", "Tạo đợt mới"}});
    nav.push_back({{"href", "/quan-tri/nhap-don-vi"}, {"label", "Nhập đơn vị"}});
    if (user.role == Role::admin) {
      nav.push_back({{"href", "/quan-tri/mau-bao-cao"}, {"label", "Mẫu báo cáo"}});
    }
    nav.push_back({{"href", "/quan-tri/tai-khoan"}, {"label", "Tài khoản"}});
    nav.push_back({{"href", "/quan-tri/tai-khoan-don-vi"}, {"label", "Tài khoản đơn vị"}});
    nav.push_back({{"href", "/nhat-ky"}, {"label", "Nhật ký"}});
  }
  if (unread >= 0) {
    nav.push_back({{"href", "/thong-bao"},
                   {"label", unread > 0 ? "Thông báo (" + std::to_string(unread) + ")"
                                        : std::string("Thông báo")},
                   {"id", "nav-notifications"}});
  }
  view["nav"] = std::move(nav);
  return view;
}

HttpResponse PageFrame::error_page(const HttpRequest& request, const User* user, int status,
                                   const std::string& message) {
  PageContext context{request, user ? *user : User{}, {}, {}, {}, {}, 0};
  nlohmann::json view = {
      {"title", error_title(status)}, {"status", status}, {"message", sanitize_utf8(message)}};
  if (user) {
    const auto cookies = pages::parse_cookies(request.cookie);
    if (const auto it = cookies.find(pages::kSessionCookie); it != cookies.end()) {
      context.csrf = pages::csrf_token_for(it->second);
    }
  }
  try {
    HttpResponse response = page(context, status, "error", view);
    if (status == 503) {
      response.headers.emplace_back("Retry-After", std::to_string(unavailable_retry_after_seconds));
    }
    return response;
  } catch (const std::exception& e) {
    std::cerr << "llw: error page failed: " << e.what() << '\n';
    HttpResponse response;
    response.status = status;
    response.is_page = true;
    response.content_type = "text/plain; charset=utf-8";
    response.body = sanitize_utf8(message);
    return response;
  }
}

HttpResponse PageFrame::redirect(const std::string& location) {
  HttpResponse response;
  response.status = 303;
  response.is_page = true;
  response.content_type.clear();
  response.headers.emplace_back("Location", location);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

void PageFrame::require_csrf(const PageContext& context) {
  if (!pages::constant_time_equal(context.form.value("csrf"), context.csrf)) {
    throw Error(ErrorKind::bad_input,
                "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của hệ thống. Hãy tải lại "
                "trang rồi thử lại; nội dung bạn vừa nhập có thể cần nhập lại.",
                "csrf");
  }
}

std::optional<Campaigns::CampaignLink> PageFrame::default_campaign(const User& user) {
  return app_.campaigns().newest_campaign(user);
}

HttpResponse PageFrame::download(const DocumentFile& file) {
  HttpResponse response;
  response.is_page = true;
  response.content_type = file.content_type;
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"" + file.file_name + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.body = file.bytes;
  response.body_file = file.spooled;
  return response;
}

}  // namespace llw
