// SqlFormStore: stored form definitions (the FormStore port, domain/form_store.h). Migrations 001
// and 031 keep them: a stored definition is never changed nor removed.
#include "storage/sql/sql_form_store.h"

#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

void SqlFormStore::put_form(const std::string& form_id, const std::string& definition_json) {
  context_.write_transaction([&](Connection& connection) {
    connection
        .write<std::string, std::string>(
            "INSERT INTO forms (id, definition) VALUES (:id, :definition) "
            "ON CONFLICT (id) DO UPDATE SET definition = excluded.definition")
        .run(form_id, definition_json);
  });
}

std::optional<std::string> SqlFormStore::find_form(const std::string& form_id) {
  auto connection = context_.pool().acquire();
  auto row =
      connection->prepared<TextRow, std::string>("SELECT definition FROM forms WHERE id = :id")
          .one(form_id);
  if (!row) return std::nullopt;
  return row->value;
}

std::vector<std::string> SqlFormStore::form_ids() {
  auto connection = context_.pool().acquire();
  std::vector<std::string> ids;
  connection->prepared<TextRow>("SELECT id FROM forms ORDER BY id").each([&](const TextRow& row) {
    ids.push_back(row.value);
  });
  return ids;
}

}  // namespace llw::sql
