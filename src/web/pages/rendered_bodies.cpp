#include "web/pages/rendered_bodies.h"

#include <cstring>

namespace llw::pages {

std::shared_ptr<const RenderedBody> RenderedBodies::find(const std::string& key,
                                                         std::int64_t version) {
  std::lock_guard lock(mutex_);
  const auto it = by_key_.find(key);
  if (it == by_key_.end() || it->second->version != version ||
      std::chrono::steady_clock::now() - it->second->filed_at > max_age_) {
    return nullptr;
  }
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->body;
}

void RenderedBodies::put(const std::string& key, std::int64_t version,
                         std::shared_ptr<const RenderedBody> body) {
  const std::size_t bytes = key.size() + body->title.size() + body->html.size();
  std::lock_guard lock(mutex_);
  if (const auto it = by_key_.find(key); it != by_key_.end()) drop(it->second);
  if (bytes > max_bytes_) return;
  while (bytes_ + bytes > max_bytes_ && !entries_.empty()) drop(std::prev(entries_.end()));
  entries_.push_front(
      Entry{key, version, std::chrono::steady_clock::now(), std::move(body), bytes});
  by_key_[key] = entries_.begin();
  bytes_ += bytes;
}

void RenderedBodies::drop(std::list<Entry>::iterator it) {
  bytes_ -= it->bytes;
  by_key_.erase(it->key);
  entries_.erase(it);
}

std::string with_csrf(const std::string& html, const std::string& csrf) {
  const std::size_t marker = std::strlen(kCsrfPlaceholder);
  std::string out;
  out.reserve(html.size() + 8 * csrf.size());
  std::size_t from = 0;
  for (auto at = html.find(kCsrfPlaceholder); at != std::string::npos;
       at = html.find(kCsrfPlaceholder, from)) {
    out.append(html, from, at - from).append(csrf);
    from = at + marker;
  }
  out.append(html, from, std::string::npos);
  return out;
}

}  // namespace llw::pages
