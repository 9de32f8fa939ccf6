#pragma once
// The storage the domain declares and every backend (SQLite, PostgreSQL) implements, one port per
// area: a use case asks the store for the port of its area (`store.units().find_unit(code)`) and
// depends on that port's header alone. Methods of the ports are transactions of their own; a
// failing one changes nothing. Expected outcomes are return values; a violated uniqueness or a
// stale version throws Error{conflict}.

#include <exception>

#include "account_store.h"
#include "aggregate_store.h"
#include "audit_log.h"
#include "campaign_store.h"
#include "evidence_store.h"
#include "form_store.h"
#include "notification_store.h"
#include "plan_store.h"
#include "reminder_store.h"
#include "report_listing.h"
#include "report_store.h"
#include "reporting_up_store.h"
#include "session_view.h"
#include "sign_in_log.h"
#include "signed_copy_store.h"
#include "unit_lineage_store.h"
#include "unit_store.h"

namespace llw {

class Store {
 public:
  virtual ~Store() = default;

  virtual UnitStore& units() = 0;                // unit_store.h
  virtual AccountStore& accounts() = 0;          // account_store.h
  virtual CampaignStore& campaigns() = 0;        // campaign_store.h
  virtual FormStore& forms() = 0;                // form_store.h
  virtual ReportStore& reports() = 0;            // report_store.h
  virtual AggregateStore& aggregates() = 0;      // aggregate_store.h
  virtual ReportingUpStore& reporting_up() = 0;  // reporting_up_store.h
  virtual ReminderStore& reminder_log() = 0;     // reminder_store.h
  virtual AuditLog& audit() = 0;                 // audit_log.h
  virtual NotificationStore& notices() = 0;      // notification_store.h
  virtual PlanStore& plans() = 0;                // plan_store.h
  virtual SignInLog& sign_ins() = 0;             // sign_in_log.h
  virtual EvidenceStore& evidence() = 0;         // evidence_store.h
  virtual UnitLineageStore& unit_lineage() = 0;  // unit_lineage_store.h
  virtual SignedCopyStore& signed_copies() = 0;  // signed_copy_store.h
  // The reports of a subtree a page at a time (report_listing.h).
  virtual ReportListing& report_listing() = 0;
  // What a signed-in page view reads first, in one round trip (session_view.h).
  virtual SessionViews& session_views() = 0;

  // Whether `failure`, thrown by one of this store's methods, means that the database cannot be
  // reached right now (a restart, a lost connection) rather than a fault: the caller answers
  // "try again shortly". The store reconnects by itself on a later call.
  virtual bool unreachable(const std::exception& failure) const = 0;
};

}  // namespace llw
