// Account administration: listing, adding, editing, disabling accounts, resetting and changing
// passwords. Who may act on which account is the domain's policy (may_manage_user,
// may_assign_role); what a valid account and a strong password are is decided here.
#include <algorithm>
#include <cctype>

#include "app/accounts.h"
#include "app/application.h"
#include "app/audited.h"
#include "app/common_passwords.h"
#include "app/password.h"
#include "app/sign_in.h"
#include "app/use_case_core.h"
#include "app/vietnamese_text.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {
namespace {

constexpr std::size_t max_password_bytes = 1024;
constexpr std::size_t min_password_chars = 8;
// A subtree's accounts are read at most this many at a time before the search narrows them.
constexpr int max_listed_users = 20000;

const char* const not_manager = "Chỉ quản trị viên hoặc điều phối viên mới quản lý được tài khoản.";
const char* const not_your_account =
    "Bạn không có quyền quản lý tài khoản này: điều phối viên chỉ quản lý tài khoản của các đơn vị "
    "thuộc phạm vi của mình, không quản lý tài khoản quản trị hệ thống.";
const char* const role_too_high =
    "Bạn không thể cấp vai trò này ở đơn vị này: điều phối viên chỉ cấp vai trò điều phối, báo cáo "
    "viên hoặc xem, cho đơn vị thuộc phạm vi của mình.";
const char* const weak_password =
    "Mật khẩu mới phải có ít nhất 8 ký tự, gồm ít nhất hai loại trong ba loại: chữ cái, chữ số, "
    "ký hiệu (ví dụ: cay-phuong-do-7), không chứa tên đăng nhập và không phải mật khẩu phổ biến "
    "(như Passw0rd, matkhau123, hoctap2025).";

bool is_valid_username(const std::string& name) {
  if (name.size() < 3 || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::size_t count_code_points(const std::string& text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// The strength rule for passwords people choose or are given in the browser: long enough, of at
// least two kinds of characters, and not built on the username.
bool is_strong_password(const std::string& password, const std::string& username) {
  if (!is_valid_utf8(password) || password.size() > max_password_bytes ||
      count_code_points(password) < min_password_chars) {
    return false;
  }
  bool letters = false, digits = false, symbols = false;
  for (const char c : password) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || std::isalpha(byte)) {
      letters = true;  // Vietnamese letters are the non-ASCII bytes
    } else if (std::isdigit(byte)) {
      digits = true;
    } else {
      symbols = true;
    }
  }
  if (int(letters) + int(digits) + int(symbols) < 2) return false;
  if (is_common_password(password)) return false;
  std::string lower = password;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return username.size() < 3 || lower.find(username) == std::string::npos;
}

void require_strong_password(const std::string& password, const std::string& username,
                             const char* field) {
  if (!is_strong_password(password, username)) {
    throw Error(ErrorKind::validation_failed, weak_password, field, {{field, weak_password}});
  }
}

void require_account_manager(const User& actor) {
  if (actor.disabled || (actor.role != Role::admin && actor.role != Role::coordinator)) {
    throw Error(ErrorKind::forbidden, not_manager, "unit");
  }
}

// What an audit entry says about a change, e.g. "role=reporter unit=HP-X disabled=1".
std::string describe(const UserChange& change) {
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : " ") + part; };
  if (change.role) add("role=" + std::string(to_string(*change.role)));
  if (change.unit_code) add("unit=" + *change.unit_code);
  if (change.disabled) add(std::string("disabled=") + (*change.disabled ? "1" : "0"));
  if (change.display_name) add("name");
  return out;
}

}  // namespace

