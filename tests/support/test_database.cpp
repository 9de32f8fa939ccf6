#include "test_database.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "storage/open_store.h"
#include "storage/sql/migrations.h"

namespace llw::testing_support {

namespace fs = std::filesystem;

void PrintTo(Backend backend, std::ostream* out) { *out << backend_name(backend); }

const char* backend_name(Backend backend) {
  return backend == Backend::sqlite ? "sqlite" : "postgresql";
}

Backend backend_from_environment() {
  const char* value = std::getenv("LLW_TEST_BACKEND");
  if (value == nullptr || *value == '\0' || std::string(value) == "sqlite") return Backend::sqlite;
  if (std::string(value) == "postgresql") return Backend::postgresql;
  throw std::runtime_error(std::string("LLW_TEST_BACKEND must be sqlite or postgresql, not ") +
                           value);
}

std::string pg_server_url() {
  if (const char* url = std::getenv("LLW_TEST_PG_URL"); url != nullptr && *url != '\0') {
    return url;
  }
#ifdef LLW_TEST_PG_URL_FILE
  std::ifstream file(LLW_TEST_PG_URL_FILE);
  std::string url;
  if (file && std::getline(file, url)) return url;
#endif
  return "";
}

std::string with_database(const std::string& url, const std::string& database) {
  auto query = url.find('?');
  std::string base = url.substr(0, query);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  auto slash = base.rfind('/');
  if (slash == std::string::npos || slash < base.find("://") + 3)
    return base + "/" + database + tail;
  return base.substr(0, slash + 1) + database + tail;
}

const char kPgSkipMessage[] =
    "PostgreSQL instances skipped: set LLW_TEST_PG_URL=postgresql://user:password@host:port/db "
    "(a server where the user may CREATE DATABASE), or run the tests through ctest, which starts "
    "a throw-away server with scripts/pg_test_server.sh.";

PgConnection::PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    PQfinish(conn_);
    throw std::runtime_error("cannot connect to PostgreSQL: " + message);
  }
  // "database … does not exist, skipping" and the like are not news in a test's output.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() { PQfinish(conn_); }

std::string PgConnection::rows(const std::string& query) {
  PGresult* result = PQexec(conn_, query.c_str());
  auto status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    std::string message = PQresultErrorMessage(result);
    PQclear(result);
    throw std::runtime_error(message + " in: " + query);
  }
  std::string out;
  for (int r = 0; r < PQntuples(result); ++r) {
    for (int c = 0; c < PQnfields(result); ++c) {
      if (c) out += '|';
      out += PQgetvalue(result, r, c);
    }
    out += '\n';
  }
  PQclear(result);
  return out;
}

std::string RawDb::text(const std::string& query) {
  std::string all = rows(query);
  return all.substr(0, all.find_first_of("|\n"));
}

long long RawDb::integer(const std::string& query) { return std::stoll(text(query)); }

namespace {

class SqliteRawDb : public RawDb {
 public:
  explicit SqliteRawDb(const fs::path& file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + file.string());
    }
  }
  ~SqliteRawDb() override { sqlite3_close(db_); }

  std::string rows(const std::string& query) override {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, query.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* value = sqlite3_column_text(st, i);
        if (i) out += '|';
        out += value ? reinterpret_cast<const char*>(value) : "";
      }
      out += '\n';
    }
    sqlite3_finalize(st);
    return out;
  }

  std::string plan(const std::string& query) override {
    sqlite3_stmt* st = nullptr;
    std::string explain = "EXPLAIN QUERY PLAN " + query;
    if (sqlite3_prepare_v2(db_, explain.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      out += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
      out += "\n";
    }
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

class PgRawDb : public RawDb {
 public:
  explicit PgRawDb(const std::string& url) : conn_(url) {}
  std::string rows(const std::string& query) override { return conn_.rows(query); }
  std::string plan(const std::string& query) override {
    // Test tables are tiny, where a sequential scan is cheaper; ask whether the index can serve
    // the query at all.
    conn_.rows("SET enable_seqscan = off");
    return conn_.rows("EXPLAIN " + query);
  }

 private:
  PgConnection conn_;
};

fs::path make_temp_dir(const std::string& prefix) {
  std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

// FNV-1a over every migration's name and text: a new or edited migration gets a new template.
std::string migrations_fingerprint() {
  std::uint64_t hash = 1469598103934665603ULL;
  auto add = [&](const std::string& text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;
    hash *= 1099511628211ULL;
  };
  for (const auto& migration : sql::postgresql_migrations()) {
    add(migration.name);
    add(migration.sql);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

// The name of a template database with every migration of this build applied, creating it the
// first time. Test processes run in parallel (ctest -j) and each test is its own process, so the
// template lives on the server, and an advisory lock makes one process create it while the others
// wait.
std::string migrated_template(PgConnection& admin, const std::string& server) {
  const std::string fingerprint = migrations_fingerprint();
  const std::string name = "llw_tpl_" + fingerprint;
  const std::string lock = "SELECT pg_advisory_lock(7151530099)";
  admin.rows(lock);
  try {
    const bool ready =
        !admin.rows("SELECT 1 FROM pg_database WHERE datname = '" + name + "' AND datistemplate")
             .empty();
    if (!ready) {
      admin.rows("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      admin.rows("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
      open_store(with_database(server, name)).reset();  // applies the migrations, then closes
      admin.rows("ALTER DATABASE " + name + " IS_TEMPLATE true");
    }
  } catch (...) {
    admin.rows("SELECT pg_advisory_unlock(7151530099)");
    throw;
  }
  admin.rows("SELECT pg_advisory_unlock(7151530099)");
  return name;
}

}  // namespace

SqliteDatabase::SqliteDatabase() : dir_(make_temp_dir("llw-db")) {}

SqliteDatabase::~SqliteDatabase() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::string SqliteDatabase::url() const { return (dir_ / "llw.db").string(); }

std::unique_ptr<RawDb> SqliteDatabase::raw() { return std::make_unique<SqliteRawDb>(url()); }

PostgresDatabase::PostgresDatabase(const std::string& server, Schema schema) : admin_(server) {
  static std::atomic<int> counter{0};
  name_ = "llw_t_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  const std::string source =
      schema == Schema::migrated ? migrated_template(admin_, server) : "template0";
  admin_.rows("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  admin_.rows("CREATE DATABASE " + name_ + " TEMPLATE " + source + " ENCODING 'UTF8'");
  url_ = with_database(server, name_);
}

PostgresDatabase::~PostgresDatabase() {
  try {
    admin_.rows("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (...) {
    // Left behind; the server's folder is thrown away with it.
  }
}

std::unique_ptr<RawDb> PostgresDatabase::raw() { return std::make_unique<PgRawDb>(url_); }

std::unique_ptr<TestDatabase> make_test_database(Backend backend) {
  if (backend == Backend::sqlite) return std::make_unique<SqliteDatabase>();
  const std::string server = pg_server_url();
  if (server.empty()) return nullptr;
  return std::make_unique<PostgresDatabase>(server, PostgresDatabase::Schema::migrated);
}

TempDir::TempDir(const std::string& prefix) : path_(make_temp_dir(prefix)) {}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace llw::testing_support
