#include "web/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <stdexcept>

namespace llw {
namespace {

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string> canonical_ip_address(std::string_view text) {
  text = trim(text);
  // INET6_ADDRSTRLEN bounds every textual form; longer input is not an address.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string input(text);
  char buffer[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (inet_pton(AF_INET, input.c_str(), &v4) == 1) {
    if (inet_ntop(AF_INET, &v4, buffer, sizeof buffer) == nullptr) return std::nullopt;
    return std::string(buffer);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, input.c_str(), &v6) != 1) return std::nullopt;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::copy_n(&v6.s6_addr[12], 4, reinterpret_cast<unsigned char*>(&v4.s_addr));
    if (inet_ntop(AF_INET, &v4, buffer, sizeof buffer) == nullptr) return std::nullopt;
    return std::string(buffer);
  }
  if (inet_ntop(AF_INET6, &v6, buffer, sizeof buffer) == nullptr) return std::nullopt;
  return std::string(buffer);
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
  for (const std::string& entry : entries) {
    std::string_view rest = entry;
    while (true) {
      const auto comma = rest.find(',');
      const std::string_view item = trim(rest.substr(0, comma));
      if (!item.empty()) {
        auto address = canonical_ip_address(item);
        if (!address) {
          throw std::invalid_argument("'" + std::string(item) +
                                      "' is not an IP address (a trusted proxy is named by its "
                                      "address, e.g. 127.0.0.1 or ::1)");
        }
        if (!contains(*address)) addresses_.push_back(std::move(*address));
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
}

bool TrustedProxies::contains(std::string_view address) const {
  return std::find(addresses_.begin(), addresses_.end(), address) != addresses_.end();
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const TrustedProxies& trusted) {
  std::string peer_text = canonical_ip_address(peer).value_or(std::string(peer));
  if (trusted.empty() || forwarded_for.empty() || !trusted.contains(peer_text)) return peer_text;
  const auto comma = forwarded_for.rfind(',');
  const std::string_view last =
      comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
  // A malformed last entry (a name, "unknown", garbage) is not the proxy's own doing: keep the
  // peer's address rather than let anything else through.
  return canonical_ip_address(last).value_or(peer_text);
}

}  // namespace llw
