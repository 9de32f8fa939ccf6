#include "storage/copy_database.h"

// Works below SOCI, on the C APIs of SQLite and libpq: the copy is generic over tables and
// columns it learns at run time, streams rows as text, and uses PostgreSQL's COPY for the bulk
// writes.

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "domain/error.h"
#include "storage/open_store.h"

namespace llw {
namespace {

using Value = std::optional<std::string>;  // nullopt is SQL NULL
using Row = std::vector<Value>;

// ---------------------------------------------------------------------------------------------
// Checksums. A table's checksum is the sum (mod 2^64, two lanes) of a hash of each row, so it does
// not depend on the order rows are read in (the backends sort text differently) and the checksum
// of a table after a merge is the one before plus the one of the rows added.

std::uint64_t finalize(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

struct Checksum {
  std::uint64_t a = 0;
  std::uint64_t b = 0;

  void add(const Row& row) {
    std::uint64_t ha = 0xcbf29ce484222325ULL;
    std::uint64_t hb = 0x84222325cbf29ce4ULL;
    auto byte = [&](unsigned char c) {
      ha = (ha ^ c) * 0x100000001b3ULL;
      hb = (hb ^ c) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
    };
    for (const Value& value : row) {
      // A marker and the length before each value: NULL, '' and shifted boundaries all differ.
      byte(value ? 1 : 0);
      std::uint64_t size = value ? value->size() : 0;
      for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(size >> (8 * i)));
      if (value)
        for (unsigned char c : *value) byte(c);
    }
    a += finalize(ha);
    b += finalize(hb);
  }
  void add(const Checksum& other) {
    a += other.a;
    b += other.b;
  }
  bool operator==(const Checksum&) const = default;
  std::string hex() const {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    return text;
  }
};

std::string quoted(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorKind::internal, message); }

struct Column {
  std::string name;
  bool integer = false;
};

// A raw connection to one side of the copy.
class Db {
 public:
  virtual ~Db() = default;
  virtual void exec(const std::string& sql) = 0;
  virtual std::vector<Row> query(const std::string& sql, const Row& params = {}) = 0;
  // Base tables, without the backend's own.
  virtual std::vector<std::string> tables() = 0;
  virtual std::vector<Column> columns(const std::string& table) = 0;
  virtual std::vector<std::string> primary_key(const std::string& table) = 0;
  // Tables that the table's foreign keys reference.
  virtual std::set<std::string> references(const std::string& table) = 0;
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

  std::int64_t count(const std::string& table) {
    return std::stoll(query("SELECT COUNT(*) FROM " + quoted(table)).at(0).at(0).value());
  }
};

// ---------------------------------------------------------------------------------------------
// SQLite

class SqliteDb : public Db {
 public:
  SqliteDb(const std::string& path, bool read_only) {
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = sqlite3_errmsg(db_);
      sqlite3_close(db_);
      fail("Không mở được tệp cơ sở dữ liệu '" + path + "': " + message);
    }
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA foreign_keys = ON");
  }
  ~SqliteDb() override { sqlite3_close(db_); }

