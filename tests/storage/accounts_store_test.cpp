// The store's account administration on both backends: users listed by subtree, edits that keep
// or end sessions (disabling ends them in the same commit), password changes that keep exactly
// one session or none, the must-change flag, the n-th latest failed sign-in, and campaign
// settings that bump the revision.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "domain/error.h"
#include "store_fixture.h"

namespace llw {
namespace {

using std::chrono::year;
using testing_support::kBothBackends;
using testing_support::PostgresDatabase;
using testing_support::StoreFixture;
using testing_support::unit_input;

class AccountsStoreTest : public StoreFixture {
 protected:
  AccountsStoreTest() : StoreFixture({}, PostgresDatabase::Schema::migrated) {}

  void populate() override {
    store_->units().upsert_units({
        unit_input("HP", UnitKind::province, ""),
        unit_input("HP-AH", UnitKind::commune, "HP"),
        unit_input("HP-AH-A", UnitKind::school, "HP-AH"),
        unit_input("HP-KS", UnitKind::commune, "HP"),
    });
  }

  User add(const std::string& username, Role role, const std::string& unit_code) {
    User user;
    user.username = username;
    user.display_name = username;
    user.role = role;
    if (!unit_code.empty()) {
      const OrgUnit unit = *store_->units().find_unit(unit_code);
      user.unit_id = unit.id;
      user.unit_code = unit.code;
      user.unit_path = unit.path;
    }
    return store_->accounts().insert_user(user, "hash-" + username);
  }
};

TEST_P(AccountsStoreTest, UsersAreListedBySubtreeInUsernameOrder) {
  add("quantri", Role::admin, "");
  add("xa.anhung", Role::coordinator, "HP-AH");
  add("a.anhung", Role::reporter, "HP-AH-A");
  add("xa.kimson", Role::coordinator, "HP-KS");
  std::vector<std::string> names;
  for (const User& user :
       store_->accounts().list_users(store_->units().find_unit("HP-AH")->path, 100)) {
    names.push_back(user.username);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"a.anhung", "xa.anhung"}));
  EXPECT_EQ(store_->accounts().list_users("", 100).size(), 4u);
  EXPECT_EQ(store_->accounts().list_users("", 2).size(), 2u);
}

TEST_P(AccountsStoreTest, DisablingEndsSessionsAndEditsKeepThem) {
  User user = add("a.anhung", Role::reporter, "HP-AH-A");
  store_->accounts().insert_session("t1", user.id, 2000);
  user.display_name = "Nguyễn Văn A";
  user.role = Role::viewer;
  const OrgUnit commune = *store_->units().find_unit("HP-AH");
  user.unit_id = commune.id;
  const User edited = store_->accounts().update_user(user);
  EXPECT_EQ(edited.display_name, "Nguyễn Văn A");
  EXPECT_EQ(edited.role, Role::viewer);
  EXPECT_EQ(edited.unit_code, "HP-AH");
  EXPECT_TRUE(store_->accounts().user_for_session("t1", 1000).has_value());
  user.disabled = true;
  EXPECT_TRUE(store_->accounts().update_user(user).disabled);
  user.disabled = false;
  store_->accounts().update_user(user);
  EXPECT_FALSE(
      store_->accounts().user_for_session("t1", 1000).has_value());  // gone, not just hidden
  User unknown = user;
  unknown.id = 99999;
  EXPECT_THROW(store_->accounts().update_user(unknown), Error);
}

TEST_P(AccountsStoreTest, ANewPasswordKeepsOnlyTheGivenSessionAndSetsTheFlag) {
  const User user = add("a.anhung", Role::reporter, "HP-AH-A");
  const User other = add("b.anhung", Role::reporter, "HP-AH-A");
  for (const char* token : {"here", "there", "elsewhere"})
    store_->accounts().insert_session(token, user.id, 2000);
  store_->accounts().insert_session("other", other.id, 2000);
  EXPECT_FALSE(store_->accounts().must_change_password(user.id));
  store_->accounts().set_password(user.id, "hash-2", false, "here");
  EXPECT_TRUE(store_->accounts().user_for_session("here", 1000).has_value());
  EXPECT_FALSE(store_->accounts().user_for_session("there", 1000).has_value());
  EXPECT_FALSE(store_->accounts().user_for_session("elsewhere", 1000).has_value());
  EXPECT_TRUE(store_->accounts().user_for_session("other", 1000).has_value());
  EXPECT_EQ(store_->accounts().find_user("a.anhung")->password_hash, "hash-2");
  store_->accounts().set_password(user.id, "hash-3", true, "");
  EXPECT_FALSE(store_->accounts().user_for_session("here", 1000).has_value());
  EXPECT_TRUE(store_->accounts().must_change_password(user.id));
  EXPECT_THROW(store_->accounts().set_password(99999, "x", false, ""), Error);
}

