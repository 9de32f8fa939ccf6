#pragma once
// The storage tests' fixture: every test of a fixture derived from StoreFixture runs once per
// backend, on a fresh SQLite file or a fresh PostgreSQL database, and gets a store opened on it.
// Without a PostgreSQL server (see test_database.h) the PostgreSQL instances skip with a message
// saying how to run them.
//
//   class ExportsStoreTest : public StoreFixture {
//    protected:
//     void populate() override { ... the test's own tree ... }
//   };
//   INSTANTIATE_TEST_SUITE_P(Backends, ExportsStoreTest, kBothBackends, backend_param_name);

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "sample_data.h"
#include "storage/open_store.h"
#include "test_database.h"

namespace llw::testing_support {

// Store options with a pool of `connections` connections.
inline StoreOptions with_connections(int connections) {
  StoreOptions options;
  options.pool_size = connections;
  return options;
}

class StoreFixture : public ::testing::TestWithParam<Backend> {
 protected:
  // `options` are what every open of the store gets; `schema` is the PostgreSQL database's
  // start: empty (every migration runs in the test, as on a first start) or already migrated.
  explicit StoreFixture(StoreOptions options = {},
                        PostgresDatabase::Schema schema = PostgresDatabase::Schema::empty)
      : options_(std::move(options)), schema_(schema) {}

  void SetUp() override {
    if (GetParam() == Backend::postgresql) {
      const std::string server = pg_server_url();
      if (server.empty()) GTEST_SKIP() << kPgSkipMessage;
      database_ = std::make_unique<PostgresDatabase>(server, schema_);
    } else {
      database_ = std::make_unique<SqliteDatabase>();
    }
    store_ = open_store(database_->url(), options_);
    populate();
  }
  // What every test of the fixture starts from, written once the store is open (not called
  // when the test is skipped).
  virtual void populate() {}

  void TearDown() override {
    store_.reset();
    database_.reset();
  }

  // Closes and opens the store again on the same database.
  void reopen() {
    store_.reset();
    store_ = open_store(database_->url(), options_);
  }
  std::unique_ptr<RawDb> raw() { return database_->raw(); }
  bool sqlite() const { return GetParam() == Backend::sqlite; }
  std::int64_t id_of(const std::string& code) { return store_->units().find_unit(code)->id; }

  std::unique_ptr<TestDatabase> database_;
  std::shared_ptr<Store> store_;

 private:
  StoreOptions options_;
  PostgresDatabase::Schema schema_;
};

inline const auto kBothBackends = ::testing::Values(Backend::sqlite, Backend::postgresql);

// "Sqlite" and "Postgresql", the suffixes of the instantiated test names.
inline std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "Sqlite" : "Postgresql";
}

}  // namespace llw::testing_support
