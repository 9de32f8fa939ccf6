#pragma once
// The use cases of LLW — the "request processor" between the web layer (or the CLI) and the
// storage port. Every method takes the acting user, checks access with the domain policy, and
// throws llw::Error for expected failures. No HTTP, no SQL here.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app/dashboard.h"
#include "app/documents.h"
#include "app/level_plans.h"
#include "app/unit_accounts.h"
#include "app/unit_editing.h"
#include "app/unit_texts.h"
#include "domain/campaign.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/summary.h"
#include "domain/user.h"
#include "domain/workflow.h"

namespace llw {

namespace documents {
struct Document;
}  // namespace documents

// Failed sign-ins at an account between its owner's previous and latest sign-in, from other
// addresses than the latest: told to the owner after signing in.
struct SignInWarning {
  int failures = 0;
  Timestamp last_at = 0;
  std::string last_address;
};

struct Session {
  std::string token;  // returned once; only its hash is stored
  Timestamp expires_at = 0;
  User user;
  std::optional<SignInWarning> failed_before;
};

struct ImportResult {
  int created = 0;
  int updated = 0;
  std::vector<std::pair<int, std::string>> errors;  // (row number, Vietnamese message)
};

// How long the summary's lists may be. The defaults keep a national summary's body small (the
// figures are complete at any size); pages and exports ask for more, page by page.
struct SummaryOptions {
  int missing_limit = 100;
  int narrative_limit = 20;
};

// Where a request came from, for the audit log: the web layer passes the client's address; the
// command line passes nothing.
struct RequestContext {
  std::string address;
};

// One item's change between two versions of a report (GET …/diff).
struct ItemChange {
  std::string key;
  std::string label;
  nlohmann::json before;  // null when the item was absent
  nlohmann::json after;
};

// A new account as an administrator enters it (user_admin.cpp).
struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::reporter;
  std::string unit_code;  // empty only for an admin
  std::string password;   // the initial password; the user must change it at first sign-in
};

// A change to an existing account: only the members that are set change.
struct UserChange {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<std::string> unit_code;
  std::optional<bool> disabled;
};

// What the campaign settings page edits (campaign_settings.cpp).
struct CampaignSettings {
  std::string name;
  std::chrono::year_month_day period_start{};
  std::chrono::year_month_day period_end{};
  std::chrono::year_month_day deadline{};
  std::chrono::year_month_day lock_date{};
  // Whether consolidated figures above a node count its accepted snapshot or live reports;
  // unset keeps the campaign's current choice.
  std::optional<SummarySource> summary_source;
  // The kinds of units that must report; unset keeps them. Adding a kind gives every such unit
  // below the issuer a not-started report; removing one is refused once any of its reports has
  // data (campaign_settings.cpp).
  std::optional<std::vector<UnitKind>> reporting_kinds;
  // The theme of the year, quoted exactly in every document; unset keeps it.
  std::optional<std::string> theme;
};

// A report form the application can load (a file of forms_dir), offered for a new campaign.
struct FormChoice {
  std::string id;     // "llw-2025"
  std::string title;  // the form's own title
};

struct ApplicationConfig {
  std::filesystem::path forms_dir = "forms";
  std::int64_t session_seconds = 12 * 3600;
  int max_failed_logins = 5;  // per address, or per account from strange addresses (auth.cpp) …
  std::int64_t failed_login_window = 900;  // … within this many seconds → 429
};

class Application {
 public:
  Application(std::shared_ptr<Store> store, ApplicationConfig config, Clock clock);

  // Authentication. login throws unauthenticated (wrong credentials, same message for unknown
  // user and wrong password) or rate_limited.
  Session login(const std::string& username, const std::string& password,
                const std::string& address);
  User authenticate(const std::string& token);  // throws unauthenticated
  // A page's authentication: the account with what the page's frame needs, in one read
  // (session_view.h; unread notices 0 for an admin). `campaign_id` 0 asks for no campaign.
  SessionView authenticate_page(const std::string& token, std::int64_t campaign_id);
  // What Session::failed_before says, for the user's current session (the home page shows it).
  std::optional<SignInWarning> failed_sign_ins_before_this_session(const User& user);
  void logout(const std::string& token);
  // Creates an account (CLI and admins). Role other than admin needs a unit.
  User add_user(const std::string& username, const std::string& display_name, Role role,
                const std::string& unit_code, const std::string& password,
                const RequestContext& context = {});

