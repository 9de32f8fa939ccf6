// Reporting up: a node's consolidated report submitted to the level above (snapshot frozen),
// returned, accepted, reopened; and summaries in "accepted" mode that count consolidating
// children only through their accepted snapshots, at every level. Figures computed by hand.
#include "app/reporting_up.h"

#include <algorithm>

#include "app/accepted_annex.h"
#include "app/audit_trail.h"
#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/reports.h"
#include "app/summaries.h"
#include "app_fixture.h"
#include "documents/data_table.h"
#include "sample_data.h"

namespace llw::testing {
namespace {

using nlohmann::json;

class ReportingUpTest : public WorkflowCastTest {
 protected:
  void SetUp() override {
    WorkflowCastTest::SetUp();
    reporters_ = {{"HP-X-A", reporter_}, {"HP-X-B", reporter_b_}, {"HP-Y-C", reporter_c_}};
  }

  // A school's report: `articles` media articles, `students` of its students and 10 staff
  // taking part.
  UnitReport submit_school(const std::string& code, int articles, int students,
                           const std::string& campaign_code = "") {
    const User& reporter = reporters_.at(code);
    const std::int64_t id = campaign_code.empty() ? campaign_.id : std::stoll(campaign_code);
    UnitReport current = app_->reports().get_report(reporter, id, code);
    const json values = {{"media_articles", articles},
                         {"banners", 1},
                         {"participants_students", students},
                         {"participants_staff", 10},
                         {"advantages", "Thuận lợi của " + code}};
    UnitReport saved = app_->reports().save_draft(reporter, id, code, current.version, values);
    return app_->reports().submit(reporter, id, code, saved.version);
  }

  // Return, edit and resubmit a school report: its figures change after the commune submitted.
  void resubmit_school(const std::string& code, int articles, int students) {
    app_->reports().return_report(city_, campaign_.id, code, "Cần sửa số liệu.", {});
    submit_school(code, articles, students);
  }

  // Schools A (2 articles, 100 students), B (3, 200) and C (4, 50) submit; An Hưng sends its
  // consolidated report up and the city accepts it; Tân Tiến has sent nothing.
  void schools_report_and_the_city_accepts_an_hung() {
    submit_school("HP-X-A", 2, 100);
    submit_school("HP-X-B", 3, 200);
    submit_school("HP-Y-C", 4, 50);
    app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", std::nullopt);
    app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", std::nullopt);
  }

  void use_accepted_figures() {
    app_->reporting_up().set_summary_source(system_admin(), campaign_.id, SummarySource::accepted);
  }

  Summary summary_of(const std::string& code) {
    return app_->summaries().summary(system_admin(), campaign_.id, code);
  }

  static double articles(const Summary& s) { return s.totals.at("media_articles"); }

