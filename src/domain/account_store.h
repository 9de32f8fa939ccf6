#pragma once
// The storage port of accounts and their sessions (tokens stored only as hashes) and of account
// administration. Implemented by the SQL
// store (sql_account_store.cpp in src/storage/sql/), on both backends. Each method is a
// transaction of its own; a failing one changes nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clock.h"
#include "user.h"

namespace llw {

struct StoredUser {
  User user;
  std::string password_hash;  // argon2id string from libsodium
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Accounts and sessions. Tokens are stored only as hashes.
  virtual std::optional<StoredUser> find_user(std::string_view username) = 0;
  virtual User insert_user(const User& user, const std::string& password_hash) = 0;
  virtual void insert_session(const std::string& token_hash, std::int64_t user_id,
                              Timestamp expires_at) = 0;
  // The user of a live session; nullopt when unknown or expired (at `now`) or the user disabled.
  virtual std::optional<User> user_for_session(const std::string& token_hash, Timestamp now) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  // Account administration.
  // Users whose unit lies in the subtree of `path` by username, at most `limit`; every user
  // (admins without a unit included) when `path` is empty.
  virtual std::vector<User> list_users(std::string_view path, int limit) = 0;
  // Updates display name, role, unit and disabled of the user with `user.id` and returns it as
  // stored; Error{not_found} when there is none. Disabling also ends the user's sessions.
  virtual User update_user(const User& user) = 0;
  // Replaces the password hash, records whether the user must choose a new password at the next
  // sign-in, and ends the user's sessions except the one hashed `keep_token_hash` (none kept when
  // empty), in one transaction.
  virtual void set_password(std::int64_t user_id, const std::string& password_hash,
                            bool must_change, const std::string& keep_token_hash) = 0;
  virtual bool must_change_password(std::int64_t user_id) = 0;
};

}  // namespace llw
