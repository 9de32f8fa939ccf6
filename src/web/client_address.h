#pragma once
// Which address a request comes from, for sign-in rate limits and the audit log's "from where".
// Behind a reverse proxy (nginx) every request arrives from the proxy's address; the proxy names
// the real client in X-Forwarded-For. That header is believed only when the peer is a proxy the
// operator listed (`llw serve --trusted-proxy ADDR`); from anyone else it is a client's claim and
// is ignored, so that nobody escapes the per-address limit by sending a made-up header.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llw {

// The canonical text of an IPv4 or IPv6 address ("127.0.0.1", "2001:db8::1"); an IPv4 address
// mapped into IPv6 ("::ffff:127.0.0.1", as a dual-stack socket reports it) becomes the IPv4 one.
// nullopt when `text` is not an address (host names, ports and brackets are not accepted).
std::optional<std::string> canonical_ip_address(std::string_view text);

// The proxies whose X-Forwarded-For is believed.
class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Each entry is one address or a comma-separated list of them. Throws std::invalid_argument
  // naming the first entry that is not an IP address.
  explicit TrustedProxies(const std::vector<std::string>& entries);

  bool empty() const { return addresses_.empty(); }
  bool contains(std::string_view address) const;

 private:
  std::vector<std::string> addresses_;  // canonical
};

// The client's address: the last entry of `forwarded_for` (the one the trusted proxy itself
// appended; earlier entries are whatever the client sent) when `peer` is a trusted proxy and
// that entry is a valid address; `peer` otherwise (no header, a malformed header, an untrusted
// peer). `forwarded_for` is the X-Forwarded-For value, several header lines joined with commas.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const TrustedProxies& trusted);

}  // namespace llw