  std::map<std::string, User> reporters_;  // by unit code
};

TEST_F(ReportingUpTest, SubmittingFreezesTheCommuneFiguresAndNarrative) {
  submit_school("HP-X-A", 2, 100);
  submit_school("HP-X-B", 3, 200);
  app_->reporting_up().save_consolidated_narrative(commune_, campaign_.id, "HP-X", 0,
                                                   {{"advantages", "Xã có nhiều thuận lợi."}});
  const Summary live = summary_of("HP-X");

  const ConsolidatedReport submitted =
      app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", std::nullopt);
  EXPECT_EQ(submitted.status, ReportStatus::submitted);
  EXPECT_EQ(submitted.version, 1);
  EXPECT_FALSE(submitted.late);
  ASSERT_TRUE(submitted.snapshot);

  const ConsolidatedReport stored =
      app_->reporting_up().consolidated_report(city_, campaign_.id, "HP-X");
  EXPECT_EQ(stored.status, ReportStatus::submitted);
  EXPECT_EQ(stored.unit_code, "HP-X");
  ASSERT_TRUE(stored.snapshot);
  const Summary frozen = summary_from_aggregate(campaign_, unit("HP-X"), stored.snapshot->slots);
  EXPECT_EQ(articles(frozen), 5);
  EXPECT_EQ(frozen.expected, 3);
  EXPECT_EQ(frozen.submitted, 2);
  EXPECT_EQ(frozen.participants, live.participants);
  EXPECT_EQ(frozen.population, live.population);
  EXPECT_EQ(frozen.participants, 100 + 10 + 200 + 10);
  EXPECT_EQ(stored.snapshot->narrative.at("advantages"), "Xã có nhiều thuận lợi.");
  EXPECT_EQ(stored.snapshot->narrative_version, 1);

  // A school's report changes afterwards: the snapshot does not.
  resubmit_school("HP-X-A", 9, 150);
  EXPECT_EQ(articles(summary_of("HP-X")), 12);
  const ConsolidatedReport still =
      app_->reporting_up().consolidated_report(city_, campaign_.id, "HP-X");
  EXPECT_EQ(articles(summary_from_aggregate(campaign_, unit("HP-X"), still.snapshot->slots)), 5);
}

TEST_F(ReportingUpTest, AcceptedModeCountsTheAcceptedSnapshotWhileLiveModeShowsNewFigures) {
  schools_report_and_the_city_accepts_an_hung();
  resubmit_school("HP-X-A", 9, 150);

  // Live: every counted school report as it is now.
  Summary live = summary_of("HP");
  EXPECT_EQ(live.source, SummarySource::live);
  EXPECT_EQ(articles(live), 9 + 3 + 4);
  EXPECT_EQ(live.submitted, 3);

  use_accepted_figures();
  Summary accepted = summary_of("HP");
  EXPECT_EQ(accepted.source, SummarySource::accepted);
  // HP-X by its accepted snapshot (2 + 3); HP-Y not accepted, so nothing of it.
  EXPECT_EQ(articles(accepted), 5);
  EXPECT_EQ(accepted.expected, 4);
  EXPECT_EQ(accepted.submitted, 2);
  EXPECT_EQ(accepted.missing_count, 2);
  EXPECT_EQ(accepted.not_accepted, std::vector<std::string>{"HP-Y"});
  EXPECT_EQ(accepted.participants, 100 + 10 + 200 + 10);
  // Population of the groups the two counted schools reported (students and staff; A's 190
  // parents were left empty): (200 + 20) + (400 + 40).
  EXPECT_EQ(accepted.population, 220 + 440);
  EXPECT_DOUBLE_EQ(accepted.participation_rate, 320.0 / 660.0);
  // The commune itself sums its schools live in both modes.
  EXPECT_EQ(articles(summary_of("HP-X")), 12);

  // The same figures through the cached JSON, the data export and the document.
  const json body = json::parse(*app_->summaries().summary_json(city_, campaign_.id, "HP"));
  EXPECT_EQ(body["source"], "accepted");
  EXPECT_EQ(body["totals"]["media_articles"], 5);
  EXPECT_EQ(body["not_accepted"], json::array({"HP-Y"}));
  EXPECT_EQ(body["participation"]["participants"], 320);

  // HP-Y is accepted: the city's summary counts it now (the cache follows the revision).
  app_->reporting_up().submit_consolidated(other_commune_, campaign_.id, "HP-Y", std::nullopt);
  EXPECT_EQ(articles(summary_of("HP")), 5);
  app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-Y", std::nullopt);
  EXPECT_EQ(articles(summary_of("HP")), 9);
  const json after = json::parse(*app_->summaries().summary_json(city_, campaign_.id, "HP"));
  EXPECT_EQ(after["totals"]["media_articles"], 9);
  EXPECT_EQ(after["not_accepted"], json::array());
  EXPECT_EQ(after["submitted"], 3);
}

TEST_F(ReportingUpTest, UnitTextsComeAPageAtATimeFromTheSummarysSource) {
  submit_school("HP-X-A", 2, 100);
  submit_school("HP-X-B", 3, 200);
  submit_school("HP-Y-C", 4, 50);
  app_->reporting_up().save_consolidated_narrative(commune_, campaign_.id, "HP-X", 0,
                                                   {{"advantages", "Xã có nhiều thuận lợi."}});
  app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", std::nullopt);
  app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", std::nullopt);
  const auto codes = [](const UnitTextsPage& page) {
    std::vector<std::string> result;
    for (const UnitText& text : page.texts) result.push_back(text.unit_code);
    return result;
  };
  using Codes = std::vector<std::string>;

  // Live: the three schools' texts, two to a page, in tree order.
  const UnitTextsPage first =
      app_->summaries().unit_texts(city_, campaign_.id, "HP", "advantages", 1, 2);
  EXPECT_EQ(first.total, 3);
  EXPECT_EQ(first.page_count, 2);
  EXPECT_EQ(codes(first), (Codes{"HP-X-A", "HP-X-B"}));
  EXPECT_EQ(first.texts[0].text, "Thuận lợi của HP-X-A");
  const UnitTextsPage second =
      app_->summaries().unit_texts(city_, campaign_.id, "HP", "advantages", 2, 2);
  EXPECT_EQ(codes(second), Codes{"HP-Y-C"});
  const UnitTextsPage past =
      app_->summaries().unit_texts(city_, campaign_.id, "HP", "advantages", 99, 2);
  EXPECT_EQ(past.page_number, 2);
  EXPECT_EQ(codes(past), Codes{"HP-Y-C"});
  EXPECT_EQ(app_->summaries().unit_texts(city_, campaign_.id, "HP", "difficulties", 1, 2).total, 0);

  // Accepted: An Hưng speaks through its accepted narrative; Tân Tiến, not accepted, not at all
  // — as the summary counts them.
  use_accepted_figures();
  const UnitTextsPage accepted =
      app_->summaries().unit_texts(city_, campaign_.id, "HP", "advantages", 1, 2);
  EXPECT_EQ(accepted.total, 1);
  EXPECT_EQ(codes(accepted), Codes{"HP-X"});
  EXPECT_EQ(accepted.texts[0].text, "Xã có nhiều thuận lợi.");
  EXPECT_EQ(summary_of("HP").narrative_counts.at("advantages"), accepted.total);
  // A commune's children are schools, which report themselves: their live texts, paged.
  const UnitTextsPage commune =
      app_->summaries().unit_texts(commune_, campaign_.id, "HP-X", "advantages", 2, 1);
  EXPECT_EQ(commune.total, 2);
  EXPECT_EQ(codes(commune), Codes{"HP-X-B"});

  // A part the form does not have, and a reader outside the node.
  EXPECT_THROW(app_->summaries().unit_texts(city_, campaign_.id, "HP", "khong-co", 1), Error);
  EXPECT_THROW(app_->summaries().unit_texts(reporter_, campaign_.id, "HP-X", "advantages", 1),
               Error);
}

TEST_F(ReportingUpTest, ReturnResubmitAcceptIsKeptInTheHistory) {
  submit_school("HP-X-A", 2, 100);
  use_accepted_figures();
  app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", std::nullopt);
  const ConsolidatedReport returned = app_->reporting_up().return_consolidated(
      city_, campaign_.id, "HP-X", "  Thiếu số liệu của trường THCS.  ", std::nullopt);
  EXPECT_EQ(returned.status, ReportStatus::returned);
  EXPECT_EQ(returned.comment, "Thiếu số liệu của trường THCS.");
  EXPECT_EQ(articles(summary_of("HP")), 0);

  submit_school("HP-X-B", 3, 200);
  const ConsolidatedReport resubmitted =
      app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", returned.version);
  EXPECT_EQ(resubmitted.status, ReportStatus::submitted);
  EXPECT_EQ(articles(summary_of("HP")), 0);  // submitted is not accepted
  app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", resubmitted.version);
  EXPECT_EQ(articles(summary_of("HP")), 5);
  EXPECT_EQ(summary_of("HP").submitted, 2);

  const auto history =
      app_->reporting_up().consolidated_report_history(commune_, campaign_.id, "HP-X");
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0].action, "accept");
  EXPECT_EQ(history[1].action, "submit");
  EXPECT_EQ(history[2].action, "return");
  EXPECT_EQ(history[2].report.comment, "Thiếu số liệu của trường THCS.");
  EXPECT_EQ(history[2].by_name, "coord.haiphong");
  EXPECT_EQ(history[3].action, "submit");
  // The first submission's snapshot is still there.
  const auto first =
      app_->reporting_up().consolidated_report_version(city_, campaign_.id, "HP-X", 1);
  ASSERT_TRUE(first.report.snapshot);
  EXPECT_EQ(first.report.snapshot->slots.at("totals.media_articles"), 2);

