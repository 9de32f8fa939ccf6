#pragma once
// Recording use cases in the audit log with their outcome. Private to the app layer.

#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "app/application.h"
#include "app/request_context.h"
#include "app/store_access.h"
#include "domain/error.h"

namespace llw {

// One audit entry as record_audit writes it: at `at`, by `actor` (may be null), fields bounded in
// length and checked as UTF-8 so a hostile value can neither bloat nor break the log.
AuditEntry make_audit_entry(Timestamp at, const User* actor, const RequestContext& context,
                            std::string action, const OrgUnit* unit, std::string target,
                            std::string detail, std::string outcome);

// Appends an entry in a transaction of its own; never throws (a failure goes to stderr).
void append_audit_entry(Store& store, const AuditEntry& entry);

// Runs `body` and keeps one audit entry for it. The entry is staged before `body` runs, so the
// first write transaction `body` commits stores it inside that same transaction (outcome "ok"):
// a successful write and its entry are stored together or not at all. When `body` throws — an
// llw::Error (its code: "conflict", "forbidden", …) or anything else ("internal") — nothing it
// attempted was written, and the entry is appended on its own with that outcome. A body that
// returns without writing gets its entry on its own too. The entry is about `unit` (may be null).
template <class Body>
auto audited_at(Application& app, const User& actor, const RequestContext& context,
                const std::string& action, const OrgUnit* unit, const std::string& target,
                const std::string& detail, Body&& body) -> decltype(body()) {
  AuditEntry entry =
      make_audit_entry(app.now(), &actor, context, action, unit, target, detail, "ok");
  Store& store = StoreAccess::of(app);
  store.audit().stage_audit(entry);
  // Whatever no transaction committed is appended on its own, with the outcome.
  auto finish = [&](const char* outcome) {
    std::optional<AuditEntry> unwritten = store.audit().take_staged_audit();
    if (!unwritten && std::string_view(outcome) == "ok") return;
    entry.outcome = outcome;
    append_audit_entry(store, entry);
  };
  try {
    if constexpr (std::is_void_v<decltype(body())>) {
      body();
      finish("ok");
    } else {
      auto result = body();
      finish("ok");
      return result;
    }
  } catch (const Error& e) {
    finish(error_code(e.kind()));
    throw;
  } catch (...) {
    finish("internal");
    throw;
  }
}

// audited_at, with the entry's unit looked up by `unit_code` (none when unknown).
template <class Body>
auto audited(Application& app, const User& actor, const RequestContext& context,
             const std::string& action, const std::string& unit_code, const std::string& target,
             const std::string& detail, Body&& body) -> decltype(body()) {
  std::optional<OrgUnit> unit;
  try {
    if (!unit_code.empty()) unit = StoreAccess::of(app).units().find_unit(unit_code);
  } catch (...) {
    // The entry is still worth writing without its unit.
  }
  return audited_at(app, actor, context, action, unit ? &*unit : nullptr, target, detail,
                    std::forward<Body>(body));
}

// "campaign 3 / HP-AH-THTT": the target of a report action.
inline std::string report_target(std::int64_t campaign_id, const std::string& unit_code) {
  return "campaign " + std::to_string(campaign_id) + " / " + unit_code;
}

}  // namespace llw
