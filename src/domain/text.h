#pragma once
// Small text helpers the domain needs to check user input: UTF-8 validity and length in code
// points (what a user counts as characters), and Vietnamese number formatting for messages.

#include <cstddef>
#include <string>
#include <string_view>

namespace llw {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The one rule for every text a person types (names, short texts, narratives, comments, plan
// texts): valid UTF-8 and no control characters — no NUL, no C0 or C1 control, no DEL. Paragraphs
// (narratives, comments, plan parts) may hold line breaks (LF, CR LF) and tabs; a line (a name, a
// short text, a number) holds none.
enum class TextShape { line, paragraphs };
bool is_clean_text(std::string_view text, TextShape shape);

// The Vietnamese message for a text that is not clean, naming what it is ("Tên đơn vị").
std::string unclean_text_message(std::string_view what, TextShape shape);

// Number of code points of a valid UTF-8 string.
std::size_t utf8_length(std::string_view text);

// `text` with every invalid byte replaced by U+FFFD, so it can be echoed back safely.
std::string sanitize_utf8(std::string_view text);

// "Đoàn Thị Ánh" → "doan thi anh": what a user types on a keyboard without Vietnamese input. The
// one search key of LLW: searches compare the key of the typed text with the key of the name,
// and the stores keep the key of every unit's name and code (units.search_key) to search in SQL.
// Latin letters lose their marks and are lowered (đ → d); combining marks are dropped; other
// characters stay as they are.
std::string search_key(std::string_view text);
// "Xã An Hưng" → "Xa An Hung": Latin letters lose their marks and keep their case (Đ → D,
// đ → d); combining marks are dropped; other characters stay as they are. For names that must
// read without Vietnamese input (the folders of an evidence ZIP).
std::string without_diacritics(std::string_view text);

// Percent-encoding, the one copy: every byte of `text` that is not an ASCII letter or digit or
// one of `plain_marks` becomes %XX (upper-case hex). kUriUnreserved gives a URL path segment or
// query value (RFC 3986), kRfc5987AttrChars the filename*= of Content-Disposition (RFC 5987).
inline constexpr std::string_view kUriUnreserved = "-._~";
inline constexpr std::string_view kRfc5987AttrChars = "!#$&+-.^_`|~";
std::string percent_encode(std::string_view text, std::string_view plain_marks = kUriUnreserved);

// "1.000.000.000", "12,5": numbers as Vietnamese documents write them.
std::string format_vietnamese_number(double value);

// The one percent format of every page, document and message: Vietnamese decimal comma and
// always one decimal, 705/916 → "77,0%", 7/8 → "87,5%", 1/1 → "100,0%".
std::string format_vietnamese_percent(double ratio);

// What a rate shows when it does not apply (nothing to divide by: a unit without population):
// an em dash, never "0%". Where there is room for words, kNotApplicableWords says why.
inline constexpr std::string_view kNotApplicable = "—";
inline constexpr std::string_view kNotApplicableWords = "không áp dụng";

// numerator / denominator in the format above, kNotApplicable when the denominator is not
// positive.
std::string format_vietnamese_rate(double numerator, double denominator);

}  // namespace llw
