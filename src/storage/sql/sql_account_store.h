#pragma once
// The AccountStore port: accounts, their passwords and their sessions.
// Defined in sql_account_store.cpp.

#include "domain/account_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlAccountStore : public AccountStore {
 public:
  explicit SqlAccountStore(SqlContext& context) : context_(context) {}

  std::optional<StoredUser> find_user(std::string_view username) override;
  User insert_user(const User& user, const std::string& password_hash) override;
  void insert_session(const std::string& token_hash, std::int64_t user_id,
                      Timestamp expires_at) override;
  std::optional<User> user_for_session(const std::string& token_hash, Timestamp now) override;
  void delete_session(const std::string& token_hash) override;
  std::vector<User> list_users(std::string_view path, int limit) override;
  User update_user(const User& user) override;
  void set_password(std::int64_t user_id, const std::string& password_hash, bool must_change,
                    const std::string& keep_token_hash) override;
  bool must_change_password(std::int64_t user_id) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