  // Reopen needs a reason, and takes the figures out again.
  EXPECT_EQ(error_kind_of([&] {
              app_->reporting_up().reopen_consolidated(city_, campaign_.id, "HP-X", " ",
                                                       std::nullopt);
            }),
            ErrorKind::validation_failed);
  app_->reporting_up().reopen_consolidated(city_, campaign_.id, "HP-X", "Cần bổ sung STEM.",
                                           std::nullopt);
  EXPECT_EQ(articles(summary_of("HP")), 0);
  EXPECT_EQ(app_->reporting_up().consolidated_report(viewer_, campaign_.id, "HP-X").comment,
            "Cần bổ sung STEM.");

  AuditQuery query;
  query.action = "consolidated.";
  EXPECT_EQ(app_->audit().audit_log(system_admin(), "", query).size(),
            6u);  // the refused reopen too
}

TEST_F(ReportingUpTest, TwoLevelsProvinceToCountryWorkTheSameWay) {
  // VN → P1 (province) → P1-X (commune) → P1-X-S (school)
  //    → P2 (province) → P2-X (commune) → P2-X-S (school)
  store_->units().upsert_units({
      input("VN", "Việt Nam", UnitKind::country, ""),
      input("P1", "Tỉnh Một", UnitKind::province, "VN"),
      input("P1-X", "Xã Một", UnitKind::commune, "P1"),
      input("P1-X-S", "Trường Một", UnitKind::school, "P1-X", {{"students", 100}, {"staff", 10}},
            SchoolLevel::primary),
      input("P2", "Tỉnh Hai", UnitKind::province, "VN"),
      input("P2-X", "Xã Hai", UnitKind::commune, "P2"),
      input("P2-X-S", "Trường Hai", UnitKind::school, "P2-X", {{"students", 300}, {"staff", 30}},
            SchoolLevel::primary),
  });
  const Campaign national = make_campaign("VN");
  reporters_["P1-X-S"] = make_user("r.p1", Role::reporter, "P1-X-S");
  reporters_["P2-X-S"] = make_user("r.p2", Role::reporter, "P2-X-S");
  const User p1x = make_user("c.p1x", Role::coordinator, "P1-X");
  const User p2x = make_user("c.p2x", Role::coordinator, "P2-X");
  const User p1 = make_user("c.p1", Role::coordinator, "P1");
  const User p2 = make_user("c.p2", Role::coordinator, "P2");
  const User country = make_user("c.vn", Role::coordinator, "VN");
  const std::string id = std::to_string(national.id);
  submit_school("P1-X-S", 4, 50, id);
  submit_school("P2-X-S", 6, 100, id);
  app_->reporting_up().set_summary_source(system_admin(), national.id, SummarySource::accepted);
  auto articles_at = [&](const std::string& code) {
    return articles(app_->summaries().summary(country, national.id, code));
  };

  // Communes up to their provinces: only P1-X is accepted.
  app_->reporting_up().submit_consolidated(p1x, national.id, "P1-X", std::nullopt);
  app_->reporting_up().submit_consolidated(p2x, national.id, "P2-X", std::nullopt);
  app_->reporting_up().accept_consolidated(p1, national.id, "P1-X", std::nullopt);
  EXPECT_EQ(articles_at("P1"), 4);
  EXPECT_EQ(articles_at("P2"), 0);
  EXPECT_EQ(articles_at("VN"), 0);  // no province accepted yet

  // Provinces up to the country: each freezes what it counts (accepted communes only).
  app_->reporting_up().submit_consolidated(p1, national.id, "P1", std::nullopt);
  app_->reporting_up().submit_consolidated(p2, national.id, "P2", std::nullopt);
  app_->reporting_up().accept_consolidated(country, national.id, "P1", std::nullopt);
  app_->reporting_up().accept_consolidated(country, national.id, "P2", std::nullopt);
  Summary vn = app_->summaries().summary(country, national.id, "VN");
  EXPECT_EQ(articles(vn), 4);  // P2 signed off an empty figure: its commune was not accepted
  EXPECT_EQ(vn.expected, 2);
  EXPECT_EQ(vn.submitted, 1);
  EXPECT_EQ(vn.participants, 50 + 10);
  EXPECT_EQ(vn.population, 110);
  EXPECT_TRUE(vn.not_accepted.empty());

  // P2 is reopened, accepts its commune, resubmits; the country accepts again.
  app_->reporting_up().reopen_consolidated(country, national.id, "P2", "Chưa duyệt xã Hai.",
                                           std::nullopt);
  app_->reporting_up().accept_consolidated(p2, national.id, "P2-X", std::nullopt);
  app_->reporting_up().submit_consolidated(p2, national.id, "P2", std::nullopt);
  EXPECT_EQ(articles_at("VN"), 4);
  app_->reporting_up().accept_consolidated(country, national.id, "P2", std::nullopt);
  vn = app_->summaries().summary(country, national.id, "VN");
  EXPECT_EQ(articles(vn), 10);
  EXPECT_EQ(vn.submitted, 2);
  EXPECT_EQ(vn.participants, 60 + 110);
  EXPECT_EQ(vn.population, 110 + 330);
  EXPECT_DOUBLE_EQ(vn.participation_rate, 170.0 / 440.0);
  // Live mode sums the same schools directly.
  app_->reporting_up().set_summary_source(system_admin(), national.id, SummarySource::live);
  EXPECT_EQ(articles_at("VN"), 10);
}

