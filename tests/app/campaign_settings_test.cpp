// The campaign settings use case: name and dates checked like a new campaign's (a message per
// field, nothing saved on failure), allowed to the issuer's coordinators and admins, and every
// change bumping the revision summaries are cached by; reporting kinds added or removed with
// every summary staying what a full rebuild gives.
#include <latch>
#include <thread>

#include "app/campaigns.h"
#include "app/reports.h"
#include "app/summaries.h"
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
    return {"Tuần lễ học tập suốt đời 2025 (điều chỉnh)",
            year{2025} / 10 / 2,
            year{2025} / 10 / 8,
            year{2025} / 10 / 15,
            year{2025} / 11 / 5,
            std::nullopt,
            std::nullopt,
            std::nullopt};
  }

  CampaignSettings with_kinds(std::vector<UnitKind> kinds) const {
    CampaignSettings changed = settings();
    changed.reporting_kinds = std::move(kinds);
    return changed;
  }

  // The summary exactly as the API serves it (through the revision-keyed cache).
  nlohmann::json summary(const std::string& code) {
    return nlohmann::json::parse(
        *app_->summaries().summary_json(system_admin(), campaign_.id, code));
  }

  void expect_summaries_match_a_full_rebuild() {
    AppTest::expect_summaries_match_a_full_rebuild(campaign_.id);
  }

  std::int64_t expected(const std::string& code) {
    return summary(code)["expected"].get<std::int64_t>();
  }

  Campaign campaign_;
};

TEST_F(CampaignSettingsTest, AddingAKindGivesEveryUnitOfThatKindANotStartedReport) {
  // Start with schools only; the village HP-X-V then does not report.
  app_->campaigns().update_campaign_settings(system_admin(), campaign_.id,
                                             with_kinds({UnitKind::school}));
  const OrgUnit village = *store_->units().find_unit("HP-X-V");
  ASSERT_FALSE(store_->reports().find_report(campaign_.id, village.id));
  save_and_submit(campaign_.id, "HP-X-A",
                  {{"participants_students", 100}, {"participants_staff", 10}});
  const auto city_before = expected("HP");
  const auto commune_before = expected("HP-X");
  const auto revision = *store_->campaigns().campaign_revision(campaign_.id);

  const Campaign saved = app_->campaigns().update_campaign_settings(
      system_admin(), campaign_.id, with_kinds({UnitKind::school, UnitKind::village}));
  EXPECT_EQ(saved.reporting_kinds, (std::vector<UnitKind>{UnitKind::village, UnitKind::school}));
  const auto report = store_->reports().find_report(campaign_.id, village.id);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->status, ReportStatus::not_started);
  EXPECT_EQ(expected("HP"), city_before + 1);
  EXPECT_EQ(expected("HP-X"), commune_before + 1);
  EXPECT_EQ(expected("HP-Y"), 1);
  EXPECT_GT(*store_->campaigns().campaign_revision(campaign_.id), revision);
  expect_summaries_match_a_full_rebuild();
}

TEST_F(CampaignSettingsTest, RemovingAKindWhoseReportsAreUntouchedSubtractsExactlyThem) {
  save_and_submit(campaign_.id, "HP-X-A",
                  {{"participants_students", 100}, {"participants_staff", 10}});
  const nlohmann::json city_before = summary("HP");
  const auto commune_before = expected("HP-X");
  const OrgUnit village = *store_->units().find_unit("HP-X-V");
  ASSERT_TRUE(store_->reports().find_report(campaign_.id, village.id));

  const Campaign saved = app_->campaigns().update_campaign_settings(system_admin(), campaign_.id,
                                                                    with_kinds({UnitKind::school}));
  EXPECT_EQ(saved.reporting_kinds, std::vector<UnitKind>{UnitKind::school});
  EXPECT_FALSE(store_->reports().find_report(campaign_.id, village.id));
  EXPECT_EQ(expected("HP-X"), commune_before - 1);
  const nlohmann::json city_after = summary("HP");
  EXPECT_EQ(city_after["expected"], city_before["expected"].get<std::int64_t>() - 1);
  EXPECT_EQ(city_after["missing_count"], city_before["missing_count"].get<std::int64_t>() - 1);
  // The village's population never counted (it had not reported): the figures stay exact.
  EXPECT_EQ(city_after["participation"], city_before["participation"]);
  EXPECT_EQ(city_after["submitted"], city_before["submitted"]);
  expect_summaries_match_a_full_rebuild();
}

