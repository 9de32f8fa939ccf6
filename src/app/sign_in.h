#pragma once
// Signing in and out (auth.cpp): sessions, the page's one-read authentication and the
// lockout of repeated failures.

#include <optional>
#include <string>

#include "app/use_case_area.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "domain/session_view.h"
#include "domain/user.h"

namespace llw {

struct SignInWarning {
  int failures = 0;
  Timestamp last_at = 0;
  std::string last_address;
};

struct Session {
  std::string token;  // returned once; only its hash is stored
  Timestamp expires_at = 0;
  User user;
  std::optional<SignInWarning> failed_before;
};

class SignIn : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // Authentication. login throws unauthenticated (wrong credentials, same message for unknown
  // user and wrong password) or rate_limited.
  Session login(const std::string& username, const std::string& password,
                const std::string& address);
  User authenticate(const std::string& token);  // throws unauthenticated
  // A page's authentication: the account with what the page's frame needs, in one read
  // (session_view.h; unread notices 0 for an admin). `campaign_id` 0 asks for no campaign.
  SessionView authenticate_page(const std::string& token, std::int64_t campaign_id);
  // What Session::failed_before says, for the user's current session (the home page shows it).
  std::optional<SignInWarning> failed_sign_ins_before_this_session(const User& user);
  void logout(const std::string& token);

  // Error{rate_limited} saying how long to wait, when `username` or `address` has too many
  // recent failed sign-ins (auth.cpp); nullopt otherwise.
  std::optional<Error> lockout(const std::string& username, const std::string& address,
                               Timestamp now);

 private:
  // login without its audit entry (auth.cpp).
  Session login_attempt(const std::string& username, const std::string& password,
                        const std::string& address);
};

}  // namespace llw
