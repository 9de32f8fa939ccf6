// Sign-in, sessions and the sign-in lock-out (accounts are in user_admin.cpp).
#include <algorithm>

#include "app/application.h"
#include "app/audit_trail.h"
#include "app/audited.h"
#include "app/password.h"
#include "app/sign_in.h"
#include "app/vietnamese_text.h"
#include "domain/error.h"
#include "domain/store.h"

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

// "14:05": an instant as the clock in Vietnam shows it, rounded up to the minute.
std::string format_vietnam_time(Timestamp at) {
  const std::int64_t clock = ((at + 59 + 7 * 3600) / 60) % (24 * 60);
  return std::to_string(clock / 600) + std::to_string(clock / 60 % 10) + ":" +
         std::to_string(clock % 60 / 10) + std::to_string(clock % 10);
}

}  // namespace

Session SignIn::login(const std::string& username, const std::string& password,
                      const std::string& address) {
  // Every attempt goes to the audit log, with the account's unit when the account exists.
  User attempted;
  attempted.username = username;
  std::optional<OrgUnit> attempted_unit;
  auto record = [&](const std::string& outcome, const std::string& detail) {
    app_.audit().record_audit(&attempted, RequestContext{address}, "login",
                              attempted_unit ? &*attempted_unit : nullptr, username, detail,
                              outcome);
  };
  try {
    if (username.size() <= 64) {
      if (auto known = store_->accounts().find_user(username)) {
        attempted = known->user;
        if (attempted.unit_id) attempted_unit = store_->units().find_unit_by_id(*attempted.unit_id);
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

Session SignIn::login_attempt(const std::string& username, const std::string& password,
                              const std::string& address) {
  const Timestamp now = clock_();
  SignInLog& log = store_->sign_ins();
  if (lockout(username, address, now)) {
    // Counted too, so that hammering during the lock-out keeps the lock-out going; the wait
    // told is the one this try leaves.
    log.record_attempt(username, address, false, now);
    throw *lockout(username, address, now);
  }
  if (username.empty() || username.size() > 64 || password.size() > max_password_bytes) {
    log.record_attempt(username, address, false, now);
    throw Error(ErrorKind::unauthenticated, wrong_credentials, "username");
  }
  auto stored = store_->accounts().find_user(username);
  bool ok = stored ? verify_password(stored->password_hash, password)
                   : (verify_password(dummy_hash(), password), false);
  if (!ok) {
    log.record_attempt(username, address, false, now);
    throw Error(ErrorKind::unauthenticated, wrong_credentials, "password");
  }
  if (stored->user.disabled) {
    log.record_attempt(username, address, false, now);
    throw Error(ErrorKind::unauthenticated,
                "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên để được mở lại.",
                "username");
  }
  log.record_attempt(username, address, true, now);
  Session session;
  session.token = random_token();
  session.expires_at = now + config_.session_seconds;
  session.user = stored->user;
  session.failed_before = failed_sign_ins_before_this_session(session.user);
  store_->accounts().insert_session(token_hash(session.token), session.user.id, session.expires_at);
  return session;
}

std::optional<SignInWarning> SignIn::failed_sign_ins_before_this_session(const User& user) {
  constexpr int counted = 1000;
  const auto failures = store_->sign_ins().failures_before_latest_sign_in(user.username, counted);
  if (failures.empty()) return std::nullopt;
  return SignInWarning{static_cast<int>(failures.size()), failures.front().at,
                       failures.front().address};
}

User SignIn::authenticate(const std::string& token) {
  // Tokens are 43 characters; anything far from that is not worth a lookup.
  if (token.empty() || token.size() > 256) throw Error(ErrorKind::unauthenticated, bad_session);
  auto user = store_->accounts().user_for_session(token_hash(token), clock_());
  if (!user) throw Error(ErrorKind::unauthenticated, bad_session);
  return *user;
}

SessionView SignIn::authenticate_page(const std::string& token, std::int64_t campaign_id) {
  if (token.empty() || token.size() > 256) throw Error(ErrorKind::unauthenticated, bad_session);
  auto view = store_->session_views().session_view(token_hash(token), clock_(), campaign_id);
  if (!view) throw Error(ErrorKind::unauthenticated, bad_session);
  // Admins have no unit, so no notice is ever written for them (as unread_notifications).
  if (view->user.role == Role::admin) view->unread_notifications = 0;
  return *view;
}

void SignIn::logout(const std::string& token) {
  if (token.empty() || token.size() > 256) return;
  store_->accounts().delete_session(token_hash(token));
}

// Two throttles, so that guessing is slowed without locking an account's owner out:
//  - per client address: `max_failed_logins` failures from it (at any account) within the window
//    block that address;
//  - per account: `max_failed_logins` failures at it from addresses it never signed in from
//    block further tries from such addresses only; its owner, at an address where the account
//    has signed in before, still signs in (and is told of the failures afterwards).
// Each try while blocked is counted, so the block lasts as long as the guessing.
std::optional<Error> SignIn::lockout(const std::string& username, const std::string& address,
                                     Timestamp now) {
  SignInLog& log = store_->sign_ins();
  const Timestamp since = now - config_.failed_login_window;
  const auto max = static_cast<std::size_t>(std::max(config_.max_failed_logins, 1));
  const std::vector<Timestamp> from_address =
      log.failures_from_address(address, since, static_cast<int>(max));
  const bool address_blocked = from_address.size() >= max;
  std::vector<Timestamp> at_account;
  if (!address_blocked && !log.has_signed_in_from(username, address)) {
    at_account = log.failures_at_username_from_strangers(username, since, static_cast<int>(max));
  }
  if (!address_blocked && at_account.size() < max) return std::nullopt;
  // The block ends when the oldest of the last `max` failures leaves the window.
  const Timestamp oldest = address_blocked ? from_address.back() : at_account.back();
  const Timestamp until = std::max(oldest + config_.failed_login_window + 1, now + 1);
  const std::int64_t minutes = (until - now + 59) / 60;
  const std::string at = format_vietnam_time(until);
  if (address_blocked) {
    return Error(ErrorKind::rate_limited,
                 "Bạn đã nhập sai mật khẩu quá nhiều lần nên tạm thời chưa đăng nhập được. Hãy "
                 "đợi " +
                     std::to_string(minutes) + " phút (đến khoảng " + at +
                     ") rồi thử lại; mỗi lần thử trong lúc chờ sẽ kéo dài thời gian chờ.");
  }
  return Error(ErrorKind::rate_limited,
               "Tài khoản này vừa bị đăng nhập sai nhiều lần từ nơi khác, nên tạm thời chỉ đăng "
               "nhập được từ máy hoặc mạng đã từng đăng nhập thành công. Hãy đăng nhập từ máy "
               "quen thuộc, hoặc đợi " +
                   std::to_string(minutes) + " phút (đến khoảng " + at + ") rồi thử lại.");
}

}  // namespace llw
