#include <libpq-fe.h>

#include "storage/copy/raw_db.h"

namespace llw::copy {
namespace {

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

  std::vector<ForeignKey> foreign_keys(const std::string& table) override {
    // One row per column of a key, in the key's order.
    std::vector<ForeignKey> out;
    std::string constraint;
    for (auto& row : query("SELECT k.conname, r.relname, a.attname, ra.attname "
                           "FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid "
                           "CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY "
                           "AS u(attnum, ref_attnum, n) "
                           "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum "
                           "JOIN pg_attribute ra ON ra.attrelid = k.confrelid "
                           "AND ra.attnum = u.ref_attnum "
                           "WHERE k.contype = 'f' AND k.conrelid = $1::regclass "
                           "ORDER BY k.conname, u.n",
                           {quoted(table)})) {
      if (out.empty() || *row[0] != constraint) {
        constraint = *row[0];
        out.push_back({*row[1], {}});
      }
      out.back().columns.emplace_back(*row[2], *row[3]);
    }
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

}  // namespace

std::unique_ptr<Db> open_postgres_raw(const std::string& url) {
  return std::make_unique<PostgresDb>(url);
}

}  // namespace llw::copy
