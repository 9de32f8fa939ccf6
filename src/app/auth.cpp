// Sign-in, sessions and the sign-in lock-out (accounts are in user_admin.cpp).
#include <algorithm>

#include "app/application.h"
#include "app/audited.h"
#include "app/password.h"
#include "app/vietnamese_text.h"
#include "domain/error.h"

namespace llw {
namespace {

constexpr std::size_t max_password_bytes = 1024;
const char* const wrong_credentials = "Tên đăng nhập hoặc mật khẩu không đúng.";
const char* const bad_session =
    "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.";

// A real argon2id hash to verify against when the username is unknown, so that an unknown user
// costs the same time as a wrong password and timing does not reveal which accounts exist.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("llw-dummy-password-for-timing");
  return hash;
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
    if (auto error = lockout(username, address, now)) throw *error;
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

std::optional<Error> Application::lockout(const std::string& username, const std::string& address,
                                          Timestamp now) {
  const Timestamp since = now - config_.failed_login_window;
  if (store_->failed_logins(username, address, since).failures < config_.max_failed_logins) {
    return std::nullopt;
  }
  // The lock-out ends when the oldest of the last `max` failures leaves the window.
  const Timestamp oldest =
      store_->nth_latest_failed_login(username, address, since, config_.max_failed_logins);
  const Timestamp until = std::max(oldest + config_.failed_login_window + 1, now + 1);
  const std::int64_t minutes = (until - now + 59) / 60;
  const std::int64_t clock = ((until + 59 + 7 * 3600) / 60) % (24 * 60);  // Vietnam, rounded up
  const std::string at = std::to_string(clock / 600) + std::to_string(clock / 60 % 10) + ":" +
                         std::to_string(clock % 60 / 10) + std::to_string(clock % 10);
  return Error(ErrorKind::rate_limited,
               "Bạn đã nhập sai mật khẩu quá nhiều lần nên tạm thời chưa đăng nhập được. Hãy đợi " +
                   std::to_string(minutes) + " phút (đến khoảng " + at +
                   ") rồi thử lại; mỗi lần thử trong lúc chờ sẽ kéo dài thời gian chờ.");
}

}  // namespace llw
