#pragma once
// The raw connections `llw copy-db` works through (copy_database.cpp), below SOCI on the C APIs of
// SQLite (sqlite_raw_db.cpp) and libpq (postgres_raw_db.cpp): the copy is generic over the tables,
// columns and keys it learns from the databases at run time, streams rows as text, and uses
// PostgreSQL's COPY for the bulk writes.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace llw::copy {

using Value = std::optional<std::string>;  // nullopt is SQL NULL
using Row = std::vector<Value>;

struct Column {
  std::string name;
  bool integer = false;
};

// A foreign key the schema declares: the table's columns and the columns of `table` they
// reference, in pairs (one pair for a single-column key, several for a composite one).
struct ForeignKey {
  std::string table;
  std::vector<std::pair<std::string, std::string>> columns;  // (column, referenced column)
};

// "name" → "\"name\"", doubling quotes inside.
std::string quoted(const std::string& identifier);

// Throws Error{internal} with the message.
[[noreturn]] void fail(const std::string& message);

// A raw connection to one side of the copy.
class Db {
 public:
  virtual ~Db() = default;
  virtual void exec(const std::string& sql) = 0;
  virtual std::vector<Row> query(const std::string& sql, const Row& params = {}) = 0;
  // Base tables, without the backend's own, by name.
  virtual std::vector<std::string> tables() = 0;
  virtual std::vector<Column> columns(const std::string& table) = 0;
  virtual std::vector<std::string> primary_key(const std::string& table) = 0;
  // The foreign keys the table declares, each with its referenced columns named (a key that
  // references the primary key implicitly gets its columns).
  virtual std::vector<ForeignKey> foreign_keys(const std::string& table) = 0;
  // Runs a SELECT and hands every row to `visit`, without holding the whole result.
  virtual void stream(const std::string& sql, const std::function<void(const Row&)>& visit) = 0;
  // Writes rows (in the order of `columns`) into the table.
  virtual void insert(const std::string& table, const std::vector<std::string>& columns,
                      const std::vector<Row>& rows) = 0;
  // `count` new values for the table's integer `id` column (merge).
  virtual std::vector<std::int64_t> new_ids(const std::string& table, std::int64_t count) = 0;
  // Moves the table's id sequences past the ids written (PostgreSQL; SQLite takes MAX(id) + 1).
  virtual void fix_sequences(const std::string& table, const std::vector<Column>& columns) = 0;
  virtual void begin_read() = 0;
  virtual void begin_write() = 0;

  std::int64_t count(const std::string& table);
};

std::unique_ptr<Db> open_sqlite_raw(const std::string& path, bool read_only);
std::unique_ptr<Db> open_postgres_raw(const std::string& url);
// PostgreSQL for a postgresql:// URL, SQLite otherwise.
std::unique_ptr<Db> open_raw(const std::string& url, bool read_only);

}  // namespace llw::copy
