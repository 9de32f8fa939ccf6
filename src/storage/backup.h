#pragma once
// A consistent copy of a live SQLite database (`llw backup`), through SQLite's online backup API:
// servers may keep reading and writing while it runs. PostgreSQL databases are backed up with the
// server's own tools (pg_dump; see docs/deploy.md).

#include <cstdint>
#include <string>

namespace llw {

struct BackupResult {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
};

// Copies the SQLite database at `db_path` into the new file `out_path` (written beside it under a
// temporary name, checked with PRAGMA integrity_check, then renamed, so a crash never leaves a
// half backup under the final name). Throws Error{bad_input} when `db_path` is a PostgreSQL URL,
// does not exist, or `out_path` already exists; Error{internal} when the copy fails.
BackupResult backup_sqlite(const std::string& db_path, const std::string& out_path);

}  // namespace llw
