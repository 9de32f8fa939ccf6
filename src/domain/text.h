#pragma once
// Small text helpers the domain needs to check user input: UTF-8 validity and length in code
// points (what a user counts as characters), and Vietnamese number formatting for messages.

#include <cstddef>
#include <string>
#include <string_view>

namespace llw {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Number of code points of a valid UTF-8 string.
std::size_t utf8_length(std::string_view text);

// `text` with every invalid byte replaced by U+FFFD, so it can be echoed back safely.
std::string sanitize_utf8(std::string_view text);

// "1.000.000.000", "12,5": numbers as Vietnamese documents write them.
std::string format_vietnamese_number(double value);

}  // namespace llw
