#pragma once
// Plumbing of the pages that has nothing to do with any one page: cookies, the CSRF token,
// decoding of posted forms (URL-encoded and multipart with file uploads), and URL encoding.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "domain/workflow.h"

namespace llw::pages {

inline constexpr const char* kSessionCookie = "llw_session";
inline constexpr const char* kPreSessionCookie = "llw_pre";  // CSRF of the sign-in form

// "a=1; b=2" → {a: 1, b: 2}. Malformed pairs are skipped.
std::map<std::string, std::string> parse_cookies(std::string_view header);

// The CSRF token of a session: a keyed BLAKE2b hash of the session token. A page on another
// site can neither read the HttpOnly cookie nor this token, so it cannot forge a POST; the token
// needs no storage and stays valid exactly as long as the session.
std::string csrf_token_for(std::string_view session_token);

bool constant_time_equal(std::string_view a, std::string_view b);

// 32 random bytes as 64 hex digits.
std::string random_hex_token();

struct UploadedFile {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

struct PostedForm {
  std::map<std::string, std::string> fields;  // last value wins
  std::map<std::string, UploadedFile> files;

  // The field's value, or "" when absent.
  const std::string& value(const std::string& name) const;
  bool has(const std::string& name) const { return fields.count(name) > 0; }
};

// Decodes an application/x-www-form-urlencoded or multipart/form-data body. Throws
// Error{too_large} above `max_bytes`, Error{bad_input} for a malformed body or invalid UTF-8 in
// a field (file contents are left as bytes), and Error{unsupported…} as bad_input for other types.
PostedForm parse_posted_form(std::string_view content_type, std::string_view body,
                             std::size_t max_bytes);

// Percent-decoding of one urlencoded component ('+' is a space); nullopt-like empty flag.
// The largest file an upload form may send (the posted body's limit less the room of its multipart
// headers and CSRF token), for its data-max-bytes (static/app.js checks it before sending).
inline constexpr std::size_t kUploadFormOverhead = 8 * 1024;
inline std::size_t upload_file_limit(std::size_t max_body_bytes) {
  return max_body_bytes > kUploadFormOverhead ? max_body_bytes - kUploadFormOverhead
                                              : max_body_bytes;
}

bool url_decode(std::string_view text, std::string& out);
// Percent-encoding for a path segment or a query value.
std::string url_encode(std::string_view text);

// A query parameter's value, "" when absent.
std::string query_value(const std::map<std::string, std::string>& query, const std::string& name);
// A list's page number from ?trang=: 1 when absent, not a number, below 1 or above 100,000.
std::int64_t parse_page_number(const std::string& text);

// The query flag a page is redirected with after a workflow decision, which it turns into its
// confirmation: "da-gui", "da-tra-lai", "da-chap-nhan", "da-mo-lai".
std::string decision_flash(ReportEvent event);
// Only paths of this site are followed after sign-in ("/x", never "//host" or "http://…"); "/"
// for anything else.
std::string safe_next(const std::string& next);

}  // namespace llw::pages