  void exec(const std::string& sql) override {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "";
      sqlite3_free(error);
      fail("Lỗi SQLite: " + message + " (" + sql + ")");
    }
  }

  std::vector<Row> query(const std::string& sql, const Row& params) override {
    std::vector<Row> rows;
    run(sql, params, [&](const Row& row) { rows.push_back(row); });
    return rows;
  }

  std::vector<std::string> tables() override {
    std::vector<std::string> names;
    for (auto& row : query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                           "'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                           {}))
      names.push_back(*row[0]);
    return names;
  }

  std::vector<Column> columns(const std::string& table) override {
    std::vector<Column> out;
    for (auto& row : query("PRAGMA table_info(" + quoted(table) + ")", {})) {
      std::string type = row[2].value_or("");
      std::transform(type.begin(), type.end(), type.begin(), ::toupper);
      out.push_back({*row[1], type.find("INT") != std::string::npos});
    }
    return out;
  }

  std::vector<std::string> primary_key(const std::string& table) override {
    std::map<int, std::string> by_position;
    for (auto& row : query("PRAGMA table_info(" + quoted(table) + ")", {})) {
      int position = std::stoi(row[5].value_or("0"));
      if (position > 0) by_position[position] = *row[1];
    }
    std::vector<std::string> out;
    out.reserve(by_position.size());
    for (auto& [position, name] : by_position) out.push_back(name);
    return out;
  }

  std::set<std::string> references(const std::string& table) override {
    std::set<std::string> out;
    for (auto& row : query("PRAGMA foreign_key_list(" + quoted(table) + ")", {}))
      out.insert(*row[2]);
    return out;
  }

  void stream(const std::string& sql, const std::function<void(const Row&)>& visit) override {
    run(sql, {}, visit);
  }

  void insert(const std::string& table, const std::vector<std::string>& columns,
              const std::vector<Row>& rows) override {
    std::string sql = "INSERT INTO " + quoted(table) + " (";
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + quoted(columns[i]);
      marks += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    sqlite3_stmt* st = prepare(sql);
    for (const Row& row : rows) {
      bind(st, row);
      int rc = sqlite3_step(st);
      if (rc != SQLITE_DONE) {
        std::string message = sqlite3_errmsg(db_);
        sqlite3_finalize(st);
        fail("Không ghi được vào bảng " + table + ": " + message);
      }
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
  }

  std::vector<std::int64_t> new_ids(const std::string& table, std::int64_t count) override {
    // Under the write lock (BEGIN IMMEDIATE) nobody else allocates ids meanwhile.
    std::int64_t next = std::stoll(
        query("SELECT COALESCE(MAX(id), 0) + 1 FROM " + quoted(table), {})[0][0].value());
    std::vector<std::int64_t> ids(static_cast<std::size_t>(count));
    for (auto& id : ids) id = next++;
    return ids;
  }

  void fix_sequences(const std::string&, const std::vector<Column>&) override {}
  void begin_read() override { exec("BEGIN"); }
  void begin_write() override { exec("BEGIN IMMEDIATE"); }

 private:
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      fail("Lỗi SQLite: " + std::string(sqlite3_errmsg(db_)) + " (" + sql + ")");
    return st;
  }

  static void bind(sqlite3_stmt* st, const Row& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      if (row[i])
        sqlite3_bind_text(st, index, row[i]->data(), static_cast<int>(row[i]->size()),
                          SQLITE_TRANSIENT);
      else
        sqlite3_bind_null(st, index);
    }
  }

  void run(const std::string& sql, const Row& params,
           const std::function<void(const Row&)>& visit) {
    sqlite3_stmt* st = prepare(sql);
    bind(st, params);
    Row row;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      int n = sqlite3_column_count(st);
      row.assign(static_cast<std::size_t>(n), std::nullopt);
      for (int i = 0; i < n; ++i) {
        if (sqlite3_column_type(st, i) == SQLITE_NULL) continue;
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        row[static_cast<std::size_t>(i)] =
            std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
      }
      visit(row);
    }
    if (rc != SQLITE_DONE) {
      std::string message = sqlite3_errmsg(db_);
      sqlite3_finalize(st);
      fail("Lỗi SQLite: " + message + " (" + sql + ")");
    }
    sqlite3_finalize(st);
  }

  sqlite3* db_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// PostgreSQL

