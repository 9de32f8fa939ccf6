#include "documents/document.h"

#include <array>
#include <cstdint>
#include <cstdio>

#include "domain/text.h"

namespace llw::documents {

Block section(std::string label, const std::string& title) {
  Block b;
  b.kind = BlockKind::section;
  b.label = std::move(label);
  b.text = vietnamese_upper(title);
  b.bold = true;
  return b;
}

namespace {

// A numbered or marked block: the marker ("1.", "a)", "-", "+") and its text.
Block marked(BlockKind kind, std::string label, std::string text) {
  Block b;
  b.kind = kind;
  b.label = std::move(label);
  b.text = std::move(text);
  return b;
}

}  // namespace

Block clause(std::string label, std::string text, bool heading) {
  Block b = marked(BlockKind::clause, std::move(label), std::move(text));
  b.bold = heading;
  return b;
}

Block point(std::string label, std::string text) {
  return marked(BlockKind::point, std::move(label), std::move(text));
}

Block dash(std::string text) { return marked(BlockKind::dash, "-", std::move(text)); }

Block plus(std::string text) { return marked(BlockKind::plus, "+", std::move(text)); }

Block paragraph(std::string text, bool italic) {
  Block b;
  b.kind = BlockKind::paragraph;
  b.text = std::move(text);
  b.italic = italic;
  return b;
}

Block centered(std::string text, bool bold, bool italic) {
  Block b;
  b.kind = BlockKind::paragraph;
  b.text = std::move(text);
  b.bold = bold;
  b.italic = italic;
  b.align = Align::center;
  return b;
}

Block table_block(Table table) {
  Block b;
  b.kind = BlockKind::table;
  b.table = std::move(table);
  return b;
}

Block chart_block(BarChart chart) {
  Block b;
  b.kind = BlockKind::chart;
  b.chart = std::move(chart);
  return b;
}

Block picture_block(Picture picture) {
  Block block;
  block.kind = BlockKind::picture;
  block.align = Align::center;
  block.picture = std::move(picture);
  return block;
}

std::string vietnamese_point_letter(std::size_t index) {
  static const std::array<const char*, 23> letters = {"a", "b", "c", "d", "đ", "e", "g", "h",
                                                      "i", "k", "l", "m", "n", "o", "p", "q",
                                                      "r", "s", "t", "u", "v", "x", "y"};
  std::string letter = letters[index % letters.size()];
  std::string result = letter;
  for (std::size_t round = index / letters.size(); round > 0; --round) result += letter;
  return result;
}

std::string roman_numeral(int number) {
  static const std::array<std::pair<int, const char*>, 13> table = {{{1000, "M"},
                                                                     {900, "CM"},
                                                                     {500, "D"},
                                                                     {400, "CD"},
                                                                     {100, "C"},
                                                                     {90, "XC"},
                                                                     {50, "L"},
                                                                     {40, "XL"},
                                                                     {10, "X"},
                                                                     {9, "IX"},
                                                                     {5, "V"},
                                                                     {4, "IV"},
                                                                     {1, "I"}}};
  std::string out;
  for (const auto& [value, digits] : table) {
    while (number >= value) {
      out += digits;
      number -= value;
    }
  }
  return out;
}

namespace {

// Decodes one code point; returns U+FFFD and advances one byte on malformed input.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int length = lead < 0x80           ? 1
               : (lead >> 5) == 0x6  ? 2
               : (lead >> 4) == 0xE  ? 3
               : (lead >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const unsigned char c = byte(i + k);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t upper_of(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  // Latin Extended-A pairs (ă, đ, ĩ, ũ …) and Latin Extended Additional (ạ … ỹ): upper is even.
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 &&
      !(c >= 0x139 && c <= 0x148) && !(c >= 0x179 && c <= 0x17E)) {
    return (c & 1) ? c - 1 : c;
  }
  if (c == 0x1A1) return 0x1A0;  // ơ
  if (c == 0x1B0) return 0x1AF;  // ư
  if (c >= 0x1EA0 && c <= 0x1EF9) return (c & 1) ? c - 1 : c;
  return c;
}

char32_t lower_of(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x137 && !(c & 1) && c != 0x130) return c + 1;
  if (c >= 0x14A && c <= 0x177 && !(c & 1)) return c + 1;
  if (c == 0x1A0) return 0x1A1;
  if (c == 0x1AF) return 0x1B0;
  if (c >= 0x1EA0 && c <= 0x1EF9 && !(c & 1)) return c + 1;
  return c;
}

template <typename Map>
std::string map_code_points(std::string_view text, Map map, std::size_t limit) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  std::size_t n = 0;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    append_utf8(out, n < limit ? map(cp) : cp);
    ++n;
  }
  return out;
}

}  // namespace

std::string vietnamese_upper(std::string_view text) {
  return map_code_points(text, upper_of, std::string::npos);
}

std::string capitalize_first(std::string_view text) { return map_code_points(text, upper_of, 1); }

std::string lowercase_first(std::string_view text) { return map_code_points(text, lower_of, 1); }

std::string place_date_line(std::string_view place, std::optional<std::chrono::year_month_day> date,
                            int year) {
  std::string line(place);
  if (!date || !date->ok()) {
    return line + ", ngày      tháng      năm " + std::to_string(year);
  }
  const unsigned day = static_cast<unsigned>(date->day());
  const unsigned month = static_cast<unsigned>(date->month());
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, ", ngày %02u tháng %s%u năm %d", day, month <= 2 ? "0" : "",
                month, static_cast<int>(date->year()));
  return line + buffer;
}

std::string ascii_slug(std::string_view text) {
  // Vietnamese letters fold to their base letter; anything else becomes a separator.
  static const std::array<std::pair<const char*, char>, 14> bases = {{
      {"àáảãạăằắẳẵặâầấẩẫậ", 'a'},
      {"èéẻẽẹêềếểễệ", 'e'},
      {"ìíỉĩị", 'i'},
      {"òóỏõọôồốổỗộơờớởỡợ", 'o'},
      {"ùúủũụưừứửữự", 'u'},
      {"ỳýỷỹỵ", 'y'},
      {"đ", 'd'},
      {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'},
      {"ÈÉẺẼẸÊỀẾỂỄỆ", 'e'},
      {"ÌÍỈĨỊ", 'i'},
      {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'},
      {"ÙÚỦŨỤƯỪỨỬỮỰ", 'u'},
      {"ỲÝỶỸỴ", 'y'},
      {"Đ", 'd'},
  }};
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    char ascii = 0;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) ascii = static_cast<char>(cp);
    if (cp >= 'A' && cp <= 'Z') ascii = static_cast<char>(cp + 32);
    if (cp >= 0x80) {
      const std::string_view letter = text.substr(start, i - start);
      for (const auto& [group, base] : bases) {
        if (std::string_view(group).find(letter) != std::string_view::npos) ascii = base;
      }
    }
    if (ascii) {
      out += ascii;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "van-ban" : out;
}

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    const bool control = (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0);
    const bool non_character = cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF);
    if (control || non_character) continue;
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace llw::documents
