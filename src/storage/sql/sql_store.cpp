#include "storage/sql/sql_store.h"

#include "storage/sql/session_view_cache.h"
#include "storage/sql/write_transaction.h"

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "domain/error.h"
#include "storage/sql/aggregate_shift.h"
#include "storage/sql/audit_params.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/group_commit.h"
#include "storage/sql/migrations.h"
#include "storage/sql/rows.h"
#include "storage/sql/transaction.h"

namespace llw::sql {

void SqlStore::with_session(const std::function<void(soci::session&)>& body) {
  auto connection = pool_->acquire();
  body(connection->sql);
}

void SqlStore::with_connection(const std::function<void(Connection&)>& body) {
  auto connection = pool_->acquire();
  body(*connection);
}

void SqlStore::with_write_connection(const std::function<void(Connection&)>& body) {
  write_transaction([&](Connection& connection) { body(connection); });
}

// -----------------------------------------------------------------------------------------------
// Opening.

SqlStore::SqlStore(const Dialect& dialect, int pool_size,
                   const std::function<void(soci::session&, int)>& open)
    : dialect_(dialect) {
  pool_size = std::max(pool_size, 1);
  pool_ = std::make_unique<ConnectionPool>(static_cast<std::size_t>(pool_size), dialect_);
  for (int i = 0; i < pool_size; ++i) open(pool_->at(static_cast<std::size_t>(i)).sql, i);
  if (dialect_.serialize_writers) {
    group_commit_ = std::make_unique<GroupCommit<ConnectionPool>>(*pool_, dialect_.begin_write);
  }
}

SqlStore::~SqlStore() = default;

bool SqlStore::unreachable(const std::exception& failure) const {
  const auto* error = dynamic_cast<const soci::soci_error*>(&failure);
  return error != nullptr && dialect_.classify != nullptr &&
         dialect_.classify(*error).kind == ErrorClass::Kind::unavailable;
}

void SqlStore::keep_reads_in_memory(std::shared_ptr<ChangeFeed> changes,
                                    std::shared_ptr<void> listener) {
  constexpr std::size_t kNarrativeVersionsKept = 50'000;
  session_view_cache_ = std::make_unique<SessionViewCache>(*this, changes);
  narrative_versions_ =
      std::make_unique<KeptReads<std::pair<std::int64_t, std::int64_t>, std::int64_t>>(
          changes, kNarrativeVersionsKept);
  newest_audit_id_ = std::make_unique<KeptReads<int, std::int64_t>>(changes, 1);
  changes_ = std::move(changes);
  change_listener_ = std::move(listener);
}

}  // namespace llw::sql
