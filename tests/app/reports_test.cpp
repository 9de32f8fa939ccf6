// Saving, submitting and summarising on a small tree whose figures are computed by hand.
#include "app/reports.h"

#include <algorithm>

#include "app/campaigns.h"
#include "app/summaries.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

using nlohmann::json;

class ReportsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    campaign_ = make_campaign("HP");
  }

  // A: students 200, staff 20, parents 190 (population 410).
  json values_a() {
    return {{"media_articles", 2},
            {"banners", 3},
            {"reading_day_held", true},
            {"reading_day_sessions", 2},
            {"reading_day_participants", 150},
            {"reading_day_direction", "d"},
            {"participants_students", 100},
            {"participants_staff", 10},
            {"commend_collectives", 1},
            {"commend_individuals", 4},
            {"advantages", "Thuận lợi của trường A"}};
  }
  // B: students 400, staff 40 (population 440). Its reading day has no direction: the
  // activity's default ("d") applies.
  json values_b() {
    return {{"media_articles", 5},
            {"banners", 1},
            {"reading_day_held", true},
            {"reading_day_sessions", 1},
            {"reading_day_participants", 50},
            {"stem_held", true},
            {"stem_sessions", 2},
            {"stem_participants", 80},
            {"stem_direction", "đ"},
            {"participants_students", 300},
            {"participants_staff", 30},
            {"advantages", "Thuận lợi của trường B"}};
  }

  UnitReport save_and_submit(const std::string& code, const json& values) {
    return AppTest::save_and_submit(campaign_.id, code, values);
  }

  Campaign campaign_;
};

TEST_F(ReportsTest, SummaryOfACommuneAddsUpItsSubmittedReports) {
  save_and_submit("HP-X-A", values_a());
  save_and_submit("HP-X-B", values_b());
  UnitReport v = app_->reports().get_report(system_admin(), campaign_.id, "HP-X-V");
  app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-V", v.version,
                             {{"media_articles", 9}});

  Summary s = app_->summaries().summary(system_admin(), campaign_.id, "HP-X");
  EXPECT_EQ(s.expected, 3);
  EXPECT_EQ(s.submitted, 2);
  EXPECT_EQ(s.on_time, 2);
  EXPECT_EQ(s.late, 0);
  EXPECT_EQ(s.missing_count, 1);
  EXPECT_EQ(s.missing, std::vector<std::string>{"HP-X-V"});
  EXPECT_EQ(s.totals.at("media_articles"), 7);  // the village's draft is not counted
  EXPECT_EQ(s.totals.at("banners"), 4);
  EXPECT_EQ(s.activities.at("reading_day").units, 2);
  EXPECT_EQ(s.activities.at("reading_day").sessions, 3);
  EXPECT_EQ(s.activities.at("reading_day").participants, 200);
  EXPECT_EQ(s.activities.at("stem").units, 1);
  EXPECT_EQ(s.activities.at("stem").participants, 80);
  EXPECT_EQ(s.directions.at("d").units, 2);
  EXPECT_EQ(s.directions.at("d").sessions, 3);
  EXPECT_EQ(s.directions.at("đ").participants, 80);
  EXPECT_EQ(s.participants, 440);
  // Students and staff of A (200 + 20) and B (400 + 40): A left its 190 parents empty.
  EXPECT_EQ(s.population, 660);
  EXPECT_NEAR(s.participation_rate, 440.0 / 660.0, 1e-12);
  ASSERT_EQ(s.participation_groups.size(), 4u);
  EXPECT_EQ(s.participation_groups[0].participants, 400);  // students: 100 + 300
  EXPECT_EQ(s.participation_groups[0].population, 600);
  EXPECT_EQ(s.participation_groups[0].units, 2);
  EXPECT_EQ(s.participation_groups[2].units, 0);  // parents: nobody reported them
  EXPECT_EQ(s.commendations.at("collectives"), 1);
  EXPECT_EQ(s.commendations.at("individuals"), 4);
  ASSERT_EQ(s.narratives.at("advantages").size(), 2u);
  EXPECT_EQ(s.narrative_counts.at("advantages"), 2);
}

