#pragma once
// Rendered page bodies (the part between the navigation and the footer) kept for the version of
// the data they were rendered from, e.g. a campaign's revision: a dashboard or consolidated page
// asked again before anything changed is framed for its user and sent without building its view
// or rendering its template again. Bounded by the bytes it holds (the least recently used body
// goes first) and by age: a body older than `max_age` is rendered again even at the same version,
// for what changes without one (a draft saved again updates its "last saved" time without bumping
// the campaign's revision). Thread-safe.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace llw::pages {

struct RenderedBody {
  std::string title;  // the page's <title>, which the frame shows
  std::string html;   // the body; kCsrfPlaceholder stands where the session's CSRF token goes
};

// Rendered into a cached body in place of the session's token, replaced when it is sent, so one
// body serves every session. Never produced by escaping user text (it holds no escaped character).
inline constexpr const char* kCsrfPlaceholder = "__llw_csrf_token__";

class RenderedBodies {
 public:
  RenderedBodies(std::size_t max_bytes, std::chrono::steady_clock::duration max_age)
      : max_bytes_(max_bytes), max_age_(max_age) {}

  // The body filed under `key` for exactly `version` less than max_age ago, or null.
  std::shared_ptr<const RenderedBody> find(const std::string& key, std::int64_t version);
  // Files `body` under `key` for `version`, replacing whatever the key held.
  void put(const std::string& key, std::int64_t version, std::shared_ptr<const RenderedBody> body);

 private:
  struct Entry {
    std::string key;
    std::int64_t version = 0;
    std::chrono::steady_clock::time_point filed_at;
    std::shared_ptr<const RenderedBody> body;
    std::size_t bytes = 0;
  };
  void drop(std::list<Entry>::iterator it);

  std::mutex mutex_;
  std::size_t max_bytes_;
  std::chrono::steady_clock::duration max_age_;
  std::size_t bytes_ = 0;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

// `html` with every kCsrfPlaceholder replaced by `csrf`.
std::string with_csrf(const std::string& html, const std::string& csrf);

}  // namespace llw::pages
