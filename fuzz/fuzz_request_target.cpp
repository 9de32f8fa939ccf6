// What a client sends before any route runs: the path (first line), the query string (second
// line) and the Cookie header (the rest), parsed as the server parses every request.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_input.h"
#include "web/pages/page_support.h"
#include "web/request_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [path, rest] = llw::fuzz::first_line_and_rest(data, size);
  const auto [query, cookie] = llw::fuzz::first_line_and_rest(
      reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size());
  if (const auto segments = llw::decoded_segments(path)) {
    // One segment per '/' after the leading one: decoding never splits or joins segments.
    std::size_t slashes = 0;
    for (std::size_t i = (!path.empty() && path.front() == '/') ? 1 : 0; i < path.size(); ++i) {
      if (path[i] == '/') ++slashes;
    }
    if (segments->size() != slashes + 1) __builtin_trap();
  }
  if (const auto parameters = llw::decoded_query(query)) {
    for (const auto& [name, value] : *parameters) {
      if (name.size() > query.size() || value.size() > query.size()) __builtin_trap();
    }
  }
  for (const auto& [name, value] : llw::pages::parse_cookies(cookie)) {
    if (name.size() + value.size() > cookie.size()) __builtin_trap();
  }
  return 0;
}