TEST_F(ReportingUpTest, OnlyTheNodesCoordinatorSubmitsAndOnlyTheLevelAboveReviews) {
  submit_school("HP-X-A", 2, 100);
  const User& reporter = reporters_.at("HP-X-A");
  for (const User* who : std::vector<const User*>{&reporter, &viewer_, &other_commune_, &city_}) {
    EXPECT_EQ(error_kind_of([&] {
                app_->reporting_up().submit_consolidated(*who, campaign_.id, "HP-X", std::nullopt);
              }),
              ErrorKind::forbidden)
        << who->username;
  }
  app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", std::nullopt);
  for (const User* who :
       std::vector<const User*>{&reporter, &viewer_, &other_commune_, &commune_}) {
    EXPECT_EQ(error_kind_of([&] {
                app_->reporting_up().accept_consolidated(*who, campaign_.id, "HP-X", std::nullopt);
              }),
              ErrorKind::forbidden)
        << who->username;
    EXPECT_EQ(error_kind_of([&] {
                app_->reporting_up().return_consolidated(*who, campaign_.id, "HP-X", "x",
                                                         std::nullopt);
              }),
              ErrorKind::forbidden)
        << who->username;
  }
  EXPECT_EQ(error_kind_of([&] {
              app_->reporting_up().consolidated_report(other_commune_, campaign_.id, "HP-X");
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(app_->reporting_up().consolidated_report(city_, campaign_.id, "HP-X").status,
            ReportStatus::submitted);
  EXPECT_EQ(app_->reporting_up()
                .accept_consolidated(system_admin(), campaign_.id, "HP-X", std::nullopt)
                .status,
            ReportStatus::accepted);
  EXPECT_EQ(error_kind_of([&] {
              app_->reporting_up().set_summary_source(commune_, campaign_.id,
                                                      SummarySource::accepted);
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(app_->reporting_up()
                .set_summary_source(city_, campaign_.id, SummarySource::accepted)
                .summary_source,
            SummarySource::accepted);
}

TEST_F(ReportingUpTest, OutOfOrderTransitionsAreConflictsNamingTheStateAndChangeNothing) {
  EXPECT_NE(conflict_message([&] {
              app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", std::nullopt);
            }).find("chưa bắt đầu"),
            std::string::npos);
  EXPECT_EQ(app_->reporting_up().consolidated_report(city_, campaign_.id, "HP-X").version, 0);
  app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", std::nullopt);
  EXPECT_NE(conflict_message([&] {
              app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X",
                                                       std::nullopt);
            }).find("đã nộp"),
            std::string::npos);
  conflict_message(
      [&] { app_->reporting_up().reopen_consolidated(city_, campaign_.id, "HP-X", "Lý do", {}); });
  // A stale version is a conflict too.
  conflict_message(
      [&] { app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", 0); });
  app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", 1);
  conflict_message(
      [&] { app_->reporting_up().return_consolidated(city_, campaign_.id, "HP-X", "Sửa", {}); });
  conflict_message(
      [&] { app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", {}); });
  const ConsolidatedReport now =
      app_->reporting_up().consolidated_report(city_, campaign_.id, "HP-X");
  EXPECT_EQ(now.status, ReportStatus::accepted);
  EXPECT_EQ(now.version, 2);
  EXPECT_EQ(app_->reporting_up().consolidated_report_history(city_, campaign_.id, "HP-X").size(),
            2u);

  // The city has no level above; a school has nothing to consolidate.
  conflict_message(
      [&] { app_->reporting_up().submit_consolidated(city_, campaign_.id, "HP", {}); });
  EXPECT_EQ(error_kind_of(
                [&] { app_->reporting_up().consolidated_report(city_, campaign_.id, "HP-X-A"); }),
            ErrorKind::not_found);
}

TEST_F(ReportingUpTest, TwoReviewersAtOnceOneWinsAndBothAttemptsAreLogged) {
  const User admin_user = make_user("admin2", Role::admin, "");
  submit_school("HP-X-A", 2, 100);
  app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", std::nullopt);
  const RaceOutcome outcome = race(
      [&] { app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", std::nullopt); },
      [&] {
        app_->reporting_up().return_consolidated(admin_user, campaign_.id, "HP-X", "Sửa lại",
                                                 std::nullopt);
      });
  EXPECT_EQ(outcome.ok, 1);
  EXPECT_EQ(outcome.conflicts, 1);
  EXPECT_EQ(app_->reporting_up().consolidated_report(city_, campaign_.id, "HP-X").version, 2);

  AuditQuery query;
  query.action = "consolidated.";
  std::vector<std::string> outcomes;
  for (const auto& entry : app_->audit().audit_log(system_admin(), "", query)) {
    if (entry.action != "consolidated.submit") outcomes.push_back(entry.outcome);
  }
  std::sort(outcomes.begin(), outcomes.end());
  EXPECT_EQ(outcomes, (std::vector<std::string>{"conflict", "ok"}));
}

TEST_F(ReportingUpTest, TheConsolidatedDocumentsAnnexAddsUpToTheAcceptedSummary) {
  schools_report_and_the_city_accepts_an_hung();
  app_->reporting_up().submit_consolidated(other_commune_, campaign_.id, "HP-Y", std::nullopt);
  resubmit_school("HP-X-A", 9, 150);  // after the snapshot: not in the accepted figures
  use_accepted_figures();

  const Summary city = summary_of("HP");
  const auto rows =
      accepted_annex(*store_, app_->campaigns().get_campaign(city_, campaign_.id), unit("HP"));
  ASSERT_EQ(rows.size(), 2u);  // one row per commune
  EXPECT_EQ(rows[0].unit_code, "HP-X");
  EXPECT_EQ(rows[0].status, ReportStatus::accepted);
  EXPECT_EQ(rows[1].unit_code, "HP-Y");
  EXPECT_EQ(rows[1].status, ReportStatus::submitted);
  std::int64_t participants = 0, population = 0;
  for (const auto& row : rows) {
    participants += row.figures.participants;
    population += row.figures.population;
  }
  EXPECT_EQ(participants, city.participants);
  EXPECT_EQ(population, city.population);
  EXPECT_EQ(participants, 320);
  EXPECT_EQ(rows[1].figures.participants, 0);  // HP-Y is not accepted

  // The documents and the export are built on these figures in this mode.
  for (DocumentFormat format : {DocumentFormat::pdf, DocumentFormat::docx}) {
    EXPECT_FALSE(
        app_->documents().summary_document(city_, campaign_.id, "HP", format).bytes.empty());
  }
  EXPECT_FALSE(app_->documents()
                   .data_export(city_, campaign_.id, "HP", DocumentFormat::xlsx)
                   .contents()
                   .empty());
}

TEST_F(ReportingUpTest, TheDataExportInAcceptedModeListsWhatTheAcceptedSummaryAddsUp) {
  schools_report_and_the_city_accepts_an_hung();
  app_->reporting_up().submit_consolidated(other_commune_, campaign_.id, "HP-Y", std::nullopt);
  resubmit_school("HP-X-A", 9, 150);  // after the snapshot: not in the accepted figures
  use_accepted_figures();

  const Summary city = summary_of("HP");
  const DocumentFile csv =
      app_->documents().data_export(city_, campaign_.id, "HP", DocumentFormat::csv);
  const auto rows = testing_support::parse_csv(csv.contents());
  // The header, then one row per commune (the city has no reporting unit of its own).
  ASSERT_EQ(rows.size(), 3u);
  const auto columns =
      documents::data_columns(*app_->campaigns().get_campaign(city_, campaign_.id).form);
  const auto column = [&](const std::string& key) {
    const auto it = std::find_if(columns.begin(), columns.end(),
                                 [&](const documents::DataColumn& c) { return c.key == key; });
    EXPECT_NE(it, columns.end()) << key;
    return static_cast<std::size_t>(it - columns.begin()) + 1;  // after the level column
  };
  EXPECT_EQ(rows[1][column("unit_code")], "HP-X");
  EXPECT_EQ(rows[2][column("unit_code")], "HP-Y");
  EXPECT_EQ(rows[1][column("parent_code")], "HP");
  EXPECT_NE(rows[1][column("status")].find("tổng hợp"), std::string::npos);
  // Every total of the accepted summary is the sum of its column; HP-Y, not accepted, adds
  // nothing and shows no figure (the school's later change is not in HP-X's row either).
  int checked = 0;
  for (const auto& [key, total] : city.totals) {
    if (std::none_of(columns.begin(), columns.end(),
                     [&](const documents::DataColumn& c) { return c.key == key; })) {
      continue;
    }
    const std::size_t c = column(key);
    EXPECT_EQ(rows[2][c], "") << key;
    const double sum = rows[1][c].empty() ? 0.0 : std::stod(rows[1][c]);
    EXPECT_DOUBLE_EQ(sum, total) << key;
    ++checked;
  }
  EXPECT_GT(checked, 5);
  // The XLSX has the same rows on a sheet of the communes' level.
  const DocumentFile xlsx =
      app_->documents().data_export(city_, campaign_.id, "HP", DocumentFormat::xlsx);
  EXPECT_EQ(xlsx.contents().substr(0, 2), "PK");
}

TEST_F(ReportingUpTest, ALateSubmissionIsMarkedLate) {
  now_ = vietnam_time(10, 13, 9);  // the day after the deadline
  app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", std::nullopt);
  EXPECT_TRUE(app_->reporting_up().consolidated_report(city_, campaign_.id, "HP-X").late);
}

}  // namespace
}  // namespace llw::testing
