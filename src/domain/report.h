#pragma once
// A unit's report (báo cáo của đơn vị) for one campaign, and the checks its values must pass.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "clock.h"
#include "form.h"
#include "org_unit.h"

namespace llw {

enum class ReportStatus { not_started, draft, submitted, returned, accepted };

std::string_view to_string(ReportStatus status);
std::optional<ReportStatus> report_status_from_string(std::string_view text);

// A value that passes the form's checks but contradicts what LLW knows (report_flags.h).
struct ReportFlag {
  std::string field;    // the item key, or "<table>[<row>].<column>" as validate_values names it
  std::string message;  // Vietnamese, says what disagrees with what and what to check
};

// The values a walk of reports reads of each report: every item (the default), or only the named
// top-level keys. A data export needs only its grid's items, and the narratives it leaves out are
// most of a report's bytes, so the store does not parse them at all.
struct ReportValueKeys {
  std::optional<std::set<std::string, std::less<>>> only;  // nullopt: every key

  bool wants(std::string_view key) const { return !only || only->find(key) != only->end(); }
};

struct UnitReport {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::string unit_code;
  ReportStatus status = ReportStatus::not_started;
  std::int64_t version = 0;                          // 0 until the first save; +1 on every write
  nlohmann::json values = nlohmann::json::object();  // item key → value (see api.md)
  std::optional<Timestamp> submitted_at;
  bool late = false;
  Timestamp updated_at = 0;
  std::optional<std::int64_t> updated_by;  // user id
  // The reviewer's comment of the last return, or the reason of the last reopen; shown at the
  // top of the unit's form. Empty when the report was never sent back.
  std::string comment;
  // Computed by the application whenever it hands out a report (never stored): the values'
  // flags as of the report's date.
  std::vector<ReportFlag> flags;
};

// Checks `values` against the form and the unit (population for cross rules): types, ranges,
// required items (only when `for_submit`), choices, table rows, cross-item rules, unknown keys,
// NaN/Infinity, text length. Returns item key → Vietnamese message; empty when valid.
// Draft saves check everything but `required`, so a half-filled form can be saved.
std::map<std::string, std::string> validate_values(const ReportForm& form, const OrgUnit& unit,
                                                   const nlohmann::json& values, bool for_submit);

}  // namespace llw
