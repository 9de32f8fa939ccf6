// SqlStore members for account administration (listing, editing, passwords and the sessions a
// change ends).
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>

#include "domain/error.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_store.h"

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
  std::vector<User> users;
  with_session([&](soci::session& sql) {
    long long max_rows = std::max(limit, 0);
    if (path.empty()) {
      users = query_users(sql, "ORDER BY us.username LIMIT :limit", soci::use(max_rows, "limit"));
    } else {
      std::string low(path), high = path_upper_bound(std::string(path));
      users = query_users(
          sql, "WHERE un.path >= :low AND un.path < :high ORDER BY us.username LIMIT :limit",
          soci::use(low, "low"), soci::use(high, "high"), soci::use(max_rows, "limit"));
    }
  });
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
  int flag = 0;
  with_session([&](soci::session& sql) {
    long long id = user_id;
    sql << "SELECT must_change_password FROM users WHERE id = :id", soci::into(flag), soci::use(id);
    if (!sql.got_data()) flag = 0;
  });
  return flag != 0;
}

}  // namespace llw::sql
