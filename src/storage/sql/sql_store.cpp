#include "storage/sql/sql_store.h"

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <utility>

#include "storage/sql/session_view_cache.h"

namespace llw::sql {

SqlStore::SqlStore(const Dialect& dialect, int pool_size,
                   const std::function<void(soci::session&, int)>& open)
    : context_(dialect, pool_size, open) {}

SqlStore::~SqlStore() = default;

bool SqlStore::unreachable(const std::exception& failure) const {
  const auto* error = dynamic_cast<const soci::soci_error*>(&failure);
  const Dialect& dialect = context_.dialect();
  return error != nullptr && dialect.classify != nullptr &&
         dialect.classify(*error).kind == ErrorClass::Kind::unavailable;
}

void SqlStore::keep_reads_in_memory(std::shared_ptr<ChangeFeed> changes,
                                    std::shared_ptr<void> listener) {
  session_view_cache_ = std::make_unique<SessionViewCache>(session_views_, changes);
  reporting_up_.keep_reads_in_memory(changes);
  campaigns_.keep_reads_in_memory(changes);
  audit_.keep_reads_in_memory(changes);
  context_.announce_writes_to(std::move(changes));
  change_listener_ = std::move(listener);
}

SessionViews& SqlStore::session_views() {
  if (session_view_cache_) return *session_view_cache_;
  return session_views_;
}

}  // namespace llw::sql
