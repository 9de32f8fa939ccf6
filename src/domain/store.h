#pragma once
// The storage port the domain declares and every backend (SQLite now, PostgreSQL later)
// implements. Methods are transactions of their own; a failing one changes nothing. Expected
// outcomes are return values; a violated uniqueness or a stale version throws Error{conflict}.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "campaign.h"
#include "clock.h"
#include "consolidated_report.h"
#include "org_unit.h"
#include "plan_store.h"
#include "report.h"
#include "report_listing.h"
#include "session_view.h"
#include "sign_in_log.h"
#include "summary.h"
#include "user.h"
#include "workflow_records.h"

namespace llw {

struct StoredUser {
  User user;
  std::string password_hash;  // argon2id string from libsodium
};

// A report write plus what it changes in the consolidated aggregates. The caller (the app layer)
// computes `delta` = contribution(after) − contribution(before) and the ancestors (node itself
// included) whose aggregate rows get it; the store applies both atomically.
struct ReportWrite {
  UnitReport report;                       // the new state; report.version is the new version
  std::int64_t expected_version = 0;       // the version the writer read; mismatch → conflict
  Contribution delta;                      // may be empty (draft saves)
  std::vector<std::int64_t> ancestor_ids;  // unit ids from the unit itself up to the root
  std::string action;                      // "save", "submit", … kept in the version history
  // A submit: notify the coordinators of the units above (not the unit itself) in the same
  // transaction (notifications table).
  bool notify_reviewers = false;
  // The campaign counts neither the state before nor the one after, and the delta is empty (a
  // draft saved again): the write changes no aggregate, narrative or summary, and the store need
  // not read the current row first; the compare-and-swap alone decides. (A campaign's counted
  // states never change.)
  bool uncounted_before_and_after = false;
};

// A report with its campaign and its unit, read together: the start of every report write.
struct ReportInContext {
  Campaign campaign;
  OrgUnit unit;
  UnitReport report;
};

// One saved version of a report, as listed in its history (lịch sử thay đổi).
struct ReportVersion {
  std::int64_t version = 0;
  ReportStatus status = ReportStatus::draft;
  std::string action;  // "save", "submit", "import", … as given to write_report
  Timestamp at = 0;
  std::optional<std::int64_t> by;  // user id
  std::string by_name;             // that user's display name, empty when unknown
  std::string comment;             // the report's comment at that version (see UnitReport)
};

// The consolidated narrative of a node (báo cáo tổng hợp: thuận lợi, khó khăn, kế hoạch tiếp
// theo, kiến nghị), one version of it.
struct ConsolidatedNarrative {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::int64_t version = 0;                  // 0 until the first save; +1 on every save
  std::map<std::string, std::string> texts;  // part ("advantages", …) → text
  Timestamp updated_at = 0;
  std::optional<std::int64_t> updated_by;  // user id
  std::string updated_by_name;
};

// One edit of a unit in the tree (Store::edit_unit): its fields, optionally a new parent, and what
// the edit changes in the consolidated figures.
struct UnitEdit {
  // `code` names the unit and stays; name, kind, level, population, email and signer are the new
  // values; parent_code is ignored (see new_parent_code).
  UnitInput input;
  // The path the caller read the unit at and checked the edit against; a unit moved meanwhile
  // is Error{conflict} and nothing changes.
  std::string expected_path;
  // Moves the unit (and its subtree) under this unit; empty keeps it in place.
  std::string new_parent_code;
  // Per campaign: how what the unit's own report contributes changes with the edit (population,
  // kind), after − before; added to the unit and its ancestors (the new ones after a move).
  std::map<std::int64_t, Contribution> report_deltas;
};

// A unit joining or leaving a campaign's reporting list, with what its untouched (not started)
// report contributes to each of `ancestor_ids` (the unit itself up to the root).
struct ReportingUnitChange {
  OrgUnit unit;
  Contribution contribution;
  std::vector<std::int64_t> ancestor_ids;
};

// One save of a campaign's settings (Store::change_campaign_settings): the campaign's name, dates,
// reporting kinds and plan (where the theme lives) as they are to be stored, and the reports that
// change of kinds implies.
struct CampaignSettingsChange {
  Campaign campaign;
  // Stored only when set (the campaign's current choice stays otherwise).
  std::optional<SummarySource> summary_source;
  // Units of the kinds no longer reporting: their reports must still be untouched.
  std::vector<ReportingUnitChange> removed;
  // Units of the kinds now reporting that have no report yet: each gets a not-started one.
  std::vector<ReportingUnitChange> added;
};

class Store {
 public:
  virtual ~Store() = default;

