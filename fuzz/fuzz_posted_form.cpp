// What a browser posts and sends along: the Content-Type header (up to the first newline) and a
// URL-encoded or multipart body, the Cookie header, and the URL components and sign-in targets.
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "fuzz_input.h"
#include "web/pages/page_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto [type, body] = llw::fuzz::first_line_and_rest(data, size);
  try {
    const auto form = llw::pages::parse_posted_form(type, body, 1024 * 1024);
    for (const auto& [name, value] : form.fields) {
      std::string decoded;
      llw::pages::url_decode(llw::pages::url_encode(value), decoded);
      if (decoded != value) __builtin_trap();  // encoding must round-trip
    }
  } catch (const llw::Error&) {
  }
  llw::pages::parse_cookies(input);
  std::string decoded;
  llw::pages::url_decode(input, decoded);
  const std::string next = llw::pages::safe_next(std::string(input));
  if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) {
    __builtin_trap();  // a sign-in never leads off the site
  }
  return 0;
}
