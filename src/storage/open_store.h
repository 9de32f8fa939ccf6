#pragma once
// Factories that open a Store backend. Callers (the CLI, the web server, tests) depend on this
// header and the domain's Store port only, never on a backend's headers.

#include <memory>
#include <string>

#include "domain/store.h"

namespace llw {

struct StoreOptions {
  // How hard a commit waits for the disk. "NORMAL" (the default): in WAL mode a committed save
  // survives a crash of the process, and may be lost only on a power failure or OS crash before
  // the next checkpoint. "FULL": every commit is synced to the disk before it returns.
  std::string synchronous = "NORMAL";
  // How long a connection waits for another process's write lock before failing.
  int busy_timeout_ms = 5000;
  // Connections kept open; concurrent readers each use one, writers take turns.
  int pool_size = 8;
};

// Opens (creating it when missing) the SQLite database file at `path` and applies the pending
// migrations. Throws Error{bad_input} for invalid options and Error{internal} when the file
// cannot be opened or migrated.
std::shared_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options = {});

}  // namespace llw
