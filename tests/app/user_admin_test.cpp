// Account administration on a real database: who may add, edit, disable and reset whom (the
// domain's policy), the strength rule, initial passwords that must be changed, sessions ended by
// a reset, a disable or a password change, the audit of every write, and the sign-in lock-out's
// message saying how long to wait.
#include "app/accounts.h"
#include "app/sign_in.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

class UserAdminTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    coordinator_ = make_user("xa.anhung", Role::coordinator, "HP-X");
    city_ = make_user("tp.haiphong", Role::coordinator, "HP");
    reporter_ = make_user("th.anhung", Role::reporter, "HP-X-A");
    viewer_ = make_user("xem.anhung", Role::viewer, "HP-X");
    admin_ = make_user("quantri", Role::admin, "");
  }

  NewUser new_user(const std::string& username, Role role, const std::string& unit,
                   const std::string& password = "ban-dau-2025") {
    return NewUser{username, "Người dùng mới", role, unit, password};
  }

  bool exists(const std::string& username) {
    return store_->accounts().find_user(username).has_value();
  }

  User coordinator_, city_, reporter_, viewer_, admin_;
};

TEST_F(UserAdminTest, AdminAddsAUserWhoSignsInWithTheInitialPasswordAndMustChangeIt) {
  const User created =
      app_->accounts().create_user(admin_, new_user("th2.anhung", Role::reporter, "HP-X-B"));
  EXPECT_EQ(created.unit_code, "HP-X-B");
  EXPECT_EQ(created.role, Role::reporter);
  const Session session = app_->sign_in().login("th2.anhung", "ban-dau-2025", "10.0.0.1");
  EXPECT_TRUE(app_->accounts().must_change_password(session.user));

  app_->accounts().change_password(session.user, session.token, "ban-dau-2025", "rieng-cua-toi-7");
  EXPECT_FALSE(app_->accounts().must_change_password(session.user));
  EXPECT_NO_THROW(
      app_->sign_in().authenticate(session.token));  // the session that changed it stays
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().login("th2.anhung", "ban-dau-2025", "10.0.0.1"); }),
            ErrorKind::unauthenticated);
  EXPECT_NO_THROW(app_->sign_in().login("th2.anhung", "rieng-cua-toi-7", "10.0.0.1"));
}

TEST_F(UserAdminTest, CoordinatorAddsUsersOnlyInItsSubtreeAndNeverAboveItsRole) {
  EXPECT_NO_THROW(
      app_->accounts().create_user(coordinator_, new_user("th3.anhung", Role::reporter, "HP-X-A")));
  EXPECT_NO_THROW(app_->accounts().create_user(coordinator_,
                                               new_user("pho.anhung", Role::coordinator, "HP-X")));
  // Another commune, an admin, a coordinator of the city above: all refused, nothing stored.
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().create_user(coordinator_,
                                           new_user("mn.tantien", Role::reporter, "HP-Y-C"));
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().create_user(coordinator_, new_user("qt.moi", Role::admin, "HP-X"));
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().create_user(coordinator_,
                                           new_user("tp.moi", Role::coordinator, "HP"));
            }),
            ErrorKind::forbidden);
  EXPECT_FALSE(exists("mn.tantien"));
  EXPECT_FALSE(exists("qt.moi"));
  EXPECT_FALSE(exists("tp.moi"));
  // Nor may it promote someone of its subtree out of it.
  EXPECT_EQ(error_kind_of([&] {
              UserChange change;
              change.unit_code = "HP";
              change.role = Role::coordinator;
              app_->accounts().update_user(coordinator_, "th.anhung", change);
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(store_->accounts().find_user("th.anhung")->user.unit_code, "HP-X-A");
}

TEST_F(UserAdminTest, CoordinatorListsItsSubtreeAndCannotTouchAccountsOutsideIt) {
  std::vector<std::string> names;
  for (const User& user : app_->accounts().list_users(coordinator_, "", ""))
    names.push_back(user.username);
  EXPECT_EQ(names, (std::vector<std::string>{"th.anhung", "xa.anhung", "xem.anhung"}));
  EXPECT_EQ(error_kind_of([&] { app_->accounts().get_user(coordinator_, "tp.haiphong"); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().reset_password(coordinator_, "quantri", "mat-khau-moi-1");
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->accounts().list_users(coordinator_, "HP-Y", ""); }),
            ErrorKind::forbidden);
  // The city's coordinator reaches the commune's accounts.
  EXPECT_NO_THROW(app_->accounts().reset_password(city_, "xa.anhung", "mat-khau-moi-1"));
}

TEST_F(UserAdminTest, SearchIgnoresCaseAndDiacritics) {
  UserChange change;
  change.display_name = "Nguyễn Thị Hòa";
  app_->accounts().update_user(admin_, "th.anhung", change);
  const auto found = app_->accounts().list_users(admin_, "", "nguyen thi HOA");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].username, "th.anhung");
  EXPECT_TRUE(app_->accounts().list_users(admin_, "", "khong co ai").empty());
}