class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result) {}
  ~PgResult() { PQclear(result_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* get() const { return result_; }

 private:
  PGresult* result_;
};

class PostgresDb : public Db {
 public:
  explicit PostgresDb(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(conn_);
      PQfinish(conn_);
      fail("Không kết nối được cơ sở dữ liệu PostgreSQL: " + message);
    }
  }
  ~PostgresDb() override { PQfinish(conn_); }

  void exec(const std::string& sql) override { query(sql, {}); }

  std::vector<Row> query(const std::string& sql, const Row& params) override {
    std::vector<const char*> values;
    for (const Value& v : params) values.push_back(v ? v->c_str() : nullptr);
    PgResult result(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0));
    check(result.get(), sql);
    return rows_of(result.get());
  }

  std::vector<std::string> tables() override {
    std::vector<std::string> names;
    for (auto& row : query("SELECT table_name FROM information_schema.tables WHERE table_schema "
                           "= current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
                           {}))
      names.push_back(*row[0]);
    return names;
  }

  std::vector<Column> columns(const std::string& table) override {
    std::vector<Column> out;
    for (auto& row : query("SELECT column_name, data_type FROM information_schema.columns WHERE "
                           "table_schema = current_schema() AND table_name = $1 "
                           "ORDER BY ordinal_position",
                           {table}))
      out.push_back({*row[0], row[1]->find("int") != std::string::npos});
    return out;
  }

  std::vector<std::string> primary_key(const std::string& table) override {
    std::vector<std::string> out;
    for (auto& row : query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = "
                           "i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = "
                           "$1::regclass AND i.indisprimary "
                           "ORDER BY array_position(i.indkey::int2[], a.attnum)",
                           {quoted(table)}))
      out.push_back(*row[0]);
    return out;
  }

  std::set<std::string> references(const std::string& table) override {
    std::set<std::string> out;
    for (auto& row : query("SELECT DISTINCT c.relname FROM pg_constraint k JOIN pg_class c ON "
                           "c.oid = k.confrelid WHERE k.contype = 'f' AND k.conrelid = "
                           "$1::regclass",
                           {quoted(table)}))
      out.insert(*row[0]);
    return out;
  }

  void stream(const std::string& sql, const std::function<void(const Row&)>& visit) override {
    // A cursor inside the surrounding transaction: rows arrive in batches, never all at once.
    exec("DECLARE llw_copy_cursor NO SCROLL CURSOR FOR " + sql);
    for (;;) {
      const std::string fetch = "FETCH FORWARD 2000 FROM llw_copy_cursor";
      PgResult result(PQexec(conn_, fetch.c_str()));
      check(result.get(), fetch);
      int n = PQntuples(result.get());
      if (n == 0) break;
      for (const Row& row : rows_of(result.get())) visit(row);
    }
    exec("CLOSE llw_copy_cursor");
  }

  void insert(const std::string& table, const std::vector<std::string>& columns,
              const std::vector<Row>& rows) override {
    if (rows.empty()) return;
    std::string sql = "COPY " + quoted(table) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + quoted(columns[i]);
    sql += ") FROM STDIN";
    {
      PgResult started(PQexec(conn_, sql.c_str()));
      if (PQresultStatus(started.get()) != PGRES_COPY_IN)
        fail("Không ghi được vào bảng " + table + ": " + PQresultErrorMessage(started.get()));
    }
    std::string buffer;
    auto flush = [&] {
      if (PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1)
        fail("Không ghi được vào bảng " + table + ": " + PQerrorMessage(conn_));
      buffer.clear();
    };
    for (const Row& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) buffer += '\t';
        if (!row[i]) {
          buffer += "\\N";
          continue;
        }
        for (char c : *row[i]) {
          switch (c) {
            case '\\':
              buffer += "\\\\";
              break;
            case '\n':
              buffer += "\\n";
              break;
            case '\r':
              buffer += "\\r";
              break;
            case '\t':
              buffer += "\\t";
              break;
            default:
              buffer += c;
          }
        }
      }
      buffer += '\n';
      if (buffer.size() > (1 << 20)) flush();
    }
    if (!buffer.empty()) flush();
    if (PQputCopyEnd(conn_, nullptr) != 1)
      fail("Không ghi được vào bảng " + table + ": " + PQerrorMessage(conn_));
    std::string error;
    while (PGresult* result = PQgetResult(conn_)) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
      PQclear(result);
    }
    if (!error.empty()) fail("Không ghi được vào bảng " + table + ": " + error);
  }

  std::vector<std::int64_t> new_ids(const std::string& table, std::int64_t count) override {
    std::vector<std::int64_t> ids;
    auto sequence = query("SELECT pg_get_serial_sequence($1, 'id')", {quoted(table)});
    if (!sequence.empty() && sequence[0][0]) {
      // From the table's own sequence, as the servers sharing the database take theirs.
      for (auto& row : query("SELECT nextval($1::regclass) FROM generate_series(1, $2::bigint)",
                             {*sequence[0][0], std::to_string(count)}))
        ids.push_back(std::stoll(*row[0]));
      return ids;
    }
    // No sequence: the table is locked against other writers for the rest of the transaction.
    exec("LOCK TABLE " + quoted(table) + " IN SHARE ROW EXCLUSIVE MODE");
    std::int64_t next =
        std::stoll(*query("SELECT COALESCE(MAX(id), 0) + 1 FROM " + quoted(table), {})[0][0]);
    for (std::int64_t i = 0; i < count; ++i) ids.push_back(next++);
    return ids;
  }

  void fix_sequences(const std::string& table, const std::vector<Column>& columns) override {
    for (const Column& column : columns) {
      auto sequence = query("SELECT pg_get_serial_sequence($1, $2)", {quoted(table), column.name});
      if (sequence.empty() || !sequence[0][0]) continue;
      // Never moves a sequence backwards (a merge leaves values handed out to other servers).
      query("SELECT setval($1::regclass, GREATEST((SELECT COALESCE(MAX(" + quoted(column.name) +
                "), 0) FROM " + quoted(table) + "), (SELECT last_value FROM " + *sequence[0][0] +
                ")))",
            {*sequence[0][0]});
    }
  }

  void begin_read() override { exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  void begin_write() override { exec("BEGIN"); }

 private:
  static void check(PGresult* result, const std::string& sql) {
    auto status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
      fail("Lỗi PostgreSQL: " + std::string(PQresultErrorMessage(result)) + " (" + sql + ")");
  }

  static std::vector<Row> rows_of(PGresult* result) {
    std::vector<Row> rows;
    int n = PQntuples(result);
    int m = PQnfields(result);
    rows.reserve(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) {
      Row row(static_cast<std::size_t>(m));
      for (int c = 0; c < m; ++c) {
        if (!PQgetisnull(result, r, c))
          row[static_cast<std::size_t>(c)] = std::string(
              PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c)));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  PGconn* conn_;
};

std::unique_ptr<Db> open_raw(const std::string& url, bool read_only) {
  if (is_postgresql_url(url)) return std::make_unique<PostgresDb>(url);
  return std::make_unique<SqliteDb>(url, read_only);
}

// ---------------------------------------------------------------------------------------------
// What a merge rewrites, by column name (the naming convention of every migration): the id spaces
// are the `id` columns of units, users and campaigns; a column that refers to one of them, or a
// materialized path of unit ids, gets the new values. Any other integer *_id column stops a merge
// rather than being copied unchanged into a database where the number means something else.

enum class Rewrite { keep, own_id, unit, user, campaign, path };

Rewrite rewrite_of(const std::string& table, const Column& column, bool integer_id_pk) {
  const std::string& name = column.name;
  if (name == "id") return integer_id_pk ? Rewrite::own_id : Rewrite::keep;
  if (name == "unit_id" || name == "parent_id" || name == "issuer_unit_id") return Rewrite::unit;
  if (name == "user_id" || name == "updated_by" || name == "by" || name == "granted_by")
    return Rewrite::user;
  if (name == "campaign_id") return Rewrite::campaign;
  if (name == "path" || name == "unit_path") return Rewrite::path;
  // A text key (form_id) names a row of a table keyed by text, the same in every database.
  if (name.size() > 3 && name.ends_with("_id") && column.integer)
    throw Error(ErrorKind::bad_input,
                "Không gộp được: chưa biết cột " + table + "." + name +
                    " trỏ tới bảng nào nên không đánh số lại được. Hãy chép vào một cơ sở dữ "
                    "liệu trống (bỏ --merge).",
                "merge");
  return Rewrite::keep;
}

const char* space_table(Rewrite rewrite) {
  switch (rewrite) {
    case Rewrite::unit:
      return "units";
    case Rewrite::user:
      return "users";
    case Rewrite::campaign:
      return "campaigns";
    default:
      return nullptr;
  }
}

struct TablePlan {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;
  std::set<std::string> depends_on;
  std::vector<Rewrite> rewrites;
  bool own_id = false;
  // No id of its own and nothing to rewrite (form definitions): rows are the same whichever
  // database holds them, so one already on the target is skipped when identical.
  bool global = false;
  std::string order_by;
};

std::vector<TablePlan> plan_tables(Db& source, Db& target) {
  std::vector<TablePlan> plans;
  const auto target_tables = target.tables();
  for (const std::string& name : source.tables()) {
    if (name == "schema_migrations") continue;
    if (std::find(target_tables.begin(), target_tables.end(), name) == target_tables.end())
      throw Error(ErrorKind::conflict, "Cơ sở dữ liệu đích không có bảng " + name +
                                           ". Hãy cập nhật cả hai bằng cùng một phiên bản llw.");
    TablePlan plan;
    plan.name = name;
    plan.columns = source.columns(name);
    auto target_columns = target.columns(name);
    auto names = [](const std::vector<Column>& columns) {
      std::set<std::string> out;
      for (auto& c : columns) out.insert(c.name);
      return out;
    };
    if (names(plan.columns) != names(target_columns))
      throw Error(ErrorKind::conflict, "Bảng " + name +
                                           " có các cột khác nhau ở hai cơ sở dữ liệu. Hãy cập "
                                           "nhật cả hai bằng cùng một phiên bản llw.");
    plan.primary_key = source.primary_key(name);
    plan.depends_on = source.references(name);
    plan.depends_on.erase(name);
    const bool integer_id_pk =
        plan.primary_key == std::vector<std::string>{"id"} &&
        std::any_of(plan.columns.begin(), plan.columns.end(),
                    [](const Column& c) { return c.name == "id" && c.integer; });
    bool rewrites_anything = false;
    for (const Column& column : plan.columns) {
      Rewrite rewrite = Rewrite::keep;
      try {
        rewrite = rewrite_of(name, column, integer_id_pk);
      } catch (const Error&) {
        rewrite = Rewrite::keep;  // only a merge needs to know; it asks again below
        rewrites_anything = true;
        plan.rewrites.push_back(Rewrite::keep);
        continue;
      }
      plan.rewrites.push_back(rewrite);
      if (rewrite != Rewrite::keep) rewrites_anything = true;
      if (rewrite == Rewrite::own_id) plan.own_id = true;
      if (rewrite == Rewrite::path) plan.depends_on.insert("units");
      if (const char* space = space_table(rewrite); space && space != name)
        plan.depends_on.insert(space);
    }
    plan.depends_on.erase(name);  // a tree's path and parent refer to its own rows
    plan.global = !rewrites_anything && !plan.primary_key.empty();
    std::string keys;
    for (const auto& key : plan.primary_key) keys += (keys.empty() ? "" : ", ") + quoted(key);
    const bool self_reference = source.references(name).count(name) != 0;
    const bool has_path = names(plan.columns).count("path") != 0;
    // A tree references itself: parents first, which the path length gives.
    if (self_reference && has_path)
      plan.order_by = "LENGTH(\"path\")" + (keys.empty() ? "" : ", " + keys);
    else
      plan.order_by = keys;
    plans.push_back(std::move(plan));
  }
  // Referenced tables first (a topological order; the schema has no cycles).
  std::vector<TablePlan> ordered;
  std::set<std::string> done;
  while (!plans.empty()) {
    auto ready = std::find_if(plans.begin(), plans.end(), [&](const TablePlan& plan) {
      return std::all_of(plan.depends_on.begin(), plan.depends_on.end(), [&](const auto& d) {
        return done.count(d) != 0 || std::none_of(plans.begin(), plans.end(),
                                                  [&](const TablePlan& p) { return p.name == d; });
      });
    });
    if (ready == plans.end())
      fail("Các bảng tham chiếu vòng tròn nhau; không sắp được thứ tự chép.");
    done.insert(ready->name);
    ordered.push_back(std::move(*ready));
    plans.erase(ready);
  }
  return ordered;
}

Checksum checksum_of(Db& db, const std::string& table, const std::vector<Column>& columns,
                     std::int64_t* rows) {
  std::string list;
  for (const auto& c : columns) list += (list.empty() ? "" : ", ") + quoted(c.name);
  Checksum sum;
  std::int64_t n = 0;
  db.stream("SELECT " + list + " FROM " + quoted(table), [&](const Row& row) {
    sum.add(row);
    ++n;
  });
  if (rows) *rows = n;
  return sum;
}

std::string first_values(const std::vector<Row>& rows, std::size_t limit = 5) {
  std::string out;
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i)
    out += (i ? ", " : "") + rows[i][0].value_or("");
  if (rows.size() > limit) out += ", …";
  return out;
}

