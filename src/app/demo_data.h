#pragma once
// Demo data that looks real: the seed's commune of Hải Phòng with its plan 83/KH-UBND and
// reports in every state, or the whole city, or the whole country. Deterministic (fixed seed),
// so two runs give the same database and the numbers in documentation stay true.

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/application.h"

namespace llw {

enum class DemoScale {
  commune,  // Việt Nam → Hải Phòng → Xã An Hưng and its ~30 units; the commune's campaign
  city,     // Hải Phòng with 114 communes; the city's campaign
  national,  // 34 provinces, 3,321 communes, ~110,000 units; one national campaign
};

std::optional<DemoScale> demo_scale_from_string(std::string_view text);

struct DemoAccount {
  std::string username;
  std::string password;
  Role role = Role::viewer;
  std::string unit_code;  // empty for the admin
  std::string unit_name;
};

struct DemoStats {
  std::int64_t units = 0;
  std::int64_t campaign_id = 0;
  std::string campaign_name;
  std::string issuer_code;
  std::int64_t reporting_units = 0;
  // "not_started", "draft", "submitted_on_time", "submitted_late", "returned", "accepted".
  std::map<std::string, std::int64_t> reports_by_state;
  std::vector<DemoAccount> accounts;
};

// Whether the database holds anything demo data could clash with or be mixed into: units (and so
// campaigns and reports) or accounts. A database with only its schema and forms holds none.
bool database_holds_data(Application& app);

// Fills an empty database through `app` (units, the campaign with the form `llw-2025`, reports,
// aggregates, accounts). Throws Error{conflict} when database_holds_data.
// `progress` receives one English line per phase.
DemoStats make_demo(Application& app, DemoScale scale,
                    const std::function<void(const std::string&)>& progress = {});

// The seed's plan (Kế hoạch số 83/KH-UBND ngày 01/10/2025 of the commune People's Committee) as
// the campaign's structured plan fields.
nlohmann::json seed_plan_2025();

// Plausible values for one unit's report, generated from the form definition alone (so a new
// form needs no change here). `complete` fills every item; otherwise about half of the form, as
// a draft would be. The result passes validate_values (for_submit when complete).
nlohmann::json demo_report_values(const ReportForm& form, const OrgUnit& unit, std::uint64_t seed,
                                  bool complete);

}  // namespace llw
