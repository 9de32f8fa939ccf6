#pragma once
// The schema migrations of each backend, embedded at build time from
// migrations/<backend>/NNN_name.sql by src/storage/CMakeLists.txt.

#include <functional>
#include <string>
#include <vector>

namespace soci {
class session;
}  // namespace soci

namespace llw::sql {

struct Migration {
  std::string name;  // "001_init": the number orders migrations and is recorded once applied
  std::string sql;   // one or more statements
};

// Every migration of the backend in file order (ascending number).
const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgresql_migrations();

// The number that starts a migration's name ("001_init" → 1).
int migration_number(const std::string& name);

// Inside the caller's transaction (which holds whatever lock keeps two servers from migrating at
// once): runs every migration not yet recorded in the existing schema_migrations table with
// `run_script` (a migration file holds several statements, which only the backend's native API
// runs in one call) and records it.
void apply_pending_migrations(soci::session& sql, const std::vector<Migration>& migrations,
                              const std::function<void(const Migration&)>& run_script);

}  // namespace llw::sql
