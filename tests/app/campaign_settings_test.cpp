// The campaign settings use case: name and dates checked like a new campaign's (a message per
// field, nothing saved on failure), allowed to the issuer's coordinators and admins, and every
// change bumping the revision summaries are cached by.
#include "app_fixture.h"

namespace llw::testing {
namespace {

using namespace std::chrono;

class CampaignSettingsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    campaign_ = make_campaign("HP");
  }

  CampaignSettings settings() const {
    return {"Tuần lễ học tập suốt đời 2025 (điều chỉnh)", year{2025} / 10 / 2, year{2025} / 10 / 8,
            year{2025} / 10 / 15, year{2025} / 11 / 5};
  }

  Campaign campaign_;
};

TEST_F(CampaignSettingsTest, TheIssuersCoordinatorChangesNameAndDatesAndTheRevisionGrows) {
  const User city = make_user("tp.haiphong", Role::coordinator, "HP");
  const auto before = store_->campaign_revision(campaign_.id);
  const Campaign saved = app_->update_campaign_settings(city, campaign_.id, settings());
  EXPECT_EQ(saved.name, "Tuần lễ học tập suốt đời 2025 (điều chỉnh)");
  EXPECT_EQ(saved.period_start, year{2025} / 10 / 2);
  EXPECT_EQ(saved.deadline, year{2025} / 10 / 15);
  EXPECT_EQ(saved.lock_date, year{2025} / 11 / 5);
  EXPECT_EQ(saved.reporting_kinds, campaign_.reporting_kinds);
  EXPECT_GT(*store_->campaign_revision(campaign_.id), *before);
  EXPECT_EQ(app_->get_campaign(city, campaign_.id).period_end, year{2025} / 10 / 8);
}

TEST_F(CampaignSettingsTest, OthersAreRefusedAndNothingChanges) {
  const User commune = make_user("xa.anhung", Role::coordinator, "HP-X");
  const User reporter = make_user("th.anhung", Role::reporter, "HP-X-A");
  const User viewer = make_user("xem.thanhpho", Role::viewer, "HP");
  for (const User* actor : {&commune, &reporter, &viewer}) {
    EXPECT_EQ(error_kind_of([&] { app_->update_campaign_settings(*actor, campaign_.id, settings()); }),
              ErrorKind::forbidden)
        << actor->username;
  }
  EXPECT_EQ(store_->find_campaign(campaign_.id)->name, campaign_.name);
}

TEST_F(CampaignSettingsTest, DatesOutOfOrderGetAMessagePerFieldAndNothingIsSaved) {
  CampaignSettings wrong = settings();
  wrong.period_end = year{2025} / 9 / 30;  // before the start
  wrong.lock_date = year{2025} / 10 / 14;  // before the deadline
  wrong.name.clear();
  try {
    app_->update_campaign_settings(system_admin(), campaign_.id, wrong);
    ADD_FAILURE() << "accepted dates out of order";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    EXPECT_EQ(e.fields().count("period_end"), 1u);
    EXPECT_EQ(e.fields().count("lock_date"), 1u);
    EXPECT_EQ(e.fields().count("name"), 1u);
  }
  CampaignSettings other_year = settings();
  other_year.period_start = year{2026} / 10 / 1;
  other_year.period_end = year{2026} / 10 / 7;
  other_year.deadline = year{2026} / 10 / 12;
  other_year.lock_date = year{2026} / 10 / 31;
  try {
    app_->update_campaign_settings(system_admin(), campaign_.id, other_year);
    ADD_FAILURE() << "moved the campaign to another year";
  } catch (const Error& e) {
    EXPECT_EQ(e.fields().count("period_start"), 1u);
    EXPECT_EQ(e.fields().count("year"), 0u);
  }
  CampaignSettings impossible = settings();
  impossible.deadline = year{2025} / 2 / 31;
  EXPECT_EQ(error_kind_of([&] {
              app_->update_campaign_settings(system_admin(), campaign_.id, impossible);
            }),
            ErrorKind::validation_failed);
  const Campaign stored = *store_->find_campaign(campaign_.id);
  EXPECT_EQ(stored.name, campaign_.name);
  EXPECT_EQ(stored.period_end, campaign_.period_end);
  EXPECT_EQ(stored.lock_date, campaign_.lock_date);
}

TEST_F(CampaignSettingsTest, AnUnknownCampaignIsNotFound) {
  EXPECT_EQ(error_kind_of([&] { app_->update_campaign_settings(system_admin(), 9999, settings()); }),
            ErrorKind::not_found);
}

}  // namespace
}  // namespace llw::testing
