// Sign-in, sessions and accounts.
#include "app/application.h"
#include "app/audited.h"
#include "app/password.h"
#include "app/vietnamese_text.h"
#include "domain/error.h"

namespace llw {
namespace {

constexpr std::size_t max_password_bytes = 1024;
constexpr std::size_t min_password_chars = 8;

const char* const wrong_credentials = "Tên đăng nhập hoặc mật khẩu không đúng.";
const char* const too_many_failures =
    "Bạn đã nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.";
const char* const bad_session =
    "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.";

// A real argon2id hash to verify against when the username is unknown, so that an unknown user
// costs the same time as a wrong password and timing does not reveal which accounts exist.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("llw-dummy-password-for-timing");
  return hash;
}

bool is_valid_username(const std::string& name) {
  if (name.size() < 3 || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Session Application::login(const std::string& username, const std::string& password,
                           const std::string& address) {
  // Every attempt goes to the audit log, with the account's unit when the account exists.
  User attempted;
  attempted.username = username;
  std::optional<OrgUnit> attempted_unit;
  auto record = [&](const std::string& outcome, const std::string& detail) {
    record_audit(&attempted, RequestContext{address}, "login",
                 attempted_unit ? &*attempted_unit : nullptr, username, detail, outcome);
  };
  try {
    if (username.size() <= 64) {
      if (auto known = store_->find_user(username)) {
        attempted = known->user;
        if (attempted.unit_id) attempted_unit = store_->find_unit_by_id(*attempted.unit_id);
      }
    }
  } catch (const Error&) {
    // The attempt is still recorded, without its account.
  }
  try {
    Session session = login_attempt(username, password, address);
    record("ok", "");
    return session;
  } catch (const Error& e) {
    record(error_code(e.kind()), e.field());
    throw;
  }
}

Session Application::login_attempt(const std::string& username, const std::string& password,
                                   const std::string& address) {
  const Timestamp now = clock_();
  if (store_->failed_logins(username, address, now - config_.failed_login_window).failures >=
      config_.max_failed_logins) {
    // Counted too, so that hammering during the lock-out keeps the lock-out going.
    store_->record_login_attempt(username, address, false, now);
    throw Error(ErrorKind::rate_limited, too_many_failures);
  }
  if (username.empty() || username.size() > 64 || password.size() > max_password_bytes) {
    store_->record_login_attempt(username, address, false, now);
    throw Error(ErrorKind::unauthenticated, wrong_credentials, "username");
  }
  auto stored = store_->find_user(username);
  bool ok = stored ? verify_password(stored->password_hash, password)
                   : (verify_password(dummy_hash(), password), false);
  if (!ok) {
    store_->record_login_attempt(username, address, false, now);
    throw Error(ErrorKind::unauthenticated, wrong_credentials, "password");
  }
  if (stored->user.disabled) {
    store_->record_login_attempt(username, address, false, now);
    throw Error(ErrorKind::unauthenticated,
                "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên để được mở lại.",
                "username");
  }
  store_->record_login_attempt(username, address, true, now);
  Session session;
  session.token = random_token();
  session.expires_at = now + config_.session_seconds;
  session.user = stored->user;
  store_->insert_session(token_hash(session.token), session.user.id, session.expires_at);
  return session;
}

User Application::authenticate(const std::string& token) {
  // Tokens are 43 characters; anything far from that is not worth a lookup.
  if (token.empty() || token.size() > 256) throw Error(ErrorKind::unauthenticated, bad_session);
  auto user = store_->user_for_session(token_hash(token), clock_());
  if (!user) throw Error(ErrorKind::unauthenticated, bad_session);
  return *user;
}

void Application::logout(const std::string& token) {
  if (token.empty() || token.size() > 256) return;
  store_->delete_session(token_hash(token));
}

User Application::add_user(const std::string& username, const std::string& display_name, Role role,
                           const std::string& unit_code, const std::string& password,
                           const RequestContext& context) {
  // The command line acts as the system; the web layer will pass the admin who acts.
  User system;
  system.username = "system";
  system.role = Role::admin;
  return audited(
      *this, system, context, "user.create", unit_code, username, std::string(to_string(role)),
      [&] {
        if (!is_valid_username(username)) {
          throw Error(
              ErrorKind::validation_failed,
              "Tên đăng nhập phải dài 3–64 ký tự, chỉ gồm chữ thường không dấu, chữ số và các "
              "dấu '.', '_', '-' (ví dụ: xa.anhung).",
              "username");
        }
        if (!is_valid_utf8(display_name) || display_name.size() > 200) {
          throw Error(ErrorKind::validation_failed,
                      "Họ tên phải là văn bản UTF-8 hợp lệ, tối đa 200 byte.", "name");
        }
        if (!is_valid_utf8(password) || password.size() < min_password_chars ||
            password.size() > max_password_bytes) {
          throw Error(ErrorKind::validation_failed, "Mật khẩu phải có ít nhất 8 ký tự.",
                      "password");
        }
        User user;
        user.username = username;
        user.display_name = display_name.empty() ? username : display_name;
        user.role = role;
        if (!unit_code.empty()) {
          OrgUnit unit = load_unit(unit_code);
          user.unit_id = unit.id;
          user.unit_code = unit.code;
          user.unit_path = unit.path;
        } else if (role != Role::admin) {
          throw Error(
              ErrorKind::validation_failed,
              "Tài khoản không phải quản trị hệ thống phải gắn với một đơn vị; hãy chọn đơn vị.",
              "unit");
        }
        return store_->insert_user(user, hash_password(password));
      });
}

}  // namespace llw
