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

// Every migration of the backend as listed in src/storage/CMakeLists.txt (ascending number there
// too; apply_pending_migrations does not rely on it).
const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgresql_migrations();

// The number that starts a migration's name ("001_init" → 1).
int migration_number(const std::string& name);

// The migrations by ascending number, whatever order they were listed in. Two migrations with
// one number are a build mistake: std::logic_error naming both.
std::vector<const Migration*> in_number_order(const std::vector<Migration>& migrations);

// Inside the caller's transaction (which holds whatever lock keeps two servers from migrating at
// once): runs every migration not yet recorded in the existing schema_migrations table with
// `run_script` (a migration file holds several statements, which only the backend's native API
// runs in one call) and records it, in ascending number (in_number_order).
void apply_pending_migrations(soci::session& sql, const std::vector<Migration>& migrations,
                              const std::function<void(const Migration&)>& run_script);

}  // namespace llw::sql
