// SqlStore members for account administration (listing, editing, passwords and the sessions a
// change ends).
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>

#include "domain/error.h"
#include "storage/sql/aggregate_writers.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {
namespace {

template <typename... Uses>
std::vector<User> query_users(soci::session& sql, const std::string& tail, Uses&&... uses) {
  std::vector<User> users;
  for_each_row<UserRow>(
      sql, std::string("SELECT ") + kUserColumnList + kUserFrom + tail,
      [&](const UserRow& row) { users.push_back(row.to_user()); }, std::forward<Uses>(uses)...);
  return users;
}

Error user_not_found(std::int64_t id) {
  return Error(ErrorKind::not_found,
               "Không tìm thấy tài khoản số " + std::to_string(id) + ". Hãy tải lại danh sách.",
               "username");
}

}  // namespace

std::vector<User> SqlStore::list_users(std::string_view path, int limit) {
  // The accounts page: prepared once per connection.
  std::vector<User> users;
  auto add = [&](const UserRow& row) { users.push_back(row.to_user()); };
  const std::string columns = std::string("SELECT ") + kUserColumnList + kUserFrom;
  const long long max_rows = std::max(limit, 0);
  auto connection = pool_->acquire();
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

User SqlStore::update_user(const User& user) {
  std::vector<User> updated;
  with_write_session([&](soci::session& sql) {
    long long id = user.id;
    long long unit_id = user.unit_id.value_or(0);
    soci::indicator unit_ind = user.unit_id ? soci::i_ok : soci::i_null;
    std::string role(to_string(user.role));
    int disabled = user.disabled ? 1 : 0;
    soci::statement update =
        (sql.prepare << "UPDATE users SET display_name = :display, role = :role, unit_id = :unit, "
                        "disabled = :disabled WHERE id = :id",
         soci::use(user.display_name, "display"), soci::use(role, "role"),
         soci::use(unit_id, unit_ind, "unit"), soci::use(disabled, "disabled"),
         soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0) throw user_not_found(user.id);
    // A disabled account stops at once: its sessions go with the same commit.
    if (user.disabled) sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);
    updated = query_users(sql, "WHERE us.id = :id", soci::use(id, "id"));
  });
  return updated.at(0);
}

void SqlStore::set_password(std::int64_t user_id, const std::string& password_hash,
                            bool must_change, const std::string& keep_token_hash) {
  with_write_session([&](soci::session& sql) {
    long long id = user_id;
    int flag = must_change ? 1 : 0;
    soci::statement update =
        (sql.prepare << "UPDATE users SET password_hash = :hash, must_change_password = :flag "
                        "WHERE id = :id",
         soci::use(password_hash, "hash"), soci::use(flag, "flag"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0) throw user_not_found(user_id);
    sql << "DELETE FROM sessions WHERE user_id = :id AND token_hash <> :keep", soci::use(id),
        soci::use(keep_token_hash);
  });
}

bool SqlStore::must_change_password(std::int64_t user_id) {
  // Every sign-in asks: prepared once per connection.
  auto connection = pool_->acquire();
  const auto row =
      connection
          ->prepared<CountRow, long long>("SELECT must_change_password FROM users WHERE id = :id")
          .one(user_id);
  return row && row->value != 0;
}

// -----------------------------------------------------------------------------------------------
// Accounts and sessions.

std::optional<StoredUser> SqlStore::find_user(std::string_view username) {
  auto connection = pool_->acquire();
  return query_user(*connection, "WHERE us.username = :username", std::string(username));
}

User SqlStore::insert_user(const User& user, const std::string& password_hash) {
  long long id = write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    long long id = 0;
    int taken = 0;
    sql << "SELECT COUNT(*) FROM users WHERE username = :username", soci::into(taken),
        soci::use(user.username);
    if (taken != 0) {
      throw Error(ErrorKind::conflict,
                  "Tên đăng nhập '" + user.username + "' đã được dùng. Hãy chọn tên khác.",
                  "username");
    }
    long long unit_id = user.unit_id.value_or(0);
    soci::indicator unit_ind = user.unit_id ? soci::i_ok : soci::i_null;
    std::string role(to_string(user.role));
    int disabled = user.disabled ? 1 : 0;
    long long now = static_cast<long long>(std::time(nullptr));
    sql << "INSERT INTO users (username, display_name, password_hash, role, unit_id, disabled, "
           "created_at) VALUES (:username, :display, :hash, :role, :unit, :disabled, :at) "
           "RETURNING id",
        soci::into(id), soci::use(user.username), soci::use(user.display_name),
        soci::use(password_hash), soci::use(role), soci::use(unit_id, unit_ind),
        soci::use(disabled), soci::use(now);
    return id;
  });
  auto connection = pool_->acquire();
  return query_user(*connection, "WHERE us.id = :id", id)->user;
}

void SqlStore::insert_session(const std::string& token_hash, std::int64_t user_id,
                              Timestamp expires_at) {
  write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    long long user = user_id;
    long long expires = expires_at;
    sql << "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (:token, :user, :exp)",
        soci::use(token_hash), soci::use(user), soci::use(expires);
  });
}

std::optional<User> SqlStore::user_for_session(const std::string& token_hash, Timestamp now) {
  auto connection = pool_->acquire();
  long long at = now;
  auto stored = query_user(*connection,
                           "JOIN sessions s ON s.user_id = us.id WHERE s.token_hash = :token "
                           "AND s.expires_at > :now AND us.disabled = 0",
                           token_hash, at);
  if (!stored) return std::nullopt;
  return stored->user;
}

void SqlStore::delete_session(const std::string& token_hash) {
  write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    sql << "DELETE FROM sessions WHERE token_hash = :token", soci::use(token_hash);
  });
}

}  // namespace llw::sql
