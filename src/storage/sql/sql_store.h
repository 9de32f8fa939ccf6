#pragma once
// The Store port implemented once in SQL over SOCI, for every backend. The few places where
// SQLite and PostgreSQL differ are named in a Dialect (dialect.h); opening connections, session
// settings and migrations are the backends' own (sqlite/, postgresql/).
//
// A pool of connections lets readers run concurrently. Each connection keeps the statements it
// has prepared, so the requests of a running server re-execute statements instead of re-parsing
// SQL. Every write is one transaction, committed when it returns and rolled back when it throws
// (SQLite: writes that arrive together share one transaction, each in its own savepoint).

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "domain/plan_store.h"
#include "domain/store.h"
#include "storage/sql/change_feed.h"
#include "storage/sql/dialect.h"
#include "storage/sql/kept_reads.h"

namespace soci {
class session;
}  // namespace soci

namespace llw::sql {

class ConnectionPool;
struct Connection;
template <typename Pool>
class GroupCommit;

class SqlStore : public Store,
                 public UnitStore,
                 public AccountStore,
                 public CampaignStore,
                 public ReportStore,
                 public AggregateStore,
                 public ReportingUpStore,
                 public ReminderStore,
                 public AuditLog,
                 public NotificationStore,
                 public PlanStore,
                 public SignInLog,
                 public ReportListing,
                 public SessionViews {
 public:
  // Opens `pool_size` connections with `open(session, index)`; index 0 is opened first, so it
  // is where the backend applies its migrations.
  SqlStore(const Dialect& dialect, int pool_size,
           const std::function<void(soci::session&, int)>& open);
  ~SqlStore() override;
  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;

  bool unreachable(const std::exception& failure) const override;

  // Serves the session views, the consolidated narratives' versions and the newest audit entry's
  // id from memory while `changes` says nothing they were read from has changed
  // (session_view_cache.h, kept_reads.h); `listener` keeps `changes` fed with other servers'
  // writes and lives as long as the store. Every write of this store counts as a change as well.
  // Called once, before the store is used.
  void keep_reads_in_memory(std::shared_ptr<ChangeFeed> changes, std::shared_ptr<void> listener);

  // The ports (domain/store.h) are this one object.
  UnitStore& units() override { return *this; }
  AccountStore& accounts() override { return *this; }
  CampaignStore& campaigns() override { return *this; }
  ReportStore& reports() override { return *this; }
  AggregateStore& aggregates() override { return *this; }
  ReportingUpStore& reporting_up() override { return *this; }
  ReminderStore& reminder_log() override { return *this; }
  AuditLog& audit() override { return *this; }
  NotificationStore& notices() override { return *this; }

  std::optional<OrgUnit> find_unit(std::string_view code) override;
  std::optional<OrgUnit> find_unit_by_id(std::int64_t id) override;
  std::vector<OrgUnit> children(std::int64_t parent_id) override;
  OrgUnit insert_unit(const UnitInput& input) override;
  OrgUnit update_unit(const UnitInput& input) override;
  std::pair<int, int> upsert_units(const std::vector<UnitInput>& inputs) override;
  // sql_store_units.cpp
  OrgUnit edit_unit(const UnitEdit& edit) override;
  std::vector<std::int64_t> ancestor_ids(std::int64_t unit_id) override;
  std::vector<OrgUnit> units_in_subtree(std::string_view path,
                                        const std::vector<UnitKind>& kinds) override;
  std::vector<OrgUnit> search_units(std::string_view path, const std::string& key,
                                    int limit) override;
  std::int64_t count_units() override;

  std::optional<StoredUser> find_user(std::string_view username) override;
  User insert_user(const User& user, const std::string& password_hash) override;
  void insert_session(const std::string& token_hash, std::int64_t user_id,
                      Timestamp expires_at) override;
  std::optional<User> user_for_session(const std::string& token_hash, Timestamp now) override;
  void delete_session(const std::string& token_hash) override;

  std::int64_t insert_campaign(const Campaign& campaign,
                               const std::vector<OrgUnit>& reporting_units) override;
  std::optional<Campaign> find_campaign(std::int64_t id) override;
  void update_campaign_plan(std::int64_t campaign_id, const nlohmann::json& plan) override;
  std::vector<Campaign> list_campaigns() override;
  std::vector<std::pair<std::int64_t, std::int64_t>> campaign_revisions() override;
  void put_form(const std::string& form_id, const std::string& definition_json) override;
  std::optional<std::string> find_form(const std::string& form_id) override;
  // sql_store_reporting_kinds.cpp
  void add_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                          const Contribution& contribution,
                          const std::vector<std::int64_t>& ancestor_ids) override;
  void remove_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                             const Contribution& contribution,
                             const std::vector<std::int64_t>& ancestor_ids) override;
  void change_campaign_settings(const CampaignSettingsChange& change) override;

  std::optional<UnitReport> find_report(std::int64_t campaign_id, std::int64_t unit_id) override;
  std::optional<ReportInContext> find_report_in_context(std::int64_t campaign_id,
                                                        const std::string& unit_code) override;
  void write_report(const ReportWrite& write,
                    const std::map<std::string, std::string>& narratives_if_counted) override;

  std::vector<ReportVersion> report_history(std::int64_t campaign_id, std::int64_t unit_id,
                                            int limit) override;

  std::optional<std::int64_t> campaign_revision(std::int64_t campaign_id) override;
  std::optional<AggregateCounters> aggregate_counters(std::int64_t campaign_id,
                                                      std::int64_t unit_id) override;
  Contribution aggregate(std::int64_t campaign_id, std::int64_t unit_id) override;
  std::pair<std::vector<std::string>, std::int64_t> missing_units(std::int64_t campaign_id,
                                                                  std::string_view path,
                                                                  int limit) override;
  using AggregateStore::narratives;
  std::pair<std::vector<UnitText>, std::int64_t> narratives(std::int64_t campaign_id,
                                                            std::string_view path,
                                                            std::string_view part, int limit,
                                                            std::int64_t offset) override;
  void bulk_put_reports(
      const std::vector<UnitReport>& reports,
      const std::vector<std::map<std::string, std::string>>& narratives_if_counted) override;
  std::vector<std::int64_t> campaigns_pending_recount() override;
  void rebuild_aggregates(
      std::int64_t campaign_id,
      const std::function<Contribution(const OrgUnit&, const UnitReport&)>& contribution) override;
  // sql_store_exports.cpp
  using ReportStore::for_each_report_in_subtree;
  void for_each_report_in_subtree(
      std::int64_t campaign_id, std::string_view path, const ReportValueKeys& keys,
      const std::function<void(const OrgUnit&, UnitReport&)>& visit) override;
  // sql_store_workflow.cpp
  std::optional<std::pair<ReportVersion, nlohmann::json>> report_version(
      std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) override;
  void put_extension(const ReportExtension& extension) override;
  std::optional<ReportExtension> find_extension(std::int64_t campaign_id,
                                                std::int64_t unit_id) override;
  std::vector<OrgUnit> units_not_submitted(std::int64_t campaign_id) override;
  bool claim_reminder(const ReminderRecord& reminder) override;
  void release_reminder(std::int64_t campaign_id, std::int64_t unit_id,
                        const std::string& slot) override;
  std::vector<ReminderRecord> reminders(std::int64_t campaign_id) override;
  std::vector<ReminderRecord> queued_reminders(int limit) override;
  void mark_reminder_sent(std::int64_t campaign_id, std::int64_t unit_id, const std::string& slot,
                          Timestamp at) override;
  // sql_store_narratives.cpp
  std::optional<ConsolidatedNarrative> find_consolidated_narrative(std::int64_t campaign_id,
                                                                   std::int64_t unit_id) override;
  std::int64_t consolidated_narrative_version(std::int64_t campaign_id,
                                              std::int64_t unit_id) override;
  std::vector<ConsolidatedNarrative> consolidated_narrative_history(std::int64_t campaign_id,
                                                                    std::int64_t unit_id,
                                                                    int limit) override;
  void save_consolidated_narrative(const ConsolidatedNarrative& narrative,
                                   std::int64_t expected_version) override;
  // sql_store_reporting_up.cpp
  std::optional<ConsolidatedReport> find_consolidated_report(std::int64_t campaign_id,
                                                             std::int64_t unit_id) override;
  void write_consolidated_report(const ConsolidatedReport& report, std::int64_t expected_version,
                                 const std::string& action) override;
  std::vector<ConsolidatedReportVersion> consolidated_report_history(std::int64_t campaign_id,
                                                                     std::int64_t unit_id,
                                                                     int limit) override;
  std::optional<ConsolidatedReportVersion> consolidated_report_version(
      std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) override;
  std::vector<ChildFigures> child_figures(std::int64_t campaign_id,
                                          std::int64_t parent_id) override;
  void set_summary_source(std::int64_t campaign_id, SummarySource source) override;
  // sql_store_audit.cpp
  void append_audit(const AuditEntry& entry) override;
  std::vector<AuditEntry> query_audit(const AuditQuery& query) override;
  std::int64_t count_audit(const AuditQuery& query) override;
  std::int64_t newest_audit_id() override;
  void stage_audit(const AuditEntry& entry) override;
  std::optional<AuditEntry> take_staged_audit() override;
  // sql_store_notifications.cpp
  std::vector<Notification> notifications(std::int64_t user_id, int limit) override;
  std::int64_t unread_notifications(std::int64_t user_id) override;
  void mark_notifications_read(std::int64_t user_id, std::int64_t up_to_id, Timestamp at) override;
  // sql_store_accounts.cpp
  std::vector<User> list_users(std::string_view path, int limit) override;
  User update_user(const User& user) override;
  void set_password(std::int64_t user_id, const std::string& password_hash, bool must_change,
                    const std::string& keep_token_hash) override;
  bool must_change_password(std::int64_t user_id) override;

  // sql_store_sign_ins.cpp: the SignInLog port.
  SignInLog& sign_ins() override;
  void record_attempt(std::string_view username, std::string_view address, bool success,
                      Timestamp at) override;
  std::vector<Timestamp> failures_from_address(std::string_view address, Timestamp since,
                                               int limit) override;
  std::vector<Timestamp> failures_at_username_from_strangers(std::string_view username,
                                                             Timestamp since, int limit) override;
  bool has_signed_in_from(std::string_view username, std::string_view address) override;
  std::vector<FailedSignIn> failures_before_latest_sign_in(std::string_view username,
                                                           int limit) override;

  // sql_store_report_listing.cpp: the ReportListing port.
  ReportListing& report_listing() override;

  // sql_store_session_views.cpp: the SessionViews port.
  SessionViews& session_views() override;
  std::optional<SessionView> session_view(const std::string& token_hash, Timestamp now,
                                          std::int64_t campaign_id) override;
  ReportListPage list_reports(const ReportListQuery& query) override;

  // sql_store_plans.cpp: the PlanStore port.
  PlanStore& plans() override;
  std::vector<LevelPlan> level_plans(std::int64_t campaign_id, std::int64_t unit_id) override;
  void write_level_plan(const LevelPlan& plan, std::int64_t expected_version) override;
  std::optional<LevelPlan> level_plan_edition(std::int64_t campaign_id, std::int64_t unit_id,
                                              int edition) override;
  std::vector<IssuedPlanDates> issued_plan_dates_above(std::int64_t campaign_id,
                                                       const std::string& unit_path) override;
  std::vector<IssuedPlanDates> issued_plans(std::int64_t campaign_id) override;

 private:
  // For members defined in other files (sql_store_*.cpp), which cannot see the pool's type:
  // `body` runs on a leased connection (or its session), or inside one write transaction (see
  // write_transaction).
  void with_session(const std::function<void(soci::session&)>& body);
  void with_connection(const std::function<void(Connection&)>& body);
  void with_write_connection(const std::function<void(Connection&)>& body);
  // The transaction-scoped audit hook (sql_store_audit.cpp): this thread's staged entry (null
  // when none is), which the next write stores with its own changes (write_transaction just
  // before it commits, or the statement of an uncounted save), and forgetting it once that
  // write committed. A write that fails keeps it, for a retry or for the use case to log.
  const AuditEntry* staged_audit_entry() const;
  void staged_audit_committed();
  // write_report's notices of a submit to the coordinators above (sql_store_notifications.cpp).
  void insert_unit_notifications(Connection& connection, const UnitReport& report,
                                 const std::string& kind);
  void insert_submit_notifications(Connection& connection, const UnitReport& report,
                                   const std::string& unit_path);

  // write_report of a write the campaign counts neither before nor after: the compare-and-swap
  // with its history row is the whole of it.
  void write_uncounted_report(const ReportWrite& write);

  // A large write (a whole campaign's reports or aggregates, a country's units) runs in a
  // transaction of its own instead of sharing one in a savepoint (group_commit.h).
  enum class WriteSize { small, large };
  template <typename Body>
  auto write_transaction(Body&& body, WriteSize size = WriteSize::small);
  // Runs `attempt` again (a few times) when the database aborted it for a deadlock or a
  // serialization failure; a violated constraint becomes Error{conflict}.
  template <typename Attempt>
  auto with_retries(Attempt&& attempt);
  // A write of this store committed: what the caches kept may be stale.
  void changed() {
    if (changes_) changes_->changed();
  }

  Dialect dialect_;
  std::unique_ptr<ConnectionPool> pool_;
  // Only when the dialect serializes writers (SQLite): the writes of this process take turns in
  // shared transactions (group_commit.h).
  std::unique_ptr<GroupCommit<ConnectionPool>> group_commit_;
  // Only when keep_reads_in_memory was called (PostgreSQL).
  std::shared_ptr<ChangeFeed> changes_;
  std::shared_ptr<void> change_listener_;
  std::unique_ptr<SessionViews> session_view_cache_;
  // The consolidated narratives' version numbers every consolidated page asks for, by (campaign,
  // unit), under the same feed (sql_store_narratives.cpp).
  std::unique_ptr<KeptReads<std::pair<std::int64_t, std::int64_t>, std::int64_t>>
      narrative_versions_;
  // The newest audit entry's id (the audit and unit-tree pages' cache key; key always 0).
  std::unique_ptr<KeptReads<int, std::int64_t>> newest_audit_id_;
};

}  // namespace llw::sql