  // The plans at every level (plan_store.h), a port of its own.
  virtual PlanStore& plans() = 0;
  // The sign-in attempts (sign_in_log.h), a port of its own.
  virtual SignInLog& sign_ins() = 0;
  // The reports of a subtree a page at a time (report_listing.h), a port of its own.
  virtual ReportListing& report_listing() = 0;
  // What a signed-in page view reads first, in one round trip (session_view.h).
  virtual SessionViews& session_views() = 0;

  // Whether `failure`, thrown by one of this store's methods, means that the database cannot be
  // reached right now (a restart, a lost connection) rather than a fault: the caller answers
  // "try again shortly". The store reconnects by itself on a later call.
  virtual bool unreachable(const std::exception& failure) const = 0;

  // Org units.
  virtual std::optional<OrgUnit> find_unit(std::string_view code) = 0;
  virtual std::optional<OrgUnit> find_unit_by_id(std::int64_t id) = 0;
  // Children sorted by name (the web layer re-sorts with the Vietnamese collator).
  virtual std::vector<OrgUnit> children(std::int64_t parent_id) = 0;
  // Inserts a unit under an existing parent (or as a root); computes its path. Duplicate code →
  // Error{conflict, field "code"}.
  virtual OrgUnit insert_unit(const UnitInput& input) = 0;
  // Updates name, kind, level, population, email of an existing unit (code stays).
  virtual OrgUnit update_unit(const UnitInput& input) = 0;
  // Applies a UnitEdit as one transaction (storage/sql/sql_store_units.cpp): the unit's fields;
  // on a move its parent, the path of every unit of its subtree wherever a path is copied
  // (units, reports, narrative rows), and in every campaign its subtree's aggregate taken off the
  // old ancestors and put on the new ones; the report deltas; and every campaign's revision, so
  // cached summaries refresh. Moving a unit into its own subtree → Error{validation_failed, field
  // "parent"}; unknown unit or parent → Error{not_found}.
  virtual OrgUnit edit_unit(const UnitEdit& edit) = 0;
  // Creates or updates many units in one transaction, parents before children (a row may name a
  // parent created earlier in the same batch). Returns {created, updated}.
  virtual std::pair<int, int> upsert_units(const std::vector<UnitInput>& inputs) = 0;
  // Ancestors of a unit from the unit itself up to the root, as ids.
  virtual std::vector<std::int64_t> ancestor_ids(std::int64_t unit_id) = 0;
  // Every unit in the subtree of `path` (itself included) of one of `kinds`.
  virtual std::vector<OrgUnit> units_in_subtree(std::string_view path,
                                                const std::vector<UnitKind>& kinds) = 0;
  virtual std::int64_t count_units() = 0;

  // Accounts and sessions. Tokens are stored only as hashes.
  virtual std::optional<StoredUser> find_user(std::string_view username) = 0;
  virtual User insert_user(const User& user, const std::string& password_hash) = 0;
  virtual void insert_session(const std::string& token_hash, std::int64_t user_id,
                              Timestamp expires_at) = 0;
  // The user of a live session; nullopt when unknown or expired (at `now`) or the user disabled.
  virtual std::optional<User> user_for_session(const std::string& token_hash, Timestamp now) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;