User Accounts::insert_account(const NewUser& input, bool must_change) {
  if (!is_valid_username(input.username)) {
    throw Error(ErrorKind::validation_failed,
                "Tên đăng nhập phải dài 3–64 ký tự, chỉ gồm chữ thường không dấu, chữ số và các "
                "dấu '.', '_', '-' (ví dụ: xa.anhung).",
                "username");
  }
  if (!is_clean_text(input.display_name, TextShape::line) || input.display_name.size() > 200) {
    throw Error(ErrorKind::validation_failed,
                "Họ tên phải là một dòng chữ (không có ký tự điều khiển), tối đa 200 byte.",
                "name");
  }
  if (!is_valid_utf8(input.password) || input.password.size() < min_password_chars ||
      input.password.size() > max_password_bytes) {
    throw Error(ErrorKind::validation_failed, "Mật khẩu phải có ít nhất 8 ký tự.", "password");
  }
  User user;
  user.username = input.username;
  user.display_name = input.display_name.empty() ? input.username : input.display_name;
  user.role = input.role;
  if (!input.unit_code.empty()) {
    OrgUnit unit = core_.load_unit(input.unit_code);
    user.unit_id = unit.id;
    user.unit_code = unit.code;
    user.unit_path = unit.path;
  } else if (input.role != Role::admin) {
    throw Error(ErrorKind::validation_failed,
                "Tài khoản không phải quản trị hệ thống phải gắn với một đơn vị; hãy chọn đơn vị.",
                "unit");
  }
  const std::string hash = hash_password(input.password);
  User stored = store_->accounts().insert_user(user, hash);
  if (must_change) store_->accounts().set_password(stored.id, hash, true, "");
  return stored;
}

User Accounts::add_user(const std::string& username, const std::string& display_name, Role role,
                        const std::string& unit_code, const std::string& password,
                        const RequestContext& context) {
  // The command line acts as the system and chooses the password itself.
  User system;
  system.username = "system";
  system.role = Role::admin;
  return audited(
      app_, system, context, "user.create", unit_code, username, std::string(to_string(role)), [&] {
        return insert_account({username, display_name, role, unit_code, password}, false);
      });
}

std::vector<User> Accounts::list_users(const User& actor, const std::string& unit_code,
                                       const std::string& search, int limit) {
  require_account_manager(actor);
  std::string path;
  if (!unit_code.empty()) {
    const OrgUnit unit = core_.load_unit(unit_code);
    require_allowed(actor, Action::manage_users, unit);
    path = unit.path;
  } else if (actor.role != Role::admin) {
    path = actor.unit_path;
    if (path.empty()) throw Error(ErrorKind::forbidden, not_manager, "unit");
  }
  const std::string key = search_key(search);
  std::vector<User> users;
  for (User& user : store_->accounts().list_users(path, max_listed_users)) {
    OrgUnit unit;
    unit.path = user.unit_path;
    if (!may_manage_user(actor, user, user.unit_id ? &unit : nullptr)) continue;
    if (!key.empty()) {
      const std::string haystack =
          search_key(user.username + " " + user.display_name + " " + user.unit_code);
      if (haystack.find(key) == std::string::npos) continue;
    }
    users.push_back(std::move(user));
    if (static_cast<int>(users.size()) >= limit) break;
  }
  return users;
}

User Accounts::get_user(const User& actor, const std::string& username) {
  require_account_manager(actor);
  std::optional<StoredUser> stored;
  if (username.size() <= 64) stored = store_->accounts().find_user(username);
  if (!stored) {
    throw Error(ErrorKind::not_found,
                "Không tìm thấy tài khoản '" + sanitize_utf8(username.substr(0, 64)) +
                    "'. Hãy kiểm tra lại tên đăng nhập.",
                "username");
  }
  std::optional<OrgUnit> unit;
  if (stored->user.unit_id) unit = store_->units().find_unit_by_id(*stored->user.unit_id);
  if (!may_manage_user(actor, stored->user, unit ? &*unit : nullptr)) {
    throw Error(ErrorKind::forbidden, not_your_account, "username");
  }
  return stored->user;
}

User Accounts::create_user(const User& actor, const NewUser& input, const RequestContext& context) {
  return audited(app_, actor, context, "user.create", input.unit_code, input.username,
                 std::string(to_string(input.role)), [&] {
                   require_account_manager(actor);
                   std::optional<OrgUnit> unit;
                   if (!input.unit_code.empty()) unit = core_.load_unit(input.unit_code);
                   if (!may_assign_role(actor, input.role, unit ? &*unit : nullptr)) {
                     throw Error(ErrorKind::forbidden, role_too_high, "role");
                   }
                   require_strong_password(input.password, input.username, "password");
                   return insert_account(input, true);
                 });
}

