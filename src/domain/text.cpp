#include "text.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace llw {
namespace {

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 when it is malformed.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not valid UTF-8.
  if (length == 3 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) {
    return 0;
  }
  if (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) return 0;
  return length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

bool is_clean_text(std::string_view text, TextShape shape) {
  if (!is_valid_utf8(text)) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n' || byte == '\t' ||
        (byte == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (shape == TextShape::line) return false;
      continue;
    }
    if (byte < 0x20 || byte == 0x7F) return false;
    // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      return false;
    }
  }
  return true;
}

std::string unclean_text_message(std::string_view what, TextShape shape) {
  return std::string(what) +
         (shape == TextShape::line
              ? " có ký tự không hợp lệ (ký tự điều khiển, xuống dòng hoặc không phải UTF-8); "
                "hãy gõ lại trên một dòng."
              : " có ký tự không hợp lệ (ký tự điều khiển hoặc không phải UTF-8); hãy gõ lại "
                "hoặc dán lại nội dung.");
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string format_vietnamese_number(double value) {
  if (!std::isfinite(value)) return "?";
  const bool negative = value < 0;
  // Rounding first keeps 0.99999 from printing as "0,0000" after the whole part.
  const double magnitude = std::round(std::fabs(value) * 1e4) / 1e4;
  const double whole = std::floor(magnitude);
  std::string digits = std::to_string(static_cast<long long>(whole));
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
    grouped += digits[i];
  }
  const double fraction = magnitude - whole;
  if (fraction > 1e-9) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", fraction);
    std::string decimals = buffer + 2;  // skip "0."
    while (!decimals.empty() && decimals.back() == '0') decimals.pop_back();
    if (!decimals.empty()) grouped += "," + decimals;
  }
  return negative ? "-" + grouped : grouped;
}

std::string format_vietnamese_percent(double ratio) {
  if (!std::isfinite(ratio)) return std::string(kNotApplicable);
  // Rounded to tenths of a percent first, so 0.99996 is "100,0%" and never "99,10%".
  const long long tenths = std::llround(std::fabs(ratio) * 1000.0);
  const std::string whole = format_vietnamese_number(std::floor(static_cast<double>(tenths) / 10));
  const std::string sign = ratio < 0 && tenths > 0 ? "-" : "";
  return sign + whole + "," + std::to_string(tenths % 10) + "%";
}

std::string format_vietnamese_rate(double numerator, double denominator) {
  if (!(denominator > 0) || !std::isfinite(numerator)) return std::string(kNotApplicable);
  return format_vietnamese_percent(numerator / denominator);
}

std::string percent_encode(std::string_view text, std::string_view plain_marks) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const unsigned char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       (c != 0 && plain_marks.find(static_cast<char>(c)) != std::string_view::npos);
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

// The base letter of each precomposed Latin letter, by code point from U+00C0 and from U+1E00
// (Latin-1, Latin Extended-A/B, Latin Extended Additional: every Vietnamese letter); '.' where a
// character has no single ASCII letter as its base. Đ/đ do not decompose but are read as d.
constexpr std::string_view kLatinBases00C0 =
    "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll."
    "...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz."
    "................................oo.............uu..............."
    ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...."
    "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............"
    "................";
constexpr std::string_view kLatinBases1E00 =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

char latin_base(char32_t c) {
  if (c >= 0xC0 && c < 0xC0 + kLatinBases00C0.size()) return kLatinBases00C0[c - 0xC0];
  if (c >= 0x1E00 && c < 0x1E00 + kLatinBases1E00.size()) return kLatinBases1E00[c - 0x1E00];
  return '.';
}

}  // namespace

namespace {

// Whether the precomposed Latin letter `c` (one latin_base() knows) is a capital: Latin-1's
// U+00C0–U+00DE; in Latin Extended-A and Latin Extended Additional capitals have even code points
// (Ă U+0102, Đ U+0110, Ạ U+1EA0); in Latin Extended-B, Ơ U+01A0 and Ư U+01AF.
bool is_capital(char32_t c) {
  if (c >= 0xC0 && c <= 0xDE) return true;
  if (c >= 0x100 && c <= 0x17F) return c % 2 == 0;
  if (c == 0x1A0 || c == 0x1AF) return true;
  if (c >= 0x1E00 && c <= 0x1EFF) return c % 2 == 0;
  return false;
}

// Each code point of `text` (made valid UTF-8) through `latin`: its base letter and whether it is
// a capital, for a precomposed Latin letter; ASCII through `ascii`; combining marks dropped.
template <typename Ascii, typename Latin>
std::string map_letters(std::string_view text, Ascii ascii, Latin latin) {
  const std::string clean = sanitize_utf8(text);
  std::string out;
  out.reserve(clean.size());
  for (std::size_t i = 0; i < clean.size();) {
    const auto lead = static_cast<unsigned char>(clean[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (length == 1) {
      out += ascii(static_cast<char>(lead));
      ++i;
      continue;
    }
    char32_t c = lead & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      c = (c << 6) | (static_cast<unsigned char>(clean[i + k]) & 0x3F);
    }
    const bool combining_mark = c >= 0x300 && c <= 0x36F;
    if (!combining_mark) {
      const char base = latin_base(c);
      if (base != '.') {
        out += latin(base, is_capital(c));
      } else {
        out.append(clean, i, length);
      }
    }
    i += length;
  }
  return out;
}

}  // namespace

std::string search_key(std::string_view text) {
  return map_letters(
      text, [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; },
      [](char base, bool) { return base; });
}

std::string without_diacritics(std::string_view text) {
  return map_letters(
      text, [](char c) { return c; },
      [](char base, bool capital) {
        return capital ? static_cast<char>(base - ('a' - 'A')) : base;
      });
}

}  // namespace llw
