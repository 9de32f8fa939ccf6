#pragma once
// Hears the changes other servers announce on PostgreSQL (migration 028: a statement-level
// trigger on sessions, users, units, notifications and campaigns calls pg_notify('llw_changes'))
// on a connection of its own, and counts each on a ChangeFeed (sql/change_feed.h). The feed is
// marked deaf while that connection is down; the listener reconnects every second meanwhile.

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "storage/sql/change_feed.h"

namespace llw {

class ChangeListener {
 public:
  // Starts listening at once (the feed counts as deaf until the first LISTEN is done).
  ChangeListener(std::string conninfo, std::shared_ptr<sql::ChangeFeed> feed);
  ~ChangeListener();
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  // The channel the triggers of migration 028 notify.
  static constexpr const char* kChannel = "llw_changes";

 private:
  void run();

  std::string conninfo_;
  std::shared_ptr<sql::ChangeFeed> feed_;
  int wake_fd_ = -1;  // an eventfd the destructor writes to, so the thread stops at once
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace llw
