#pragma once
// Fresh databases for tests, on either backend, shared by the storage, app and web tests.
//
// SQLite: a file in a new temporary directory. PostgreSQL: a new database (CREATE DATABASE) on the
// server named by LLW_TEST_PG_URL, or by the file ctest writes when its fixture llw_postgresql
// has started a throw-away server (scripts/pg_test_server.sh). Without either, tests that want
// PostgreSQL skip with kPgSkipMessage.
//
// The app and web fixtures pick their backend from LLW_TEST_BACKEND ("sqlite", the default, or
// "postgresql"): ctest registers every test of those binaries twice, once per backend (see
// tests/app/CMakeLists.txt), so every test written against the fixtures runs on both from one
// source, including tests added later.

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

struct pg_conn;  // libpq's PGconn

namespace llw::testing_support {

enum class Backend { sqlite, postgresql };

// Names the backend in test output and in the names ctest lists.
void PrintTo(Backend backend, std::ostream* out);
const char* backend_name(Backend backend);

// The backend the app and web fixtures use: LLW_TEST_BACKEND, sqlite when unset.
Backend backend_from_environment();

// The URL of the PostgreSQL server the tests may use, or empty: LLW_TEST_PG_URL, else the file
// the ctest fixture writes when it has started a server.
std::string pg_server_url();

// The URL with its database (the part after the last '/', before any '?') replaced.
std::string with_database(const std::string& url, const std::string& database);

extern const char kPgSkipMessage[];

// A libpq connection, for raw reads and for creating and dropping the test databases.
class PgConnection {
 public:
  explicit PgConnection(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Every column of every row, joined with '|' (columns) and '\n' (rows). Throws on errors.
  std::string rows(const std::string& query);

 private:
  ::pg_conn* conn_;
};

// Reads straight from the database, bypassing the store, to check what it wrote.
class RawDb {
 public:
  virtual ~RawDb() = default;
  // Every column of every row, joined with '|' (columns) and '\n' (rows).
  virtual std::string rows(const std::string& query) = 0;
  // The query plan, one line per row of EXPLAIN.
  virtual std::string plan(const std::string& query) = 0;

  std::string text(const std::string& query);
  long long integer(const std::string& query);
};

// A fresh database of one backend, dropped (or deleted) when the object goes.
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // What open_store and `llw --db` take: a file path or a postgresql:// URL.
  virtual std::string url() const = 0;
  virtual std::unique_ptr<RawDb> raw() = 0;
  virtual Backend backend() const = 0;
};

class SqliteDatabase : public TestDatabase {
 public:
  SqliteDatabase();
  ~SqliteDatabase() override;
  std::string url() const override;
  std::unique_ptr<RawDb> raw() override;
  Backend backend() const override { return Backend::sqlite; }
  // The temporary directory holding the file, for other files a test writes.
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

class PostgresDatabase : public TestDatabase {
 public:
  enum class Schema {
    // An empty database (copied from template0): opening the store applies every migration.
    empty,
    // A copy of a database that already has every migration of this build applied: creating
    // it is one file copy on the server instead of running the migrations per test.
    migrated,
  };
  PostgresDatabase(const std::string& server, Schema schema = Schema::empty);
  ~PostgresDatabase() override;
  std::string url() const override { return url_; }
  std::unique_ptr<RawDb> raw() override;
  Backend backend() const override { return Backend::postgresql; }
  const std::string& name() const { return name_; }

 private:
  PgConnection admin_;
  std::string name_;
  std::string url_;
};

// A fresh, migrated database of `backend`, or nullptr when PostgreSQL is wanted but no server is
// configured (the caller skips with kPgSkipMessage).
std::unique_ptr<TestDatabase> make_test_database(Backend backend);

// A temporary directory removed with the object, for files a test writes beside its database.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "llw-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace llw::testing_support
