#pragma once
// Bytes in a BLOB (SQLite) or BYTEA (PostgreSQL) column (binary_column.cpp), shared by the stores
// that keep files (evidence, signed copies). SOCI's string exchange is not binary-safe, so bytes
// cross it as hex text where they are read: `hex(column)` on SQLite, `encode(column, 'hex')` on
// PostgreSQL. They are written on PostgreSQL as `decode(:hex, 'hex')` and on SQLite, whose 3.40
// has no unhex(), bound as a blob through the connection's sqlite3 handle. Those statements carry
// megabytes of parameters: they are prepared per run, not kept by the connection.

#include <optional>
#include <string>
#include <string_view>

#include "storage/sql/dialect.h"

namespace soci {
class session;
}  // namespace soci

namespace llw::sql {

bool is_sqlite(const Dialect& dialect);

// Lowercase hex of `bytes`, and back (std::runtime_error on a character that is not hex).
std::string to_hex(std::string_view bytes);
std::string from_hex(std::string_view hex);

// The SQL expression that reads `column` as hex text on the dialect.
std::string hex_of(const Dialect& dialect, std::string_view column);

// Sets `table`.`column` to `bytes` in the row whose integer `key_column` is `key`, in the
// session's current transaction.
void write_blob(soci::session& session, const Dialect& dialect, std::string_view table,
                std::string_view column, std::string_view key_column, long long key,
                std::string_view bytes);

// `column` of the row whose text `key_column` is `key` (or integer, with the second overload):
// nullopt when there is no such row, an empty string when the column is NULL.
std::optional<std::string> read_blob(soci::session& session, const Dialect& dialect,
                                     std::string_view table, std::string_view column,
                                     std::string_view key_column, const std::string& key);
std::optional<std::string> read_blob(soci::session& session, const Dialect& dialect,
                                     std::string_view table, std::string_view column,
                                     std::string_view key_column, long long key);

}  // namespace llw::sql
