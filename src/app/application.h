#pragma once
// The use cases of LLW — the "request processor" between the web layer (or the CLI) and the
// storage port. Every method takes the acting user, checks access with the domain policy, and
// throws llw::Error for expected failures. No HTTP, no SQL here.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/campaign.h"
#include "domain/clock.h"
#include "domain/store.h"
#include "domain/summary.h"
#include "domain/user.h"

namespace llw {

struct Session {
  std::string token;  // returned once; only its hash is stored
  Timestamp expires_at = 0;
  User user;
};

struct ImportResult {
  int created = 0;
  int updated = 0;
  std::vector<std::pair<int, std::string>> errors;  // (row number, Vietnamese message)
};

struct SummaryOptions {
  int missing_limit = 200;
  int narrative_limit = 50;
};

struct ApplicationConfig {
  std::filesystem::path forms_dir = "forms";
  std::int64_t session_seconds = 12 * 3600;
  int max_failed_logins = 5;               // per username or address …
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
  void logout(const std::string& token);
  // Creates an account (CLI and admins). Role other than admin needs a unit.
  User add_user(const std::string& username, const std::string& display_name, Role role,
                const std::string& unit_code, const std::string& password);

  // Org units.
  OrgUnit get_unit(const User& actor, const std::string& code);
  std::vector<OrgUnit> list_children(const User& actor, const std::string& parent_code);
  OrgUnit create_unit(const User& actor, const UnitInput& input);
  // CSV or XLSX bytes; all-or-nothing. `root_code` limits where rows may attach (the actor's
  // unit for a coordinator; empty for an admin).
  ImportResult import_units(const User& actor, const std::string& body,
                            const std::string& content_type);

  // Campaigns and forms.
  std::vector<Campaign> list_campaigns(const User& actor);
  Campaign get_campaign(const User& actor, std::int64_t id);
  Campaign create_campaign(const User& actor, Campaign campaign);
  std::shared_ptr<const ReportForm> form(const std::string& form_id);

  // Unit reports.
  UnitReport get_report(const User& actor, std::int64_t campaign_id, const std::string& unit_code);
  // The report's saved versions, newest first (who, when, which action).
  std::vector<ReportVersion> report_history(const User& actor, std::int64_t campaign_id,
                                            const std::string& unit_code, int limit = 50);
  UnitReport save_draft(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                        std::int64_t expected_version, const nlohmann::json& values);
  UnitReport submit(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                    std::optional<std::int64_t> expected_version);

  // Consolidated summary of any node the actor may read.
  Summary summary(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                  const SummaryOptions& options = {});
  // The same summary as API JSON text (api_json's shape), served from a cache keyed by the
  // campaign's revision: a repeated request costs one revision read and one unit read, about as
  // little as a trivial authenticated GET. Access is checked on every call.
  std::shared_ptr<const std::string> summary_json(const User& actor, std::int64_t campaign_id,
                                                  const std::string& unit_code,
                                                  const SummaryOptions& options = {});

  Store& store() { return *store_; }
  Timestamp now() const { return clock_(); }

 private:
  // Loads a campaign with its form attached; Error{not_found} when unknown.
  Campaign load_campaign(std::int64_t id);
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
    std::shared_ptr<const std::string> json;
  };
  std::mutex summaries_mutex_;
  // (campaign id, unit id, missing limit, narrative limit) → the summary at a revision.
  std::map<std::tuple<std::int64_t, std::int64_t, int, int>, CachedSummary> summaries_;

  std::mutex forms_mutex_;
  std::map<std::string, std::shared_ptr<const ReportForm>> forms_;
};

}  // namespace llw