// Values of column 0 of `source_rows` that also occur in `target` column `column` of `table`.
std::vector<Row> collisions(Db& source, Db& target, const std::string& table,
                            const std::string& column) {
  std::set<std::string> theirs;
  for (auto& row : target.query("SELECT " + quoted(column) + " FROM " + quoted(table), {}))
    if (row[0]) theirs.insert(*row[0]);
  std::vector<Row> both;
  for (auto& row : source.query(
           "SELECT " + quoted(column) + " FROM " + quoted(table) + " ORDER BY " + quoted(column),
           {}))
    if (row[0] && theirs.count(*row[0])) both.push_back(row);
  return both;
}

class Copier {
 public:
  Copier(Db& source, Db& target, const CopyOptions& options)
      : source_(source), target_(target), options_(options) {}

  CopyReport run(const std::function<void(const TableCopy&)>& progress) {
    auto plans = plan_tables(source_, target_);
    check_target(plans);
    CopyReport report;
    for (const TablePlan& plan : plans) {
      report.tables.push_back(copy(plan));
      if (progress) progress(report.tables.back());
    }
    for (const TablePlan& plan : plans) target_.fix_sequences(plan.name, plan.columns);
    return report;
  }

 private:
  void check_target(const std::vector<TablePlan>& plans) {
    if (!options_.merge) {
      for (const TablePlan& plan : plans) {
        if (plan.global) continue;
        if (std::int64_t rows = target_.count(plan.name); rows > 0)
          throw Error(ErrorKind::bad_input,
                      "Cơ sở dữ liệu đích đã có dữ liệu (bảng " + plan.name + " có " +
                          std::to_string(rows) +
                          " dòng). Hãy chép vào một cơ sở dữ liệu trống, hoặc thêm --merge "
                          "(và --under MÃ_ĐƠN_VỊ) để gộp vào dữ liệu đang có.",
                      "to");
      }
      return;
    }
    for (const TablePlan& plan : plans)
      for (const Column& column : plan.columns) {
        bool integer_id_pk = plan.own_id;
        rewrite_of(plan.name, column, integer_id_pk);  // throws for a column it cannot rewrite
      }
    if (auto both = collisions(source_, target_, "units", "code"); !both.empty())
      throw Error(ErrorKind::bad_input,
                  "Không gộp được: " + std::to_string(both.size()) +
                      " mã đơn vị đã có ở cơ sở dữ liệu đích (" + first_values(both) +
                      "). Hãy đổi mã ở một bên cho khác nhau rồi chép lại.",
                  "merge");
    if (auto both = collisions(source_, target_, "users", "username"); !both.empty())
      throw Error(ErrorKind::bad_input,
                  "Không gộp được: " + std::to_string(both.size()) +
                      " tên đăng nhập đã có ở cơ sở dữ liệu đích (" + first_values(both) +
                      "). Hãy đổi tên đăng nhập ở một bên rồi chép lại.",
                  "merge");
    if (!options_.under_code.empty()) {
      auto under =
          target_.query("SELECT id, path FROM units WHERE code = $1", {options_.under_code});
      if (under.empty())
        throw Error(ErrorKind::bad_input,
                    "Không có đơn vị mã '" + options_.under_code +
                        "' ở cơ sở dữ liệu đích. Hãy ghi đúng mã của đơn vị cấp trên.",
                    "under");
      under_id_ = *under[0][0];
      under_path_ = *under[0][1];
    }
  }

