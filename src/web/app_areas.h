#pragma once
// The areas of the Application one route family uses (issue 16). A family holds
//   AppAreas<UsesReports, UsesUnits> app_{app};
// and calls them as it would through the Application (`app_.reports().submit(…)`), so its header
// names what it depends on and it cannot reach any other area. The family's .cpp includes the
// area headers it calls (app/reports.h, …); this header declares the areas only.

#include "app/application.h"
#include "domain/clock.h"

namespace llw {

class UsesSignIn {
 public:
  explicit UsesSignIn(Application& app) : sign_in_(&app.sign_in()) {}
  SignIn& sign_in() const { return *sign_in_; }

 private:
  SignIn* sign_in_;
};

class UsesAccounts {
 public:
  explicit UsesAccounts(Application& app) : accounts_(&app.accounts()) {}
  Accounts& accounts() const { return *accounts_; }

 private:
  Accounts* accounts_;
};

class UsesUnits {
 public:
  explicit UsesUnits(Application& app) : units_(&app.units()) {}
  Units& units() const { return *units_; }

 private:
  Units* units_;
};

class UsesCampaigns {
 public:
  explicit UsesCampaigns(Application& app) : campaigns_(&app.campaigns()) {}
  Campaigns& campaigns() const { return *campaigns_; }

 private:
  Campaigns* campaigns_;
};

class UsesPlans {
 public:
  explicit UsesPlans(Application& app) : plans_(&app.plans()) {}
  LevelPlans& plans() const { return *plans_; }

 private:
  LevelPlans* plans_;
};

class UsesDocuments {
 public:
  explicit UsesDocuments(Application& app) : documents_(&app.documents()) {}
  DocumentDownloads& documents() const { return *documents_; }

 private:
  DocumentDownloads* documents_;
};

class UsesReports {
 public:
  explicit UsesReports(Application& app) : reports_(&app.reports()) {}
  Reports& reports() const { return *reports_; }

 private:
  Reports* reports_;
};

class UsesAudit {
 public:
  explicit UsesAudit(Application& app) : audit_(&app.audit()) {}
  AuditTrail& audit() const { return *audit_; }

 private:
  AuditTrail* audit_;
};

class UsesNotices {
 public:
  explicit UsesNotices(Application& app) : notices_(&app.notices()) {}
  Notifications& notices() const { return *notices_; }

 private:
  Notifications* notices_;
};

class UsesReportingUp {
 public:
  explicit UsesReportingUp(Application& app) : reporting_up_(&app.reporting_up()) {}
  ReportingUp& reporting_up() const { return *reporting_up_; }

 private:
  ReportingUp* reporting_up_;
};

class UsesEvidence {
 public:
  explicit UsesEvidence(Application& app) : evidence_(&app.evidence()) {}
  Evidence& evidence() const { return *evidence_; }

 private:
  Evidence* evidence_;
};

class UsesSignedCopies {
 public:
  explicit UsesSignedCopies(Application& app) : signed_copies_(&app.signed_copies()) {}
  SignedCopies& signed_copies() const { return *signed_copies_; }

 private:
  SignedCopies* signed_copies_;
};

class UsesSummaries {
 public:
  explicit UsesSummaries(Application& app) : summaries_(&app.summaries()) {}
  Summaries& summaries() const { return *summaries_; }

 private:
  Summaries* summaries_;
};

// The Application's clock (`now()`), for the pages that date what they show.
class UsesClock {
 public:
  explicit UsesClock(const Application& app) : app_(&app) {}
  Timestamp now() const { return app_->now(); }

 private:
  const Application* app_;
};

template <class... Uses>
class AppAreas : public Uses... {
 public:
  explicit AppAreas(Application& app) : Uses(app)... {}
};

}  // namespace llw
