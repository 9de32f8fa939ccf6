#include "storage/sql/migrations.h"

#include <ctime>
#include <set>

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

namespace llw::sql {

int migration_number(const std::string& name) {
  int number = 0;
  for (char c : name) {
    if (c < '0' || c > '9') break;
    number = number * 10 + (c - '0');
  }
  return number;
}

void apply_pending_migrations(soci::session& sql, const std::vector<Migration>& migrations,
                              const std::function<void(const Migration&)>& run_script) {
  std::set<int> applied;
  {
    int version = 0;
    soci::statement st =
        (sql.prepare << "SELECT version FROM schema_migrations", soci::into(version));
    st.execute(false);
    while (st.fetch()) applied.insert(version);
  }
  for (const auto& migration : migrations) {
    int number = migration_number(migration.name);
    if (applied.count(number) != 0) continue;
    run_script(migration);
    long long now = static_cast<long long>(std::time(nullptr));
    sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :at)",
        soci::use(number), soci::use(migration.name), soci::use(now);
  }
}

}  // namespace llw::sql