  TableCopy copy(const TablePlan& plan) {
    TableCopy result;
    result.table = plan.name;
    std::vector<std::string> names;
    std::string list;
    for (const auto& c : plan.columns) {
      names.push_back(c.name);
      list += (list.empty() ? "" : ", ") + quoted(c.name);
    }
    const Checksum before =
        checksum_of(target_, plan.name, plan.columns, &result.target_rows_before);

    // Rows the target already has, for tables whose rows mean the same in both (forms).
    std::map<Row, Row> existing;
    std::vector<std::size_t> key_index;
    for (const auto& key : plan.primary_key)
      for (std::size_t i = 0; i < plan.columns.size(); ++i)
        if (plan.columns[i].name == key) key_index.push_back(i);
    auto key_of = [&](const Row& row) {
      Row key;
      for (auto i : key_index) key.push_back(row[i]);
      return key;
    };
    if (plan.global && result.target_rows_before > 0)
      target_.stream("SELECT " + list + " FROM " + quoted(plan.name),
                     [&](const Row& row) { existing.emplace(key_of(row), row); });

    std::vector<std::int64_t> ids;
    if (options_.merge && plan.own_id) ids = target_.new_ids(plan.name, source_.count(plan.name));
    std::size_t next_id = 0;
    auto& own_map = maps_[plan.name];

    Checksum source_sum, copied_sum;
    std::vector<Row> batch;
    auto flush = [&] {
      target_.insert(plan.name, names, batch);
      batch.clear();
    };
    source_.stream(
        "SELECT " + list + " FROM " + quoted(plan.name) +
            (plan.order_by.empty() ? "" : " ORDER BY " + plan.order_by),
        [&](const Row& row) {
          source_sum.add(row);
          ++result.source_rows;
          Row out = row;
          if (options_.merge) {
            if (plan.own_id) {
              if (next_id >= ids.size()) fail("Bảng " + plan.name + " đổi số dòng trong khi chép.");
              for (std::size_t i = 0; i < out.size(); ++i)
                if (plan.rewrites[i] == Rewrite::own_id && out[i])
                  own_map[std::stoll(*out[i])] = ids[next_id];
              ++next_id;
            }
            rewrite(plan, out);
          }
          if (plan.global) {
            auto found = existing.find(key_of(out));
            if (found != existing.end()) {
              if (found->second == out) return;  // already there, identical
              throw Error(ErrorKind::bad_input,
                          "Bảng " + plan.name + " đã có dòng khóa '" + key_of(out)[0].value_or("") +
                              "' với nội dung khác ở cơ sở dữ liệu đích. Hãy đối chiếu hai bên "
                              "trước khi chép.",
                          "to");
            }
          }
          copied_sum.add(out);
          ++result.copied_rows;
          batch.push_back(std::move(out));
          if (batch.size() >= 5000) flush();
        });
    flush();

    // Read back what the target holds now: it must be what it had plus exactly the rows written.
    const Checksum after = checksum_of(target_, plan.name, plan.columns, &result.target_rows_after);
    Checksum expected = before;
    expected.add(copied_sum);
    if (result.target_rows_after != result.target_rows_before + result.copied_rows ||
        !(after == expected))
      fail("Kiểm tra sau khi chép bảng " + plan.name + " không khớp (" +
           std::to_string(result.target_rows_after) + " dòng, cần " +
           std::to_string(result.target_rows_before + result.copied_rows) +
           "). Không có gì được ghi vào cơ sở dữ liệu đích.");
    result.source_checksum = source_sum.hex();
    result.copied_checksum = copied_sum.hex();
    return result;
  }

