#pragma once
// The schema migrations of each backend, embedded at build time from
// migrations/<backend>/NNN_name.sql by src/storage/CMakeLists.txt.

#include <string>
#include <vector>

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

}  // namespace llw::sql
