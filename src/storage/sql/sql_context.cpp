#include "storage/sql/sql_context.h"

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <utility>

#include "storage/sql/connection_pool.h"
#include "storage/sql/group_commit.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

SqlContext::SqlContext(const Dialect& dialect, int pool_size,
                       const std::function<void(soci::session&, int)>& open)
    : dialect_(dialect) {
  pool_size = std::max(pool_size, 1);
  pool_ = std::make_unique<ConnectionPool>(static_cast<std::size_t>(pool_size), dialect_);
  for (int i = 0; i < pool_size; ++i) open(pool_->at(static_cast<std::size_t>(i)).sql, i);
  if (dialect_.serialize_writers) {
    group_commit_ = std::make_unique<GroupCommit<ConnectionPool>>(*pool_, dialect_.begin_write);
  }
}

SqlContext::~SqlContext() = default;

void SqlContext::with_session(const std::function<void(soci::session&)>& body) {
  auto connection = pool_->acquire();
  body(connection->sql);
}

void SqlContext::with_connection(const std::function<void(Connection&)>& body) {
  auto connection = pool_->acquire();
  body(*connection);
}

void SqlContext::with_write_connection(const std::function<void(Connection&)>& body) {
  write_transaction([&](Connection& connection) { body(connection); });
}

// -----------------------------------------------------------------------------------------------
// The staged audit entry.

namespace {

// The entry staged by the use case running on this thread (see AuditLog::stage_audit). Requests
// are served one per thread from start to end, so a thread-local slot is the use case's own;
// `store` keeps a second store used on the same thread (copy-db, tests) from taking it.
struct StagedAudit {
  const SqlContext* store = nullptr;
  std::optional<AuditEntry> entry;  // until a write committed it
};
thread_local StagedAudit staged_audit;

}  // namespace

void SqlContext::stage_audit(const AuditEntry& entry) {
  staged_audit.store = this;
  staged_audit.entry = entry;
}

std::optional<AuditEntry> SqlContext::take_staged_audit() {
  std::optional<AuditEntry> entry;
  if (staged_audit.store == this) entry = std::move(staged_audit.entry);
  staged_audit = {};
  return entry;
}

const AuditEntry* SqlContext::staged_audit_entry() const {
  return staged_audit.store == this && staged_audit.entry ? &*staged_audit.entry : nullptr;
}

void SqlContext::staged_audit_committed() {
  if (staged_audit.store == this) staged_audit = {};
}

}  // namespace llw::sql
