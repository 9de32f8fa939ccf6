// The client's address from the peer and X-Forwarded-For (first line: the peer, the rest: the
// header), as the sign-in limits and the audit log read it.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_input.h"
#include "web/client_address.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto [peer, forwarded] = llw::fuzz::first_line_and_rest(data, size);
  static const llw::TrustedProxies proxies({"127.0.0.1", "::1"});
  const std::string address = llw::client_address(peer, forwarded, proxies);
  // From an untrusted peer the header never decides.
  const std::string peer_text = llw::canonical_ip_address(peer).value_or(std::string(peer));
  if (!proxies.contains(peer_text) && address != peer_text) __builtin_trap();
  llw::canonical_ip_address(input);
  return 0;
}
