#pragma once
// Reading request bodies safely: a size limit, a UTF-8 check, a nesting-depth limit, then JSON —
// each failure an Error with a Vietnamese message. Also small helpers that read typed members of
// a JSON object, naming the member when it is missing or of the wrong type. No RESTinio here.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace llw {

// Deeper nesting than this is rejected before parsing; no form needs more than four levels.
constexpr int max_json_depth = 32;

// "1 MB", "64 KB", "500 byte": a size limit as messages state it.
std::string human_size(std::size_t bytes);

// Throws Error{too_large} when `size` exceeds `max_bytes`.
void check_body_size(std::size_t size, std::size_t max_bytes);

// The nesting depth of arrays and objects in JSON text (strings skipped), stopping early once it
// exceeds `limit`.
int json_nesting_depth(std::string_view text, int limit);

// Size, UTF-8, depth, then syntax. An empty body is malformed.
nlohmann::json parse_json_body(std::string_view body, std::size_t max_bytes);
// Like parse_json_body, but an empty (or all-whitespace) body gives nullopt.
std::optional<nlohmann::json> parse_optional_json_body(std::string_view body,
                                                       std::size_t max_bytes);

// Throws Error{bad_input} unless `value` is an object; `what` names it in the message.
void require_object(const nlohmann::json& value, const std::string& what);
// Throws Error{bad_input} naming the first member of `object` not in `allowed`.
void reject_unknown_members(const nlohmann::json& object,
                            std::initializer_list<std::string_view> allowed);
// A string member; nullopt when absent (or null) and not required.
std::optional<std::string> string_member(const nlohmann::json& object, const std::string& key,
                                         bool required);
// A non-negative integer member (no fractions, no strings); nullopt when absent (or null) and
// not required.
std::optional<std::int64_t> count_member(const nlohmann::json& object, const std::string& key,
                                         bool required);

// A positive id in a path segment (digits only, at most 18); nullopt for anything else.
std::optional<std::int64_t> path_id(std::string_view text);
// The campaign id of an API path; Error{bad_input} naming "campaign_id" for anything else.
std::int64_t campaign_id_from(std::string_view text);

// Whether a Content-Type is multipart/form-data (case-insensitive): an upload from a page's form,
// rather than the file itself as the body.
bool is_multipart(std::string_view content_type);

// A query parameter that must be an integer in [min, max]; `fallback` when absent.
int integer_parameter(const std::optional<std::string>& text, const std::string& name, int min,
                      int max, int fallback);

// The optional body of a report action named by `action` ("submit", "return", "accept",
// "reopen"; a unit's report or a consolidated one): {"version"?} plus the return's "comment" or
// the reopen's "reason" ("comment" is taken there too). Other members are Error{bad_input}.
struct ActionBody {
  std::optional<std::int64_t> version;
  std::string comment;  // the comment or the reason, empty when absent
};
ActionBody parse_action_body(std::string_view body, std::size_t max_bytes,
                             const std::string& action);

}  // namespace llw
