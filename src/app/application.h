#pragma once
// The use cases of LLW — the "request processor" between the web layer (or the CLI) and the
// storage ports — held as one area each: a caller includes the area it uses (app/reports.h, …)
// and calls it through the Application (`app.reports().submit(…)`). Every use case takes the
// acting user, checks access with the domain policy, and throws llw::Error for expected
// failures. No HTTP, no SQL here.

#include <exception>
#include <memory>
#include <optional>

#include "app/application_config.h"
#include "domain/clock.h"
#include "domain/error.h"

namespace llw {

class Store;
class UseCaseCore;
class SignIn;
class Accounts;
class Units;
class Campaigns;
class LevelPlans;
class DocumentDownloads;
class Reports;
class AuditTrail;
class Notifications;
class ReportingUp;
class Summaries;
class Evidence;
class SignedCopies;

class Application {
 public:
  // Recounts the aggregates an upgrade left to recompute (Summaries::recount_pending) before
  // anything reads a summary.
  Application(std::shared_ptr<Store> store, ApplicationConfig config, Clock clock);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  SignIn& sign_in() { return *sign_in_; }                    // app/sign_in.h
  Accounts& accounts() { return *accounts_; }                // app/accounts.h
  Units& units() { return *units_; }                         // app/units.h
  Campaigns& campaigns() { return *campaigns_; }             // app/campaigns.h
  LevelPlans& plans() { return *plans_; }                    // app/level_plans.h
  DocumentDownloads& documents() { return *documents_; }     // app/document_downloads.h
  Reports& reports() { return *reports_; }                   // app/reports.h
  AuditTrail& audit() { return *audit_; }                    // app/audit_trail.h
  Notifications& notices() { return *notices_; }             // app/notifications.h
  ReportingUp& reporting_up() { return *reporting_up_; }     // app/reporting_up.h
  Summaries& summaries() { return *summaries_; }             // app/summaries.h
  Evidence& evidence() { return *evidence_; }                // app/evidence.h
  SignedCopies& signed_copies() { return *signed_copies_; }  // app/signed_copies.h

  // The expected failure an unexpected exception stands for, when it is one: the database cannot
  // be reached right now (Error{unavailable}). For the web boundary's last catch.
  std::optional<Error> as_error(const std::exception& failure) const;

  Timestamp now() const;

 private:
  // The use cases of this layer written as free functions reach the store through it.
  friend class StoreAccess;  // app/store_access.h

  std::unique_ptr<UseCaseCore> core_;
  std::unique_ptr<SignIn> sign_in_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<Units> units_;
  std::unique_ptr<Campaigns> campaigns_;
  std::unique_ptr<LevelPlans> plans_;
  std::unique_ptr<DocumentDownloads> documents_;
  std::unique_ptr<Reports> reports_;
  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<Notifications> notices_;
  std::unique_ptr<ReportingUp> reporting_up_;
  std::unique_ptr<Summaries> summaries_;
  std::unique_ptr<Evidence> evidence_;
  std::unique_ptr<SignedCopies> signed_copies_;
};

}  // namespace llw
