#include "storage/open_store.h"

#include "storage/sqlite/sqlite_store.h"

namespace llw {

std::shared_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options) {
  return std::make_shared<SqliteStore>(path, options);
}

}  // namespace llw
