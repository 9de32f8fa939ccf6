#pragma once
// What every page family shares: the signed-in state of a request (PageContext) and the frame the
// pages are rendered in (PageFrame: the head with the navigation, the foot, the error page, the
// caches of rendered bodies and heads, redirects and downloads). PageRoutes owns the one
// PageFrame; each family (page_family.h) reaches it through its base.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/campaigns.h"
#include "app/documents.h"
#include "domain/session_view.h"
#include "domain/user.h"
#include "web/app_areas.h"
#include "web/http_message.h"
#include "web/pages/page_support.h"
#include "web/pages/rendered_bodies.h"

namespace llw {

// The signed-in state of one request: the user, their session token (for the CSRF token) and the
// parsed POST body.
struct PageContext {
  const HttpRequest& request;
  User user;
  std::string session_token;
  std::string csrf;
  pages::PostedForm form;
  // Read with the session in one round trip (Application::authenticate_page): what the frame
  // needs, and the revision of the campaign named by a /dot/{id}/… address.
  std::optional<SessionView> session;
  std::int64_t session_campaign_id = 0;
  // The most a POST body may be, and whether this one was over it (only a route that answers a
  // large body itself sees that; every other route is refused with 413 before its handler).
  std::size_t max_body_bytes = 0;
  bool body_too_large = false;

  // The revision of `campaign_id` read with the session, if it was.
  std::optional<std::int64_t> known_revision(std::int64_t campaign_id) const {
    if (!session || campaign_id != session_campaign_id) return std::nullopt;
    return session->campaign_revision;
  }
};

// The segments of a page's address that its route leaves open ("{}"), in order.
using PageParams = std::vector<std::string>;

class PageFrame {
 public:
  explicit PageFrame(Application& app) : app_(app) {}

  // Renders `template_name` with `view` plus the CSRF token, framed for the user.
  HttpResponse page(PageContext& context, int status, const std::string& template_name,
                    nlohmann::json view);
  // The same for a page whose body depends only on `key` and the data's `version` (e.g. the
  // campaign's revision), never on who asks (the caller has checked access): the body rendered
  // for that version is reused, and `view_of` runs only when there is none.
  HttpResponse cached_page(PageContext& context, const std::string& key, std::int64_t version,
                           const std::string& template_name,
                           const std::function<nlohmann::json()>& view_of);
  // `body` (a rendered page body) between the frame's head and foot: the title, the user's name,
  // the navigation with the unread notifications, the CSRF token of the sign-out form.
  HttpResponse framed_page(PageContext& context, int status, const std::string& title,
                           const std::string& body);
  HttpResponse error_page(const HttpRequest& request, const User* user, int status,
                          const std::string& message);
  static HttpResponse redirect(const std::string& location);
  // A file to save (Content-Disposition: attachment), never cached.
  static HttpResponse download(const DocumentFile& file);
  // Fails with Error{bad_input} unless the POST carries this session's CSRF token.
  static void require_csrf(const PageContext& context);
  // The campaign to show by default: the newest one the user may see.
  std::optional<Campaigns::CampaignLink> default_campaign(const User& user);

 private:
  // The frame's data for `user`: their name and role and the navigation, which links to
  // `campaign` (the newest they may see) and shows `unread` notifications (-1: no link).
  nlohmann::json frame_view(const User& user,
                            const std::optional<Campaigns::CampaignLink>& campaign,
                            std::int64_t unread);

  AppAreas<UsesCampaigns, UsesNotices, UsesUnits> app_;
  // Up to 16 MB of page bodies, each reused for at most 5 seconds.
  pages::RenderedBodies rendered_{std::size_t{16} << 20, std::chrono::seconds(5)};
  // The frames' heads, under everything they are rendered from: 2 MB of a few KB each.
  pages::RenderedBodies frames_{std::size_t{2} << 20, std::chrono::seconds(60)};
};

}  // namespace llw
