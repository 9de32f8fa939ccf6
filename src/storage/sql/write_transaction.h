#pragma once
// How every write of the SQL store runs (SqlContext::write_transaction and with_retries):
// templates the ports' files instantiate with their own bodies.
// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <chrono>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

#include "storage/sql/audit_params.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/group_commit.h"
#include "storage/sql/sql_context.h"
#include "storage/sql/store_text.h"
#include "storage/sql/transaction.h"

namespace llw::sql {

template <typename Attempt>
auto SqlContext::with_retries(Attempt&& attempt) {
  constexpr int kAttempts = 5;
  for (int n = 1;; ++n) {
    try {
      return attempt();
    } catch (const soci::soci_error& e) {
      ErrorClass error = dialect_.classify ? dialect_.classify(e) : ErrorClass{};
      if (error.kind == ErrorClass::Kind::constraint) throw constraint_conflict(error.field);
      if (error.kind == ErrorClass::Kind::unavailable) throw database_unavailable();
      if (error.kind != ErrorClass::Kind::retry || n == kAttempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(n * n));
    }
  }
}

// Runs `body(connection)` as one write transaction, begun as the dialect says, committed when
// `body` returns and rolled back when it throws, so a failing write changes nothing. SQLite (one
// writer per file): the writes of this process that arrive together share one transaction and
// one commit (group_commit.h), each in a savepoint of its own, and each returns only once that
// commit is done. A constraint the database enforces (and the code did not check first, or
// another server got in between) becomes Error{conflict}; a deadlock or serialization failure the
// database resolved by aborting this transaction runs the whole body again, a few times.
template <typename Body>
auto SqlContext::write_transaction(Body&& body, WriteSize size) {
  // The use case's audit entry commits with the changes it is about. (Resolved here: under group
  // commit the body runs on another writer's thread.)
  const AuditEntry* audit = staged_audit_entry();
  using Result = decltype(body(std::declval<Connection&>()));
  if (group_commit_) {
    std::conditional_t<std::is_void_v<Result>, bool, std::optional<Result>> result{};
    with_retries([&] {
      group_commit_->run(
          [&](Connection& connection) {
            if constexpr (std::is_void_v<Result>) {
              body(connection);
            } else {
              result = body(connection);
            }
            if (audit) connection.audit_inserter().insert(*audit);
          },
          size == WriteSize::large ? GroupCommit<ConnectionPool>::Sharing::alone
                                   : GroupCommit<ConnectionPool>::Sharing::shared);
    });
    if (audit) staged_audit_committed();
    changed();
    if constexpr (!std::is_void_v<Result>) return std::move(*result);
  } else {
    auto connection = pool_->acquire();
    return with_retries([&] {
      Transaction tx(connection->sql, dialect_.begin_write);
      auto audit_and_commit = [&] {
        if (audit) connection->audit_inserter().insert(*audit);
        tx.commit();
        changed();
        if (audit) staged_audit_committed();
      };
      if constexpr (std::is_void_v<Result>) {
        body(*connection);
        audit_and_commit();
      } else {
        auto result = body(*connection);
        audit_and_commit();
        return result;
      }
    });
  }
}

}  // namespace llw::sql
