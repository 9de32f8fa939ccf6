// The session views a PostgreSQL store keeps in memory (storage/sql/session_view_cache.h): served
// without a round trip while nothing they were read from has changed, read again once another
// server's write is announced (migration 028's triggers, storage/postgresql/change_listener.h) or
// this store writes, and never served while the announcements cannot be heard.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::Backend;
using testing_support::PgConnection;
using testing_support::StoreFixture;
using testing_support::unit_input;

// True as soon as `condition` holds, false when it still does not after ten seconds.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class SessionViewCacheTest : public StoreFixture {
 protected:
  void populate() override {
    store_->units().upsert_units(
        {unit_input("HP", UnitKind::province, ""), unit_input("HP-AH", UnitKind::commune, "HP")});
    User user;
    user.username = "xa.anhung";
    user.display_name = "Cán bộ xã";
    user.role = Role::coordinator;
    const OrgUnit unit = *store_->units().find_unit("HP-AH");
    user.unit_id = unit.id;
    user.unit_code = unit.code;
    user.unit_path = unit.path;
    user_ = store_->accounts().insert_user(user, "hash");
    store_->accounts().insert_session("t1", user_.id, kExpires);
  }

  // Another server on the same database.
  std::shared_ptr<Store> other_server() { return open_store(database_->url()); }

  std::optional<SessionView> view(Store& store) {
    return store.session_views().session_view("t1", kNow, 0);
  }

  // Renames the account straight in the database with triggers off (a superuser's session in
  // replica mode): a change nobody announces, which only a view read from the database shows.
  void rename_quietly(const std::string& name) {
    PgConnection admin(database_->url());
    admin.rows("SET session_replication_role = replica");
    admin.rows("UPDATE users SET display_name = '" + name + "' WHERE username = 'xa.anhung'");
  }

  // Waits until `store` serves the view from memory: an unannounced rename stops showing.
  bool serves_from_memory(Store& store) {
    int round = 0;
    return eventually([&] {
      const std::string before = view(store)->user.display_name;
      rename_quietly("lặng lẽ " + std::to_string(++round));
      return view(store)->user.display_name == before;
    });
  }

  static constexpr Timestamp kNow = 1000, kExpires = 2000;
  User user_;
};

TEST_P(SessionViewCacheTest, AViewIsKeptUntilAnotherServerChangesWhatItWasReadFrom) {
  ASSERT_TRUE(serves_from_memory(*store_));
  auto other = other_server();

  // The account renamed on the other server.
  User renamed = user_;
  renamed.display_name = "Tên mới";
  other->accounts().update_user(renamed);
  EXPECT_TRUE(eventually([&] { return view(*store_)->user.display_name == "Tên mới"; }));

  // A new campaign changes the fingerprint.
  ASSERT_TRUE(serves_from_memory(*store_));
  const CampaignsFingerprint before = view(*store_)->campaigns;
  Campaign campaign = testing_support::week_campaign_2025();
  campaign.issuer_unit_id = id_of("HP");
  other->campaigns().insert_campaign(campaign, {});
  EXPECT_TRUE(eventually([&] { return view(*store_)->campaigns.count == before.count + 1; }));

  // Signed out on the other server: the session ends here too.
  ASSERT_TRUE(serves_from_memory(*store_));
  other->accounts().delete_session("t1");
  EXPECT_TRUE(eventually([&] { return !view(*store_).has_value(); }));
}

TEST_P(SessionViewCacheTest, ThisStoresOwnWriteIsSeenAtOnceAndAnExpiredSessionIsNotServed) {
  ASSERT_TRUE(serves_from_memory(*store_));
  User disabled = user_;
  disabled.disabled = true;
  store_->accounts().update_user(disabled);
  EXPECT_FALSE(view(*store_).has_value());

  User enabled = user_;
  store_->accounts().update_user(enabled);  // disabling ended the session: start another
  store_->accounts().insert_session("t1", user_.id, kExpires);
  ASSERT_TRUE(serves_from_memory(*store_));
  EXPECT_FALSE(store_->session_views().session_view("t1", kExpires, 0).has_value());
}

TEST_P(SessionViewCacheTest, NothingIsServedFromMemoryWhileTheAnnouncementsCannotBeHeard) {
  ASSERT_TRUE(serves_from_memory(*store_));
  // The listening connection dropped, as a restart of the server drops it.
  PgConnection admin(database_->url());
  admin.rows(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
      "current_database() AND query LIKE 'LISTEN%'");
  // Until it listens again every view is read from the database; then it is kept again.
  int round = 0;
  EXPECT_TRUE(eventually([&] {
    const std::string name = "sau khi mất kết nối " + std::to_string(++round);
    rename_quietly(name);
    return view(*store_)->user.display_name == name;
  }));
  EXPECT_TRUE(serves_from_memory(*store_));
}

TEST_P(SessionViewCacheTest, ANarrativeSavedOnAnotherServerShowsItsVersionHere) {
  Campaign campaign = testing_support::week_campaign_2025();
  campaign.issuer_unit_id = id_of("HP");
  campaign.id = store_->campaigns().insert_campaign(campaign, {});
  const std::int64_t node = id_of("HP");
  ASSERT_TRUE(serves_from_memory(*store_));
  EXPECT_EQ(store_->reporting_up().consolidated_narrative_version(campaign.id, node), 0);

  ConsolidatedNarrative narrative;
  narrative.campaign_id = campaign.id;
  narrative.unit_id = node;
  narrative.version = 1;
  narrative.texts = {{"advantages", "Thuận lợi"}};
  narrative.updated_at = kNow;
  other_server()->reporting_up().save_consolidated_narrative(narrative, 0);
  EXPECT_TRUE(eventually([&] {
    return store_->reporting_up().consolidated_narrative_version(campaign.id, node) == 1;
  }));
}

// Every summary and consolidated page asks for last year's campaign and its revision (issue 18):
// kept in memory, and read again when another server links a next year (migration 040's trigger)
// or changes last year's campaign.
TEST_P(SessionViewCacheTest, ALastYearLinkedOnAnotherServerShowsHere) {
  Campaign last = testing_support::week_campaign_2025();
  last.issuer_unit_id = id_of("HP");
  last.id = store_->campaigns().insert_campaign(last, {});
  Campaign current = testing_support::week_campaign_2025();
  current.issuer_unit_id = id_of("HP");
  current.id = store_->campaigns().insert_campaign(current, {});
  ASSERT_TRUE(serves_from_memory(*store_));
  EXPECT_FALSE(store_->campaigns().previous_year_campaign(current.id).has_value());
  EXPECT_FALSE(store_->campaigns().previous_year_campaign(current.id).has_value());

  const std::shared_ptr<Store> other = other_server();
  other->campaigns().link_next_year(last.id, current.id);
  EXPECT_TRUE(eventually([&] {
    const auto previous = store_->campaigns().previous_year_campaign(current.id);
    return previous && previous->campaign_id == last.id;
  }));
  const std::int64_t revision = store_->campaigns().previous_year_campaign(current.id)->revision;

  CampaignSettingsChange change;
  change.campaign = *other->campaigns().find_campaign(last.id);
  change.campaign.name = "Tuần lễ năm trước (đổi tên)";
  other->campaigns().change_campaign_settings(change);
  EXPECT_TRUE(eventually(
      [&] { return store_->campaigns().previous_year_campaign(current.id)->revision > revision; }));
}

INSTANTIATE_TEST_SUITE_P(Postgresql, SessionViewCacheTest, ::testing::Values(Backend::postgresql),
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
