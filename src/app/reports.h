#pragma once
// A unit's report (reports.cpp) and its review by the level above (workflow.cpp).

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/documents.h"
#include "app/report_entry_sheet.h"
#include "app/request_context.h"
#include "app/use_case_area.h"
#include "domain/campaign.h"
#include "domain/report_store.h"
#include "domain/user.h"
#include "domain/workflow.h"

namespace llw {

// One item's change between two versions of a report (GET …/diff).
struct ItemChange {
  std::string key;
  std::string label;
  nlohmann::json before;  // null when the item was absent
  nlohmann::json after;
};

// What became of a spreadsheet of reports (Reports::enter_reports): every report written, or none
// and every problem.
struct ReportEntryResult {
  int entered = 0;    // reports written
  int unchanged = 0;  // rows equal to the report already stored (not written again)
  std::vector<EntryProblem> problems;  // when not empty, nothing was written
};

class Reports : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // Unit reports.
  UnitReport get_report(const User& actor, std::int64_t campaign_id, const std::string& unit_code);
  // The report's saved versions, newest first (who, when, which action).
  std::vector<ReportVersion> report_history(const User& actor, std::int64_t campaign_id,
                                            const std::string& unit_code, int limit = 50);
  UnitReport save_draft(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                        std::int64_t expected_version, const nlohmann::json& values,
                        const RequestContext& context = {});
  UnitReport submit(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                    std::optional<std::int64_t> expected_version,
                    const RequestContext& context = {});
  // The review by the level above (workflow.cpp): return (comment required), accept, reopen an
  // accepted report (reason required). Each is a compare-and-swap on the version when
  // `expected_version` is given; out of order → conflict naming the current state.
  UnitReport return_report(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, const std::string& comment,
                           std::optional<std::int64_t> expected_version,
                           const RequestContext& context = {});
  UnitReport accept_report(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code,
                           std::optional<std::int64_t> expected_version,
                           const RequestContext& context = {});
  UnitReport reopen_report(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, const std::string& reason,
                           std::optional<std::int64_t> expected_version,
                           const RequestContext& context = {});
  // The one place where a decision a client names becomes its use case: return (with
  // `comment`), accept or reopen (with `comment` as the reason) of a unit's report. Any other
  // event is Error{bad_input, "action"}.
  UnitReport decide_report(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, ReportEvent event,
                           const std::string& comment, std::optional<std::int64_t> expected_version,
                           const RequestContext& context = {});
  // Lets a unit save and submit after the lock date until the end of `until` (a day after the
  // lock date at the earliest). Granted by the level above.
  ReportExtension grant_extension(const User& actor, std::int64_t campaign_id,
                                  const std::string& unit_code, std::chrono::year_month_day until,
                                  const RequestContext& context = {});
  std::optional<ReportExtension> extension(const User& actor, std::int64_t campaign_id,
                                           const std::string& unit_code);
  // Why the unit may no longer save or submit (past the lock date and any extension), naming the
  // date and whom to ask; nullopt while it still may. For whoever may read the report.
  std::optional<std::string> closed_message(const User& actor, std::int64_t campaign_id,
                                            const std::string& unit_code);
  // Asks the mail schedule of `llw serve` to remind one unit that has not submitted (the
  // dashboard's "Nhắc"; unit_reminders.cpp): for whoever may review the unit's report (the
  // coordinators above it, admins), once per unit and day (manual_reminder_slot, shared with
  // `llw remind` by hand), audited as "reminder.request". Error{conflict} when the unit has
  // submitted, Error{conflict, "reminded"} when it was reminded by hand that day already (a
  // second click), Error{validation_failed, "email"} when it has no
  // valid e-mail address. Returns the queued reminder.
  ReminderRecord remind_unit(const User& actor, std::int64_t campaign_id,
                             const std::string& unit_code, const RequestContext& context = {});
  // Reports entered by a coordinator from a spreadsheet (report_entry.cpp; the layout in
  // report_entry_sheet.h): paper reports of this year, or last year's figures in a past campaign.
  // For the coordinators of `node_code` and above and admins (write_summary on the node); the
  // rows are the units of the node's subtree whose reports the actor may review. The template is
  // prefilled with the current values.
  DocumentFile entry_template(const User& actor, std::int64_t campaign_id,
                              const std::string& node_code);
  // The node, once the campaign exists and the actor may enter reports there (the page's check
  // before it shows the form); Error{forbidden} otherwise.
  OrgUnit entry_node(const User& actor, std::int64_t campaign_id, const std::string& node_code);
  // Checks every cell as the report form would (validate_values on the unit's values with the
  // row's applied), then writes every changed row's report in one store transaction as accepted,
  // its history's action "file_entry" — or nothing, with every problem. A row may change a
  // report not started, in draft, returned, or accepted from an earlier file; a report the unit
  // submitted or that was accepted from the unit's own submission must be returned first. The
  // lock date does not apply (the figures are the coordinator's, often of a closed year).
  ReportEntryResult enter_reports(const User& actor, std::int64_t campaign_id,
                                  const std::string& node_code, std::string_view body,
                                  const RequestContext& context = {});
  // One stored version of a report with its values, and the item-by-item change between two.
  std::pair<ReportVersion, nlohmann::json> report_version(const User& actor,
                                                          std::int64_t campaign_id,
                                                          const std::string& unit_code,
                                                          std::int64_t version);
  std::vector<ItemChange> report_diff(const User& actor, std::int64_t campaign_id,
                                      const std::string& unit_code, std::int64_t from_version,
                                      std::int64_t to_version);

 private:
  // The report of a unit that must report in the campaign; Error{not_found} otherwise.
  UnitReport require_report(const Campaign& campaign, const OrgUnit& unit);
  // The report with its flags (domain/report_flags.h) as of its first submission or today.
  UnitReport with_flags(const Campaign& campaign, const OrgUnit& unit, UnitReport report) const;
  // Writes the transition before → after (status and values already set on `after`): bumps the
  // version, stamps who and when, and stores it with its change to the consolidated figures and
  // its narrative texts, as one compare-and-swap on before.version (reports.cpp).
  UnitReport write_transition(const User& actor, const Campaign& campaign, const OrgUnit& unit,
                              const UnitReport& before, UnitReport after, ReportEvent event,
                              Timestamp now);
  // A unit's report with its campaign (form attached) and its unit, once `actor` may do `action`
  // on it: `found` when the one-read lookup found all three, else the separate lookups that tell
  // which one is missing (reports.cpp).
  ReportInContext open_report(const User& actor, Action action, std::int64_t campaign_id,
                              const std::string& unit_code, std::optional<ReportInContext> found);
  // The transition of a unit's report by `event` as one audited use case (reports.cpp): opens the
  // report for the event's action, checks the lock date (save, submit) and the state machine,
  // lets `change` check the rest and edit `after` (status already set), and writes it.
  using ReportChange =
      std::function<void(const ReportInContext& current, UnitReport& after, Timestamp now)>;
  UnitReport change_report(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, ReportEvent event,
                           const RequestContext& context, const std::string& audit_detail,
                           const ReportChange& change);
  // Error{conflict} naming the date and whom to ask when the unit may no longer save or submit:
  // past its lock date (the nearest plan's, effective_dates) and past any extension it was granted.
  void require_open_for(const Campaign& campaign, const OrgUnit& unit, Timestamp now);
};

}  // namespace llw
