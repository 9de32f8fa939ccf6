// The Application: creates the areas of use cases over their shared core (use_case_core.h).
#include "app/application.h"

#include "app/accounts.h"
#include "app/audit_trail.h"
#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/evidence.h"
#include "app/level_plans.h"
#include "app/notifications.h"
#include "app/reporting_up.h"
#include "app/reports.h"
#include "app/sign_in.h"
#include "app/signed_copies.h"
#include "app/store_access.h"
#include "app/summaries.h"
#include "app/units.h"
#include "app/use_case_core.h"
#include "domain/store.h"

namespace llw {

UseCaseArea::UseCaseArea(Application& app, UseCaseCore& core)
    : app_(app), core_(core), store_(&core.store()), config_(core.config()), clock_(core.clock()) {}

Application::Application(std::shared_ptr<Store> store, ApplicationConfig config, Clock clock)
    : core_(std::make_unique<UseCaseCore>(std::move(store), std::move(config), std::move(clock))),
      sign_in_(std::make_unique<SignIn>(*this, *core_)),
      accounts_(std::make_unique<Accounts>(*this, *core_)),
      units_(std::make_unique<Units>(*this, *core_)),
      campaigns_(std::make_unique<Campaigns>(*this, *core_)),
      plans_(std::make_unique<LevelPlans>(*this, *core_)),
      documents_(std::make_unique<DocumentDownloads>(*this, *core_)),
      reports_(std::make_unique<Reports>(*this, *core_)),
      audit_(std::make_unique<AuditTrail>(*this, *core_)),
      notices_(std::make_unique<Notifications>(*this, *core_)),
      reporting_up_(std::make_unique<ReportingUp>(*this, *core_)),
      summaries_(std::make_unique<Summaries>(*this, *core_)),
      evidence_(std::make_unique<Evidence>(*this, *core_)),
      signed_copies_(std::make_unique<SignedCopies>(*this, *core_)) {
  summaries_->recount_pending();
}

Application::~Application() = default;

std::optional<Error> Application::as_error(const std::exception& failure) const {
  if (core_->store().unreachable(failure)) return database_unavailable();
  return std::nullopt;
}

Timestamp Application::now() const { return core_->clock()(); }

Store& StoreAccess::of(Application& app) { return app.core_->store(); }

}  // namespace llw