TEST_F(ReportsTest, CachedSummaryChangesAsSoonAsAReportIsSubmittedOrReplaced) {
  auto figures = [&] {
    return json::parse(*app_->summaries().summary_json(system_admin(), campaign_.id, "HP-X"));
  };
  EXPECT_EQ(figures()["totals"]["media_articles"], 0);
  EXPECT_EQ(figures()["submitted"], 0);  // served from the cache the second time

  // A draft of a report that was never counted leaves the figures as they were. Its first save
  // changes the report's state (the dashboard counts drafts), so the revision moves once; saving
  // the draft again leaves it.
  UnitReport v = app_->reports().get_report(system_admin(), campaign_.id, "HP-X-V");
  v = app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-V", v.version,
                                 {{"media_articles", 9}});
  EXPECT_EQ(figures()["totals"]["media_articles"], 0);
  const auto before_draft = app_->campaigns().campaign_revision(campaign_.id);
  app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-V", v.version,
                             {{"media_articles", 8}});
  EXPECT_EQ(app_->campaigns().campaign_revision(campaign_.id), before_draft);
  EXPECT_EQ(figures()["totals"]["media_articles"], 0);

  save_and_submit("HP-X-A", values_a());
  EXPECT_EQ(figures()["totals"]["media_articles"], 2);
  EXPECT_EQ(figures()["submitted"], 1);
  EXPECT_EQ(figures()["narratives"]["advantages"][0]["text"], "Thuận lợi của trường A");

  // A viewer outside the subtree is refused even when the summary is cached.
  EXPECT_THROW(app_->summaries().summary_json(make_user("xem.y", Role::viewer, "HP-Y"),
                                              campaign_.id, "HP-X"),
               Error);
}

TEST_F(ReportsTest, LateSubmissionCountsAsLateInEveryAncestor) {
  save_and_submit("HP-X-A", values_a());
  save_and_submit("HP-X-B", values_b());
  now_ = vietnam_time(10, 13, 9);  // the day after the deadline
  UnitReport c = save_and_submit("HP-Y-C", {{"media_articles", 7}, {"participants_students", 50}});
  EXPECT_TRUE(c.late);
  EXPECT_EQ(c.status, ReportStatus::submitted);

  Summary city = app_->summaries().summary(system_admin(), campaign_.id, "HP");
  EXPECT_EQ(city.expected, 4);
  EXPECT_EQ(city.submitted, 3);
  EXPECT_EQ(city.on_time, 2);
  EXPECT_EQ(city.late, 1);
  EXPECT_EQ(city.totals.at("media_articles"), 14);
  EXPECT_EQ(city.participants, 490);
  EXPECT_EQ(city.population, 660 + 100);  // C reported its 100 students only
  Summary y = app_->summaries().summary(system_admin(), campaign_.id, "HP-Y");
  EXPECT_EQ(y.late, 1);
  EXPECT_EQ(y.totals.at("media_articles"), 7);
}

TEST_F(ReportsTest, ResubmissionReplacesInsteadOfAdding) {
  UnitReport a = save_and_submit("HP-X-A", values_a());
  save_and_submit("HP-X-B", values_b());

  // The commune returns A's report (the review use case writes through the same port).
  Campaign campaign = *store_->campaigns().find_campaign(campaign_.id);
  campaign.form = app_->campaigns().form(campaign.form_id);
  OrgUnit unit_a = unit("HP-X-A");
  UnitReport returned = a;
  returned.status = ReportStatus::returned;
  returned.version = a.version + 1;
  ReportWrite write;
  write.report = returned;
  write.expected_version = a.version;
  write.delta =
      difference(contribution_of(campaign, unit_a, returned), contribution_of(campaign, unit_a, a));
  write.ancestor_ids = store_->units().ancestor_ids(unit_a.id);
  write.action = "return";
  store_->reports().write_report(write, {});
  EXPECT_EQ(
      app_->summaries().summary(system_admin(), campaign_.id, "HP-X").totals.at("media_articles"),
      5);

  json fixed = values_a();
  fixed["media_articles"] = 4;
  UnitReport draft =
      app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", returned.version, fixed);
  app_->reports().submit(system_admin(), campaign_.id, "HP-X-A", draft.version);

  Summary s = app_->summaries().summary(system_admin(), campaign_.id, "HP-X");
  EXPECT_EQ(s.submitted, 2);
  EXPECT_EQ(s.totals.at("media_articles"), 9);  // 4 + 5, not 2 + 4 + 5
  EXPECT_EQ(s.participants, 440);
  EXPECT_EQ(s.narrative_counts.at("advantages"), 2);
  EXPECT_EQ(
      app_->summaries().summary(system_admin(), campaign_.id, "HP").totals.at("media_articles"), 9);
}

