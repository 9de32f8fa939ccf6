#pragma once
// The PostgreSQL backend of the Store port: the shared SQL implementation (sql/sql_store.h) on
// PostgreSQL 15 through SOCI's postgresql backend. Several `llw serve` processes may share one
// database: writes run concurrently under READ COMMITTED, a report save is a compare-and-swap on
// its version, and aggregate rows are read FOR UPDATE before their delta is added, so no delta is
// lost whichever server writes. Bulk loads bind whole columns as arrays (unnest).

#include <memory>
#include <string>
#include <vector>

#include "domain/store.h"
#include "storage/open_store.h"
#include "storage/sql/migrations.h"

namespace llw {

std::shared_ptr<Store> make_postgres_store(const std::string& url, const StoreOptions& options);

// migrate_database for a PostgreSQL database: one connection, under the advisory lock the
// store's migrations take.
void migrate_postgres_database(const std::string& url,
                               const std::vector<sql::Migration>& migrations);

}  // namespace llw