  std::string mapped(const std::string& space, const std::string& table, const std::string& column,
                     const std::string& value) {
    auto& map = maps_[space];
    auto found = map.find(std::stoll(value));
    if (found == map.end())
      throw Error(ErrorKind::bad_input,
                  "Không gộp được: " + table + "." + column + " = " + value +
                      " không trỏ tới dòng nào của bảng " + space +
                      " trong cơ sở dữ liệu nguồn. Hãy sửa dữ liệu nguồn rồi chép lại.",
                  "from");
    return std::to_string(found->second);
  }

  void rewrite(const TablePlan& plan, Row& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string& column = plan.columns[i].name;
      Rewrite what = plan.rewrites[i];
      if (what == Rewrite::own_id) {
        if (row[i]) row[i] = std::to_string(maps_[plan.name].at(std::stoll(*row[i])));
      } else if (what == Rewrite::path) {
        if (!row[i] || row[i]->empty()) continue;
        std::string path = under_path_.empty() ? "/" : under_path_;
        std::size_t start = 1;
        const std::string& old = *row[i];
        while (start < old.size()) {
          std::size_t end = old.find('/', start);
          if (end == std::string::npos) end = old.size();
          path += mapped("units", plan.name, column, old.substr(start, end - start)) + "/";
          start = end + 1;
        }
        row[i] = path;
      } else if (const char* space = space_table(what)) {
        if (row[i]) {
          row[i] = mapped(space, plan.name, column, *row[i]);
        } else if (plan.name == "units" && column == "parent_id" && !under_id_.empty()) {
          row[i] = under_id_;  // a root of the source attaches under the chosen unit
        }
      }
    }
  }

  Db& source_;
  Db& target_;
  const CopyOptions& options_;
  std::string under_id_;
  std::string under_path_;
  std::unordered_map<std::string, std::unordered_map<std::int64_t, std::int64_t>> maps_;
};

