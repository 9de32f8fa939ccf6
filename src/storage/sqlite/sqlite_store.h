#pragma once
// The SQLite backend of the Store port: one database file in WAL mode behind the shared SQL
// implementation (sql/sql_store.h). Readers run concurrently on pooled connections; writers take
// turns (SQLite allows one): they queue on an in-process mutex and then take the file's write lock
// with BEGIN IMMEDIATE, so a write never fails half-way with SQLITE_BUSY and never waits in
// SQLite's sleeping busy handler behind a writer of the same process.

#include <memory>
#include <string>
#include <vector>

#include "domain/store.h"
#include "storage/open_store.h"
#include "storage/sql/migrations.h"

namespace llw {

std::shared_ptr<Store> make_sqlite_store(const std::string& path, const StoreOptions& options);

// migrate_database for a SQLite file: one connection with the store's settings.
void migrate_sqlite_database(const std::string& path,
                             const std::vector<sql::Migration>& migrations);

}  // namespace llw