TEST_F(UserAdminTest, ReportersAndViewersManageNoAccounts) {
  for (const User* actor : {&reporter_, &viewer_}) {
    EXPECT_EQ(error_kind_of([&] { app_->accounts().list_users(*actor, "", ""); }),
              ErrorKind::forbidden);
    EXPECT_EQ(error_kind_of([&] {
                app_->accounts().create_user(*actor, new_user("ai.do", Role::reporter, "HP-X-A"));
              }),
              ErrorKind::forbidden);
    EXPECT_EQ(error_kind_of(
                  [&] { app_->accounts().reset_password(*actor, "th.anhung", "mat-khau-moi-1"); }),
              ErrorKind::forbidden);
  }
  EXPECT_FALSE(exists("ai.do"));
}

TEST_F(UserAdminTest, BadUsernamesAreRefusedWithAMessageAndNothingIsStored) {
  for (const std::string& name :
       {std::string(), std::string("ab"), std::string("Có Dấu"), std::string("<script>"),
        std::string("a b"), std::string(65, 'a'), std::string("x\0y", 3)}) {
    try {
      app_->accounts().create_user(admin_, new_user(name, Role::reporter, "HP-X-A"));
      ADD_FAILURE() << "accepted '" << name << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
      EXPECT_EQ(e.field(), "username");
      EXPECT_NE(e.message().find("Tên đăng nhập"), std::string::npos);
    }
  }
  EXPECT_EQ(app_->accounts().list_users(admin_, "", "").size(), 5u);
}

TEST_F(UserAdminTest, WeakPasswordsAreRefusedWithTheRule) {
  for (const std::string& password : std::vector<std::string>{
           "12345678", "abcdefgh", "ngan-1", "tv.moi.2025", std::string(1025, 'a') + "1"}) {
    try {
      app_->accounts().create_user(admin_, new_user("tv.moi", Role::viewer, "HP-X", password));
      ADD_FAILURE() << "accepted '" << password << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
      EXPECT_EQ(e.field(), "password");
      EXPECT_NE(e.message().find("ít nhất 8 ký tự"), std::string::npos);
    }
  }
  EXPECT_FALSE(exists("tv.moi"));
  // Vietnamese letters count as letters.
  EXPECT_NO_THROW(app_->accounts().create_user(
      admin_, new_user("tv.moi", Role::viewer, "HP-X", "họctập-suốtđời")));
}

TEST_F(UserAdminTest, ATakenUsernameIsAConflict) {
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().create_user(admin_, new_user("th.anhung", Role::viewer, "HP-X"));
            }),
            ErrorKind::conflict);
  EXPECT_EQ(store_->accounts().find_user("th.anhung")->user.role, Role::reporter);
}

TEST_F(UserAdminTest, ResetEndsTheUsersSessionsAndTokensAndForcesAChange) {
  const Session old = app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.2");
  const Session other = app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.3");
  app_->accounts().reset_password(coordinator_, "th.anhung", "tam-thoi-2025");
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate(old.token); }),
            ErrorKind::unauthenticated);
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate(other.token); }),
            ErrorKind::unauthenticated);
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.2"); }),
            ErrorKind::unauthenticated);
  const Session fresh = app_->sign_in().login("th.anhung", "tam-thoi-2025", "10.0.0.2");
  EXPECT_TRUE(app_->accounts().must_change_password(fresh.user));
}

