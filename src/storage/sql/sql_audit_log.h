#pragma once
// The AuditLog port: append and read; the staged entry is the context's (sql_context.h).
// Defined in sql_audit_log.cpp.

#include <memory>

#include "domain/audit_log.h"
#include "storage/sql/change_feed.h"
#include "storage/sql/kept_reads.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlAuditLog : public AuditLog {
 public:
  explicit SqlAuditLog(SqlContext& context) : context_(context) {}

  // Serves newest_audit_id from memory while `changes` says nothing changed (kept_reads.h).
  // Called once, before the port is used.
  void keep_reads_in_memory(const std::shared_ptr<const ChangeFeed>& changes);

  void append_audit(const AuditEntry& entry) override;
  std::vector<AuditEntry> query_audit(const AuditQuery& query) override;
  std::int64_t count_audit(const AuditQuery& query) override;
  std::int64_t newest_audit_id() override;
  void stage_audit(const AuditEntry& entry) override;
  std::optional<AuditEntry> take_staged_audit() override;

 private:
  // The newest audit entry's id (the audit and unit-tree pages' cache key; key always 0); only
  // when keep_reads_in_memory was called.
  std::unique_ptr<KeptReads<int, std::int64_t>> newest_audit_id_;

  SqlContext& context_;
};

}  // namespace llw::sql
