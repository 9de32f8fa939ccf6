#include "storage/sql/selected_values.h"

#include <simdjson.h>

#include <cstdint>
#include <string>

namespace llw::sql {
namespace {

using nlohmann::json;
namespace dom = simdjson::dom;

// One value as nlohmann's parser gives it: a non-negative integer is unsigned, a negative one
// signed, anything with a fraction or exponent a double; arrays and objects are parsed from their
// text (tables are small, and rare in a grid).
json value_of(dom::element value) {
  switch (value.type()) {
    case dom::element_type::NULL_VALUE:
      return nullptr;
    case dom::element_type::BOOL:
      return static_cast<bool>(value.get_bool());
    case dom::element_type::STRING:
      return std::string(std::string_view(value.get_string()));
    case dom::element_type::INT64: {
      const std::int64_t n = value.get_int64();
      return n >= 0 ? json(static_cast<std::uint64_t>(n)) : json(n);
    }
    case dom::element_type::UINT64:
      return static_cast<std::uint64_t>(value.get_uint64());
    case dom::element_type::DOUBLE:
      return static_cast<double>(value.get_double());
    case dom::element_type::ARRAY:
    case dom::element_type::OBJECT:
      return json::parse(simdjson::minify(value));
  }
  throw simdjson::simdjson_error(simdjson::INCORRECT_TYPE);
}

json parse_all_then_select(std::string_view text, const ReportValueKeys& keys) {
  json whole = json::parse(text);
  if (!whole.is_object()) return whole;
  json selected = json::object();
  for (auto& [key, value] : whole.items()) {
    if (keys.wants(key)) selected[key] = std::move(value);
  }
  return selected;
}

}  // namespace

json parse_selected_values(std::string_view text, const ReportValueKeys& keys) {
  // The DOM parser picks the machine's fastest kernel at run time (AVX2 here); it reads up to
  // SIMDJSON_PADDING bytes past the text, hence the reused, padded buffer of each thread.
  thread_local dom::parser parser;
  thread_local std::string buffer;
  buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  buffer.assign(text);
  try {
    const dom::object object = parser.parse(buffer.data(), buffer.size(), false).get_object();
    json selected = json::object();
    for (const dom::key_value_pair field : object) {
      if (keys.wants(field.key)) selected[std::string(field.key)] = value_of(field.value);
    }
    return selected;
  } catch (const simdjson::simdjson_error&) {
    // Not an object, malformed, or an integer too large for 64 bits: nlohmann decides.
    return parse_all_then_select(text, keys);
  }
}

}  // namespace llw::sql
