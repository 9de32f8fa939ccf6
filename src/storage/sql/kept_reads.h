#pragma once
// Reads of the store kept in memory while nothing they were read from has changed (change_feed.h):
// each value is kept with the change count read before the value was, and served while the count
// is the same; a value read while the feed is deaf is neither served nor kept. Bounded: the whole
// map is dropped when it is full (its values are cheap to read again).

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "storage/sql/change_feed.h"

namespace llw::sql {

template <typename Key, typename Value>
class KeptReads {
 public:
  KeptReads(std::shared_ptr<const ChangeFeed> changes, std::size_t capacity)
      : changes_(std::move(changes)), capacity_(capacity) {}

  // The value kept for `key` if nothing changed since it was read and `usable(value)` holds;
  // otherwise `read()`'s, kept when there is one.
  template <typename Read, typename Usable>
  std::optional<Value> get(const Key& key, Read&& read, Usable&& usable) {
    const std::optional<std::uint64_t> count = changes_->current();
    if (!count) return read();
    {
      std::lock_guard lock(mutex_);
      auto found = kept_.find(key);
      if (found != kept_.end()) {
        if (found->second.second == *count && usable(found->second.first)) {
          return found->second.first;
        }
        kept_.erase(found);
      }
    }
    std::optional<Value> value = read();
    if (value) {
      std::lock_guard lock(mutex_);
      if (kept_.size() >= capacity_) kept_.clear();
      kept_.insert_or_assign(key, std::make_pair(*value, *count));
    }
    return value;
  }

 private:
  std::shared_ptr<const ChangeFeed> changes_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::map<Key, std::pair<Value, std::uint64_t>> kept_;
};

}  // namespace llw::sql
