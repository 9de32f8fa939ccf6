#include "app/common_passwords.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace llw {
namespace {

// Cores (letters only, lower case, look-alikes undone) that make a password common whatever
// digits or symbols surround them.
constexpr std::string_view kCommonCores[] = {
    "password",      "passwd",      "pass",       "passport",     "matkhau",   "hoctap",
    "hoctapsuotdoi", "suotdoi",     "tuanle",     "tuanlehoctap", "admin",     "administrator",
    "quantri",       "quantrivien", "root",       "user",         "guest",     "test",
    "demo",          "login",       "welcome",    "changeme",     "secret",    "default",
    "system",        "iloveyou",    "loveyou",    "anhyeuem",     "emyeuanh",  "yeuem",
    "yeuanh",        "tinhyeu",     "vietnam",    "hanoi",        "saigon",    "haiphong",
    "danang",        "qwerty",      "qwertyuiop", "qwer",         "asdf",      "asdfgh",
    "asdfghjkl",     "zxcv",        "zxcvbn",     "zxcvbnm",      "qazwsx",    "qaz",
    "wsx",           "abc",         "abcd",       "abcde",        "abcdef",    "abcdefg",
    "abcdefgh",      "abcabc",      "aaaa",       "aaaaaa",       "aaaaaaaa",  "letmein",
    "monkey",        "dragon",      "sunshine",   "princess",     "football",  "baseball",
    "soccer",        "master",      "superman",   "batman",       "shadow",    "michael",
    "trustno",       "starwars",    "ubnd",       "giaoduc",      "truonghoc", "hocsinh",
    "giaovien",      "thuvien",     "congdan",    "xinchao",      "hello",     "computer",
    "internet",      "llw"};

// Whole passwords (lower case) too common to allow though their core alone is not listed.
constexpr std::string_view kCommonWholes[] = {
    "1q2w3e4r",  "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx",  "1qazxsw2",  "q1w2e3r4",   "a1b2c3d4",
    "123qweasd", "qwe123456",  "123456a@", "12345678a", "a12345678", "123456789a", "abc123456"};

char undo_look_alike(char c) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '@':
      return 'a';
    case '$':
      return 's';
    case '!':
      return 'i';
    default:
      return c;
  }
}

bool is_ascii_letter(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

bool is_common_password(std::string_view password) {
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  if (std::find(std::begin(kCommonWholes), std::end(kCommonWholes), lower) !=
      std::end(kCommonWholes)) {
    return true;
  }
  // The core: what is left between the leading and trailing digits and symbols ("hoctap" of
  // "hoctap2025!"), then look-alikes undone and anything but letters dropped ("passw0rd" →
  // "password", "mat-khau" → "matkhau"). Non-ASCII letters (Vietnamese) stay as they are.
  const auto is_letter = [](char c) {
    return is_ascii_letter(c) || static_cast<unsigned char>(c) >= 0x80;
  };
  const auto first = std::find_if(lower.begin(), lower.end(), is_letter);
  const auto last = std::find_if(lower.rbegin(), lower.rend(), is_letter).base();
  std::string core;
  for (auto it = first; it < last; ++it) {
    const char c = undo_look_alike(*it);
    if (is_letter(c)) core += c;
  }
  // Almost nothing but digits and symbols ("ab123456", "2025@2025") is as easy as a listed word.
  if (core.size() < 3) return true;
  return std::find(std::begin(kCommonCores), std::end(kCommonCores), core) !=
         std::end(kCommonCores);
}

}  // namespace llw
