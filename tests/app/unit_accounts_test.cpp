// Reporter accounts for a subtree's units in one step, on a real database: names derived from the
// unit codes and never colliding, one-time passwords that work once and must be changed, resets
// (reprints) that end the old password, the scope (a campaign's reporting units, or every
// reporting unit), access, and no password anywhere but in the returned values.
#include "app/accounts.h"
#include "app/campaigns.h"
#include "app/password.h"
#include "app/sign_in.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

class UnitAccountsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    campaign_ = make_campaign("HP");
    commune_ = make_user("xa.anhung", Role::coordinator, "HP-X");
    other_commune_ = make_user("xa.tantien", Role::coordinator, "HP-Y");
  }

  std::vector<std::string> units_without_account(const User& actor, const UnitAccountScope& scope) {
    std::vector<std::string> codes;
    for (const auto& status : app_->accounts().unit_accounts(actor, scope)) {
      if (status.reporters.empty()) codes.push_back(status.unit.code);
    }
    return codes;
  }

  Campaign campaign_;
  User commune_, other_commune_;
};

TEST_F(UnitAccountsTest, UsernamesComeFromTheUnitCodeBelowItsParent) {
  OrgUnit unit;
  unit.code = "HP-ANHUNG-TH1";
  unit.parent_code = "HP-ANHUNG";
  EXPECT_EQ(reporter_username_for(unit), "th1.anhung");  // the demo's pattern
  unit.code = "HP-ANHUNG-THON_01";
  EXPECT_EQ(reporter_username_for(unit), "thon-01.anhung");
  unit.code = "X";
  unit.parent_code = "";
  EXPECT_EQ(reporter_username_for(unit), "bc.x");
  unit.code = std::string(100, 'A');
  unit.parent_code = "HP";
  EXPECT_LE(reporter_username_for(unit).size(), 60u);
}

TEST_F(UnitAccountsTest, EveryUnitWithoutAnAccountGetsOneThatMustChangeItsPassword) {
  make_user("a.x", Role::viewer, "HP-X");  // the name the school would get is taken
  make_user("reporter.b", Role::reporter, "HP-X-B");
  const UnitAccountScope scope{"HP-X", campaign_.id};
  EXPECT_EQ(units_without_account(commune_, scope), (std::vector<std::string>{"HP-X-A", "HP-X-V"}));

  const std::vector<IssuedAccount> issued = app_->accounts().create_unit_accounts(commune_, scope);
  ASSERT_EQ(issued.size(), 2u);
  EXPECT_EQ(issued[0].unit.code, "HP-X-A");
  EXPECT_EQ(issued[0].username, "a.x2");  // "a.x" exists: never touched, never reused
  EXPECT_EQ(issued[1].username, "v.x");
  EXPECT_TRUE(issued[0].created);
  EXPECT_NE(issued[0].password, issued[1].password);
  EXPECT_GE(issued[0].password.size(), 12u);
  EXPECT_EQ(store_->accounts().find_user("a.x")->user.role, Role::viewer);

  const StoredUser stored = *store_->accounts().find_user("a.x2");
  EXPECT_EQ(stored.user.role, Role::reporter);
  EXPECT_EQ(stored.user.unit_code, "HP-X-A");
  // Only the argon2id hash is stored.
  EXPECT_EQ(stored.password_hash.find(issued[0].password), std::string::npos);
  EXPECT_TRUE(verify_password(stored.password_hash, issued[0].password));

  const Session session = app_->sign_in().login("a.x2", issued[0].password, "10.0.0.9");
  EXPECT_TRUE(session.user.must_change_password);
  EXPECT_TRUE(app_->sign_in().authenticate(session.token).must_change_password);
  app_->accounts().change_password(session.user, session.token, issued[0].password,
                                   "truong-a-2026");
  EXPECT_FALSE(app_->sign_in().authenticate(session.token).must_change_password);

  // A second run finds nothing to do.
  EXPECT_TRUE(units_without_account(commune_, scope).empty());
  EXPECT_TRUE(app_->accounts().create_unit_accounts(commune_, scope).empty());
}

TEST_F(UnitAccountsTest, WithoutACampaignEveryReportingUnitOfTheSubtreeCounts) {
  Campaign schools_only = testing_support::week_campaign_2025();
  schools_only.issuer_code = "HP-X";
  schools_only.reporting_kinds = {UnitKind::school};
  schools_only = app_->campaigns().create_campaign(system_admin(), schools_only);
  EXPECT_EQ(units_without_account(commune_, {"HP-X", schools_only.id}),
            (std::vector<std::string>{"HP-X-A", "HP-X-B"}));
  EXPECT_EQ(units_without_account(commune_, {"HP-X", std::nullopt}),
            (std::vector<std::string>{"HP-X-A", "HP-X-B", "HP-X-V"}));
  // The city's scope reaches both communes' units.
  EXPECT_EQ(units_without_account(system_admin(), {"HP", campaign_.id}).size(), 4u);
}

