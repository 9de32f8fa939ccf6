// In-app notifications: the coordinators of the units above a unit that submitted find a notice
// in the navigation (written by the submit itself, see ReportWrite::notify_reviewers), the unit's
// own accounts one for each return, accept or reopen of its report, read with that version's
// comment (ReportWrite::notify_unit), and every account below a node that issues its plan finds
// the plan (written by PlanStore's issue). A user only ever reads and marks their own notices, so
// the account is the whole access check.
#include "app/notifications.h"

#include <algorithm>

#include "app/application.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {
namespace {

bool has_notices(const User& actor) { return !actor.disabled && actor.id > 0; }

}  // namespace

std::vector<Notification> Notifications::notifications(const User& actor, int limit) {
  if (!has_notices(actor)) return {};
  return store_->notices().notifications(actor.id, std::clamp(limit, 1, 1000));
}

std::int64_t Notifications::unread_notifications(const User& actor) {
  // Admins have no unit, so no notice is ever written for them.
  if (!has_notices(actor) || actor.role == Role::admin) return 0;
  return store_->notices().unread_notifications(actor.id);
}

void Notifications::mark_notifications_read(const User& actor, std::int64_t up_to_id) {
  if (!has_notices(actor)) {
    throw Error(ErrorKind::forbidden, "Tài khoản này không có thông báo.");
  }
  if (up_to_id <= 0) return;
  store_->notices().mark_notifications_read(actor.id, up_to_id, clock_());
}

}  // namespace llw
