// SqlSignInLog, the SignInLog port (domain/sign_in_log.h): the sign-in attempts, counted
// per client address and per account. Every read is one range of an index of login_attempts
// ((address, success, at) or (username, success, at)) and returns a handful of rows.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_sign_in_log.h"

namespace llw::sql {

void SqlSignInLog::record_attempt(std::string_view username, std::string_view address, bool success,
                                  Timestamp at) {
  context_.with_write_connection([&](Connection& connection) {
    connection
        .write<std::string, std::string, int, long long>(
            "INSERT INTO login_attempts (username, address, success, at) "
            "VALUES (:username, :address, :success, :at)")
        .run(std::string(username), std::string(address), success ? 1 : 0, at);
  });
}

namespace {

struct AtRow {
  long long at = 0;
  void bind(soci::statement& st) { st.exchange(soci::into(at)); }
};

struct IdAddressRow {
  long long id = 0;
  std::string address;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(address));
  }
};

struct AtAddressRow {
  long long at = 0;
  std::string address;
  void bind(soci::statement& st) {
    st.exchange(soci::into(at));
    st.exchange(soci::into(address));
  }
};

}  // namespace

// Every sign-in asks these: each is prepared once per connection.

std::vector<Timestamp> SqlSignInLog::failures_from_address(std::string_view address,
                                                           Timestamp since, int limit) {
  std::vector<Timestamp> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<AtRow, std::string, long long, long long>(
          "SELECT at FROM login_attempts WHERE address = :a AND success = 0 AND at >= :since "
          "ORDER BY at DESC LIMIT :n")
      .each([&](const AtRow& row) { found.push_back(row.at); }, std::string(address), since,
            std::max(limit, 0));
  return found;
}

std::vector<Timestamp> SqlSignInLog::failures_at_username_from_strangers(std::string_view username,
                                                                         Timestamp since,
                                                                         int limit) {
  std::vector<Timestamp> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<AtRow, std::string, long long, long long>(
          "SELECT f.at FROM login_attempts f WHERE f.username = :u AND f.success = 0 AND "
          "f.at >= :since AND NOT EXISTS (SELECT 1 FROM login_attempts s WHERE s.username = "
          "f.username AND s.success = 1 AND s.address = f.address) ORDER BY f.at DESC LIMIT :n")
      .each([&](const AtRow& row) { found.push_back(row.at); }, std::string(username), since,
            std::max(limit, 0));
  return found;
}

bool SqlSignInLog::has_signed_in_from(std::string_view username, std::string_view address) {
  auto connection = context_.pool().acquire();
  const auto row = connection
                       ->prepared<CountRow, std::string, std::string>(
                           "SELECT COUNT(*) FROM (SELECT 1 FROM login_attempts WHERE username = "
                           ":u AND success = 1 AND address = :a LIMIT 1) AS known")
                       .one(std::string(username), std::string(address));
  return row && row->value > 0;
}

std::vector<FailedSignIn> SqlSignInLog::failures_before_latest_sign_in(std::string_view username,
                                                                       int limit) {
  std::vector<FailedSignIn> found;
  auto connection = context_.pool().acquire();
  const std::string user(username);
  // The two latest successes bound the range (by id: the order they were written in, exact
  // within a second); with one success, everything before it.
  std::vector<IdAddressRow> successes;
  connection
      ->prepared<IdAddressRow, std::string>(
          "SELECT id, address FROM login_attempts WHERE username = :u AND success = 1 "
          "ORDER BY id DESC LIMIT 2")
      .each([&](const IdAddressRow& row) { successes.push_back(row); }, user);
  if (successes.empty()) return found;
  const long long latest = successes[0].id;
  const long long previous = successes.size() > 1 ? successes[1].id : 0;
  connection
      ->prepared<AtAddressRow, std::string, long long, long long, std::string, long long>(
          "SELECT at, address FROM login_attempts WHERE username = :u AND success = 0 AND "
          "id > :previous AND id < :latest AND address <> :here ORDER BY id DESC LIMIT :n")
      .each(
          [&](const AtAddressRow& row) {
            found.push_back(FailedSignIn{row.at, row.address});
          },
          user, previous, latest, successes[0].address, std::max(limit, 0));
  return found;
}

}  // namespace llw::sql
