#pragma once
// In-app notifications (notifications.cpp).

#include <cstdint>
#include <vector>

#include "app/use_case_area.h"
#include "domain/notification_store.h"
#include "domain/user.h"

namespace llw {

class Notifications : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // In-app notifications (notifications.cpp): a coordinator learns that a unit below submitted.
  // Each user reads and marks only their own; `up_to_id` is the newest one the user was shown.
  std::vector<Notification> notifications(const User& actor, int limit = 100);
  std::int64_t unread_notifications(const User& actor);
  void mark_notifications_read(const User& actor, std::int64_t up_to_id);
};

}  // namespace llw
