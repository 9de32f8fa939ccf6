#include "campaign_year.h"

#include <algorithm>
#include <array>
#include <optional>

namespace llw {

namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// An ASCII letter or any byte of a multi-byte UTF-8 character (Vietnamese letters are those).
bool is_letter(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || byte >= 0x80;
}

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// The word that ends `text` (after trailing spaces are dropped), as written.
std::string_view last_word(std::string_view text) {
  text = trim_right(text);
  std::size_t start = text.size();
  while (start > 0 && !is_space(text[start - 1])) --start;
  return text.substr(start);
}

std::string_view drop_last_word(std::string_view text) {
  text = trim_right(text);
  return trim_right(text.substr(0, text.size() - last_word(text).size()));
}

bool is_word(std::string_view word, std::initializer_list<std::string_view> spellings) {
  return std::find(spellings.begin(), spellings.end(), word) != spellings.end();
}

bool is_year_word(std::string_view word) { return is_word(word, {"năm", "Năm", "NĂM"}); }

// "3929/QĐ-UBND", "83/KH-UBND", "1373/QĐ-TTg": digits, a slash, then letters.
bool is_document_number(std::string_view word) {
  const auto slash = word.find('/');
  return slash != std::string_view::npos && slash > 0 && is_digit(word[slash - 1]) &&
         slash + 1 < word.size() && is_letter(word[slash + 1]);
}

// The clause `text` ends in, back to the last punctuation that separates clauses.
std::string_view current_clause(std::string_view text) {
  const auto cut = text.find_last_of(".;:,()\n");
  return cut == std::string_view::npos ? text : text.substr(cut + 1);
}

// A run of exactly four digits at `at` that reads as a year: in range and not a part of a
// number written with separators ("2.021", "1.155,5").
struct Run {
  std::size_t begin = 0, end = 0;
  int value = 0;
};

std::optional<Run> year_run_at(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_digit(text[end])) ++end;
  if (end - at != 4) return std::nullopt;
  const auto separator = [](char c) { return c == '.' || c == ','; };
  if (at >= 2 && separator(text[at - 1]) && is_digit(text[at - 2])) return std::nullopt;
  if (end + 1 < text.size() && separator(text[end]) && is_digit(text[end + 1])) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = at; i < end; ++i) value = value * 10 + (text[i] - '0');
  if (value < kFirstYear || value > kLastYear) return std::nullopt;
  return Run{at, end, value};
}

// After a year ending at `from`: a dash (-, – or —, spaces around allowed) and a second year.
std::optional<Run> span_end(std::string_view text, std::size_t from) {
  std::size_t at = from;
  while (at < text.size() && is_space(text[at])) ++at;
  constexpr std::array<std::string_view, 3> dashes{"-", "–", "—"};
  bool dash = false;
  for (auto d : dashes) {
    if (text.substr(at, d.size()) == d) {
      at += d.size();
      dash = true;
      break;
    }
  }
  if (!dash) return std::nullopt;
  while (at < text.size() && is_space(text[at])) ++at;
  if (at >= text.size() || !is_digit(text[at])) return std::nullopt;
  auto second = year_run_at(text, at);
  if (second && second->end < text.size() && is_digit(text[second->end])) return std::nullopt;
  return second;
}

// The year ending a date ("05/10/2021", "10/2021", "05-10-2021", "05.10.2021"): whether the
// characters before `at` are a separator after one or two digits.
bool ends_a_date(std::string_view text, std::size_t at) {
  if (at < 2) return false;
  const char separator = text[at - 1];
  if (separator != '/' && separator != '-' && separator != '.') return false;
  std::size_t digits = 0;
  while (at - 1 > digits && is_digit(text[at - 2 - digits])) ++digits;
  return digits == 1 || digits == 2;
}

// Where the date whose year starts at `at` begins: back over digits and separators.
std::size_t date_start(std::string_view text, std::size_t at) {
  std::size_t start = at;
  while (start > 0 && (is_digit(text[start - 1]) || text[start - 1] == '/' ||
                       text[start - 1] == '-' || text[start - 1] == '.')) {
    --start;
  }
  return start;
}

// "… số 1373/QĐ-TTg ngày 30/7/2021": the date of the document cited just before it.
bool is_citation_date(std::string_view before) {
  if (!is_word(last_word(before), {"ngày", "Ngày"})) return false;
  return is_document_number(last_word(drop_last_word(before)));
}

// "năm 2021" is a year, unless it is a later horizon ("đến năm 2030") or names a law.
bool year_after_word_contradicts(std::string_view before, int value, int year) {
  const std::string_view previous = last_word(drop_last_word(before));
  if (value > year && is_word(previous, {"đến", "Đến", "tới", "Tới"})) return false;
  const std::string_view clause = current_clause(before);
  const bool names_a_law = clause.find("Luật") != std::string_view::npos ||
                           clause.find("Hiến pháp") != std::string_view::npos ||
                           clause.find("luật") != std::string_view::npos;
  return !names_a_law;
}

}  // namespace

std::string week_name(int year) {
  return "Tuần lễ hưởng ứng học tập suốt đời năm " + std::to_string(year);
}

std::vector<int> years_contradicting(std::string_view text, int year) {
  std::vector<int> found;
  std::size_t at = 0;
  while (at < text.size()) {
    if (!is_digit(text[at]) || (at > 0 && is_digit(text[at - 1]))) {
      ++at;
      continue;
    }
    const auto run = year_run_at(text, at);
    std::size_t next = at;
    while (next < text.size() && is_digit(text[next])) ++next;
    if (!run) {
      at = next;
      continue;
    }
    const std::string_view before = text.substr(0, at);
    if (auto second = span_end(text, run->end); second && !ends_a_date(text, at)) {
      // A span contradicts the year only when the year is outside it.
      if (year < run->value || year > second->value) {
        if (run->value != year) found.push_back(run->value);
        if (second->value != year) found.push_back(second->value);
      }
      at = second->end;
      continue;
    }
    at = next;
    if (run->value == year) continue;
    if (run->end < text.size() && text[run->end] == '/') continue;  // "3929/QĐ-UBND"
    if (ends_a_date(text, run->begin)) {
      if (!is_citation_date(text.substr(0, date_start(text, run->begin)))) {
        found.push_back(run->value);
      }
      continue;
    }
    if (is_year_word(last_word(before))) {
      if (year_after_word_contradicts(before, run->value, year)) found.push_back(run->value);
      continue;
    }
    // Standing alone: a year at the end or before punctuation, a count before a word.
    std::size_t after = run->end;
    while (after < text.size() && is_space(text[after])) ++after;
    if (after == text.size() || !is_letter(text[after])) found.push_back(run->value);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::string years_contradicting_message(const std::vector<int>& years, int year) {
  std::string listed;
  for (int y : years) listed += (listed.empty() ? "" : ", ") + std::to_string(y);
  return "Năm " + listed + " khác năm của Tuần lễ " + std::to_string(year) + ".";
}

}  // namespace llw
