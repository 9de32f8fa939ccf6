#pragma once
// The storage port of deadline reminders: who has not submitted, and the reminders claimed
// before they are sent (so two servers never send the same one). Implemented by the SQL
// store (sql_store_workflow.cpp in src/storage/sql/), on both backends. Each method is a
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
  // Records a reminder before it is sent: true when this (campaign, unit, slot) was not recorded
  // yet, false when it already was (sent earlier, or by another server just now).
  virtual bool claim_reminder(const ReminderRecord& reminder) = 0;
  // Forgets a claimed reminder whose sending failed, so a later run sends it.
  virtual void release_reminder(std::int64_t campaign_id, std::int64_t unit_id,
                                const std::string& slot) = 0;
  virtual std::vector<ReminderRecord> reminders(std::int64_t campaign_id) = 0;
};

}  // namespace llw