TEST_F(CampaignSettingsTest, RemovingAKindWithASavedReportIsRefusedAndNothingChanges) {
  UnitReport current = app_->reports().get_report(system_admin(), campaign_.id, "HP-X-B");
  app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-B", current.version,
                             {{"participants_students", 30}});
  const nlohmann::json city_before = summary("HP");
  const auto revision = *store_->campaigns().campaign_revision(campaign_.id);
  try {
    app_->campaigns().update_campaign_settings(system_admin(), campaign_.id,
                                               with_kinds({UnitKind::village}));
    ADD_FAILURE() << "removed schools although one had saved its report";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    ASSERT_EQ(e.fields().count("reporting_kinds"), 1u);
    EXPECT_NE(e.fields().at("reporting_kinds").find("Trường học: 1 đơn vị"), std::string::npos)
        << e.fields().at("reporting_kinds");
  }
  const Campaign stored = *store_->campaigns().find_campaign(campaign_.id);
  EXPECT_EQ(stored.reporting_kinds, campaign_.reporting_kinds);
  EXPECT_EQ(stored.name, campaign_.name);
  EXPECT_EQ(*store_->campaigns().campaign_revision(campaign_.id), revision);
  EXPECT_TRUE(store_->reports().find_report(campaign_.id, store_->units().find_unit("HP-X-A")->id));
  EXPECT_EQ(summary("HP"), city_before);
}

TEST_F(CampaignSettingsTest, SwappingKindsRemovesAndAddsInOneChangeThatBumpsTheRevisionOnce) {
  app_->campaigns().update_campaign_settings(system_admin(), campaign_.id,
                                             with_kinds({UnitKind::school}));
  save_and_submit(campaign_.id, "HP-X-A",
                  {{"participants_students", 100}, {"participants_staff", 10}});
  const auto revision = *store_->campaigns().campaign_revision(campaign_.id);
  const auto audit_before = store_->audit().query_audit({}).size();

  // Villages in and schools out while HP-X-A has submitted: refused whole, no village added.
  EXPECT_EQ(error_kind_of([&] {
              app_->campaigns().update_campaign_settings(system_admin(), campaign_.id,
                                                         with_kinds({UnitKind::village}));
            }),
            ErrorKind::conflict);
  EXPECT_FALSE(store_->reports().find_report(campaign_.id, unit("HP-X-V").id));
  EXPECT_TRUE(store_->reports().find_report(campaign_.id, unit("HP-Y-C").id));
  EXPECT_EQ(*store_->campaigns().campaign_revision(campaign_.id), revision);

  // Villages in, schools kept: one change, one revision, one audit entry, exact totals.
  const Campaign saved = app_->campaigns().update_campaign_settings(
      system_admin(), campaign_.id, with_kinds({UnitKind::village, UnitKind::school}));
  EXPECT_EQ(saved.reporting_kinds, (std::vector<UnitKind>{UnitKind::village, UnitKind::school}));
  EXPECT_EQ(*store_->campaigns().campaign_revision(campaign_.id), revision + 1);
  const auto audit = store_->audit().query_audit({});
  ASSERT_EQ(audit.size(), audit_before + 2);  // the refused attempt and this change
  EXPECT_EQ(audit.front().action, "campaign.settings");
  EXPECT_EQ(audit.front().outcome, "ok");
  expect_summaries_match_a_full_rebuild();

  // On a campaign whose reports are all untouched the same swap goes through, in one change.
  const Campaign other = make_campaign("HP");
  app_->campaigns().update_campaign_settings(system_admin(), other.id,
                                             with_kinds({UnitKind::school}));
  const auto other_revision = *store_->campaigns().campaign_revision(other.id);
  app_->campaigns().update_campaign_settings(system_admin(), other.id,
                                             with_kinds({UnitKind::village}));
  EXPECT_EQ(*store_->campaigns().campaign_revision(other.id), other_revision + 1);
  EXPECT_TRUE(store_->reports().find_report(other.id, unit("HP-X-V").id));
  for (const char* school : {"HP-X-A", "HP-X-B", "HP-Y-C"}) {
    EXPECT_FALSE(store_->reports().find_report(other.id, unit(school).id)) << school;
  }
  EXPECT_EQ(nlohmann::json::parse(
                *app_->summaries().summary_json(system_admin(), other.id, "HP"))["expected"],
            1);
  AppTest::expect_summaries_match_a_full_rebuild(other.id);
}

