#pragma once
// A small blocking HTTP client over libcurl, for talking to a real server on 127.0.0.1.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace llw::test {

struct HttpReply {
  long status = 0;                             // 0 when the connection failed
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  // The body as JSON; a discarded value when it is not JSON.
  nlohmann::json json() const;
  std::string header(const std::string& lower_case_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port);

  HttpReply send(const std::string& method, const std::string& path, const std::string& body = {},
                 const std::vector<std::string>& headers = {}) const;
  // With "Authorization: Bearer <token>" when `token` is not empty, and a JSON content type when
  // there is a body.
  HttpReply send_json(const std::string& method, const std::string& path, const std::string& token,
                      const std::string& body = {}) const;

 private:
  std::uint16_t port_;
};

}  // namespace llw::test