TEST_F(UserAdminTest, ADisabledUserIsSignedOutAtOnceAndCannotSignInUntilEnabled) {
  const Session session = app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.2");
  UserChange disable;
  disable.disabled = true;
  EXPECT_TRUE(app_->accounts().update_user(coordinator_, "th.anhung", disable).disabled);
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate(session.token); }),
            ErrorKind::unauthenticated);
  try {
    app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.2");
    ADD_FAILURE() << "a disabled user signed in";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unauthenticated);
    EXPECT_NE(e.message().find("đã bị khóa"), std::string::npos);
  }
  UserChange enable;
  enable.disabled = false;
  app_->accounts().update_user(coordinator_, "th.anhung", enable);
  EXPECT_NO_THROW(app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.2"));
}

TEST_F(UserAdminTest, NobodyChangesTheirOwnRoleUnitOrDisablesThemselves) {
  UserChange promote;
  promote.unit_code = "HP";
  EXPECT_EQ(
      error_kind_of([&] { app_->accounts().update_user(coordinator_, "xa.anhung", promote); }),
      ErrorKind::forbidden);
  UserChange disable;
  disable.disabled = true;
  EXPECT_EQ(error_kind_of([&] { app_->accounts().update_user(admin_, "quantri", disable); }),
            ErrorKind::forbidden);
  EXPECT_FALSE(store_->accounts().find_user("quantri")->user.disabled);
}

TEST_F(UserAdminTest, ChangingThePasswordNeedsTheCurrentOneAndEndsOtherSessions) {
  const Session here = app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.2");
  const Session elsewhere = app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.3");
  try {
    app_->accounts().change_password(here.user, here.token, "sai-roi-1", "moi-hon-2025",
                                     RequestContext{"10.0.0.2"});
    ADD_FAILURE() << "a wrong current password was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    EXPECT_EQ(e.field(), "current_password");
  }
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().change_password(here.user, here.token, "mat-khau-dai",
                                               "mat-khau-dai");
            }),
            ErrorKind::validation_failed);
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().change_password(here.user, here.token, "mat-khau-dai", "yeu");
            }),
            ErrorKind::validation_failed);
  EXPECT_NO_THROW(app_->sign_in().authenticate(elsewhere.token));  // nothing changed so far

  app_->accounts().change_password(here.user, here.token, "mat-khau-dai", "moi-hon-2025");
  EXPECT_NO_THROW(app_->sign_in().authenticate(here.token));
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate(elsewhere.token); }),
            ErrorKind::unauthenticated);
}

TEST_F(UserAdminTest, EveryWriteIsAudited) {
  app_->accounts().create_user(coordinator_, new_user("th4.anhung", Role::reporter, "HP-X-A"),
                               RequestContext{"10.1.1.1"});
  app_->accounts().reset_password(coordinator_, "th4.anhung", "dat-lai-2025");
  UserChange disable;
  disable.disabled = true;
  app_->accounts().update_user(coordinator_, "th4.anhung", disable);
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().create_user(coordinator_, new_user("qt.moi", Role::admin, "HP-X"));
            }),
            ErrorKind::forbidden);
  AuditQuery query;
  query.action = "user.";
  query.username = "xa.anhung";
  std::vector<std::string> seen;
  for (const AuditEntry& entry : store_->audit().query_audit(query)) {
    seen.push_back(entry.action + " " + entry.target + " " + entry.outcome);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "user.create qt.moi forbidden", "user.update th4.anhung ok",
                      "user.reset_password th4.anhung ok", "user.create th4.anhung ok"}));
}

TEST_F(UserAdminTest, TheLockOutMessageSaysHowLongToWait) {
  // Five failures a minute apart from 10:00; the sixth attempt at 10:05 is refused and the lock
  // lasts until 15 minutes after the first of the last five failures that count.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(error_kind_of([&] { app_->sign_in().login("th.anhung", "sai", "10.0.0.9"); }),
              ErrorKind::unauthenticated);
    now_ += 60;
  }
  try {
    app_->sign_in().login("th.anhung", "mat-khau-dai", "10.0.0.9");
    ADD_FAILURE() << "login should be rate limited";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::rate_limited);
    // Failures at 10:00..10:04 and the refused try at 10:05: the fifth latest is 10:01.
    EXPECT_NE(e.message().find("Hãy đợi 12 phút (đến khoảng 10:17)"), std::string::npos)
        << e.message();
  }
}

}  // namespace
}  // namespace llw::testing
