#pragma once
// Factories that open a Store backend. Callers (the CLI, the web server, tests) depend on this
// header and the domain's Store port only, never on a backend's headers.

#include <memory>
#include <string>
#include <vector>

#include "domain/store.h"

namespace llw {

namespace sql {
struct Migration;
}  // namespace sql

struct StoreOptions {
  // SQLite only. How hard a commit waits for the disk. "NORMAL" (the default): in WAL mode a
  // committed save survives a crash of the process, and may be lost only on a power failure or OS
  // crash before the next checkpoint. "FULL": every commit is synced to the disk before it
  // returns. (PostgreSQL keeps the server's synchronous_commit setting.)
  std::string synchronous = "NORMAL";
  // SQLite only. How long a connection waits for another process's write lock before failing.
  int busy_timeout_ms = 5000;
  // Connections kept open; concurrent readers each use one (SQLite writers take turns,
  // PostgreSQL writers run concurrently).
  int pool_size = 8;
};

// Opens the database named by `url`: "postgresql://user:password@host:port/database" (or
// "postgres://…", any libpq connection URI) opens PostgreSQL; anything else is the path of a
// SQLite file. Applies the pending migrations either way.
std::shared_ptr<Store> open_store(const std::string& url, const StoreOptions& options = {});

// True when `url` names a PostgreSQL database rather than a SQLite file.
bool is_postgresql_url(const std::string& url);

// Opens (creating it when missing) the SQLite database file at `path` and applies the pending
// migrations. Throws Error{bad_input} for invalid options and Error{internal} when the file
// cannot be opened or migrated.
std::shared_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options = {});

// Connects to the PostgreSQL database at `url` (a libpq connection URI) and applies the pending
// migrations (several servers starting at once take turns on an advisory lock). Throws
// Error{internal} when the server cannot be reached or the schema cannot be migrated.
std::shared_ptr<Store> open_postgresql_store(const std::string& url,
                                             const StoreOptions& options = {});

// Applies to the database named by `url` (as open_store takes it) those of `migrations` it has not
// applied yet, in ascending number, and closes it: what opening a store does with every migration
// of its backend (sql::sqlite_migrations(), sql::postgresql_migrations()). Given only the first
// few, it leaves the schema an older LLW had (tests/storage/migration_steps_test.cpp upgrades a
// database one migration at a time this way). Throws like the open_*_store functions.
void migrate_database(const std::string& url, const std::vector<sql::Migration>& migrations);

}  // namespace llw
