#include "storage/sqlite/sqlite_store.h"

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "domain/error.h"
#include "domain/text.h"
#include "storage/sql/migrations.h"
#include "storage/sql/sql_store.h"
#include "storage/sql/transaction.h"

namespace llw {
namespace {

sql::ErrorClass classify(const soci::soci_error& error) {
  sql::ErrorClass result;
  if (const auto* e = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    if ((e->result() & 0xff) == SQLITE_CONSTRAINT) result.kind = sql::ErrorClass::Kind::constraint;
  }
  return result;
}

// SQLite's memory statistics take one process-wide mutex on every allocation of every
// connection; with a pool of connections on several threads, page views queued on it (perf: a
// tenth of a cached page's time in futex waits). LLW never reads the statistics. Set before
// SQLite initializes (the first connection); SQLITE_MISUSE after that is harmless.
const bool kMemoryStatisticsOff = [] {
  sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return true;
}();

const sql::Dialect kSqlite{
    .name = "sqlite",
    .begin_write = "BEGIN IMMEDIATE",
    .lock_for_update = "",
    .array_batches = false,
    .serialize_writers = true,
    .unit_id_sequence = false,
    .classify = &classify,
};

// llw_search_key(text): the domain's search_key in SQL, for the migration that gives the stored
// units their key (027); the store writes the key of new names itself.
void search_key_function(sqlite_api::sqlite3_context* context, int,
                         sqlite_api::sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite_api::sqlite3_value_text(argv[0]));
  if (text == nullptr) {
    sqlite_api::sqlite3_result_null(context);
    return;
  }
  const std::string key = search_key(
      std::string_view(text, static_cast<std::size_t>(sqlite_api::sqlite3_value_bytes(argv[0]))));
  sqlite_api::sqlite3_result_text(
      context, key.data(), static_cast<int>(key.size()),
      // SQLITE_TRANSIENT is SQLite's own (destructor)-1; NOLINTNEXTLINE(performance-no-int-to-ptr)
      reinterpret_cast<sqlite_api::sqlite3_destructor_type>(-1));
}

void register_functions(soci::session& sql) {
  auto* native = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
  sqlite_api::sqlite3_create_function_v2(native, "llw_search_key", 1,
                                         SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                         &search_key_function, nullptr, nullptr, nullptr);
}

// The pragma value is spliced into SQL text (PRAGMA takes no parameters), so only known words
// pass.
std::string checked_synchronous(const std::string& value) {
  if (value == "FULL" || value == "NORMAL" || value == "EXTRA") return value;
  throw Error(ErrorKind::bad_input,
              "Giá trị synchronous '" + value + "' không hợp lệ. Hãy dùng FULL hoặc NORMAL.",
              "synchronous");
}

std::string connect_string(const std::string& path) {
  // SOCI splits the connect string at spaces unless the value is quoted.
  if (path.find_first_of(" \t\"") == std::string::npos) return "db=" + path;
  if (path.find('"') != std::string::npos) {
    throw Error(ErrorKind::bad_input,
                "Đường dẫn cơ sở dữ liệu không được chứa dấu nháy kép. Hãy đổi tên thư mục.", "db");
  }
  return "db=\"" + path + "\"";
}

void migrate(soci::session& sql, const std::vector<sql::Migration>& migrations) {
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "name TEXT NOT NULL, applied_at INTEGER NOT NULL)";
  auto* native = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
  sql::Transaction transaction(sql, "BEGIN IMMEDIATE");
  sql::apply_pending_migrations(sql, migrations, [&](const sql::Migration& migration) {
    char* message = nullptr;
    int rc = sqlite_api::sqlite3_exec(native, migration.sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite_api::sqlite3_free(message);
      throw Error(ErrorKind::internal,
                  "Không áp dụng được bản cập nhật cơ sở dữ liệu " + migration.name + ": " + text);
    }
  });
  transaction.commit();
}

// Opens one connection with the settings every connection of the store has.
void open_connection(soci::session& sql, const std::string& connect, const std::string& synchronous,
                     const StoreOptions& options) {
  sql.open(soci::sqlite3, connect);
  // Per-connection settings. WAL lets readers run while one writer commits; NORMAL sync in WAL
  // mode keeps every commit atomic and crash-safe for the process (see StoreOptions).
  sql << "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms);
  sql << "PRAGMA foreign_keys = ON";
  sql << "PRAGMA synchronous = " + synchronous;
  sql << "PRAGMA temp_store = MEMORY";
  sql << "PRAGMA cache_size = -32768";  // 32 MiB of page cache per connection, used lazily
  register_functions(sql);
}

// journal_mode is a property of the file: set by the first connection, before the others use it.
void enable_wal(soci::session& sql) {
  std::string mode;
  sql << "PRAGMA journal_mode = WAL", soci::into(mode);
  if (mode != "wal") {
    throw Error(ErrorKind::internal,
                "Không bật được chế độ WAL cho cơ sở dữ liệu (journal_mode = " + mode +
                    "). Hãy đặt tệp trên ổ đĩa cục bộ.");
  }
}

Error open_failure(const std::string& path, const soci::soci_error& e) {
  return Error(ErrorKind::internal, "Không mở được cơ sở dữ liệu '" + path + "': " + e.what() +
                                        ". Hãy kiểm tra đường dẫn và quyền ghi.");
}

}  // namespace

std::shared_ptr<Store> make_sqlite_store(const std::string& path, const StoreOptions& options) {
  const std::string synchronous = checked_synchronous(options.synchronous);
  const std::string connect = connect_string(path);
  auto open = [&](soci::session& sql, int index) {
    open_connection(sql, connect, synchronous, options);
    if (index == 0) {
      enable_wal(sql);
      migrate(sql, sql::sqlite_migrations());
    }
  };
  try {
    return std::make_shared<sql::SqlStore>(kSqlite, options.pool_size, open);
  } catch (const soci::soci_error& e) {
    throw open_failure(path, e);
  }
}

void migrate_sqlite_database(const std::string& path,
                             const std::vector<sql::Migration>& migrations) {
  const StoreOptions options;
  try {
    soci::session sql;
    open_connection(sql, connect_string(path), options.synchronous, options);
    enable_wal(sql);
    migrate(sql, migrations);
  } catch (const soci::soci_error& e) {
    throw open_failure(path, e);
  }
}

}  // namespace llw
