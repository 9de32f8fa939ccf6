#pragma once
// The SQLite schema migrations, embedded at build time from migrations/sqlite/NNN_name.sql.

#include <string>
#include <vector>

namespace llw::sqlite {

struct Migration {
  std::string name;  // "001_init": the number orders migrations and is recorded once applied
  std::string sql;   // one or more statements
};

// Every migration in file order (ascending number).
const std::vector<Migration>& migrations();

}  // namespace llw::sqlite