  // Account administration (user_admin.cpp). Admins manage every account; a coordinator those
  // at units of its subtree and never gives a role above its own (domain/access.h). Every write
  // is audited. `search` ignores case and diacritics (username, name, unit code).
  std::vector<User> list_users(const User& actor, const std::string& unit_code,
                               const std::string& search, int limit = 200);
  User get_user(const User& actor, const std::string& username);
  User create_user(const User& actor, const NewUser& input, const RequestContext& context = {});
  User update_user(const User& actor, const std::string& username, const UserChange& change,
                   const RequestContext& context = {});
  // Sets a new password chosen by the administrator; the user's sessions and tokens end and the
  // user must choose a password at the next sign-in.
  void reset_password(const User& actor, const std::string& username,
                      const std::string& new_password, const RequestContext& context = {});
  // The signed-in user's own password: the current one must match and the new one pass the
  // strength rule; every other session of the user ends, `session_token`'s stays.
  void change_password(const User& actor, const std::string& session_token,
                       const std::string& current_password, const std::string& new_password,
                       const RequestContext& context = {});
  bool must_change_password(const User& user);

  // Reporter accounts for the units of a subtree (unit_accounts.cpp), for whoever may manage the
  // accounts of the scope's unit (a coordinator its subtree, an admin any). `unit_accounts` lists
  // the scope's units with their reporters; `create_unit_accounts` gives each unit that has none
  // a reporter account with a one-time password (the account must choose its own at the first
  // sign-in); `reset_unit_accounts` gives the named reporter accounts of the scope new one-time
  // passwords, ending their sessions (reprinting a slip). Every account is audited, never its
  // password. At most kMaxAccountsPerCall accounts per call.
  std::vector<UnitAccountStatus> unit_accounts(const User& actor, const UnitAccountScope& scope);
  std::vector<IssuedAccount> create_unit_accounts(const User& actor, const UnitAccountScope& scope,
                                                  const RequestContext& context = {});
  std::vector<IssuedAccount> reset_unit_accounts(const User& actor, const UnitAccountScope& scope,
                                                 const std::vector<std::string>& usernames,
                                                 const RequestContext& context = {});

  // Org units.
  OrgUnit get_unit(const User& actor, const std::string& code);
  // Where the actor's unit tree starts: their own unit, or for an account without one (an
  // admin) the topmost unit above `path_below` (a campaign's issuer); nullopt when there is none
  // the actor may read.
  std::optional<std::string> unit_tree_start(const User& actor, const std::string& path_below);
  std::vector<OrgUnit> list_children(const User& actor, const std::string& parent_code);
  OrgUnit create_unit(const User& actor, const UnitInput& input,
                      const RequestContext& context = {});
  // Edits a unit and/or moves it under another parent (unit_editing.cpp), keeping every summary
  // exact: manage_unit on the unit, and on the old and the new parent for a move (so a
  // coordinator moves nothing out of or into its subtree, nor its own unit). Checked like a new
  // unit (422 naming the field; nothing changes).
  OrgUnit update_unit(const User& actor, const std::string& code, const UnitChanges& changes,
                      const RequestContext& context = {});
  // Where the unit stands for its administrator (unit_editing.cpp; manage_unit on it): the
  // ancestors the actor may manage and whether the actor may move it (UnitPlace).
  UnitPlace unit_place(const User& actor, const std::string& code);
  // CSV or XLSX bytes; all-or-nothing. `root_code` limits where rows may attach (the actor's
  // unit for a coordinator; empty for an admin).
  ImportResult import_units(const User& actor, const std::string& body,
                            const std::string& content_type, const RequestContext& context = {});

