#pragma once
// What the areas of use cases share (private to src/app): the store, the configuration and the
// clock, and the reads every area makes — a campaign with its form, a unit — each cached by the
// campaign's revision so that a page's many use cases read them once.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "app/application_config.h"
#include "domain/campaign.h"
#include "domain/clock.h"
#include "domain/org_unit.h"
#include "domain/session_view.h"
#include "domain/store.h"
#include "domain/user.h"

namespace llw {

class UseCaseCore {
 public:
  UseCaseCore(std::shared_ptr<Store> store, ApplicationConfig config, Clock clock);

  Store& store() { return *store_; }
  const ApplicationConfig& config() const { return config_; }
  const Clock& clock() const { return clock_; }

  // The report form by id, loaded once (Error{not_found} for an unknown or bad id): the version
  // stored in the database, which never changes once stored; a form not stored yet is read from
  // forms_dir and stored (pinned) at that first read.
  std::shared_ptr<const ReportForm> form(const std::string& form_id);
  // The form a new campaign pins: form(), refused as Error{conflict} when forms_dir holds a file
  // of that id whose definition differs from the stored version (the file was edited after the
  // id was stored: a new definition needs a new id).
  std::shared_ptr<const ReportForm> form_for_new_campaign(const std::string& form_id);
  // Loads a campaign with its form attached; Error{not_found} when unknown.
  Campaign load_campaign(std::int64_t id);
  // Calls `use` with the campaign at a revision just read, parsed once per revision (the cache
  // load_campaign and visit_current_campaigns share); Error{not_found} when unknown.
  void with_campaign_at(std::int64_t id, std::int64_t revision,
                        const std::function<void(const Campaign&)>& use);
  // Calls `visit` with every campaign and its form, under the cache's lock, each parsed once per
  // revision (a page's navigation looks for the newest on every request). `known`: the
  // fingerprint a page's session view read; when it is the one the cached campaigns were read
  // at, nothing is read again.
  void visit_current_campaigns(const std::function<void(const Campaign&)>& visit,
                               const CampaignsFingerprint* known = nullptr);
  // A unit as it stands at a campaign's revision just read: every change of a unit bumps every
  // campaign's revision, so a unit read once serves until the revision moves.
  OrgUnit load_unit_at(std::int64_t campaign_id, std::int64_t revision, const std::string& code);
  // A unit as it stands at the audit log's write version just read (AuditTrail::write_version:
  // every change of a unit is audited), kept like load_unit_at's.
  OrgUnit load_unit_at_write_version(std::int64_t write_version, const std::string& code) {
    return load_unit_at(kNoCampaign, write_version, code);
  }
  OrgUnit load_unit(const std::string& code, const char* field = "unit");
  bool may_see_campaign(const User& actor, const Campaign& campaign) const;

 private:
  // The stored version of a form, or null when the database has none.
  std::shared_ptr<const ReportForm> stored_form(const std::string& form_id);
  // The definition in forms_dir (`file` set to its path), or nullopt when there is no such file;
  // Error{bad_input} when it is not JSON.
  std::optional<nlohmann::json> form_file(const std::string& form_id,
                                          std::filesystem::path& file) const;

  std::shared_ptr<Store> store_;
  ApplicationConfig config_;
  Clock clock_;

  struct CachedCampaign {
    std::int64_t revision = 0;
    Campaign campaign;
  };
  std::mutex campaigns_mutex_;
  std::map<std::int64_t, CachedCampaign> campaigns_;
  // The campaigns' fingerprint when visit_current_campaigns last read every revision.
  std::optional<CampaignsFingerprint> campaigns_fingerprint_;
  // The campaign id of load_unit_at_write_version's entries (no campaign has it).
  static constexpr std::int64_t kNoCampaign = 0;
  // load_unit_at's: (campaign id, unit code) → the unit read at a revision, at most kCachedUnits.
  struct CachedUnit {
    std::int64_t revision = 0;
    OrgUnit unit;
  };
  static constexpr std::size_t kCachedUnits = 4096;
  std::mutex units_mutex_;
  std::map<std::pair<std::int64_t, std::string>, CachedUnit> units_;

  std::mutex forms_mutex_;
  std::map<std::string, std::shared_ptr<const ReportForm>> forms_;
};

}  // namespace llw
