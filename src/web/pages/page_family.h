#pragma once
// The base of every page family (SignInPages, ReportPages, …: one class per route family, each
// in <family>_pages.h beside its .cpp). A family holds the app areas it uses (web/app_areas.h),
// lists its routes (`routes()`, handlers bound to the family), and reaches the shared frame
// (page_frame.h) through the members here, which its handlers call as `page(…)`, `redirect(…)`.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "web/http_message.h"
#include "web/pages/page_frame.h"

namespace llw {

// One entry of the pages' route table (PageRoutes builds it from the families' routes()).
struct PageRoute {
  using Handler = std::function<HttpResponse(PageContext&, const PageParams&)>;
  const char* method;
  std::vector<std::string> pattern;  // "{}" matches any one segment
  Handler handler;
  bool public_page = false;  // reachable without a session
  // Reachable while the account must still choose its password (the change-password page and
  // signing out); every other page sends such an account there first.
  bool before_password_change = false;
  // A POST body over the pages' limit is answered by the handler (after the session and CSRF
  // checks), with `context.body_too_large` set and the form read without its files: the unit
  // import shows its page with the message instead of the bare error page.
  bool answers_large_body = false;
  // The route's own body limit when above the pages' one (an evidence upload), else 0.
  std::size_t max_body_bytes = 0;
};

class PageFamily {
 public:
  using Context = PageContext;
  using Params = PageParams;

 protected:
  explicit PageFamily(PageFrame& frame) : frame_(frame) {}

  // `handler` of this family, for its routes().
  template <class Family>
  PageRoute::Handler bind(HttpResponse (Family::*handler)(Context&, const Params&)) {
    auto* family = static_cast<Family*>(this);
    return [family, handler](Context& context, const Params& params) {
      return (family->*handler)(context, params);
    };
  }

  HttpResponse page(Context& context, int status, const std::string& template_name,
                    nlohmann::json view) {
    return frame_.page(context, status, template_name, std::move(view));
  }
  HttpResponse cached_page(Context& context, const std::string& key, std::int64_t version,
                           const std::string& template_name,
                           const std::function<nlohmann::json()>& view_of) {
    return frame_.cached_page(context, key, version, template_name, view_of);
  }
  static HttpResponse redirect(const std::string& location) {
    return PageFrame::redirect(location);
  }
  static HttpResponse download(const DocumentFile& file) { return PageFrame::download(file); }
  std::optional<Campaigns::CampaignLink> default_campaign(const User& user) {
    return frame_.default_campaign(user);
  }

  PageFrame& frame_;
};

}  // namespace llw
