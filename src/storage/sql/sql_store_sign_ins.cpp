// SqlStore members for the SignInLog port (domain/sign_in_log.h): the sign-in attempts, counted
// per client address and per account. Every read is one range of an index of login_attempts
// ((address, success, at) or (username, success, at)) and returns a handful of rows.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>

#include "storage/sql/sql_store.h"

namespace llw::sql {

SignInLog& SqlStore::sign_ins() { return *this; }

void SqlStore::record_attempt(std::string_view username, std::string_view address, bool success,
                              Timestamp at) {
  with_write_session([&](soci::session& sql) {
    std::string user(username), addr(address);
    int ok = success ? 1 : 0;
    long long when = at;
    sql << "INSERT INTO login_attempts (username, address, success, at) "
           "VALUES (:username, :address, :success, :at)",
        soci::use(user), soci::use(addr), soci::use(ok), soci::use(when);
  });
}

std::vector<Timestamp> SqlStore::failures_from_address(std::string_view address, Timestamp since,
                                                       int limit) {
  std::vector<Timestamp> found;
  with_session([&](soci::session& sql) {
    std::string addr(address);
    long long from = since, max = std::max(limit, 0), at = 0;
    soci::statement st = (sql.prepare << "SELECT at FROM login_attempts WHERE address = :a AND "
                                         "success = 0 AND at >= :since ORDER BY at DESC LIMIT :n",
                          soci::into(at), soci::use(addr), soci::use(from), soci::use(max));
    st.execute();
    while (st.fetch()) found.push_back(at);
  });
  return found;
}

std::vector<Timestamp> SqlStore::failures_at_username_from_strangers(std::string_view username,
                                                                     Timestamp since, int limit) {
  std::vector<Timestamp> found;
  with_session([&](soci::session& sql) {
    std::string user(username);
    long long from = since, max = std::max(limit, 0), at = 0;
    soci::statement st =
        (sql.prepare << "SELECT f.at FROM login_attempts f WHERE f.username = :u AND "
                        "f.success = 0 AND f.at >= :since AND NOT EXISTS (SELECT 1 FROM "
                        "login_attempts s WHERE s.username = f.username AND s.success = 1 AND "
                        "s.address = f.address) ORDER BY f.at DESC LIMIT :n",
         soci::into(at), soci::use(user), soci::use(from), soci::use(max));
    st.execute();
    while (st.fetch()) found.push_back(at);
  });
  return found;
}

bool SqlStore::has_signed_in_from(std::string_view username, std::string_view address) {
  int found = 0;
  with_session([&](soci::session& sql) {
    std::string user(username), addr(address);
    sql << "SELECT COUNT(*) FROM (SELECT 1 FROM login_attempts WHERE username = :u AND "
           "success = 1 AND address = :a LIMIT 1) AS known",
        soci::into(found), soci::use(user), soci::use(addr);
  });
  return found > 0;
}

std::vector<FailedSignIn> SqlStore::failures_before_latest_sign_in(std::string_view username,
                                                                   int limit) {
  std::vector<FailedSignIn> found;
  with_session([&](soci::session& sql) {
    std::string user(username);
    // The two latest successes bound the range (by id: the order they were written in, exact
    // within a second); with one success, everything before it.
    long long latest = 0, previous = 0, id = 0, at = 0;
    std::string latest_address, address;
    {
      soci::statement st = (sql.prepare << "SELECT id, address FROM login_attempts WHERE "
                                           "username = :u AND success = 1 ORDER BY id DESC LIMIT 2",
                            soci::into(id), soci::into(address), soci::use(user));
      st.execute();
      if (!st.fetch()) return;
      latest = id;
      latest_address = address;
      if (st.fetch()) previous = id;
    }
    long long max = std::max(limit, 0);
    soci::statement st =
        (sql.prepare << "SELECT at, address FROM login_attempts WHERE username = :u AND "
                        "success = 0 AND id > :previous AND id < :latest AND address <> :here "
                        "ORDER BY id DESC LIMIT :n",
         soci::into(at), soci::into(address), soci::use(user), soci::use(previous),
         soci::use(latest), soci::use(latest_address), soci::use(max));
    st.execute();
    while (st.fetch()) found.push_back(FailedSignIn{at, address});
  });
  return found;
}

}  // namespace llw::sql
