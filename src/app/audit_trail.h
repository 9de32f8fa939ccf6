#pragma once
// The audit log (audit.cpp).

#include <cstdint>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "app/use_case_area.h"
#include "domain/audit_log.h"
#include "domain/org_unit.h"
#include "domain/user.h"

namespace llw {

class AuditTrail : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // The audit log (audit.cpp). `record_audit` appends one entry and never throws (a failure is
  // logged to stderr: the write it records has already happened). `audit_log` reads entries the
  // actor may see: a coordinator its subtree's, an admin everything; `unit_code` narrows to a
  // subtree the actor may read the audit of.
  void record_audit(const User* actor, const RequestContext& context, std::string action,
                    const OrgUnit* unit, std::string target, std::string detail,
                    std::string outcome = "ok");
  std::vector<AuditEntry> audit_log(const User& actor, const std::string& unit_code,
                                    AuditQuery query);
  // How many entries match the query's filters, up to its limit (after the same access check
  // as audit_log): the page count of the audit page, which counts at most 10,001.
  std::int64_t audit_log_count(const User& actor, const std::string& unit_code, AuditQuery query);
  // The newest entry's id, after the same access check as audit_log: a page of the log read
  // at this version stays true until it changes (pages cache on it).
  std::int64_t audit_log_version(const User& actor, const std::string& unit_code);
  // The same id without a check, as the version of everything the use cases write: each write
  // is audited in its own transaction or right after it commits, so data read at this version
  // is as new as the version until the version changes (the unit tree page caches on it).
  std::int64_t write_version();
};

}  // namespace llw