// The store's change as the use case builds it: each unit with what its untouched report
// contributes.
class CampaignSettingsStoreTest : public CampaignSettingsTest {
 protected:
  ReportingUnitChange untouched(const std::string& code) {
    Campaign campaign = *store_->campaigns().find_campaign(campaign_.id);
    campaign.form = app_->campaigns().form(campaign.form_id);
    const OrgUnit u = unit(code);
    UnitReport report;
    report.campaign_id = campaign.id;
    report.unit_id = u.id;
    report.unit_code = u.code;
    report.status = ReportStatus::not_started;
    return {u, contribution_of(campaign, u, report), store_->units().ancestor_ids(u.id)};
  }

  // Everything a failed change must leave as it was.
  struct Snapshot {
    std::vector<UnitKind> kinds;
    std::string name;
    std::int64_t revision = 0;
    std::map<std::string, bool> reports;
    std::map<std::string, nlohmann::json> summaries;
    bool operator==(const Snapshot&) const = default;
  };

  Snapshot snapshot() {
    Snapshot s;
    const Campaign stored = *store_->campaigns().find_campaign(campaign_.id);
    s.kinds = stored.reporting_kinds;
    s.name = stored.name;
    s.revision = *store_->campaigns().campaign_revision(campaign_.id);
    for (const char* code : {"HP-X-A", "HP-X-B", "HP-X-V", "HP-Y-C"}) {
      s.reports[code] = store_->reports().find_report(campaign_.id, unit(code).id).has_value();
    }
    for (const char* code : {"HP", "HP-X", "HP-Y"}) s.summaries[code] = summary(code);
    return s;
  }
};

TEST_F(CampaignSettingsStoreTest, AChangeWhoseAddFailsChangesNothingAtAll) {
  // Schools only, then: villages in and schools out, where one added unit has vanished.
  app_->campaigns().update_campaign_settings(system_admin(), campaign_.id,
                                             with_kinds({UnitKind::school}));
  const Snapshot before = snapshot();
  CampaignSettingsChange change{
      *store_->campaigns().find_campaign(campaign_.id), SummarySource::accepted, {}, {}};
  change.campaign.name = "Đổi tên giữa chừng";
  change.campaign.reporting_kinds = {UnitKind::village};
  for (const char* school : {"HP-X-A", "HP-X-B", "HP-Y-C"}) {
    change.removed.push_back(untouched(school));
  }
  change.added.push_back(untouched("HP-X-V"));
  ReportingUnitChange vanished = untouched("HP-X-V");
  vanished.unit.id = 987654;
  vanished.unit.code = "DA-XOA";
  change.added.push_back(vanished);
  EXPECT_EQ(error_kind_of([&] { store_->campaigns().change_campaign_settings(change); }),
            ErrorKind::not_found);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_.id)->summary_source, SummarySource::live);

  // An added unit that reports already (another server added it first): the same.
  change.removed = {untouched("HP-X-B"), untouched("HP-Y-C")};
  change.added = {untouched("HP-X-V"), untouched("HP-X-A")};
  EXPECT_EQ(error_kind_of([&] { store_->campaigns().change_campaign_settings(change); }),
            ErrorKind::conflict);
  EXPECT_EQ(snapshot(), before);

  // Without the bad unit the same change goes through whole.
  change.added = {untouched("HP-X-V")};
  change.removed = {untouched("HP-X-A"), untouched("HP-X-B"), untouched("HP-Y-C")};
  store_->campaigns().change_campaign_settings(change);
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_.id)->name, "Đổi tên giữa chừng");
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_.id)->summary_source,
            SummarySource::accepted);
  EXPECT_EQ(*store_->campaigns().campaign_revision(campaign_.id), before.revision + 1);
  EXPECT_TRUE(store_->reports().find_report(campaign_.id, unit("HP-X-V").id));
  EXPECT_FALSE(store_->reports().find_report(campaign_.id, unit("HP-X-A").id));
  expect_summaries_match_a_full_rebuild();
}

