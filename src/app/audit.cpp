// The audit log (nhật ký hoạt động): appending entries for every write and sign-in, and reading
// them within the actor's reach.
#include <algorithm>
#include <iostream>

#include "app/application.h"
#include "app/audit_trail.h"
#include "app/audited.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/text.h"

namespace llw {
namespace {

// Audit fields are short by design; a hostile username or comment must not bloat the log.
std::string bounded(std::string text, std::size_t limit) {
  if (!is_valid_utf8(text)) return "(không phải UTF-8)";
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  // Never cut a UTF-8 sequence in half: back up to the start of a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

}  // namespace

AuditEntry make_audit_entry(Timestamp at, const User* actor, const RequestContext& context,
                            std::string action, const OrgUnit* unit, std::string target,
                            std::string detail, std::string outcome) {
  AuditEntry entry;
  entry.at = at;
  if (actor) {
    if (actor->id > 0) entry.user_id = actor->id;
    entry.username = bounded(actor->username, 64);
  }
  entry.address = bounded(context.address, 64);
  entry.action = std::move(action);
  if (unit) {
    entry.unit_id = unit->id;
    entry.unit_path = unit->path;
  }
  entry.target = bounded(std::move(target), 200);
  entry.detail = bounded(std::move(detail), 300);
  entry.outcome = std::move(outcome);
  return entry;
}

void append_audit_entry(Store& store, const AuditEntry& entry) {
  try {
    store.audit().append_audit(entry);
  } catch (const std::exception& e) {
    // The action itself has already happened (or failed) and its caller must learn that; a
    // failing log write is an operator's problem, reported where operators look.
    std::cerr << "llw: could not append to the audit log (" << entry.action << ' ' << entry.target
              << "): " << e.what() << '\n';
  }
}

void AuditTrail::record_audit(const User* actor, const RequestContext& context, std::string action,
                              const OrgUnit* unit, std::string target, std::string detail,
                              std::string outcome) {
  append_audit_entry(*store_,
                     make_audit_entry(clock_(), actor, context, std::move(action), unit,
                                      std::move(target), std::move(detail), std::move(outcome)));
}

namespace {

// The subtree whose entries the actor may read ("" for all of them, an admin's): the actor's own
// without a unit, else the unit's when the actor may read its audit.
template <typename LoadUnit>
std::string audit_scope(const User& actor, const std::string& unit_code, LoadUnit load_unit) {
  if (actor.disabled || (actor.role != Role::admin && actor.role != Role::coordinator)) {
    throw Error(ErrorKind::forbidden,
                "Chỉ điều phối viên và quản trị hệ thống mới xem được nhật ký hoạt động.");
  }
  if (!unit_code.empty()) {
    OrgUnit unit = load_unit(unit_code);
    require_allowed(actor, Action::read_audit, unit);
    return unit.path;
  }
  if (actor.role == Role::admin) return "";
  // A coordinator without a filter sees its own subtree.
  if (actor.unit_path.empty()) {
    throw Error(ErrorKind::forbidden, "Tài khoản của bạn không gắn với đơn vị nào.");
  }
  return actor.unit_path;
}

}  // namespace

std::vector<AuditEntry> AuditTrail::audit_log(const User& actor, const std::string& unit_code,
                                              AuditQuery query) {
  query.path = audit_scope(actor, unit_code,
                           [this](const std::string& code) { return core_.load_unit(code); });
  query.limit = std::clamp(query.limit, 1, 10000);
  return store_->audit().query_audit(query);
}

std::int64_t AuditTrail::audit_log_count(const User& actor, const std::string& unit_code,
                                         AuditQuery query) {
  query.path = audit_scope(actor, unit_code,
                           [this](const std::string& code) { return core_.load_unit(code); });
  return store_->audit().count_audit(query);
}

std::int64_t AuditTrail::audit_log_version(const User& actor, const std::string& unit_code) {
  audit_scope(actor, unit_code, [this](const std::string& code) { return core_.load_unit(code); });
  return write_version();
}

std::int64_t AuditTrail::write_version() { return store_->audit().newest_audit_id(); }

}  // namespace llw
