#pragma once
// The NotificationStore port: a user's in-app notices, and the writers of the notices a report's
// write sends (inside its transaction).
// Defined in sql_notification_store.cpp.

#include <string>

#include "domain/notification_store.h"
#include "domain/report_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

struct Connection;

// write_report's notices, inserted inside its transaction: of a submit, to the coordinators of
// the units above `unit_path`; of a return, an accept or a reopen (`kind`: the action), to the
// unit's own accounts.
void insert_submit_notifications(Connection& connection, const UnitReport& report,
                                 const std::string& unit_path);
void insert_unit_notifications(Connection& connection, const UnitReport& report,
                               const std::string& kind);

class SqlNotificationStore : public NotificationStore {
 public:
  explicit SqlNotificationStore(SqlContext& context) : context_(context) {}

  std::vector<Notification> notifications(std::int64_t user_id, int limit) override;
  std::int64_t unread_notifications(std::int64_t user_id) override;
  void mark_notifications_read(std::int64_t user_id, std::int64_t up_to_id, Timestamp at) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
