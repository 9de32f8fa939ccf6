#include "app/vietnamese_text.h"

#include <unicode/coll.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace llw {
namespace {

// ICU collators and transliterators are not documented as safe for concurrent use, and the web
// server calls these from several threads: each thread gets its own instance.
icu::Collator& vietnamese_collator() {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || !c) throw std::runtime_error("ICU collator for 'vi' is unavailable");
    return c;
  }();
  return *collator;
}

icu::UnicodeString to_unicode(std::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
}

}  // namespace

int compare_vietnamese(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r = vietnamese_collator().compare(to_unicode(a), to_unicode(b), status);
  if (U_FAILURE(status)) return a.compare(b);
  return r == UCOL_LESS ? -1 : (r == UCOL_EQUAL ? 0 : 1);
}

void sort_units_by_name(std::vector<OrgUnit>& units) {
  // Sort keys once per unit instead of converting both names on every comparison.
  icu::Collator& collator = vietnamese_collator();
  std::vector<std::pair<std::string, std::size_t>> keys;
  keys.reserve(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    icu::UnicodeString name = to_unicode(units[i].name);
    int32_t size = collator.getSortKey(name, nullptr, 0);
    std::string key(std::size_t(size), '\0');
    collator.getSortKey(name, reinterpret_cast<uint8_t*>(key.data()), size);
    keys.emplace_back(std::move(key), i);
  }
  std::sort(keys.begin(), keys.end(), [&](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    return units[x.second].code < units[y.second].code;
  });
  std::vector<OrgUnit> sorted;
  sorted.reserve(units.size());
  for (const auto& k : keys) sorted.push_back(std::move(units[k.second]));
  units = std::move(sorted);
}

void sort_vietnamese(std::vector<std::string>& texts) {
  std::stable_sort(texts.begin(), texts.end(), [](const std::string& a, const std::string& b) {
    return compare_vietnamese(a, b) < 0;
  });
}

}  // namespace llw
