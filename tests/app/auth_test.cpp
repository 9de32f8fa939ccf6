#include "app/accounts.h"
#include "app/sign_in.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

class AuthTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    make_user("xa.anhung", Role::coordinator, "HP-X");
  }
};

TEST_F(AuthTest, LoginWithTheRightPasswordGivesATokenThatAuthenticates) {
  Session session = app_->sign_in().login("xa.anhung", "mat-khau-dai", "127.0.0.1");
  EXPECT_EQ(session.token.size(), 43u);
  EXPECT_EQ(session.expires_at, now_ + 12 * 3600);
  User user = app_->sign_in().authenticate(session.token);
  EXPECT_EQ(user.username, "xa.anhung");
  EXPECT_EQ(user.unit_code, "HP-X");
  EXPECT_EQ(user.role, Role::coordinator);
}

TEST_F(AuthTest, UnknownUserAndWrongPasswordGetTheSameMessage) {
  std::string unknown, wrong;
  try {
    app_->sign_in().login("nobody", "mat-khau-dai", "10.0.0.1");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unauthenticated);
    unknown = e.message();
  }
  try {
    app_->sign_in().login("xa.anhung", "sai-mat-khau", "10.0.0.2");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unauthenticated);
    wrong = e.message();
  }
  EXPECT_EQ(unknown, "Tên đăng nhập hoặc mật khẩu không đúng.");
  EXPECT_EQ(unknown, wrong);
}

TEST_F(AuthTest, FiveFailuresFromAnAddressBlockThatAddressForFifteenMinutes) {
  for (const char* username : {"xa.anhung", "khong.co", "xa.anhung", "ai.do", "xa.anhung"}) {
    EXPECT_EQ(error_kind_of([&] { app_->sign_in().login(username, "sai", "10.0.0.9"); }),
              ErrorKind::unauthenticated);
    now_ += 10;
  }
  // Even the right password is refused from that address, at any account.
  try {
    app_->sign_in().login("xa.anhung", "mat-khau-dai", "10.0.0.9");
    ADD_FAILURE() << "login should be rate limited";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::rate_limited);
    // The first failure was 50 s ago: its block ends 15 minutes after it, in 14 min 11 s.
    EXPECT_NE(e.message().find("Hãy đợi 15 phút"), std::string::npos) << e.message();
  }
  now_ += 16 * 60;
  EXPECT_NO_THROW(app_->sign_in().login("xa.anhung", "mat-khau-dai", "10.0.0.9"));
}

TEST_F(AuthTest, GuessingFromElsewhereDoesNotLockTheOwnerOutAndTheOwnerIsTold) {
  app_->sign_in().login("xa.anhung", "mat-khau-dai", "10.0.0.1");  // the owner's office
  now_ += 3600;
  // A stranger guesses from five addresses (one failure each: no address is blocked).
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(error_kind_of([&] {
                app_->sign_in().login("xa.anhung", "doan-" + std::to_string(i),
                                      "203.0.113." + std::to_string(10 + i));
              }),
              ErrorKind::unauthenticated);
    now_ += 10;
  }
  // From a sixth strange address even the right password waits: the account is throttled there.
  try {
    app_->sign_in().login("xa.anhung", "mat-khau-dai", "203.0.113.99");
    ADD_FAILURE() << "a strange address should be throttled";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::rate_limited);
    EXPECT_NE(e.message().find("từ máy hoặc mạng đã từng đăng nhập"), std::string::npos)
        << e.message();
  }
  // The owner, from the office, signs in at once and is told of the six failures.
  const Session session = app_->sign_in().login("xa.anhung", "mat-khau-dai", "10.0.0.1");
  ASSERT_TRUE(session.failed_before.has_value());
  EXPECT_EQ(session.failed_before->failures, 6);
  EXPECT_EQ(session.failed_before->last_address, "203.0.113.99");
  EXPECT_EQ(app_->sign_in().failed_sign_ins_before_this_session(session.user)->failures, 6);
  // The next sign-in has nothing new to tell.
  now_ += 60;
  EXPECT_FALSE(
      app_->sign_in().login("xa.anhung", "mat-khau-dai", "10.0.0.1").failed_before.has_value());
}

TEST_F(AuthTest, TheOwnersOwnTyposAtAKnownAddressAreNotToldAsAnAttack) {
  app_->sign_in().login("xa.anhung", "mat-khau-dai", "10.0.0.1");
  now_ += 60;
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().login("xa.anhung", "mat-khau-dai!", "10.0.0.1"); }),
            ErrorKind::unauthenticated);
  EXPECT_FALSE(
      app_->sign_in().login("xa.anhung", "mat-khau-dai", "10.0.0.1").failed_before.has_value());
}

TEST_F(AuthTest, TokenStopsWorkingWhenTheSessionExpires) {
  Session session = app_->sign_in().login("xa.anhung", "mat-khau-dai", "127.0.0.1");
  now_ += 12 * 3600 - 1;
  EXPECT_NO_THROW(app_->sign_in().authenticate(session.token));
  now_ += 2;
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate(session.token); }),
            ErrorKind::unauthenticated);
}

TEST_F(AuthTest, LogoutEndsTheSessionAndForgedTokensAreRefused) {
  Session session = app_->sign_in().login("xa.anhung", "mat-khau-dai", "127.0.0.1");
  app_->sign_in().logout(session.token);
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate(session.token); }),
            ErrorKind::unauthenticated);
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate("not-a-token"); }),
            ErrorKind::unauthenticated);
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate(""); }), ErrorKind::unauthenticated);
}

TEST_F(AuthTest, EveryRoleButAdminNeedsAUnit) {
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().add_user("khong.don.vi", "", Role::reporter, "", "12345678");
            }),
            ErrorKind::validation_failed);
  EXPECT_NO_THROW(app_->accounts().add_user("quantri", "Quản trị", Role::admin, "", "12345678"));
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().add_user("sai.don.vi", "", Role::viewer, "NOPE", "12345678");
            }),
            ErrorKind::not_found);
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().add_user("xa.anhung", "", Role::viewer, "HP-X", "12345678");
            }),
            ErrorKind::conflict);
  EXPECT_EQ(
      error_kind_of([&] { app_->accounts().add_user("ngan", "", Role::viewer, "HP-X", "123"); }),
      ErrorKind::validation_failed);
}

}  // namespace
}  // namespace llw::testing
