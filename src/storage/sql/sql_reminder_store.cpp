// SqlReminderStore (the ReminderStore port, domain/reminder_store.h): the units still to be
// reminded and the record of sent reminders. None of these runs on a hot path. A change of a
// deadline reminder bumps the campaign's revision: the dashboards say when a unit was last
// reminded.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>

#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_reminder_store.h"
#include "storage/sql/store_queries.h"

namespace llw::sql {

namespace {

struct ReminderRow {
  long long campaign_id = 0, unit_id = 0, at = 0;
  std::string slot, email;
  int queued = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::into(campaign_id));
    st.exchange(soci::into(unit_id));
    st.exchange(soci::into(slot));
    st.exchange(soci::into(email));
    st.exchange(soci::into(at));
    st.exchange(soci::into(queued));
  }

  ReminderRecord to_record() const { return {campaign_id, unit_id, slot, email, at, queued != 0}; }
};

}  // namespace

std::vector<OrgUnit> SqlReminderStore::units_not_submitted(std::int64_t campaign_id) {
  // The reminders' list: prepared once per connection.
  std::vector<OrgUnit> units;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<UnitRow, long long>(
          std::string("SELECT ") + kUnitColumns + kReportFrom +
          "LEFT JOIN units p ON p.id = u.parent_id WHERE r.campaign_id = :c AND r.status IN "
          "('not_started', 'draft', 'returned') ORDER BY u.path")
      .each([&](const UnitRow& row) { units.push_back(row.to_unit()); }, campaign_id);
  return units;
}

bool SqlReminderStore::claim_reminder(const ReminderRecord& reminder) {
  bool claimed = false;
  context_.with_write_connection([&](Connection& connection) {
    claimed = connection
                  .write<long long, long long, std::string, std::string, long long, int>(
                      "INSERT INTO reminders_sent (campaign_id, unit_id, slot, email, sent_at, "
                      "queued) VALUES (:c, :u, :slot, :email, :at, :q) "
                      "ON CONFLICT (campaign_id, unit_id, slot) DO NOTHING")
                  .run(reminder.campaign_id, reminder.unit_id, reminder.slot, reminder.email,
                       reminder.sent_at, reminder.queued ? 1 : 0) == 1;
    // The dashboards say when a unit was last reminded: their cached pages refresh.
    if (claimed && is_reminder_slot(reminder.slot)) bump_revision(connection, reminder.campaign_id);
  });
  return claimed;
}

void SqlReminderStore::release_reminder(std::int64_t campaign_id, std::int64_t unit_id,
                                        const std::string& slot) {
  context_.with_write_connection([&](Connection& connection) {
    connection
        .write<long long, long long, std::string>(
            "DELETE FROM reminders_sent WHERE campaign_id = :c AND unit_id = :u AND slot = :s")
        .run(campaign_id, unit_id, slot);
    if (is_reminder_slot(slot)) bump_revision(connection, campaign_id);
  });
}

std::vector<ReminderRecord> SqlReminderStore::queued_reminders(int limit) {
  std::vector<ReminderRecord> records;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<ReminderRow, long long>(
          "SELECT campaign_id, unit_id, slot, email, sent_at, queued FROM reminders_sent "
          "WHERE queued = 1 ORDER BY sent_at, campaign_id, unit_id, slot LIMIT :n")
      .each([&](const ReminderRow& row) { records.push_back(row.to_record()); },
            static_cast<long long>(std::max(limit, 0)));
  return records;
}

void SqlReminderStore::mark_reminder_sent(std::int64_t campaign_id, std::int64_t unit_id,
                                          const std::string& slot, Timestamp at) {
  context_.with_write_connection([&](Connection& connection) {
    connection
        .write<long long, long long, long long, std::string>(
            "UPDATE reminders_sent SET queued = 0, sent_at = :at "
            "WHERE campaign_id = :c AND unit_id = :u AND slot = :s")
        .run(at, campaign_id, unit_id, slot);
    if (is_reminder_slot(slot)) bump_revision(connection, campaign_id);
  });
}

std::vector<ReminderRecord> SqlReminderStore::reminders(std::int64_t campaign_id) {
  std::vector<ReminderRecord> records;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<ReminderRow, long long>(
          "SELECT campaign_id, unit_id, slot, email, sent_at, queued FROM reminders_sent "
          "WHERE campaign_id = :c ORDER BY sent_at, unit_id, slot")
      .each([&](const ReminderRow& row) { records.push_back(row.to_record()); }, campaign_id);
  return records;
}

}  // namespace llw::sql
