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
  Session session = app_->login("xa.anhung", "mat-khau-dai", "127.0.0.1");
  EXPECT_EQ(session.token.size(), 43u);
  EXPECT_EQ(session.expires_at, now_ + 12 * 3600);
  User user = app_->authenticate(session.token);
  EXPECT_EQ(user.username, "xa.anhung");
  EXPECT_EQ(user.unit_code, "HP-X");
  EXPECT_EQ(user.role, Role::coordinator);
}

TEST_F(AuthTest, UnknownUserAndWrongPasswordGetTheSameMessage) {
  std::string unknown, wrong;
  try {
    app_->login("nobody", "mat-khau-dai", "10.0.0.1");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unauthenticated);
    unknown = e.message();
  }
  try {
    app_->login("xa.anhung", "sai-mat-khau", "10.0.0.2");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unauthenticated);
    wrong = e.message();
  }
  EXPECT_EQ(unknown, "Tên đăng nhập hoặc mật khẩu không đúng.");
  EXPECT_EQ(unknown, wrong);
}

TEST_F(AuthTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(error_kind_of([&] { app_->login("xa.anhung", "sai", "10.0.0.9"); }),
              ErrorKind::unauthenticated);
    now_ += 10;
  }
  // Even the right password is refused while locked, from another address too.
  try {
    app_->login("xa.anhung", "mat-khau-dai", "10.0.0.10");
    ADD_FAILURE() << "login should be rate limited";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::rate_limited);
    // The first failure was 50 s ago: its lock ends 15 minutes after it, in 14 min 11 s.
    EXPECT_NE(e.message().find("Hãy đợi 15 phút"), std::string::npos) << e.message();
  }
  now_ += 16 * 60;
  EXPECT_NO_THROW(app_->login("xa.anhung", "mat-khau-dai", "10.0.0.10"));
}

TEST_F(AuthTest, TokenStopsWorkingWhenTheSessionExpires) {
  Session session = app_->login("xa.anhung", "mat-khau-dai", "127.0.0.1");
  now_ += 12 * 3600 - 1;
  EXPECT_NO_THROW(app_->authenticate(session.token));
  now_ += 2;
  EXPECT_EQ(error_kind_of([&] { app_->authenticate(session.token); }), ErrorKind::unauthenticated);
}

TEST_F(AuthTest, LogoutEndsTheSessionAndForgedTokensAreRefused) {
  Session session = app_->login("xa.anhung", "mat-khau-dai", "127.0.0.1");
  app_->logout(session.token);
  EXPECT_EQ(error_kind_of([&] { app_->authenticate(session.token); }), ErrorKind::unauthenticated);
  EXPECT_EQ(error_kind_of([&] { app_->authenticate("not-a-token"); }), ErrorKind::unauthenticated);
  EXPECT_EQ(error_kind_of([&] { app_->authenticate(""); }), ErrorKind::unauthenticated);
}

TEST_F(AuthTest, EveryRoleButAdminNeedsAUnit) {
  EXPECT_EQ(
      error_kind_of([&] { app_->add_user("khong.don.vi", "", Role::reporter, "", "12345678"); }),
      ErrorKind::validation_failed);
  EXPECT_NO_THROW(app_->add_user("quantri", "Quản trị", Role::admin, "", "12345678"));
  EXPECT_EQ(
      error_kind_of([&] { app_->add_user("sai.don.vi", "", Role::viewer, "NOPE", "12345678"); }),
      ErrorKind::not_found);
  EXPECT_EQ(
      error_kind_of([&] { app_->add_user("xa.anhung", "", Role::viewer, "HP-X", "12345678"); }),
      ErrorKind::conflict);
  EXPECT_EQ(error_kind_of([&] { app_->add_user("ngan", "", Role::viewer, "HP-X", "123"); }),
            ErrorKind::validation_failed);
}

}  // namespace
}  // namespace llw::testing
