#pragma once
// A request and a response as plain values, so the route table and its handlers are ordinary C++
// that neither includes RESTinio nor depends on how the bytes arrived. server.cpp converts
// between these and RESTinio's types.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace llw {

namespace documents {
class SpooledFile;
}  // namespace documents

struct HttpRequest {
  std::string method;  // "GET", "POST", …
  // The path split at '/', each segment already percent-decoded ("/api/v1/units/X" →
  // {"api", "v1", "units", "X"}).
  std::vector<std::string> segments;
  std::map<std::string, std::string> query;  // decoded query parameters
  std::string authorization;                 // the Authorization header, empty when absent
  std::string content_type;                  // the Content-Type header, empty when absent
  // Mutable so that the one handler that consumes it (an evidence upload, up to 10 MB) can take it
  // from the const request it is given instead of copying it.
  mutable std::string body;
  // An evidence upload's X-File-Name and X-Caption headers (percent-encoded UTF-8), as sent.
  std::string file_name;
  std::string caption;
  std::string client_address;  // the peer's IP address, for login rate limiting
  std::string cookie;          // the Cookie header, empty when absent (pages only)
  std::string host;            // the Host header, empty when absent
  // Reached over TLS: a trusted proxy said X-Forwarded-Proto: https (cookies get Secure).
  bool secure = false;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the security headers
  std::string body;
  // A large file sent from disk instead of `body` (a data export): the server hands its
  // descriptor to sendfile, so the file is never held in memory.
  std::shared_ptr<const documents::SpooledFile> body_file;
  // A page or static file (src/web/pages): it gets page_security_headers() instead of the
  // API's, since pages load their own styles, scripts and images.
  bool is_page = false;
};

// Headers every API response carries: no sniffing, no framing, no referrer, no caching.
const std::vector<std::pair<std::string, std::string>>& api_security_headers();

// Headers every page and static file carries: a CSP that allows only this origin's own files
// (no inline script or style), no sniffing, no framing, no referrer. Caching is set per response.
const std::vector<std::pair<std::string, std::string>>& page_security_headers();

// "http://<Host>/dang-nhap": where people sign in, as the request reached the server (printed on
// credential slips). A Host header that is not a plain host name or address (with an optional
// port) gives "http://localhost/dang-nhap".
std::string sign_in_address(const HttpRequest& request);

// The reason phrase of a status code ("Not Found").
const char* reason_phrase(int status);

}  // namespace llw