TEST_F(ReportsTest, HistoryListsEverySavedVersionNewestFirst) {
  User reporter = make_user("th.anhung", Role::reporter, "HP-X-A");
  save_and_submit("HP-X-A", values_a());
  std::vector<ReportVersion> history =
      app_->reports().report_history(reporter, campaign_.id, "HP-X-A");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].version, 2);
  EXPECT_EQ(history[0].action, "submit");
  EXPECT_EQ(history[0].status, ReportStatus::submitted);
  EXPECT_EQ(history[1].action, "save");
  EXPECT_EQ(
      error_kind_of([&] { app_->reports().report_history(reporter, campaign_.id, "HP-X-B"); }),
      ErrorKind::forbidden);
}

TEST_F(ReportsTest, StaleVersionIsAConflictAndKeepsTheOtherSave) {
  UnitReport first =
      app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", 0, values_a());
  EXPECT_EQ(first.version, 1);
  json other = values_a();
  other["media_articles"] = 99;
  try {
    app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", 0, other);
    ADD_FAILURE() << "a stale save must fail";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "version");
  }
  UnitReport stored = app_->reports().get_report(system_admin(), campaign_.id, "HP-X-A");
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.values.at("media_articles"), 2);
  EXPECT_EQ(
      error_kind_of([&] { app_->reports().submit(system_admin(), campaign_.id, "HP-X-A", 0); }),
      ErrorKind::conflict);
  EXPECT_EQ(app_->reports().get_report(system_admin(), campaign_.id, "HP-X-A").status,
            ReportStatus::draft);
}

TEST_F(ReportsTest, InvalidValuesAreRejectedAndNothingIsSaved) {
  app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", 0, values_a());
  json bad = values_a();
  bad["participants_students"] = 999;  // above the school's 200 students
  bad["banners"] = -1;
  bad["media_news"] = "nhiều";
  bad["no_such_item"] = 1;
  try {
    app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", 1, bad);
    ADD_FAILURE() << "invalid values must be rejected";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    EXPECT_TRUE(e.fields().count("participants_students"));
    EXPECT_NE(e.fields().at("participants_students").find("200"), std::string::npos);
    EXPECT_TRUE(e.fields().count("banners"));
    EXPECT_TRUE(e.fields().count("media_news"));
    EXPECT_TRUE(e.fields().count("no_such_item"));
  }
  UnitReport stored = app_->reports().get_report(system_admin(), campaign_.id, "HP-X-A");
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.values, values_a());
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", 1, json::array());
            }),
            ErrorKind::bad_input);
}

TEST_F(ReportsTest, SubmitChecksRequiredColumnsAndLeavesTheDraft) {
  json values = values_a();
  values["directives"] = json::array({{{"number", "83/KH-UBND"}}});  // "summary" is required
  app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", 0, values);
  try {
    app_->reports().submit(system_admin(), campaign_.id, "HP-X-A", std::nullopt);
    ADD_FAILURE() << "an incomplete report must not be submitted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    EXPECT_TRUE(e.fields().count("directives[0].summary"));
  }
  EXPECT_EQ(app_->reports().get_report(system_admin(), campaign_.id, "HP-X-A").status,
            ReportStatus::draft);
  EXPECT_EQ(app_->summaries().summary(system_admin(), campaign_.id, "HP-X").submitted, 0);
}

TEST_F(ReportsTest, NothingIsSavedAfterTheLockDate) {
  now_ = vietnam_time(11, 1, 0, 0);
  try {
    app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", 0, values_a());
    ADD_FAILURE() << "saving after the lock date must fail";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "lock_date");
    EXPECT_NE(e.message().find("31/10/2025"), std::string::npos);
    EXPECT_NE(e.message().find("Thành phố Hải Phòng"), std::string::npos);
  }
  EXPECT_EQ(app_->reports().get_report(system_admin(), campaign_.id, "HP-X-A").version, 0);
}