  // Campaigns and forms.
  std::vector<Campaign> list_campaigns(const User& actor);
  // The campaign's revision: bumped by every change of what its summaries and pages show (a
  // report's or consolidated report's state, a unit, the campaign); a version for caches of what
  // was built from them. Error{not_found} for an unknown campaign.
  std::int64_t campaign_revision(std::int64_t campaign_id);
  // The newest campaign (by year, then by creation) the actor may see: the one a page's
  // navigation links to, named by what a link needs (every page asks: no copy of the plan).
  struct CampaignLink {
    std::int64_t id = 0;
    std::string issuer_code;
    std::string issuer_path;
  };
  // `known`: the fingerprint a page's session view read (session_view.h); when it is the one the
  // cached campaigns were read at, nothing is read again.
  std::optional<CampaignLink> newest_campaign(const User& actor,
                                              const CampaignsFingerprint* known = nullptr);
  Campaign get_campaign(const User& actor, std::int64_t id);
  Campaign create_campaign(const User& actor, Campaign campaign,
                           const RequestContext& context = {});
  std::shared_ptr<const ReportForm> form(const std::string& form_id);
  // Every form of forms_dir that loads, by id (a file that does not load is left out and logged).
  std::vector<FormChoice> available_forms();
  // Replaces the campaign's structured plan fields (validated like a new campaign's), for whoever
  // may manage campaigns at the issuer. Returns the campaign as stored.
  Campaign update_campaign_plan(const User& actor, std::int64_t campaign_id,
                                const nlohmann::json& plan);
  // The campaign settings page and PATCH /api/v1/campaigns/{id} (campaign_settings.cpp): name and
  // dates, validated like a new campaign's (Error{validation_failed} with a message per field),
  // summary source and reporting kinds, for whoever may manage campaigns at the issuer. One store
  // transaction with the reports the kinds add or remove; a removed kind with saved reports is
  // Error{conflict} on "reporting_kinds". Bumps the campaign's revision once.
  Campaign update_campaign_settings(const User& actor, std::int64_t campaign_id,
                                    const CampaignSettings& settings,
                                    const RequestContext& context = {});

  // Plans at every level (level_plans.cpp, domain/level_plan.h). A coordinating node below the
  // issuer (province, commune) writes its own plan for its subtree: its coordinators (and the
  // levels above, and admins: manage_campaign on the node) see every edition and save the draft
  // with a compare-and-swap on its version (0 starts the next edition, a kế hoạch điều chỉnh,
  // once the last is issued); units below and readers of the node see the issued editions.
  // Issuing fixes the number and date and stores the DOCX and PDF as they are downloaded forever.
  LevelPlanSheet level_plan(const User& actor, std::int64_t campaign_id,
                            const std::string& unit_code);
  LevelPlan save_level_plan(const User& actor, std::int64_t campaign_id,
                            const std::string& unit_code, std::int64_t expected_version,
                            const LevelPlanDraft& draft, const RequestContext& context = {});
  LevelPlan issue_level_plan(const User& actor, std::int64_t campaign_id,
                             const std::string& unit_code, std::int64_t expected_version,
                             const RequestContext& context = {});
  // The current draft as the document issuing it would freeze (composers only): what the
  // composer page previews and the draft's DOCX/PDF are rendered from.
  documents::Document level_plan_preview(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code);
  // A sensible first draft of the node's plan (level_plan_start.cpp), for its composers: the
  // purposes, activities and directions of the plan above, one assignment per group of the
  // node's units ("Các trường học"), its signer, and dates just inside the level above's.
  LevelPlanDraft starting_level_plan(const User& actor, std::int64_t campaign_id,
                                     const std::string& unit_code);
  // An issued edition's document as issued; edition 0 is the current draft's preview (composers
  // only), built exactly as issuing it would.
  DocumentFile level_plan_document(const User& actor, std::int64_t campaign_id,
                                   const std::string& unit_code, int edition,
                                   DocumentFormat format);
  // The deadline and lock date `unit` works under: the nearest issued plan above it, else the
  // campaign's. Every lateness and lock check goes through it.
  EffectiveDates effective_dates(const Campaign& campaign, const OrgUnit& unit);

  // Documents (documents.cpp). Each checks access exactly like the data it shows: the plan for
  // whoever may see the campaign, a unit's report with read_report, the consolidated report and
  // the data export with read_summary on the node. Formats: docx|pdf for documents, xlsx|csv for
  // the data; another one is Error{bad_input}.
  DocumentFile plan_document(const User& actor, std::int64_t campaign_id, DocumentFormat format);
  DocumentFile report_document(const User& actor, std::int64_t campaign_id,
                               const std::string& unit_code, DocumentFormat format,
                               const ReportDocumentOptions& options = {});
  DocumentFile summary_document(const User& actor, std::int64_t campaign_id,
                                const std::string& unit_code, DocumentFormat format);
  // Units × items of the node's subtree: XLSX (a "Tổng hợp" sheet with the node's consolidated
  // figures, then one sheet per level) or CSV (every unit under one header), streamed from the
  // store row by row so a national export stays small in memory.
  DocumentFile data_export(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, DocumentFormat format);

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
  // One stored version of a report with its values, and the item-by-item change between two.
  std::pair<ReportVersion, nlohmann::json> report_version(const User& actor,
                                                          std::int64_t campaign_id,
                                                          const std::string& unit_code,
                                                          std::int64_t version);
  std::vector<ItemChange> report_diff(const User& actor, std::int64_t campaign_id,
                                      const std::string& unit_code, std::int64_t from_version,
                                      std::int64_t to_version);

