#pragma once
// Helpers of the fuzz targets for cutting one input into the parts a target needs.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace llw::fuzz {

// The input as text, cut at its first newline: {the first line, the rest} (rest empty without one).
inline std::pair<std::string_view, std::string_view> first_line_and_rest(const std::uint8_t* data,
                                                                         std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return {input, {}};
  return {input.substr(0, newline), input.substr(newline + 1)};
}

}  // namespace llw::fuzz