TEST_F(UnitAccountsTest, AResetGivesNewOneTimePasswordsAndEndsTheOldOnes) {
  const UnitAccountScope scope{"HP-X", campaign_.id};
  const auto issued = app_->accounts().create_unit_accounts(commune_, scope);
  ASSERT_EQ(issued.size(), 3u);
  const Session session = app_->sign_in().login(issued[0].username, issued[0].password, "10.0.0.9");
  app_->accounts().change_password(session.user, session.token, issued[0].password,
                                   "truong-a-2026");

  const auto reset = app_->accounts().reset_unit_accounts(commune_, scope, {issued[0].username});
  ASSERT_EQ(reset.size(), 1u);
  EXPECT_FALSE(reset[0].created);
  EXPECT_NE(reset[0].password, issued[0].password);
  EXPECT_EQ(error_kind_of([&] { app_->sign_in().authenticate(session.token); }),
            ErrorKind::unauthenticated);
  EXPECT_EQ(error_kind_of(
                [&] { app_->sign_in().login(issued[0].username, "truong-a-2026", "10.0.0.9"); }),
            ErrorKind::unauthenticated);
  EXPECT_TRUE(app_->sign_in()
                  .login(issued[0].username, reset[0].password, "10.0.0.9")
                  .user.must_change_password);
  // The others keep their passwords.
  EXPECT_NO_THROW(app_->sign_in().login(issued[1].username, issued[1].password, "10.0.0.9"));
}

TEST_F(UnitAccountsTest, AResetOfAnAccountOutsideTheListChangesNothing) {
  const UnitAccountScope scope{"HP-X", campaign_.id};
  const auto issued = app_->accounts().create_unit_accounts(commune_, scope);
  make_user("reporter.c", Role::reporter, "HP-Y-C");
  const std::string hash = store_->accounts().find_user(issued[0].username)->password_hash;
  for (const std::vector<std::string>& names :
       {std::vector<std::string>{},
        {issued[0].username, "reporter.c"},
        {issued[0].username, "xa.anhung"},
        {issued[0].username, "<script>"},
        std::vector<std::string>(101, issued[0].username)}) {
    EXPECT_EQ(error_kind_of([&] { app_->accounts().reset_unit_accounts(commune_, scope, names); }),
              ErrorKind::validation_failed);
  }
  EXPECT_EQ(store_->accounts().find_user(issued[0].username)->password_hash, hash);
  EXPECT_TRUE(
      verify_password(store_->accounts().find_user("reporter.c")->password_hash, "mat-khau-dai"));
}

TEST_F(UnitAccountsTest, OnlyCoordinatorsOfTheSubtreeAndAdminsManageItsAccounts) {
  const User reporter = make_user("reporter.a", Role::reporter, "HP-X-A");
  const User viewer = make_user("viewer.x", Role::viewer, "HP-X");
  const UnitAccountScope scope{"HP-X", campaign_.id};
  for (const User* actor : std::vector<const User*>{&reporter, &viewer, &other_commune_}) {
    EXPECT_EQ(error_kind_of([&] { app_->accounts().unit_accounts(*actor, scope); }),
              ErrorKind::forbidden);
    EXPECT_EQ(error_kind_of([&] { app_->accounts().create_unit_accounts(*actor, scope); }),
              ErrorKind::forbidden);
    EXPECT_EQ(
        error_kind_of([&] { app_->accounts().reset_unit_accounts(*actor, scope, {"reporter.a"}); }),
        ErrorKind::forbidden);
  }
  // A commune coordinator cannot reach the city's scope either.
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().create_unit_accounts(commune_, {"HP", campaign_.id});
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->accounts().create_unit_accounts(commune_, {"NOPE", std::nullopt});
            }),
            ErrorKind::not_found);
  EXPECT_EQ(store_->accounts().list_users("", 100).size(), 4u);  // nothing was created
}

TEST_F(UnitAccountsTest, TheAuditNamesEveryAccountAndNeverAPassword) {
  const auto issued = app_->accounts().create_unit_accounts(commune_, {"HP-X", campaign_.id});
  const auto reset =
      app_->accounts().reset_unit_accounts(commune_, {"HP-X", campaign_.id}, {issued[0].username});
  AuditQuery query;
  query.limit = 100;
  int created = 0, resets = 0;
  for (const AuditEntry& entry : store_->audit().query_audit(query)) {
    for (const auto& account : issued) {
      EXPECT_EQ(entry.detail.find(account.password), std::string::npos);
      EXPECT_EQ(entry.target.find(account.password), std::string::npos);
    }
    EXPECT_EQ(entry.detail.find(reset[0].password), std::string::npos);
    if (entry.action == "user.create" && entry.username == "xa.anhung") ++created;
    if (entry.action == "user.reset_password" && entry.target == issued[0].username) ++resets;
  }
  EXPECT_EQ(created, 3);
  EXPECT_EQ(resets, 1);
}

TEST_F(UnitAccountsTest, TheSlipsPdfCarriesEveryAccount) {
  const auto issued = app_->accounts().create_unit_accounts(commune_, {"HP-X", campaign_.id});
  const DocumentFile file = credential_slips_pdf(issued, "Xã An Hưng", "http://llw.test/dang-nhap");
  EXPECT_EQ(file.content_type, "application/pdf");
  EXPECT_EQ(file.bytes.rfind("%PDF-", 0), 0u);
}

}  // namespace
}  // namespace llw::testing
