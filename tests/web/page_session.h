#pragma once
// A browser's side of the pages for HTTP tests: signing in through the sign-in form, keeping the
// session cookie and the CSRF token, and posting URL-encoded forms.

#include <cctype>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "http_client.h"

namespace llw::test {

using FormFields = std::vector<std::pair<std::string, std::string>>;

inline std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : std::string{};
}

// The fields with `name` set to `value` (added at the end when it is not there yet).
inline FormFields with(FormFields fields, const std::string& name, const std::string& value) {
  for (auto& [key, old] : fields) {
    if (key == name) {
      old = value;
      return fields;
    }
  }
  fields.emplace_back(name, value);
  return fields;
}

inline std::string url_encoded(const FormFields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += name + '=';
    for (const unsigned char c : value) {
      if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
        body += static_cast<char>(c);
      } else {
        static const char* hex = "0123456789ABCDEF";
        body += '%';
        body += hex[c >> 4];
        body += hex[c & 15];
      }
    }
  }
  return body;
}

class PageSession {
 public:
  explicit PageSession(const HttpClient& http) : http_(http) {}

  // Posts the sign-in form; the reply is the redirect that sets the session (303) or the form
  // again. On 303 the session is kept and the CSRF token read from `csrf_page`.
  HttpReply sign_in(const std::string& username, const std::string& password,
                    const std::string& csrf_page = "/doi-mat-khau") {
    const HttpReply form = http_.send("GET", "/dang-nhap");
    const std::string pre = first_match(form.header("set-cookie"), "llw_pre=([^;]*)");
    HttpReply reply = http_.send(
        "POST", "/dang-nhap",
        url_encoded({{"csrf", pre}, {"username", username}, {"password", password}, {"next", "/"}}),
        {"Cookie: llw_pre=" + pre, "Content-Type: application/x-www-form-urlencoded"});
    if (reply.status == 303) {
      cookie_ =
          "Cookie: llw_session=" + first_match(reply.header("set-cookie"), "llw_session=([^;]*)");
      csrf_ = first_match(open(csrf_page).body, "name=\"csrf\" value=\"([0-9a-f]+)\"");
    }
    return reply;
  }

  HttpReply open(const std::string& path) const { return http_.send("GET", path, {}, {cookie_}); }

  HttpReply submit(const std::string& path, FormFields fields, bool with_csrf = true) const {
    if (with_csrf) fields.emplace_back("csrf", csrf_);
    return http_.send("POST", path, url_encoded(fields),
                      {cookie_, "Content-Type: application/x-www-form-urlencoded"});
  }

  const std::string& csrf() const { return csrf_; }
  // The "Cookie: …" header line of the session, for requests the helpers above do not make.
  const std::string& cookie() const { return cookie_; }

 private:
  const HttpClient& http_;
  std::string cookie_;
  std::string csrf_;
};

}  // namespace llw::test
