#include "storage/backup.h"

#include <sqlite3.h>

#include <filesystem>
#include <thread>

#include "domain/error.h"
#include "storage/open_store.h"

namespace llw {
namespace {

namespace fs = std::filesystem;

// Closes a connection when it goes out of scope.
struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close(db); }
};

[[noreturn]] void fail(const std::string& what, sqlite3* db) {
  throw Error(ErrorKind::internal, what + ": " + (db ? sqlite3_errmsg(db) : "hết bộ nhớ"));
}

}  // namespace

BackupResult backup_sqlite(const std::string& db_path, const std::string& out_path) {
  if (is_postgresql_url(db_path))
    throw Error(ErrorKind::bad_input,
                "llw backup chỉ sao lưu tệp SQLite. Với PostgreSQL hãy dùng pg_dump (xem "
                "docs/deploy.md).",
                "db");
  if (!fs::exists(db_path))
    throw Error(ErrorKind::bad_input,
                "Không có tệp cơ sở dữ liệu '" + db_path + "'. Hãy ghi đúng đường dẫn.", "db");
  if (fs::exists(out_path))
    throw Error(ErrorKind::bad_input,
                "Tệp '" + out_path + "' đã có. Hãy chọn tên tệp sao lưu mới (không ghi đè).", "o");
  const fs::path temporary = out_path + ".partial";
  fs::remove(temporary);

  Connection source, target;
  if (sqlite3_open_v2(db_path.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    fail("Không mở được '" + db_path + "'", source.db);
  sqlite3_busy_timeout(source.db, 10000);
  if (sqlite3_open_v2(temporary.c_str(), &target.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK)
    fail("Không tạo được '" + temporary.string() + "'", target.db);

  BackupResult result;
  {
    sqlite3_backup* backup = sqlite3_backup_init(target.db, "main", source.db, "main");
    if (backup == nullptr) fail("Không bắt đầu sao lưu được", target.db);
    // A few hundred pages per step, so that the servers' writers get the file between steps; a
    // write by another connection restarts the copy, which then catches up.
    int rc;
    while ((rc = sqlite3_backup_step(backup, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED) {
      if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    result.pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      fs::remove(temporary);
      fail("Sao lưu không hoàn tất", target.db);
    }
  }
  // The copy keeps the source's WAL mode; a backup file is one self-contained file.
  sqlite3_exec(target.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  {
    sqlite3_stmt* st = nullptr;
    std::string verdict;
    if (sqlite3_prepare_v2(target.db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      verdict = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (verdict != "ok") {
      fs::remove(temporary);
      throw Error(ErrorKind::internal, "Bản sao lưu không qua kiểm tra toàn vẹn: " + verdict);
    }
  }
  sqlite3_close(target.db);
  target.db = nullptr;
  fs::rename(temporary, out_path);
  result.bytes = static_cast<std::int64_t>(fs::file_size(out_path));
  return result;
}

}  // namespace llw