  // Campaigns. Creating one also creates a not_started report row for every unit that must
  // report, and the aggregate rows of the issuer's subtree (each with "expected").
  virtual std::int64_t insert_campaign(const Campaign& campaign,
                                       const std::vector<OrgUnit>& reporting_units) = 0;
  // Campaigns are returned with `form` unset; the app layer attaches forms by form_id.
  virtual std::optional<Campaign> find_campaign(std::int64_t id) = 0;
  // Replaces the campaign's structured plan fields (the caller validated them) and bumps its
  // revision. Error{not_found} when there is no such campaign.
  virtual void update_campaign_plan(std::int64_t campaign_id, const nlohmann::json& plan) = 0;
  virtual std::vector<Campaign> list_campaigns() = 0;
  // Every campaign's id and revision (see campaign_revision), newest year first as
  // list_campaigns: what a cache of parsed campaigns checks itself against in one small read.
  virtual std::vector<std::pair<std::int64_t, std::int64_t>> campaign_revisions() = 0;
  // Stores a form definition (JSON text) under its id so campaigns keep their form.
  virtual void put_form(const std::string& form_id, const std::string& definition_json) = 0;
  virtual std::optional<std::string> find_form(const std::string& form_id) = 0;
  // Adds a newly created unit that must report to an existing campaign (report row + delta on
  // its ancestors' aggregates).
  virtual void add_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                                  const Contribution& contribution,
                                  const std::vector<std::int64_t>& ancestor_ids) = 0;
  // The reverse of add_reporting_unit for a unit whose report is untouched (not started, version
  // 0): deletes the report row (and any history) and subtracts exactly `contribution` from the
  // aggregates of ancestor_ids, in one transaction. Error{conflict} when the report has data.
  virtual void remove_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                                     const Contribution& contribution,
                                     const std::vector<std::int64_t>& ancestor_ids) = 0;

  // Reports. nullopt when the unit does not have to report in this campaign.
  virtual std::optional<UnitReport> find_report(std::int64_t campaign_id, std::int64_t unit_id) = 0;
  // The report of the unit with this code in the campaign, with both, in one read; nullopt when
  // any of the three is missing (the caller then finds out which, on its slower path).
  virtual std::optional<ReportInContext> find_report_in_context(std::int64_t campaign_id,
                                                                const std::string& unit_code) = 0;
  // Compare-and-swap on version: writes the report, appends the version to the history, adds
  // delta to the aggregates of ancestor_ids, and stores the report's narrative texts for the
  // summary — all in one transaction. Stale expected_version → Error{conflict} and nothing
  // changes.
  virtual void write_report(const ReportWrite& write,
                            const std::map<std::string, std::string>& narratives_if_counted) = 0;

  // The saved versions of a report, newest first, at most `limit`.
  virtual std::vector<ReportVersion> report_history(std::int64_t campaign_id, std::int64_t unit_id,
                                                    int limit) = 0;

  // Consolidated figures.
  // A counter that grows with every write changing what a summary of the campaign shows
  // (counted reports, their texts, reporting units, rebuilds, campaign edits); nullopt when the
  // campaign does not exist. Summaries are cached by it, across servers sharing one database.
  virtual std::optional<std::int64_t> campaign_revision(std::int64_t campaign_id) = 0;
  virtual Contribution aggregate(std::int64_t campaign_id, std::int64_t unit_id) = 0;
  // The store's own counters on a node's aggregate row (reports the subtree must make, those in a
  // counted state, narrative texts per part); nullopt when the node has no row (no reporting unit
  // below it). What a summary without lists needs besides the slots, in one read.
  struct AggregateCounters {
    std::int64_t reporting_units = 0;
    std::int64_t counted_units = 0;
    std::map<std::string, std::int64_t> narrative_counts;
  };
  virtual std::optional<AggregateCounters> aggregate_counters(std::int64_t campaign_id,
                                                              std::int64_t unit_id) = 0;
  // Units of the subtree that must report and are not in a counted state, by code, at most
  // `limit`; plus their total number.
  virtual std::pair<std::vector<std::string>, std::int64_t> missing_units(std::int64_t campaign_id,
                                                                          std::string_view path,
                                                                          int limit) = 0;
  // Narrative texts of counted reports in the subtree for one part, at most `limit` from the
  // `offset`-th on, in unit path order; plus their total number.
  virtual std::pair<std::vector<UnitText>, std::int64_t> narratives(std::int64_t campaign_id,
                                                                    std::string_view path,
                                                                    std::string_view part,
                                                                    int limit,
                                                                    std::int64_t offset) = 0;
  std::pair<std::vector<UnitText>, std::int64_t> narratives(std::int64_t campaign_id,
                                                            std::string_view path,
                                                            std::string_view part, int limit) {
    return narratives(campaign_id, path, part, limit, 0);
  }
  // Bulk load for demo data and imports: inserts or replaces many reports (history included) in
  // one transaction without touching aggregates; call rebuild_aggregates afterwards.
  virtual void bulk_put_reports(
      const std::vector<UnitReport>& reports,
      const std::vector<std::map<std::string, std::string>>& narratives_if_counted) = 0;
  // Every report of the campaign in the subtree of `path` (itself included) with its unit, in
  // path order (parents before children, so a depth-first walk), read in pages of one index
  // range each under one read snapshot; memory stays bounded whatever the subtree's size. The
  // callback must not call the store (it may hold the only connection); it may move from the
  // report it is given (the values of a national export are not copied twice).
  virtual void for_each_report_in_subtree(
      std::int64_t campaign_id, std::string_view path,
      const std::function<void(const OrgUnit&, UnitReport&)>& visit) = 0;
  // Campaigns whose aggregates an upgrade of LLW left to recompute (the migration that changed
  // what a report contributes lists them); rebuild_aggregates takes a campaign off the list.
  virtual std::vector<std::int64_t> campaigns_pending_recount() = 0;
  // Recomputes every aggregate of a campaign from its reports (after moves and imports).
  virtual void rebuild_aggregates(
      std::int64_t campaign_id,
      const std::function<Contribution(const OrgUnit&, const UnitReport&)>& contribution) = 0;

  // The reporting workflow (storage/sql/sql_store_workflow.cpp).
  // One stored version of a report with its values; nullopt when there is no such version.
  virtual std::optional<std::pair<ReportVersion, nlohmann::json>> report_version(
      std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) = 0;
  // Grants (or replaces) a unit's extension of the lock date.
  virtual void put_extension(const ReportExtension& extension) = 0;
  virtual std::optional<ReportExtension> find_extension(std::int64_t campaign_id,
                                                        std::int64_t unit_id) = 0;
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

  // Consolidated narratives (storage/sql/sql_store_narratives.cpp). The newest version, nullopt
  // before the first save; the versions newest first; and a save as a compare-and-swap:
  // `narrative.version` must be expected_version + 1, else Error{conflict} and nothing changes.
  virtual std::optional<ConsolidatedNarrative> find_consolidated_narrative(
      std::int64_t campaign_id, std::int64_t unit_id) = 0;
  // The newest version's number alone (0 before the first save): one index lookup.
  virtual std::int64_t consolidated_narrative_version(std::int64_t campaign_id,
                                                      std::int64_t unit_id) = 0;
  virtual std::vector<ConsolidatedNarrative> consolidated_narrative_history(
      std::int64_t campaign_id, std::int64_t unit_id, int limit) = 0;
  virtual void save_consolidated_narrative(const ConsolidatedNarrative& narrative,
                                           std::int64_t expected_version) = 0;

  // Reporting up (storage/sql/sql_store_reporting_up.cpp). The current consolidated report of a
  // node (nullopt before its first submission); a write as a compare-and-swap on the version
  // (`report.version` must be expected_version + 1, else Error{conflict} and nothing changes) that
  // keeps the version in the history and bumps the campaign's revision; the versions newest
  // first; one version; the direct children of a node with their live aggregate and consolidated
  // state (accepted snapshots included), in code order; and the campaign's summary source (bumps
  // the revision).
  virtual std::optional<ConsolidatedReport> find_consolidated_report(std::int64_t campaign_id,
                                                                     std::int64_t unit_id) = 0;
  virtual void write_consolidated_report(const ConsolidatedReport& report,
                                         std::int64_t expected_version,
                                         const std::string& action) = 0;
  virtual std::vector<ConsolidatedReportVersion> consolidated_report_history(
      std::int64_t campaign_id, std::int64_t unit_id, int limit) = 0;
  virtual std::optional<ConsolidatedReportVersion> consolidated_report_version(
      std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) = 0;
  virtual std::vector<ChildFigures> child_figures(std::int64_t campaign_id,
                                                  std::int64_t parent_id) = 0;
  virtual void set_summary_source(std::int64_t campaign_id, SummarySource source) = 0;

  // The audit log (storage/sql/sql_store_audit.cpp): append and read, nothing else.
  virtual void append_audit(const AuditEntry& entry) = 0;
  // Entries matching the query, newest first.
  virtual std::vector<AuditEntry> query_audit(const AuditQuery& query) = 0;
  // The id of the newest entry (0 when there is none): what any reading of the log is as new as.
  virtual std::int64_t newest_audit_id() = 0;
  // An entry for the write a use case is about to make (app/audited.h): the next write
  // transaction this thread commits on this store inserts it inside that same transaction, so a
  // write and its entry are stored together or not at all. take_staged_audit returns (and
  // forgets) an entry no transaction has committed, e.g. when the use case failed before writing.
  virtual void stage_audit(const AuditEntry& entry) = 0;
  virtual std::optional<AuditEntry> take_staged_audit() = 0;

  // In-app notifications (storage/sql/sql_store_notifications.cpp), written by write_report when
  // ReportWrite::notify_reviewers is set. A user's newest first, at most `limit`; the number not
  // read yet; marking read every one up to `up_to_id` (the newest the user was shown).
  virtual std::vector<Notification> notifications(std::int64_t user_id, int limit) = 0;
  virtual std::int64_t unread_notifications(std::int64_t user_id) = 0;
  virtual void mark_notifications_read(std::int64_t user_id, std::int64_t up_to_id,
                                       Timestamp at) = 0;

  // Account administration and campaign settings (storage/sql/sql_store_accounts.cpp).
  // Users whose unit lies in the subtree of `path` by username, at most `limit`; every user
  // (admins without a unit included) when `path` is empty.
  virtual std::vector<User> list_users(std::string_view path, int limit) = 0;
  // Updates display name, role, unit and disabled of the user with `user.id` and returns it as
  // stored; Error{not_found} when there is none. Disabling also ends the user's sessions.
  virtual User update_user(const User& user) = 0;
  // Replaces the password hash, records whether the user must choose a new password at the next
  // sign-in, and ends the user's sessions except the one hashed `keep_token_hash` (none kept when
  // empty), in one transaction.
  virtual void set_password(std::int64_t user_id, const std::string& password_hash,
                            bool must_change, const std::string& keep_token_hash) = 0;
  virtual bool must_change_password(std::int64_t user_id) = 0;
  // Saves a campaign's settings (the caller validated them) in one transaction: deletes the
  // reports of `removed` and subtracts exactly their contributions, creates the not-started
  // reports of `added` and adds theirs, stores name, dates, reporting kinds, plan (and
  // summary_source when set), and bumps the revision once. The rule for removing is checked here,
  // under the write lock: a removed unit's report must still be untouched (not started, version 0),
  // or a save that got in after the caller read it would be thrown away. Otherwise Error{conflict,
  // field "reporting_kinds"} counting per kind the units with data; a report of `removed` that is
  // gone or one of `added` that exists already is Error{conflict} too, and a unit or campaign that
  // does not exist Error{not_found}. On any error nothing changes.
  virtual void change_campaign_settings(const CampaignSettingsChange& change) = 0;
};

}  // namespace llw
