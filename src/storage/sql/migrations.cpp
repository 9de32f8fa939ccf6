#include "storage/sql/migrations.h"

#include <algorithm>
#include <ctime>
#include <set>
#include <stdexcept>

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

std::vector<const Migration*> in_number_order(const std::vector<Migration>& migrations) {
  std::vector<const Migration*> ordered;
  ordered.reserve(migrations.size());
  for (const auto& migration : migrations) ordered.push_back(&migration);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Migration* a, const Migration* b) {
    return migration_number(a->name) < migration_number(b->name);
  });
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    if (migration_number(ordered[i]->name) == migration_number(ordered[i - 1]->name)) {
      throw std::logic_error("two migrations numbered " +
                             std::to_string(migration_number(ordered[i]->name)) + ": " +
                             ordered[i - 1]->name + ", " + ordered[i]->name);
    }
  }
  return ordered;
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
  for (const Migration* pending : in_number_order(migrations)) {
    const Migration& migration = *pending;
    int number = migration_number(migration.name);
    if (applied.count(number) != 0) continue;
    run_script(migration);
    long long now = static_cast<long long>(std::time(nullptr));
    sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :at)",
        soci::use(number), soci::use(migration.name), soci::use(now);
  }
}

}  // namespace llw::sql
