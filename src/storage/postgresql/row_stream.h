#pragma once
// Dialect::stream_rows for PostgreSQL: a query's rows read through a cursor in batches, each
// FETCH sent before the previous batch is handled.

#include <functional>
#include <string>
#include <vector>

namespace soci {
class session;
}  // namespace soci

namespace llw::sql {
class TextRows;
}  // namespace llw::sql

namespace llw {

void stream_postgres_rows(soci::session& sql, const std::string& query,
                          const std::vector<std::string>& params, int batch_rows,
                          const std::function<void(const sql::TextRows&)>& visit);

}  // namespace llw
