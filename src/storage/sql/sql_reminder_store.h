#pragma once
// The ReminderStore port: the units still to be reminded and the record of reminders sent.
// Defined in sql_reminder_store.cpp.

#include "domain/reminder_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlReminderStore : public ReminderStore {
 public:
  explicit SqlReminderStore(SqlContext& context) : context_(context) {}

  std::vector<OrgUnit> units_not_submitted(std::int64_t campaign_id) override;
  bool claim_reminder(const ReminderRecord& reminder) override;
  void release_reminder(std::int64_t campaign_id, std::int64_t unit_id,
                        const std::string& slot) override;
  std::vector<ReminderRecord> reminders(std::int64_t campaign_id) override;
  std::vector<ReminderRecord> queued_reminders(int limit) override;
  void mark_reminder_sent(std::int64_t campaign_id, std::int64_t unit_id, const std::string& slot,
                          Timestamp at) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
