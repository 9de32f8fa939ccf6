#pragma once
// The storage port of in-app notifications, written by the writes they are about (a submit, an
// issued plan). Implemented by the SQL
// store (sql_notification_store.cpp in src/storage/sql/), on both backends. Each method is a
// transaction of its own; a failing one changes nothing.

#include <cstdint>
#include <vector>

#include "clock.h"
#include "workflow_records.h"

namespace llw {

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;

  // In-app notifications (storage/sql/sql_notification_store.cpp), written by write_report when
  // ReportWrite::notify_reviewers is set. A user's newest first, at most `limit`; the number not
  // read yet; marking read every one up to `up_to_id` (the newest the user was shown).
  virtual std::vector<Notification> notifications(std::int64_t user_id, int limit) = 0;
  virtual std::int64_t unread_notifications(std::int64_t user_id) = 0;
  virtual void mark_notifications_read(std::int64_t user_id, std::int64_t up_to_id,
                                       Timestamp at) = 0;
};

}  // namespace llw
