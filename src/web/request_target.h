#pragma once
// The request target as the routes read it, parsed before any route runs from what the client
// sent: the path split at '/' into percent-decoded segments, and the query string into decoded
// parameters. (RESTinio's parsers, behind plain types: this header does not include RESTinio.)

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llw {

// "/api/v1/units/H%C3%A0" → {"api", "v1", "units", "Hà"}; nullopt on a broken escape.
std::optional<std::vector<std::string>> decoded_segments(std::string_view path);

// "a=1&b=H%C3%A0+N%E1%BB%99i" → {{"a", "1"}, {"b", "Hà Nội"}} ('+' is a space, as browsers send
// forms); nullopt on a broken escape or a malformed query. A repeated name keeps its first value.
std::optional<std::map<std::string, std::string>> decoded_query(std::string_view query);

}  // namespace llw