User Accounts::update_user(const User& actor, const std::string& username, const UserChange& change,
                           const RequestContext& context) {
  // The entry is filed under the account's current unit.
  std::string unit_code;
  try {
    if (username.size() <= 64) {
      if (auto stored = store_->accounts().find_user(username)) unit_code = stored->user.unit_code;
    }
  } catch (const Error&) {
  }
  return audited(app_, actor, context, "user.update", unit_code, username, describe(change), [&] {
    User user = get_user(actor, username);
    const bool self = user.id == actor.id;
    if (change.display_name) {
      if (!is_clean_text(*change.display_name, TextShape::line) ||
          change.display_name->size() > 200) {
        throw Error(ErrorKind::validation_failed,
                    "Họ tên phải là một dòng chữ (không có ký tự điều khiển), tối đa 200 byte.",
                    "name");
      }
      user.display_name = change.display_name->empty() ? user.username : *change.display_name;
    }
    const Role role = change.role.value_or(user.role);
    const std::string new_unit = change.unit_code.value_or(user.unit_code);
    const bool moves = role != user.role || new_unit != user.unit_code;
    const bool disables = change.disabled && *change.disabled != user.disabled;
    if (self && (moves || disables)) {
      throw Error(ErrorKind::forbidden,
                  "Bạn không thể tự đổi vai trò, đơn vị hoặc khóa tài khoản của chính mình; hãy "
                  "nhờ một quản trị viên khác.",
                  "username");
    }
    if (moves) {
      std::optional<OrgUnit> unit;
      if (!new_unit.empty()) unit = core_.load_unit(new_unit);
      if (role != Role::admin && !unit) {
        throw Error(
            ErrorKind::validation_failed,
            "Tài khoản không phải quản trị hệ thống phải gắn với một đơn vị; hãy chọn đơn vị.",
            "unit");
      }
      if (!may_assign_role(actor, role, unit ? &*unit : nullptr)) {
        throw Error(ErrorKind::forbidden, role_too_high, "role");
      }
      user.role = role;
      user.unit_id = unit ? std::optional<std::int64_t>(unit->id) : std::nullopt;
      user.unit_code = unit ? unit->code : std::string{};
      user.unit_path = unit ? unit->path : std::string{};
    }
    if (change.disabled) user.disabled = *change.disabled;
    return store_->accounts().update_user(user);
  });
}

void Accounts::reset_password(const User& actor, const std::string& username,
                              const std::string& new_password, const RequestContext& context) {
  std::string unit_code;
  try {
    if (username.size() <= 64) {
      if (auto stored = store_->accounts().find_user(username)) unit_code = stored->user.unit_code;
    }
  } catch (const Error&) {
  }
  audited(app_, actor, context, "user.reset_password", unit_code, username, "", [&] {
    const User user = get_user(actor, username);
    require_strong_password(new_password, user.username, "password");
    // Every session and API token of the account ends with the old password.
    store_->accounts().set_password(user.id, hash_password(new_password), true, "");
  });
}

void Accounts::change_password(const User& actor, const std::string& session_token,
                               const std::string& current_password, const std::string& new_password,
                               const RequestContext& context) {
  audited(app_, actor, context, "user.change_password", actor.unit_code, actor.username, "", [&] {
    // A wrong current password counts as a failed sign-in: a borrowed session cannot be used
    // to guess the password.
    const Timestamp now = clock_();
    if (auto error = app_.sign_in().lockout(actor.username, context.address, now)) throw *error;
    const auto stored = store_->accounts().find_user(actor.username);
    if (!stored || current_password.size() > max_password_bytes ||
        !verify_password(stored->password_hash, current_password)) {
      store_->sign_ins().record_attempt(actor.username, context.address, false, now);
      throw Error(ErrorKind::validation_failed, "Mật khẩu hiện tại không đúng. Hãy nhập lại.",
                  "current_password",
                  {{"current_password", "Mật khẩu hiện tại không đúng. Hãy nhập lại."}});
    }
    if (new_password == current_password) {
      const char* message = "Mật khẩu mới phải khác mật khẩu hiện tại.";
      throw Error(ErrorKind::validation_failed, message, "new_password",
                  {{"new_password", message}});
    }
    require_strong_password(new_password, actor.username, "new_password");
    store_->accounts().set_password(
        actor.id, hash_password(new_password), false,
        session_token.empty() ? std::string{} : token_hash(session_token));
  });
}

bool Accounts::must_change_password(const User& user) {
  return user.id != 0 && store_->accounts().must_change_password(user.id);
}

}  // namespace llw
