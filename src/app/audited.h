#pragma once
// Recording use cases in the audit log with their outcome. Private to the app layer.

#include <string>
#include <type_traits>
#include <utility>

#include "app/application.h"
#include "domain/error.h"

namespace llw {

// Runs `body` and appends one audit entry for it: outcome "ok" when it returns, the error's
// code ("conflict", "forbidden", …) when it throws an llw::Error (rethrown), "internal" for
// anything else. The entry's unit is looked up by `unit_code` (none when unknown).
template <class Body>
auto audited(Application& app, const User& actor, const RequestContext& context,
             const std::string& action, const std::string& unit_code, const std::string& target,
             const std::string& detail, Body&& body) -> decltype(body()) {
  auto record = [&](const std::string& outcome) {
    std::optional<OrgUnit> unit;
    try {
      if (!unit_code.empty()) unit = app.store().find_unit(unit_code);
    } catch (...) {
      // The entry is still worth writing without its unit.
    }
    app.record_audit(&actor, context, action, unit ? &*unit : nullptr, target, detail, outcome);
  };
  try {
    if constexpr (std::is_void_v<decltype(body())>) {
      body();
      record("ok");
    } else {
      auto result = body();
      record("ok");
      return result;
    }
  } catch (const Error& e) {
    record(error_code(e.kind()));
    throw;
  } catch (...) {
    record("internal");
    throw;
  }
}

// "campaign 3 / HP-AH-THTT": the target of a report action.
inline std::string report_target(std::int64_t campaign_id, const std::string& unit_code) {
  return "campaign " + std::to_string(campaign_id) + " / " + unit_code;
}

}  // namespace llw