TEST_F(CampaignSettingsStoreTest, ASaveAfterTheChangeWasReadRefusesTheChangeAndIsKept) {
  // The change is read while every school is untouched; a clerk saves before it is written.
  CampaignSettingsChange change{
      *store_->campaigns().find_campaign(campaign_.id), std::nullopt, {}, {}};
  change.campaign.reporting_kinds = {UnitKind::village};
  for (const char* school : {"HP-X-A", "HP-X-B", "HP-Y-C"}) {
    change.removed.push_back(untouched(school));
  }
  const UnitReport current = app_->reports().get_report(system_admin(), campaign_.id, "HP-Y-C");
  app_->reports().save_draft(system_admin(), campaign_.id, "HP-Y-C", current.version,
                             {{"participants_students", 40}});
  const Snapshot before = snapshot();
  try {
    store_->campaigns().change_campaign_settings(change);
    ADD_FAILURE() << "removed a report saved after the change was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "reporting_kinds");
    EXPECT_NE(e.message().find("Trường học: 1 đơn vị đã lưu hoặc gửi báo cáo"), std::string::npos)
        << e.message();
  }
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(app_->reports()
                .get_report(system_admin(), campaign_.id, "HP-Y-C")
                .values.value("participants_students", 0),
            40);
  expect_summaries_match_a_full_rebuild();
}

TEST_F(CampaignSettingsTest, ASaveRacingARemovalIsEitherKeptOrRefusedNeverLost) {
  // Each round races a village's save against removing villages, on a campaign of its own.
  for (int round = 0; round < 6; ++round) {
    const Campaign campaign = make_campaign("HP");
    const std::int64_t version =
        app_->reports().get_report(system_admin(), campaign.id, "HP-X-V").version;
    std::latch start(2);
    std::optional<ErrorKind> save_error, change_error;
    auto attempt = [&](std::optional<ErrorKind>& error, auto&& action) {
      start.arrive_and_wait();
      try {
        action();
      } catch (const Error& e) {
        error = e.kind();
      }
    };
    std::thread saver([&] {
      attempt(save_error, [&] {
        app_->reports().save_draft(system_admin(), campaign.id, "HP-X-V", version,
                                   {{"media_articles", 9}});
      });
    });
    std::thread changer([&] {
      attempt(change_error, [&] {
        app_->campaigns().update_campaign_settings(system_admin(), campaign.id,
                                                   with_kinds({UnitKind::school}));
      });
    });
    saver.join();
    changer.join();
    const auto report = store_->reports().find_report(campaign.id, unit("HP-X-V").id);
    const Campaign stored = *store_->campaigns().find_campaign(campaign.id);
    if (!change_error) {
      // The removal won: the save was refused, not silently dropped.
      ASSERT_TRUE(save_error) << "round " << round << ": the save succeeded and was removed";
      EXPECT_TRUE(*save_error == ErrorKind::not_found || *save_error == ErrorKind::conflict);
      EXPECT_FALSE(report);
      EXPECT_EQ(stored.reporting_kinds, std::vector<UnitKind>{UnitKind::school});
    } else {
      // The save won: it is kept and the removal was refused whole.
      EXPECT_EQ(*change_error, ErrorKind::conflict) << "round " << round;
      EXPECT_FALSE(save_error) << "round " << round;
      ASSERT_TRUE(report);
      EXPECT_EQ(report->values.value("media_articles", 0), 9);
      EXPECT_EQ(stored.reporting_kinds, campaign.reporting_kinds);
    }
    AppTest::expect_summaries_match_a_full_rebuild(campaign.id);
  }
}

