#include "web/request_target.h"

#include <restinio/uri_helpers.hpp>
#include <restinio/utils/percent_encoding.hpp>

namespace llw {

std::optional<std::vector<std::string>> decoded_segments(std::string_view path) {
  std::vector<std::string> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    const auto raw = path.substr(0, slash);
    auto decoded =
        restinio::utils::try_unescape_percent_encoding<restinio::utils::relaxed_unescape_traits>(
            restinio::string_view_t(raw.data(), raw.size()));
    if (!decoded) return std::nullopt;
    segments.push_back(std::move(*decoded));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

std::optional<std::map<std::string, std::string>> decoded_query(std::string_view query) {
  const auto parsed =
      restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(
          restinio::string_view_t(query.data(), query.size()));
  if (!parsed) return std::nullopt;
  std::map<std::string, std::string> result;
  for (const auto& [name, value] : *parsed) {
    result.emplace(std::string(name), std::string(value));
  }
  return result;
}

}  // namespace llw