TEST_P(AccountsStoreTest, CampaignSettingsReplaceNameDatesAndKindsAndBumpTheRevision) {
  Campaign c = testing_support::week_campaign_2025();
  c.name = "Tuần lễ 2025";
  c.issuer_unit_id = id_of("HP");
  c.reporting_kinds = {UnitKind::school};
  c.id = store_->campaigns().insert_campaign(c, {*store_->units().find_unit("HP-AH-A")});
  const auto revision = *store_->campaigns().campaign_revision(c.id);
  c.name = "Tuần lễ 2025 (sửa)";
  c.deadline = year{2025} / 10 / 14;
  // The kinds are stored as given: the app adds and removes the reports they imply.
  c.reporting_kinds = {UnitKind::village};
  CampaignSettingsChange change;
  change.campaign = c;
  store_->campaigns().change_campaign_settings(change);
  const Campaign stored = *store_->campaigns().find_campaign(c.id);
  EXPECT_EQ(stored.name, "Tuần lễ 2025 (sửa)");
  EXPECT_EQ(stored.deadline, year{2025} / 10 / 14);
  EXPECT_EQ(stored.reporting_kinds, std::vector<UnitKind>{UnitKind::village});
  EXPECT_EQ(*store_->campaigns().campaign_revision(c.id), revision + 1);
  change.campaign.id = 99999;
  EXPECT_THROW(store_->campaigns().change_campaign_settings(change), Error);
}

TEST_P(AccountsStoreTest, ASessionViewReadsTheAccountTheCampaignsFingerprintAndOneRevision) {
  const User user = add("xa.anhung", Role::coordinator, "HP-AH");
  store_->accounts().insert_session("t1", user.id, 2000);
  const auto empty = store_->session_views().session_view("t1", 1000, 0);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->user.username, "xa.anhung");
  EXPECT_EQ(empty->user.unit_code, "HP-AH");
  EXPECT_EQ(empty->unread_notifications, 0);
  EXPECT_EQ(empty->campaigns, (CampaignsFingerprint{0, 0}));
  EXPECT_FALSE(empty->campaign_revision.has_value());

  Campaign c = testing_support::week_campaign_2025();
  c.issuer_unit_id = id_of("HP");
  c.id = store_->campaigns().insert_campaign(c, {*store_->units().find_unit("HP-AH-A")});
  const auto one = *store_->session_views().session_view("t1", 1000, c.id);
  const std::int64_t revision = *store_->campaigns().campaign_revision(c.id);
  EXPECT_EQ(one.campaign_revision, revision);
  EXPECT_EQ(one.campaigns, (CampaignsFingerprint{1, revision}));
  // Another campaign's id, or none: no revision; the fingerprint is the same.
  EXPECT_FALSE(store_->session_views().session_view("t1", 1000, c.id + 1)->campaign_revision);
  EXPECT_EQ(store_->session_views().session_view("t1", 1000, 0)->campaigns, one.campaigns);

  // Any change of a campaign changes the fingerprint.
  CampaignSettingsChange change;
  change.campaign = *store_->campaigns().find_campaign(c.id);
  change.campaign.name = "Tuần lễ 2025 (sửa)";
  store_->campaigns().change_campaign_settings(change);
  const auto changed = *store_->session_views().session_view("t1", 1000, c.id);
  EXPECT_EQ(changed.campaign_revision, revision + 1);
  EXPECT_NE(changed.campaigns, one.campaigns);

  // As user_for_session: an expired session, an unknown one or a disabled account reads nothing.
  EXPECT_FALSE(store_->session_views().session_view("t1", 2000, c.id).has_value());
  EXPECT_FALSE(store_->session_views().session_view("nope", 1000, c.id).has_value());
  User disabled = user;
  disabled.disabled = true;
  store_->accounts().update_user(disabled);
  EXPECT_FALSE(store_->session_views().session_view("t1", 1000, c.id).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsStoreTest, kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
