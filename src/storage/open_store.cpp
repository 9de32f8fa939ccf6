#include "storage/open_store.h"

#include "storage/postgresql/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace llw {

bool is_postgresql_url(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::shared_ptr<Store> open_store(const std::string& url, const StoreOptions& options) {
  if (is_postgresql_url(url)) return open_postgresql_store(url, options);
  return open_sqlite_store(url, options);
}

std::shared_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options) {
  return make_sqlite_store(path, options);
}

std::shared_ptr<Store> open_postgresql_store(const std::string& url, const StoreOptions& options) {
  return make_postgres_store(url, options);
}

void migrate_database(const std::string& url, const std::vector<sql::Migration>& migrations) {
  if (is_postgresql_url(url)) return migrate_postgres_database(url, migrations);
  migrate_sqlite_database(url, migrations);
}

}  // namespace llw
