#pragma once
// Records of the reporting workflow that the Store keeps: lock-date extensions, the audit log,
// sent reminders, and one stored version of a report with its values.

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "clock.h"

namespace llw {

// An extension of the campaign's lock date for one unit (gia hạn), granted by the level above.
struct ReportExtension {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::chrono::year_month_day until{};     // the unit may save and submit until the end of this day
  std::optional<std::int64_t> granted_by;  // user id
  Timestamp granted_at = 0;
};

// One entry of the append-only audit log (nhật ký hoạt động).
struct AuditEntry {
  std::int64_t id = 0;  // assigned by the store
  Timestamp at = 0;
  std::optional<std::int64_t> user_id;
  std::string username;  // as typed at sign-in, or the acting account's
  std::string address;   // the client's IP address; empty for the command line
  // "login", "report.save", "report.submit", "report.return", "report.accept", "report.reopen",
  // "report.extension", "unit.create", "unit.import", "user.create", "campaign.create".
  std::string action;
  std::optional<std::int64_t> unit_id;  // the unit concerned, when there is one
  std::string unit_path;                // its path, for subtree reads
  std::string target;                   // "HP-AH-THTT" or "campaign 3 / HP-AH-THTT"
  std::string detail;                   // short, e.g. the return comment
  std::string outcome = "ok";           // "ok" or the error code ("conflict", "forbidden", …)
};

// Filters of an audit read; every one optional. `path` limits to a subtree (empty: everything).
struct AuditQuery {
  std::string path;
  std::optional<std::int64_t> unit_id;
  std::string username;
  std::string action;             // exact, or a prefix ending in '.' ("report.")
  std::optional<Timestamp> from;  // inclusive
  std::optional<Timestamp> to;    // inclusive
  int limit = 200;
  int offset = 0;  // entries to skip (paging)
};

// An e-mail to one unit claimed (and sent) for one slot of a campaign: a deadline reminder ("d-3",
// the schedule's), a reminder asked for by hand ("manual-2025-09-30", one per unit and day), an
// issued plan's ("plan-…") or a review's ("review-<version>": the report returned, accepted or
// reopened at that version). A queued one was asked for by a page (the "Nhắc" button, a review)
// and waits for `llw serve`'s mail schedule to send it; `sent_at` is then when it was asked for.
struct ReminderRecord {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::string slot;
  std::string email;
  Timestamp sent_at = 0;
  bool queued = false;
};

// A deadline reminder's slot ("d-…", "manual-…"), the ones a dashboard shows as "nhắc lần cuối".
inline bool is_reminder_slot(std::string_view slot) {
  return slot.rfind("d-", 0) == 0 || slot.rfind("manual-", 0) == 0;
}

// An in-app notice to one coordinator that a unit below it submitted (thông báo), written in
// the same transaction as the submit.
struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::string unit_code;  // filled by reads
  std::string unit_name;
  std::string kind = "submit";
  std::int64_t version = 0;  // the report version the event created
  std::string comment;       // filled by reads: that version's comment (a return's, a reopen's)
  Timestamp at = 0;
  std::optional<Timestamp> read_at;
};

}  // namespace llw