TEST_F(ReportsTest, SubmittedReportCannotBeSavedAsADraftOrSubmittedTwice) {
  UnitReport a = save_and_submit("HP-X-A", values_a());
  try {
    app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-A", a.version, values_a());
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "status");
  }
  EXPECT_EQ(error_kind_of(
                [&] { app_->reports().submit(system_admin(), campaign_.id, "HP-X-A", a.version); }),
            ErrorKind::conflict);
  EXPECT_EQ(app_->summaries().summary(system_admin(), campaign_.id, "HP-X").submitted, 1);
}

TEST_F(ReportsTest, RolesAndSubtreesLimitWhoReadsAndWrites) {
  User reporter_a = make_user("th.anhung", Role::reporter, "HP-X-A");
  User viewer_x = make_user("xem.anhung", Role::viewer, "HP-X");
  User coordinator_y = make_user("xa.tantien", Role::coordinator, "HP-Y");

  EXPECT_NO_THROW(app_->reports().save_draft(reporter_a, campaign_.id, "HP-X-A", 0, values_a()));
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().save_draft(reporter_a, campaign_.id, "HP-X-B", 0, values_b());
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->reports().get_report(reporter_a, campaign_.id, "HP-X-B"); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->summaries().summary(reporter_a, campaign_.id, "HP-X"); }),
            ErrorKind::forbidden);

  EXPECT_NO_THROW(app_->summaries().summary(viewer_x, campaign_.id, "HP-X"));
  EXPECT_NO_THROW(app_->reports().get_report(viewer_x, campaign_.id, "HP-X-A"));
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().save_draft(viewer_x, campaign_.id, "HP-X-B", 0, values_b());
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->summaries().summary(viewer_x, campaign_.id, "HP"); }),
            ErrorKind::forbidden);

  EXPECT_EQ(error_kind_of([&] { app_->summaries().summary(coordinator_y, campaign_.id, "HP-X"); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().save_draft(coordinator_y, campaign_.id, "HP-X-A", 1, values_a());
            }),
            ErrorKind::forbidden);
  // Nothing the refused calls tried was stored.
  EXPECT_EQ(app_->reports().get_report(system_admin(), campaign_.id, "HP-X-A").version, 1);
  EXPECT_EQ(app_->reports().get_report(system_admin(), campaign_.id, "HP-X-B").version, 0);
}

TEST_F(ReportsTest, UnknownUnitsAndUnitsThatDoNotReportAreNotFound) {
  try {
    app_->reports().get_report(system_admin(), campaign_.id, "HP-KHONG-CO");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
    EXPECT_EQ(e.field(), "unit");
  }
  EXPECT_EQ(
      error_kind_of([&] { app_->reports().get_report(system_admin(), campaign_.id, "HP-X"); }),
      ErrorKind::not_found);
  EXPECT_EQ(error_kind_of(
                [&] { app_->reports().get_report(system_admin(), campaign_.id + 100, "HP-X-A"); }),
            ErrorKind::not_found);
}

TEST_F(ReportsTest, CampaignsAreListedForTheUnitsTheyConcern) {
  Campaign commune_campaign = make_campaign("HP-Y");
  User coordinator_x = make_user("xa.anhung", Role::coordinator, "HP-X");
  User reporter_c = make_user("mn.tantien", Role::reporter, "HP-Y-C");
  auto ids = [](const std::vector<Campaign>& list) {
    std::vector<std::int64_t> out;
    for (const auto& c : list) out.push_back(c.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids(app_->campaigns().list_campaigns(coordinator_x)),
            std::vector<std::int64_t>{campaign_.id});
  EXPECT_EQ(ids(app_->campaigns().list_campaigns(reporter_c)),
            (std::vector<std::int64_t>{campaign_.id, commune_campaign.id}));
  EXPECT_EQ(app_->campaigns().list_campaigns(system_admin()).size(), 2u);
  EXPECT_EQ(
      error_kind_of([&] { app_->campaigns().get_campaign(coordinator_x, commune_campaign.id); }),
      ErrorKind::forbidden);
  EXPECT_EQ(
      error_kind_of([&] { app_->campaigns().create_campaign(coordinator_x, commune_campaign); }),
      ErrorKind::forbidden);
  Campaign got = app_->campaigns().get_campaign(reporter_c, commune_campaign.id);
  ASSERT_TRUE(got.form);
  EXPECT_EQ(got.form->id, "llw-2025");
  EXPECT_EQ(app_->summaries().summary(system_admin(), commune_campaign.id, "HP-Y").expected, 1);
}

}  // namespace
}  // namespace llw::testing
