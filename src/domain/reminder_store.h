#pragma once
// The storage port of deadline reminders: who has not submitted, and the reminders claimed
// before they are sent (so two servers never send the same one). Implemented by the SQL
// store (sql_reminder_store.cpp in src/storage/sql/), on both backends. Each method is a
// transaction of its own; a failing one changes nothing.

#include <cstdint>
#include <string>
#include <vector>

#include "org_unit.h"
#include "workflow_records.h"

namespace llw {

class ReminderStore {
 public:
  virtual ~ReminderStore() = default;

  // Units that must report in the campaign and have not submitted (not_started, draft,
  // returned), in path order.
  virtual std::vector<OrgUnit> units_not_submitted(std::int64_t campaign_id) = 0;
  // Records a reminder before it is sent (or, `queued`, for the mail schedule to send): true when
  // this (campaign, unit, slot) was not recorded yet, false when it already was (sent earlier, or
  // by another server just now). A reminder slot (is_reminder_slot) bumps the campaign's revision,
  // so the dashboards that show when a unit was last reminded refresh.
  virtual bool claim_reminder(const ReminderRecord& reminder) = 0;
  // Every queued e-mail of every campaign, oldest first, at most `limit`.
  virtual std::vector<ReminderRecord> queued_reminders(int limit) = 0;
  // A queued e-mail went out at `at`: no longer queued (bumps the revision like a claim).
  virtual void mark_reminder_sent(std::int64_t campaign_id, std::int64_t unit_id,
                                  const std::string& slot, Timestamp at) = 0;
  // Forgets a claimed reminder whose sending failed, so a later run sends it.
  virtual void release_reminder(std::int64_t campaign_id, std::int64_t unit_id,
                                const std::string& slot) = 0;
  virtual std::vector<ReminderRecord> reminders(std::int64_t campaign_id) = 0;
};

}  // namespace llw