  // The audit log (audit.cpp). `record_audit` appends one entry and never throws (a failure is
  // logged to stderr: the write it records has already happened). `audit_log` reads entries the
  // actor may see: a coordinator its subtree's, an admin everything; `unit_code` narrows to a
  // subtree the actor may read the audit of.
  void record_audit(const User* actor, const RequestContext& context, std::string action,
                    const OrgUnit* unit, std::string target, std::string detail,
                    std::string outcome = "ok");
  std::vector<AuditEntry> audit_log(const User& actor, const std::string& unit_code,
                                    AuditQuery query);
  // The newest entry's id, after the same access check as audit_log: a page of the log read
  // at this version stays true until it changes (pages cache on it).
  std::int64_t audit_log_version(const User& actor, const std::string& unit_code);
  // The same id without a check, as the version of everything the use cases write: each write
  // is audited in its own transaction or right after it commits, so data read at this version
  // is as new as the version until the version changes (the unit tree page caches on it).
  std::int64_t write_version();

  // In-app notifications (notifications.cpp): a coordinator learns that a unit below submitted.
  // Each user reads and marks only their own; `up_to_id` is the newest one the user was shown.
  std::vector<Notification> notifications(const User& actor, int limit = 100);
  std::int64_t unread_notifications(const User& actor);
  void mark_notifications_read(const User& actor, std::int64_t up_to_id);

  // The consolidated narrative a coordinator writes for a node (consolidated_narrative.cpp): read
  // with read_summary, written with write_summary, versioned like reports (a stale
  // expected_version is a conflict and nothing changes). Parts: advantages, difficulties,
  // next_plan, recommendations.
  ConsolidatedNarrative consolidated_narrative(const User& actor, std::int64_t campaign_id,
                                               const std::string& unit_code);
  // What a page built on the narrative is keyed on, with the same check: the campaign's revision
  // (read first) and the narrative's newest version (0 before the first save).
  struct ConsolidatedVersions {
    std::int64_t campaign_revision = 0;
    std::int64_t narrative_version = 0;
  };
  // `known_revision`: the campaign's revision the page's session view read, if it did.
  ConsolidatedVersions consolidated_versions(const User& actor, std::int64_t campaign_id,
                                             const std::string& unit_code,
                                             std::optional<std::int64_t> known_revision = {});
  ConsolidatedNarrative save_consolidated_narrative(
      const User& actor, std::int64_t campaign_id, const std::string& unit_code,
      std::int64_t expected_version, const std::map<std::string, std::string>& texts);
  // Its newest `limit` saved versions, newest first (read_summary).
  std::vector<ConsolidatedNarrative> consolidated_narrative_history(const User& actor,
                                                                    std::int64_t campaign_id,
                                                                    const std::string& unit_code,
                                                                    int limit);

