#pragma once
// What the store's in-memory caches check themselves against: a counter that grows whenever
// something they were read from may have changed — a write of this process, or one of another
// server that the database announced (PostgreSQL: postgresql/change_listener.h) — and whether
// those announcements are being heard at all. While they are not (before the first LISTEN, or
// after the connection that listens was lost), nothing may be served from a cache.

#include <atomic>
#include <cstdint>
#include <optional>

namespace llw::sql {

class ChangeFeed {
 public:
  // The current count, or nothing while changes of other servers could go unheard.
  std::optional<std::uint64_t> current() const {
    if (!listening_.load(std::memory_order_acquire)) return std::nullopt;
    return count_.load(std::memory_order_acquire);
  }

  // Something may have changed: every view read before now is stale.
  void changed() { count_.fetch_add(1, std::memory_order_acq_rel); }

  // Whether the announcements of other servers are heard; a change of either kind also counts as
  // a change (what was read while deaf is never trusted afterwards).
  void set_listening(bool listening) {
    changed();
    listening_.store(listening, std::memory_order_release);
  }

 private:
  std::atomic<std::uint64_t> count_{0};
  std::atomic<bool> listening_{false};
};

}  // namespace llw::sql
