#pragma once
// The SQLite backend of the Store port: one database file in WAL mode behind the shared SQL
// implementation (sql/sql_store.h). Readers run concurrently on pooled connections; writers take
// turns (SQLite allows one): they queue on an in-process mutex and then take the file's write lock
// with BEGIN IMMEDIATE, so a write never fails half-way with SQLITE_BUSY and never waits in
// SQLite's sleeping busy handler behind a writer of the same process.

#include <memory>
#include <string>

#include "domain/store.h"
#include "storage/open_store.h"

namespace llw {

std::shared_ptr<Store> make_sqlite_store(const std::string& path, const StoreOptions& options);

}  // namespace llw
