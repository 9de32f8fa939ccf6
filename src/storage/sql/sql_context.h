#pragma once
// What every port of the SQL store (sql_store.h) works with: the dialect, the pool of
// connections, and the one way a write runs (write_transaction, with its group commit, retries
// and the staged audit entry). The ports hold a reference to the store's one context; the
// context knows no port.

#include <functional>
#include <memory>
#include <optional>

#include "domain/workflow_records.h"
#include "storage/sql/change_feed.h"
#include "storage/sql/dialect.h"

namespace soci {
class session;
}  // namespace soci

namespace llw::sql {

class ConnectionPool;
struct Connection;
template <typename Pool>
class GroupCommit;

// A large write (a whole campaign's reports or aggregates, a country's units) runs in a
// transaction of its own instead of sharing one in a savepoint (group_commit.h).
enum class WriteSize { small, large };

class SqlContext {
 public:
  // Opens `pool_size` connections with `open(session, index)`; index 0 is opened first, so it
  // is where the backend applies its migrations.
  SqlContext(const Dialect& dialect, int pool_size,
             const std::function<void(soci::session&, int)>& open);
  ~SqlContext();
  SqlContext(const SqlContext&) = delete;
  SqlContext& operator=(const SqlContext&) = delete;

  const Dialect& dialect() const { return dialect_; }
  // Reads lease a connection of their own: `pool().acquire()` (connection_pool.h).
  ConnectionPool& pool() { return *pool_; }

  // For files that cannot see the pool's type: `body` runs on a leased connection (or its
  // session), or inside one write transaction (see write_transaction).
  void with_session(const std::function<void(soci::session&)>& body);
  void with_connection(const std::function<void(Connection&)>& body);
  void with_write_connection(const std::function<void(Connection&)>& body);

  // Runs `body(connection)` as one write transaction (write_transaction.h, where the templates
  // are defined).
  template <typename Body>
  auto write_transaction(Body&& body, WriteSize size = WriteSize::small);
  // Runs `attempt` again (a few times) when the database aborted it for a deadlock or a
  // serialization failure; a violated constraint becomes Error{conflict}.
  template <typename Attempt>
  auto with_retries(Attempt&& attempt);

  // The transaction-scoped audit hook (AuditLog::stage_audit): this thread's staged entry (null
  // when none is), which the next write stores with its own changes (write_transaction just
  // before it commits, or the statement of an uncounted save), and forgetting it once that
  // write committed. A write that fails keeps it, for a retry or for the use case to log.
  void stage_audit(const AuditEntry& entry);
  std::optional<AuditEntry> take_staged_audit();
  const AuditEntry* staged_audit_entry() const;
  void staged_audit_committed();

  // Every write of this store counts as a change of `changes` (SqlStore::keep_reads_in_memory).
  void announce_writes_to(std::shared_ptr<ChangeFeed> changes) { changes_ = std::move(changes); }
  // A write of this store committed: what the caches kept may be stale.
  void changed() {
    if (changes_) changes_->changed();
  }

 private:
  Dialect dialect_;
  std::unique_ptr<ConnectionPool> pool_;
  // Only when the dialect serializes writers (SQLite): the writes of this process take turns in
  // shared transactions (group_commit.h).
  std::unique_ptr<GroupCommit<ConnectionPool>> group_commit_;
  // Only when the store keeps reads in memory (PostgreSQL).
  std::shared_ptr<ChangeFeed> changes_;
};

}  // namespace llw::sql
