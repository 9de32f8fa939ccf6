#include <sqlite3.h>

#include <algorithm>
#include <map>

#include "storage/copy/raw_db.h"

namespace llw::copy {
namespace {

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

  std::vector<ForeignKey> foreign_keys(const std::string& table) override {
    // One row per column of a key: id, seq, table, from, to (NULL: the referenced primary key).
    std::map<int, ForeignKey> by_id;
    for (auto& row : query("SELECT id, seq, \"table\", \"from\", \"to\" FROM "
                           "pragma_foreign_key_list(?) ORDER BY id, seq",
                           {table})) {
      ForeignKey& key = by_id[std::stoi(*row[0])];
      key.table = *row[2];
      std::string to = row[4].value_or("");
      if (to.empty()) {
        const auto referenced = primary_key(key.table);
        const auto seq = static_cast<std::size_t>(std::stoi(*row[1]));
        if (seq < referenced.size()) to = referenced[seq];
      }
      key.columns.emplace_back(*row[3], to);
    }
    std::vector<ForeignKey> out;
    out.reserve(by_id.size());
    for (auto& [id, key] : by_id) out.push_back(std::move(key));
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

}  // namespace

std::unique_ptr<Db> open_sqlite_raw(const std::string& path, bool read_only) {
  return std::make_unique<SqliteDb>(path, read_only);
}

}  // namespace llw::copy
