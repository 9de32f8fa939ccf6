#pragma once
// Demo data that looks real: the seed's commune of Hải Phòng with its plan 83/KH-UBND and
// reports in every state, or the whole city, or the whole country, for the Tuần lễ of any year.
// Deterministic (fixed seed), so two runs give the same database and the numbers in
// documentation stay true; the year changes only the dates and the texts that name it.
// The library llw_demo (src/demo) is linked by the CLI's `llw demo` and by tests, never by the
// production libraries.

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/application.h"
#include "domain/form.h"
#include "domain/org_unit.h"
#include "domain/user.h"

namespace llw {

enum class DemoScale {
  commune,  // Việt Nam → Hải Phòng → Xã An Hưng and its ~30 units; the commune's campaign
  city,     // Hải Phòng with 114 communes; the city's campaign
  national,  // 34 provinces, 3,321 communes, ~110,000 units; one national campaign
};

std::optional<DemoScale> demo_scale_from_string(std::string_view text);

// The year of the demo's campaign when none is given: the seed's, which the browser tests and the
// documentation's screenshots show.
inline constexpr int default_demo_year = 2025;
// The years a demo may be built for.
inline constexpr int min_demo_year = 2000;
inline constexpr int max_demo_year = 2100;
// The form the demo's campaign reports on (its id names the đề cương, whatever the demo's year).
inline constexpr const char* demo_form_id = "llw-2025";

// The 2025 mergers (sáp nhập): at every scale Xã An Hưng records these two communes of last year
// as its predecessors (unit_lineage_store.h). Their units moved into An Hưng and, as a move does
// in LLW, took last year's figures with them, so the old communes are left without units; An
// Hưng's comparison with last year is its own units' figures plus whatever the old communes kept
// (nothing here), the rule of any merged commune.
inline constexpr std::pair<const char*, const char*> merged_communes[] = {
    {"HP-ANHUNGDONG", "Xã An Hưng Đông"}, {"HP-ANHUNGTAY", "Xã An Hưng Tây"}};

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
  // Last year's campaign (year − 1, every report accepted); 0 nationally, where it is left out.
  std::int64_t previous_campaign_id = 0;
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

// Fills an empty database through `app` (units, the campaign of `year` with the form
// demo_form_id, reports, aggregates, accounts): every date, the campaign's name and the plans'
// texts are in `year`. For the commune and the city also last year's campaign (year − 1) with
// every report accepted, for year-over-year figures. Throws Error{conflict} when
// database_holds_data, Error{bad_input} for a year outside [min_demo_year, max_demo_year].
// `progress` receives one English line per phase.
DemoStats make_demo(Application& app, DemoScale scale, int year = default_demo_year,
                    const std::function<void(const std::string&)>& progress = {});

// The seed's plan (Kế hoạch số 83/KH-UBND ngày 01/10 of the commune People's Committee) of `year`
// as the campaign's structured plan fields.
nlohmann::json seed_plan(int year = default_demo_year);

// Plausible values for one unit's report, generated from the form definition alone (so a new
// form needs no change here). `complete` fills every item; otherwise about half of the form, as
// a draft would be; its dates fall in `year`. The result passes validate_values (for_submit when
// complete).
nlohmann::json demo_report_values(const ReportForm& form, const OrgUnit& unit, std::uint64_t seed,
                                  bool complete, int year = default_demo_year);

}  // namespace llw