std::vector<std::string> migration_versions(Db& db) {
  std::vector<std::string> out;
  for (auto& row : db.query("SELECT version FROM schema_migrations ORDER BY version", {}))
    out.push_back(row[0].value_or(""));
  return out;
}

}  // namespace

CopyReport copy_database(const std::string& from, const std::string& to, const CopyOptions& options,
                         const std::function<void(const TableCopy&)>& progress) {
  if (from == to)
    throw Error(ErrorKind::bad_input,
                "Nguồn và đích là cùng một cơ sở dữ liệu. Hãy chọn một đích khác.", "to");
  if (!is_postgresql_url(from) && !std::filesystem::exists(from))
    throw Error(ErrorKind::bad_input,
                "Không có tệp cơ sở dữ liệu nguồn '" + from + "'. Hãy ghi đúng đường dẫn.", "from");
  if (!options.under_code.empty() && !options.merge)
    throw Error(ErrorKind::bad_input, "--under chỉ dùng cùng với --merge.", "under");
  // Both sides at this build's schema: pending migrations are applied first.
  open_store(from).reset();
  open_store(to).reset();
  auto source = open_raw(from, /*read_only=*/true);
  auto target = open_raw(to, /*read_only=*/false);
  if (migration_versions(*source) != migration_versions(*target))
    throw Error(ErrorKind::conflict,
                "Hai cơ sở dữ liệu có các bản cập nhật lược đồ khác nhau. Hãy cập nhật cả hai bằng "
                "cùng một phiên bản llw.");
  // One snapshot of the source (a server may keep writing to it) and one transaction on the
  // target, committed only after every table has been verified.
  source->begin_read();
  target->begin_write();
  try {
    Copier copier(*source, *target, options);
    CopyReport report = copier.run(progress);
    target->exec("COMMIT");
    source->exec("COMMIT");
    return report;
  } catch (...) {
    try {
      target->exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

}  // namespace llw
