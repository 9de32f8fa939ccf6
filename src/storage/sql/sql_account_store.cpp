// SqlAccountStore members for account administration (listing, editing, passwords and the sessions
// a change ends).
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>

#include "domain/error.h"
#include "storage/sql/aggregate_writers.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_account_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {
namespace {

std::optional<User> query_user_by_id(Connection& connection, long long id) {
  auto row = connection
                 .prepared<UserRow, long long>(std::string("SELECT ") + kUserColumnList +
                                               kUserFrom + "WHERE us.id = :id")
                 .one(id);
  if (!row) return std::nullopt;
  return row->to_user();
}

Error user_not_found(std::int64_t id) {
  return Error(ErrorKind::not_found,
               "Không tìm thấy tài khoản số " + std::to_string(id) + ". Hãy tải lại danh sách.",
               "username");
}

}  // namespace

std::vector<User> SqlAccountStore::list_users(std::string_view path, int limit) {
  // The accounts page: prepared once per connection.
  std::vector<User> users;
  auto add = [&](const UserRow& row) { users.push_back(row.to_user()); };
  const std::string columns = std::string("SELECT ") + kUserColumnList + kUserFrom;
  const long long max_rows = std::max(limit, 0);
  auto connection = context_.pool().acquire();
  if (path.empty()) {
    connection->prepared<UserRow, long long>(columns + "ORDER BY us.username LIMIT :limit")
        .each(add, max_rows);
  } else {
    connection
        ->prepared<UserRow, std::string, std::string, long long>(
            columns + "WHERE un.path >= :low AND un.path < :high ORDER BY us.username LIMIT :limit")
        .each(add, std::string(path), path_upper_bound(std::string(path)), max_rows);
  }
  return users;
}

User SqlAccountStore::update_user(const User& user) {
  std::optional<User> updated;
  context_.with_write_connection([&](Connection& connection) {
    long long id = user.id;
    std::optional<long long> unit_id;
    if (user.unit_id) unit_id = *user.unit_id;
    std::string role(to_string(user.role));
    int disabled = user.disabled ? 1 : 0;
    const long long changed =
        connection
            .write<std::string, std::string, Nullable<long long>, int, long long>(
                "UPDATE users SET display_name = :display, role = :role, unit_id = :unit, "
                "disabled = :disabled WHERE id = :id")
            .run(user.display_name, role, unit_id, disabled, id);
    if (changed == 0) throw user_not_found(user.id);
    // A disabled account stops at once: its sessions go with the same commit.
    if (user.disabled) {
      connection.write<long long>("DELETE FROM sessions WHERE user_id = :id").run(id);
    }
    updated = query_user_by_id(connection, id);
  });
  if (!updated) throw user_not_found(user.id);
  return *updated;
}

void SqlAccountStore::set_password(std::int64_t user_id, const std::string& password_hash,
                                   bool must_change, const std::string& keep_token_hash) {
  context_.with_write_connection([&](Connection& connection) {
    long long id = user_id;
    int flag = must_change ? 1 : 0;
    const long long changed =
        connection
            .write<std::string, int, long long>(
                "UPDATE users SET password_hash = :hash, must_change_password = :flag "
                "WHERE id = :id")
            .run(password_hash, flag, id);
    if (changed == 0) throw user_not_found(user_id);
    connection
        .write<long long, std::string>(
            "DELETE FROM sessions WHERE user_id = :id AND token_hash <> :keep")
        .run(id, keep_token_hash);
  });
}

bool SqlAccountStore::must_change_password(std::int64_t user_id) {
  // Every sign-in asks: prepared once per connection.
  auto connection = context_.pool().acquire();
  const auto row =
      connection
          ->prepared<CountRow, long long>("SELECT must_change_password FROM users WHERE id = :id")
          .one(user_id);
  return row && row->value != 0;
}

// -----------------------------------------------------------------------------------------------
// Accounts and sessions.

std::optional<StoredUser> SqlAccountStore::find_user(std::string_view username) {
  auto connection = context_.pool().acquire();
  return query_user(*connection, "WHERE us.username = :username", std::string(username));
}

User SqlAccountStore::insert_user(const User& user, const std::string& password_hash) {
  long long id = context_.write_transaction([&](Connection& connection) {
    const auto taken = connection
                           .prepared<CountRow, std::string>(
                               "SELECT COUNT(*) FROM users WHERE username = :username")
                           .one(user.username);
    if (taken && taken->value != 0) {
      throw Error(ErrorKind::conflict,
                  "Tên đăng nhập '" + user.username + "' đã được dùng. Hãy chọn tên khác.",
                  "username");
    }
    std::optional<long long> unit_id;
    if (user.unit_id) unit_id = *user.unit_id;
    std::string role(to_string(user.role));
    int disabled = user.disabled ? 1 : 0;
    long long now = static_cast<long long>(std::time(nullptr));
    const auto inserted =
        connection
            .prepared<CountRow, std::string, std::string, std::string, std::string,
                      Nullable<long long>, int, long long>(
                "INSERT INTO users (username, display_name, password_hash, role, unit_id, "
                "disabled, created_at) VALUES (:username, :display, :hash, :role, :unit, "
                ":disabled, :at) RETURNING id")
            .one(user.username, user.display_name, password_hash, role, unit_id, disabled, now);
    return inserted.value().value;
  });
  auto connection = context_.pool().acquire();
  return query_user(*connection, "WHERE us.id = :id", id)->user;
}

void SqlAccountStore::insert_session(const std::string& token_hash, std::int64_t user_id,
                                     Timestamp expires_at) {
  context_.write_transaction([&](Connection& connection) {
    long long user = user_id;
    long long expires = expires_at;
    connection
        .write<std::string, long long, long long>(
            "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (:token, :user, :exp)")
        .run(token_hash, user, expires);
  });
}

std::optional<User> SqlAccountStore::user_for_session(const std::string& token_hash,
                                                      Timestamp now) {
  auto connection = context_.pool().acquire();
  long long at = now;
  auto stored = query_user(*connection,
                           "JOIN sessions s ON s.user_id = us.id WHERE s.token_hash = :token "
                           "AND s.expires_at > :now AND us.disabled = 0",
                           token_hash, at);
  if (!stored) return std::nullopt;
  return stored->user;
}

void SqlAccountStore::delete_session(const std::string& token_hash) {
  context_.write_transaction([&](Connection& connection) {
    connection.write<std::string>("DELETE FROM sessions WHERE token_hash = :token").run(token_hash);
  });
}

}  // namespace llw::sql
