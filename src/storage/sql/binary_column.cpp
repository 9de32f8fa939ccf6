// Bytes in BLOB / BYTEA columns (binary_column.h).
#include "storage/sql/binary_column.h"

#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>

namespace llw::sql {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw std::runtime_error("a stored file is not hex");
}

template <typename Key>
std::optional<std::string> read_blob_by(soci::session& session, const Dialect& dialect,
                                        std::string_view table, std::string_view column,
                                        std::string_view key_column, Key key) {
  std::string hex;
  soci::indicator indicator = soci::i_null;
  // Prepared per run: the row may be 20 MB of hex, not to be kept by the connection.
  soci::statement statement =
      (session.prepare << "SELECT " + hex_of(dialect, column) + " FROM " + std::string(table) +
                              " WHERE " + std::string(key_column) + " = :k",
       soci::into(hex, indicator), soci::use(key));
  statement.execute(false);
  if (!statement.fetch()) return std::nullopt;
  if (indicator != soci::i_ok) return std::string();
  return from_hex(hex);
}

}  // namespace

bool is_sqlite(const Dialect& dialect) { return std::string_view(dialect.name) == "sqlite"; }

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0f]);
  }
  return hex;
}

std::string from_hex(std::string_view hex) {
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(hex_digit(hex[i]) * 16 + hex_digit(hex[i + 1])));
  }
  return bytes;
}

std::string hex_of(const Dialect& dialect, std::string_view column) {
  return is_sqlite(dialect) ? "hex(" + std::string(column) + ")"
                            : "encode(" + std::string(column) + ", 'hex')";
}

void write_blob(soci::session& session, const Dialect& dialect, std::string_view table,
                std::string_view column, std::string_view key_column, long long key,
                std::string_view bytes) {
  const std::string update = "UPDATE " + std::string(table) + " SET " + std::string(column);
  const std::string where = " WHERE " + std::string(key_column);
  if (!is_sqlite(dialect)) {
    std::string hex = to_hex(bytes);
    session << update + " = decode(:hex, 'hex')" + where + " = :k", soci::use(hex), soci::use(key);
    return;
  }
  auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  sqlite_api::sqlite3* db = backend->conn_;
  sqlite_api::sqlite3_stmt* statement = nullptr;
  const std::string text = update + " = ?" + where + " = ?";
  if (sqlite_api::sqlite3_prepare_v2(db, text.c_str(), -1, &statement, nullptr) != 0) {
    throw std::runtime_error(std::string("write_blob: ") + sqlite_api::sqlite3_errmsg(db));
  }
  sqlite_api::sqlite3_bind_blob(statement, 1, bytes.data(), static_cast<int>(bytes.size()),
                                nullptr);
  sqlite_api::sqlite3_bind_int64(statement, 2, key);
  const int result = sqlite_api::sqlite3_step(statement);
  sqlite_api::sqlite3_finalize(statement);
  if (result != 101 /* SQLITE_DONE */) {
    throw std::runtime_error(std::string("write_blob: ") + sqlite_api::sqlite3_errmsg(db));
  }
}

std::optional<std::string> read_blob(soci::session& session, const Dialect& dialect,
                                     std::string_view table, std::string_view column,
                                     std::string_view key_column, const std::string& key) {
  return read_blob_by(session, dialect, table, column, key_column, key);
}

std::optional<std::string> read_blob(soci::session& session, const Dialect& dialect,
                                     std::string_view table, std::string_view column,
                                     std::string_view key_column, long long key) {
  return read_blob_by(session, dialect, table, column, key_column, key);
}

}  // namespace llw::sql
