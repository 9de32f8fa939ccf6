// SqlStore members for the reporting workflow: one stored version of a report, lock-date
// extensions, the units still to be reminded, and the record of sent reminders. Plain SOCI
// statements on a leased session: none of these runs on a hot path.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_store.h"

namespace llw::sql {

using nlohmann::json;

namespace {

struct VersionValuesRow {
  std::string status, action, by_name, comment, values;
  long long at = 0, by = 0;
  soci::indicator by_indicator = soci::i_ok, name_indicator = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(status));
    st.exchange(soci::into(action));
    st.exchange(soci::into(at));
    st.exchange(soci::into(by, by_indicator));
    st.exchange(soci::into(by_name, name_indicator));
    st.exchange(soci::into(comment));
    st.exchange(soci::into(values));
  }
};

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

std::optional<std::pair<ReportVersion, nlohmann::json>> SqlStore::report_version(
    std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) {
  // A version's page and its comparison with another: prepared once per connection.
  auto connection = pool_->acquire();
  const auto row =
      connection
          ->prepared<VersionValuesRow, long long, long long, long long>(
              "SELECT v.status, v.action, v.at, v.by, us.display_name, v.comment, v.values_json "
              "FROM report_versions v LEFT JOIN users us ON us.id = v.by "
              "WHERE v.campaign_id = :c AND v.unit_id = :u AND v.version = :n")
          .one(campaign_id, unit_id, version);
  if (!row) return std::nullopt;
  ReportVersion entry;
  entry.version = version;
  auto parsed = report_status_from_string(row->status);
  if (!parsed) corrupt_column("report_versions.status", row->status);
  entry.status = *parsed;
  entry.action = row->action;
  entry.at = row->at;
  if (row->by_indicator == soci::i_ok) entry.by = row->by;
  if (row->name_indicator == soci::i_ok) entry.by_name = row->by_name;
  entry.comment = row->comment;
  return std::make_pair(std::move(entry), json::parse(row->values));
}

void SqlStore::put_extension(const ReportExtension& extension) {
  with_write_connection([&](Connection& connection) {
    std::optional<long long> by;
    if (extension.granted_by) by = *extension.granted_by;
    connection
        .write<long long, long long, std::string, Nullable<long long>, long long>(
            "INSERT INTO report_extensions (campaign_id, unit_id, until_date, granted_by, "
            "granted_at) VALUES (:c, :u, :until, :by, :at) ON CONFLICT (campaign_id, unit_id) DO "
            "UPDATE SET until_date = excluded.until_date, granted_by = excluded.granted_by, "
            "granted_at = excluded.granted_at")
        .run(extension.campaign_id, extension.unit_id, format_iso_date(extension.until), by,
             extension.granted_at);
  });
}

namespace {

struct ExtensionRow {
  std::string until;
  long long by = 0, at = 0;
  soci::indicator by_indicator = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(until));
    st.exchange(soci::into(by, by_indicator));
    st.exchange(soci::into(at));
  }
};

// The dashboards say when a unit was last reminded: a change of its reminders refreshes the
// campaign's cached pages.
void bump_revision(Connection& connection, long long campaign_id) {
  connection.write<long long>("UPDATE campaigns SET revision = revision + 1 WHERE id = :id")
      .run(campaign_id);
}

}  // namespace

std::optional<ReportExtension> SqlStore::find_extension(std::int64_t campaign_id,
                                                        std::int64_t unit_id) {
  // Read with every report page and save (the lock date): prepared once per connection.
  auto connection = pool_->acquire();
  const auto row = connection
                       ->prepared<ExtensionRow, long long, long long>(
                           "SELECT until_date, granted_by, granted_at FROM report_extensions "
                           "WHERE campaign_id = :c AND unit_id = :u")
                       .one(campaign_id, unit_id);
  if (!row) return std::nullopt;
  auto date = parse_iso_date(row->until);
  if (!date) corrupt_column("report_extensions.until_date", row->until);
  ReportExtension extension;
  extension.campaign_id = campaign_id;
  extension.unit_id = unit_id;
  extension.until = *date;
  if (row->by_indicator == soci::i_ok) extension.granted_by = row->by;
  extension.granted_at = row->at;
  return extension;
}

std::vector<OrgUnit> SqlStore::units_not_submitted(std::int64_t campaign_id) {
  // The reminders' list: prepared once per connection.
  std::vector<OrgUnit> units;
  auto connection = pool_->acquire();
  connection
      ->prepared<UnitRow, long long>(
          std::string("SELECT ") + kUnitColumns + kReportFrom +
          "LEFT JOIN units p ON p.id = u.parent_id WHERE r.campaign_id = :c AND r.status IN "
          "('not_started', 'draft', 'returned') ORDER BY u.path")
      .each([&](const UnitRow& row) { units.push_back(row.to_unit()); }, campaign_id);
  return units;
}

bool SqlStore::claim_reminder(const ReminderRecord& reminder) {
  bool claimed = false;
  with_write_connection([&](Connection& connection) {
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

void SqlStore::release_reminder(std::int64_t campaign_id, std::int64_t unit_id,
                                const std::string& slot) {
  with_write_connection([&](Connection& connection) {
    connection
        .write<long long, long long, std::string>(
            "DELETE FROM reminders_sent WHERE campaign_id = :c AND unit_id = :u AND slot = :s")
        .run(campaign_id, unit_id, slot);
    if (is_reminder_slot(slot)) bump_revision(connection, campaign_id);
  });
}

std::vector<ReminderRecord> SqlStore::queued_reminders(int limit) {
  std::vector<ReminderRecord> records;
  auto connection = pool_->acquire();
  connection
      ->prepared<ReminderRow, long long>(
          "SELECT campaign_id, unit_id, slot, email, sent_at, queued FROM reminders_sent "
          "WHERE queued = 1 ORDER BY sent_at, campaign_id, unit_id, slot LIMIT :n")
      .each([&](const ReminderRow& row) { records.push_back(row.to_record()); },
            static_cast<long long>(std::max(limit, 0)));
  return records;
}

void SqlStore::mark_reminder_sent(std::int64_t campaign_id, std::int64_t unit_id,
                                  const std::string& slot, Timestamp at) {
  with_write_connection([&](Connection& connection) {
    connection
        .write<long long, long long, long long, std::string>(
            "UPDATE reminders_sent SET queued = 0, sent_at = :at "
            "WHERE campaign_id = :c AND unit_id = :u AND slot = :s")
        .run(at, campaign_id, unit_id, slot);
    if (is_reminder_slot(slot)) bump_revision(connection, campaign_id);
  });
}

std::vector<ReminderRecord> SqlStore::reminders(std::int64_t campaign_id) {
  std::vector<ReminderRecord> records;
  auto connection = pool_->acquire();
  connection
      ->prepared<ReminderRow, long long>(
          "SELECT campaign_id, unit_id, slot, email, sent_at, queued FROM reminders_sent "
          "WHERE campaign_id = :c ORDER BY sent_at, unit_id, slot")
      .each([&](const ReminderRow& row) { records.push_back(row.to_record()); }, campaign_id);
  return records;
}

}  // namespace llw::sql