  // Reporting up (reporting_up.cpp): a node's consolidated report to the level above. Submitted
  // by the node's own coordinator (submit_consolidated), which freezes the node's summary slots
  // and narrative; returned (comment required), accepted, or reopened (reason required) by the
  // level above (review_report on the node); read with read_summary. Out of order → conflict
  // naming the current state; a stale expected_version → conflict. Every action is audited
  // ("consolidated.submit", …). Only nodes with reporting units below them have one.
  ConsolidatedReport consolidated_report(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code);
  std::vector<ConsolidatedReportVersion> consolidated_report_history(const User& actor,
                                                                     std::int64_t campaign_id,
                                                                     const std::string& unit_code,
                                                                     int limit = 50);
  ConsolidatedReportVersion consolidated_report_version(const User& actor, std::int64_t campaign_id,
                                                        const std::string& unit_code,
                                                        std::int64_t version);
  ConsolidatedReport submit_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  ConsolidatedReport return_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code, const std::string& comment,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  ConsolidatedReport accept_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  ConsolidatedReport reopen_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code, const std::string& reason,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  // The same for a node's consolidated report: submit (by its coordinator), return, accept or
  // reopen (by the level above).
  ConsolidatedReport decide_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code, ReportEvent event,
                                         const std::string& comment,
                                         std::optional<std::int64_t> expected_version,
                                         const RequestContext& context = {});
  // The direct children of a node that consolidate units of their own, with the state of their
  // consolidated reports (read_summary on the node).
  // Read once per revision of the campaign (every change of a consolidated report's state bumps
  // it) and shared.
  std::shared_ptr<const std::vector<ChildFigures>> consolidated_children(
      const User& actor, std::int64_t campaign_id, const std::string& unit_code);
  // "live" or "accepted" (domain/campaign.h), for whoever may manage campaigns at the issuer.
  Campaign set_summary_source(const User& actor, std::int64_t campaign_id, SummarySource source,
                              const RequestContext& context = {});

  // Recomputes every campaign's aggregates from its reports with this version's arithmetic
  // (after an upgrade that changed what a report contributes, e.g. the participation rate per
  // population group); an administrator's operation (`llw recount`). Returns the campaigns done.
  int recount_aggregates(const User& actor);

  // Aggregates an upgrade left to recompute (Store::campaigns_pending_recount), recomputed; run
  // when the application starts, before anything reads a summary. Returns the campaigns done.
  int recount_pending();

  // The coordinator's dashboard of a node (read_summary on it): figures, counts and one page of
  // its reports (dashboard.h).
  // `known_revision`: the campaign's revision the page's session view read, if it did.
  Dashboard dashboard(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                      const DashboardQuery& query, std::optional<std::int64_t> known_revision = {});

  // One page of the texts the units below a node wrote for a narrative part of the form
  // (read_summary on the node), from the summary's source (unit_texts.h). Error{not_found} for an
  // unknown part.
  UnitTextsPage unit_texts(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, const std::string& part, std::int64_t page,
                           int page_size = 50);

  // Consolidated summary of any node the actor may read.
  Summary summary(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                  const SummaryOptions& options = {});
  // The same summary as API JSON text (api_json's shape), served from a cache keyed by the
  // campaign's revision: a repeated request costs one revision read and one unit read, about as
  // little as a trivial authenticated GET. Access is checked on every call.
  std::shared_ptr<const std::string> summary_json(const User& actor, std::int64_t campaign_id,
                                                  const std::string& unit_code,
                                                  const SummaryOptions& options = {});

  // The expected failure an unexpected exception stands for, when it is one: the database cannot
  // be reached right now (Error{unavailable}). For the web boundary's last catch.
  std::optional<Error> as_error(const std::exception& failure) const;

  Timestamp now() const { return clock_(); }

 private:
  // The use cases of this layer written as free functions reach the store through it.
  friend class StoreAccess;  // app/store_access.h

  // Validates and stores an account (user_admin.cpp); `must_change` makes the user choose a
  // password at the first sign-in.
  User insert_account(const NewUser& input, bool must_change);
  // Error{rate_limited} saying how long to wait, when `username` or `address` has too many
  // recent failed sign-ins (auth.cpp); nullopt otherwise.
  std::optional<Error> lockout(const std::string& username, const std::string& address,
                               Timestamp now);
  ImportResult import_units_unaudited(const User& actor, const std::string& body,
                                      const std::string& content_type);
  // login without its audit entry (auth.cpp).
  Session login_attempt(const std::string& username, const std::string& password,
                        const std::string& address);
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
  // The summary of a campaign in "accepted" mode (reporting_up.cpp): like summary(), with every
  // consolidating child counted by its accepted snapshot only; nullopt when no child of the node
  // consolidates (the live summary is the same then).
  std::optional<Summary> accepted_summary(const Campaign& campaign, const OrgUnit& node,
                                          const SummaryOptions& options);
  // The summary of a node whose campaign, unit and live aggregate are loaded (summaries.cpp).
  Summary summary_of(const Campaign& campaign, const OrgUnit& node, const SummaryOptions& options,
                     const Contribution& aggregate);
  // A node's summary slots as the campaign's summary source says (reporting_up.cpp).
  Contribution summary_slots(const Campaign& campaign, const OrgUnit& node);
  ConsolidatedReport review_consolidated(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code, ReportEvent event,
                                         const std::string& comment,
                                         std::optional<std::int64_t> expected_version);
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
  // The legal basis of a node's plan: the plan above it cited (level_plans.cpp).
  std::string level_plan_legal_basis(const Campaign& campaign, const OrgUnit& node);
  documents::Document level_plan_document_model(const Campaign& campaign, const OrgUnit& node,
                                                const LevelPlan& plan);
  // Loads a campaign with its form attached; Error{not_found} when unknown.
  Campaign load_campaign(std::int64_t id);
  // Calls `use` with the campaign at a revision just read, parsed once per revision (the cache
  // load_campaign and visit_current_campaigns share); Error{not_found} when unknown.
  void with_campaign_at(std::int64_t id, std::int64_t revision,
                        const std::function<void(const Campaign&)>& use);
  // A unit as it stands at a campaign's revision just read: every change of a unit bumps every
  // campaign's revision, so a unit read once serves until the revision moves.
  OrgUnit load_unit_at(std::int64_t campaign_id, std::int64_t revision, const std::string& code);
  OrgUnit load_unit(const std::string& code, const char* field = "unit");
  bool may_see_campaign(const User& actor, const Campaign& campaign) const;
  // Adds newly created units to every campaign they must report in, and recomputes the
  // aggregates of campaigns whose reporting units changed (population, kind).
  void sync_campaigns_after_unit_changes(const std::vector<OrgUnit>& created,
                                         const std::vector<OrgUnit>& updated);

  std::shared_ptr<Store> store_;
  ApplicationConfig config_;
  Clock clock_;
  struct CachedSummary {
    std::int64_t revision = 0;
    // The node as loaded for this revision: every change of a unit bumps the revision of every
    // campaign, so a hit needs no unit read for its access check.
    OrgUnit node;
    std::shared_ptr<const std::string> json;
  };
  std::mutex summaries_mutex_;
  // (campaign id, unit code, missing limit, narrative limit) → the summary at a revision.
  std::map<std::tuple<std::int64_t, std::string, int, int>, CachedSummary> summaries_;
  // The same key → the summary itself (for pages), under summaries_mutex_.
  struct CachedSummaryValue {
    std::int64_t revision = 0;
    OrgUnit node;  // as CachedSummary's
    std::shared_ptr<const Summary> summary;
  };
  std::map<std::tuple<std::int64_t, std::string, int, int>, CachedSummaryValue> summary_values_;

  // Calls `visit` with every campaign and its form, under the cache's lock, each parsed once per
  // revision (a page's navigation looks for the newest on every request).
  void visit_current_campaigns(const std::function<void(const Campaign&)>& visit,
                               const CampaignsFingerprint* known = nullptr);
  struct CachedCampaign {
    std::int64_t revision = 0;
    Campaign campaign;
  };
  std::mutex campaigns_mutex_;
  std::map<std::int64_t, CachedCampaign> campaigns_;
  // The campaigns' fingerprint when visit_current_campaigns last read every revision.
  std::optional<CampaignsFingerprint> campaigns_fingerprint_;
  // load_unit_at's: (campaign id, unit code) → the unit read at a revision, at most kCachedUnits.
  struct CachedUnit {
    std::int64_t revision = 0;
    OrgUnit unit;
  };
  static constexpr std::size_t kCachedUnits = 4096;
  std::mutex units_mutex_;
  std::map<std::pair<std::int64_t, std::string>, CachedUnit> units_;

  // (campaign id, node code) → a dashboard's figures and counts (no page) at a revision.
  struct CachedDashboard {
    std::int64_t revision = 0;
    std::shared_ptr<const DashboardFigures> figures;
  };
  std::mutex dashboards_mutex_;
  std::map<std::pair<std::int64_t, std::string>, CachedDashboard> dashboards_;
  // (campaign id, node path, filter, search key, offset, limit) → a page of a dashboard's list at
  // a revision, read at most 5 seconds ago (a draft saved again changes its row's time without
  // bumping the revision); under dashboards_mutex_.
  struct CachedReportPage {
    std::int64_t revision = 0;
    std::chrono::steady_clock::time_point read_at;
    ReportListPage page;
  };
  std::map<std::tuple<std::int64_t, std::string, int, std::string, std::int64_t, int>,
           CachedReportPage>
      dashboard_pages_;
  ReportListPage dashboard_page(const ReportListQuery& query, std::int64_t revision);

  // (campaign id, node code) → the children that consolidate, at a revision.
  struct CachedChildren {
    std::int64_t revision = 0;
    OrgUnit node;  // for the access check
    std::shared_ptr<const std::vector<ChildFigures>> children;
  };
  std::mutex children_mutex_;
  std::map<std::pair<std::int64_t, std::string>, CachedChildren> children_;

  std::mutex forms_mutex_;
  std::map<std::string, std::shared_ptr<const ReportForm>> forms_;
};

}  // namespace llw
