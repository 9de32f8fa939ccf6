#pragma once
// The storage port of the audit log: append and read, nothing else, and the entry staged for the
// write a use case is about to make. Implemented by the SQL
// store (sql_audit_log.cpp in src/storage/sql/), on both backends. Each method is a transaction
// of its own; a failing one changes nothing.

#include <cstdint>
#include <optional>
#include <vector>

#include "workflow_records.h"

namespace llw {

class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // The audit log (storage/sql/sql_audit_log.cpp): append and read, nothing else.
  virtual void append_audit(const AuditEntry& entry) = 0;
  // Entries matching the query, newest first.
  virtual std::vector<AuditEntry> query_audit(const AuditQuery& query) = 0;
  // How many entries match the query's filters, counting no further than its limit (its offset
  // ignored): the audit page's "Trang 3/12". Each filter has an index the count reads (029).
  virtual std::int64_t count_audit(const AuditQuery& query) = 0;
  // The id of the newest entry (0 when there is none): what any reading of the log is as new as.
  virtual std::int64_t newest_audit_id() = 0;
  // An entry for the write a use case is about to make (app/audited.h): the next write
  // transaction this thread commits on this store inserts it inside that same transaction, so a
  // write and its entry are stored together or not at all. take_staged_audit returns (and
  // forgets) an entry no transaction has committed, e.g. when the use case failed before writing.
  virtual void stage_audit(const AuditEntry& entry) = 0;
  virtual std::optional<AuditEntry> take_staged_audit() = 0;
};

}  // namespace llw
