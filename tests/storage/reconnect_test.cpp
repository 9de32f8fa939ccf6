// A PostgreSQL store whose connections the server dropped (a restart, pg_terminate_backend): a
// call that meets a dropped connection fails as "unreachable" (the web layer's 503), never as a
// fault, and the store reconnects by itself, so the calls after it succeed, writes included.
#include <gtest/gtest.h>

#include <string>

#include "domain/error.h"
#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::Backend;
using testing_support::PgConnection;
using testing_support::StoreFixture;
using testing_support::unit_input;

class ReconnectTest : public StoreFixture {
 protected:
  ReconnectTest() : StoreFixture(testing_support::with_connections(2)) {}

  // Ends every other session on the test's database, as a restart of the server does.
  void drop_connections() {
    PgConnection admin(database_->url());
    admin.rows(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
        "current_database() AND pid <> pg_backend_pid()");
  }

  // Runs `call` until it succeeds; every failure on the way must be "unreachable". Returns the
  // number of failures.
  template <typename Call>
  int until_it_succeeds(Call&& call) {
    for (int failures = 0; failures < 10; ++failures) {
      try {
        call();
        return failures;
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::unavailable) << e.what();
      } catch (const std::exception& e) {
        EXPECT_TRUE(store_->unreachable(e)) << e.what();
      }
    }
    ADD_FAILURE() << "the store did not reconnect";
    return -1;
  }
};

TEST_P(ReconnectTest, DroppedConnectionsFailAsUnreachableAndReconnectByThemselves) {
  store_->units().upsert_units({unit_input("HP", "Thành phố Hải Phòng", UnitKind::province, "")});
  ASSERT_TRUE(store_->units().find_unit("HP"));
  drop_connections();
  const int read_failures =
      until_it_succeeds([&] { ASSERT_TRUE(store_->units().find_unit("HP")); });
  // Every connection of the pool was dropped: the first use of one fails, each of the pool's two
  // connections at most once.
  EXPECT_GE(read_failures, 1);
  EXPECT_LE(read_failures, 2);
  drop_connections();
  const int write_failures = until_it_succeeds([&] {
    store_->units().upsert_units({unit_input("HP-AH", "Xã An Hưng", UnitKind::commune, "HP")});
  });
  EXPECT_GE(write_failures, 1);
  EXPECT_LE(write_failures, 2);
  ASSERT_TRUE(store_->units().find_unit("HP-AH"));
  EXPECT_EQ(store_->units().find_unit("HP-AH")->name, "Xã An Hưng");
}

TEST_P(ReconnectTest, AnErrorThatIsNotAboutTheConnectionIsNotUnreachable) {
  const std::runtime_error other("something else");
  EXPECT_FALSE(store_->unreachable(other));
}

INSTANTIATE_TEST_SUITE_P(Postgresql, ReconnectTest, ::testing::Values(Backend::postgresql),
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
