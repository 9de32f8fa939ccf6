#pragma once
// The Store (domain/store.h) implemented once in SQL over SOCI, for every backend. The few places
// where SQLite and PostgreSQL differ are named in a Dialect (dialect.h); opening connections,
// session settings and migrations are the backends' own (sqlite/, postgresql/).
//
// SqlStore is the composition root: it owns the context every port works with (sql_context.h:
// the dialect, the pool of connections, how a write runs) and one object per port, each a class
// of its own in its own files (sql_unit_store.h, sql_report_store.h, …). A pool of connections
// lets readers run concurrently. Each connection keeps the statements it has prepared, so the
// requests of a running server re-execute statements instead of re-parsing SQL. Every write is
// one transaction, committed when it returns and rolled back when it throws (SQLite: writes that
// arrive together share one transaction, each in its own savepoint).

#include <functional>
#include <memory>

#include "domain/store.h"
#include "storage/sql/change_feed.h"
#include "storage/sql/dialect.h"
#include "storage/sql/sql_account_store.h"
#include "storage/sql/sql_aggregate_store.h"
#include "storage/sql/sql_audit_log.h"
#include "storage/sql/sql_campaign_store.h"
#include "storage/sql/sql_context.h"
#include "storage/sql/sql_evidence_store.h"
#include "storage/sql/sql_form_store.h"
#include "storage/sql/sql_notification_store.h"
#include "storage/sql/sql_plan_store.h"
#include "storage/sql/sql_reminder_store.h"
#include "storage/sql/sql_report_listing.h"
#include "storage/sql/sql_report_store.h"
#include "storage/sql/sql_reporting_up_store.h"
#include "storage/sql/sql_session_views.h"
#include "storage/sql/sql_sign_in_log.h"
#include "storage/sql/sql_signed_copy_store.h"
#include "storage/sql/sql_unit_lineage_store.h"
#include "storage/sql/sql_unit_store.h"

namespace soci {
class session;
}  // namespace soci

namespace llw::sql {

class SqlStore : public Store {
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

  UnitStore& units() override { return units_; }
  AccountStore& accounts() override { return accounts_; }
  CampaignStore& campaigns() override { return campaigns_; }
  ReportStore& reports() override { return reports_; }
  AggregateStore& aggregates() override { return aggregates_; }
  ReportingUpStore& reporting_up() override { return reporting_up_; }
  ReminderStore& reminder_log() override { return reminders_; }
  AuditLog& audit() override { return audit_; }
  NotificationStore& notices() override { return notices_; }
  PlanStore& plans() override { return plans_; }
  SignInLog& sign_ins() override { return sign_ins_; }
  EvidenceStore& evidence() override { return evidence_; }
  FormStore& forms() override { return forms_; }
  UnitLineageStore& unit_lineage() override { return unit_lineage_; }
  SignedCopyStore& signed_copies() override { return signed_copies_; }
  ReportListing& report_listing() override { return report_listing_; }
  // The cache in front of the port once keep_reads_in_memory was called.
  SessionViews& session_views() override;

 private:
  SqlContext context_;
  SqlUnitStore units_{context_};
  SqlAccountStore accounts_{context_};
  SqlCampaignStore campaigns_{context_};
  SqlReportStore reports_{context_};
  SqlAggregateStore aggregates_{context_};
  SqlReportingUpStore reporting_up_{context_};
  SqlReminderStore reminders_{context_};
  SqlAuditLog audit_{context_};
  SqlNotificationStore notices_{context_};
  SqlPlanStore plans_{context_};
  SqlSignInLog sign_ins_{context_};
  SqlEvidenceStore evidence_{context_};
  SqlFormStore forms_{context_};
  SqlUnitLineageStore unit_lineage_{context_};
  SqlSignedCopyStore signed_copies_{context_};
  SqlReportListing report_listing_{context_};
  SqlSessionViews session_views_{context_};

  // Only when keep_reads_in_memory was called (PostgreSQL).
  std::shared_ptr<void> change_listener_;
  std::unique_ptr<SessionViews> session_view_cache_;
};

}  // namespace llw::sql