TEST_F(CampaignSettingsTest, RemovingEveryKindIsRefused) {
  try {
    app_->campaigns().update_campaign_settings(system_admin(), campaign_.id, with_kinds({}));
    ADD_FAILURE() << "accepted a campaign in which nobody reports";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    EXPECT_EQ(e.fields().count("reporting_kinds"), 1u);
  }
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_.id)->reporting_kinds,
            campaign_.reporting_kinds);
  EXPECT_EQ(error_kind_of([&] {
              app_->campaigns().update_campaign_settings(system_admin(), campaign_.id,
                                                         with_kinds({UnitKind::commune}));
            }),
            ErrorKind::validation_failed);
}

TEST_F(CampaignSettingsTest, TheIssuersCoordinatorChangesNameAndDatesAndTheRevisionGrows) {
  const User city = make_user("tp.haiphong", Role::coordinator, "HP");
  const auto before = store_->campaigns().campaign_revision(campaign_.id);
  const Campaign saved = app_->campaigns().update_campaign_settings(city, campaign_.id, settings());
  EXPECT_EQ(saved.name, "Tuần lễ học tập suốt đời 2025 (điều chỉnh)");
  EXPECT_EQ(saved.period_start, year{2025} / 10 / 2);
  EXPECT_EQ(saved.deadline, year{2025} / 10 / 15);
  EXPECT_EQ(saved.lock_date, year{2025} / 11 / 5);
  EXPECT_EQ(saved.reporting_kinds, campaign_.reporting_kinds);
  EXPECT_GT(*store_->campaigns().campaign_revision(campaign_.id), *before);
  EXPECT_EQ(app_->campaigns().get_campaign(city, campaign_.id).period_end, year{2025} / 10 / 8);
}

TEST_F(CampaignSettingsTest, OthersAreRefusedAndNothingChanges) {
  const User commune = make_user("xa.anhung", Role::coordinator, "HP-X");
  const User reporter = make_user("th.anhung", Role::reporter, "HP-X-A");
  const User viewer = make_user("xem.thanhpho", Role::viewer, "HP");
  for (const User* actor : {&commune, &reporter, &viewer}) {
    EXPECT_EQ(error_kind_of([&] {
                app_->campaigns().update_campaign_settings(*actor, campaign_.id, settings());
              }),
              ErrorKind::forbidden)
        << actor->username;
  }
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_.id)->name, campaign_.name);
}

TEST_F(CampaignSettingsTest, DatesOutOfOrderGetAMessagePerFieldAndNothingIsSaved) {
  CampaignSettings wrong = settings();
  wrong.period_end = year{2025} / 9 / 30;  // before the start
  wrong.lock_date = year{2025} / 10 / 14;  // before the deadline
  wrong.name.clear();
  try {
    app_->campaigns().update_campaign_settings(system_admin(), campaign_.id, wrong);
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
    app_->campaigns().update_campaign_settings(system_admin(), campaign_.id, other_year);
    ADD_FAILURE() << "moved the campaign to another year";
  } catch (const Error& e) {
    EXPECT_EQ(e.fields().count("period_start"), 1u);
    EXPECT_EQ(e.fields().count("year"), 0u);
  }
  CampaignSettings impossible = settings();
  impossible.deadline = year{2025} / 2 / 31;
  EXPECT_EQ(error_kind_of([&] {
              app_->campaigns().update_campaign_settings(system_admin(), campaign_.id, impossible);
            }),
            ErrorKind::validation_failed);
  const Campaign stored = *store_->campaigns().find_campaign(campaign_.id);
  EXPECT_EQ(stored.name, campaign_.name);
  EXPECT_EQ(stored.period_end, campaign_.period_end);
  EXPECT_EQ(stored.lock_date, campaign_.lock_date);
}

TEST_F(CampaignSettingsTest, AnUnknownCampaignIsNotFound) {
  EXPECT_EQ(error_kind_of([&] {
              app_->campaigns().update_campaign_settings(system_admin(), 9999, settings());
            }),
            ErrorKind::not_found);
}

}  // namespace
}  // namespace llw::testing
