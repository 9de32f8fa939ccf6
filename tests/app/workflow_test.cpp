// The review by the level above (return, accept, reopen), lock dates and extensions, versions and
// their difference, and the audit log, on a small tree whose figures are computed by hand.
#include <algorithm>

#include "app/audit_trail.h"
#include "app/campaigns.h"
#include "app/reports.h"
#include "app/sign_in.h"
#include "app/summaries.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

using nlohmann::json;

class WorkflowTest : public WorkflowCastTest {
 protected:
  UnitReport submit_a(int articles = 2) {
    UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
    UnitReport saved = app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A",
                                                  current.version, values_a(articles));
    return app_->reports().submit(reporter_, campaign_.id, "HP-X-A", saved.version);
  }

  double articles_in(const std::string& code) {
    Summary s = app_->summaries().summary(system_admin(), campaign_.id, code);
    auto it = s.totals.find("media_articles");
    return it == s.totals.end() ? 0 : it->second;
  }
};

TEST_F(WorkflowTest, ReturnSendsTheReportBackWithItsCommentAndTakesItsFiguresOut) {
  submit_a(2);
  EXPECT_EQ(articles_in("HP-X"), 2);
  EXPECT_EQ(articles_in("HP"), 2);

  UnitReport returned = app_->reports().return_report(
      commune_, campaign_.id, "HP-X-A", "  Số bài viết chưa khớp với biên bản.  ", {});
  EXPECT_EQ(returned.status, ReportStatus::returned);
  EXPECT_EQ(returned.comment, "Số bài viết chưa khớp với biên bản.");
  UnitReport stored = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  EXPECT_EQ(stored.status, ReportStatus::returned);
  EXPECT_EQ(stored.comment, "Số bài viết chưa khớp với biên bản.");
  EXPECT_EQ(stored.version, returned.version);
  // Returned is not a counted state of this campaign: the figures leave every summary above.
  EXPECT_EQ(articles_in("HP-X"), 0);
  EXPECT_EQ(articles_in("HP"), 0);
  auto history = app_->reports().report_history(reporter_, campaign_.id, "HP-X-A");
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.front().action, "return");
  EXPECT_EQ(history.front().comment, "Số bài viết chưa khớp với biên bản.");

  // The unit corrects and resubmits: the new figures count once, not on top of the old ones.
  UnitReport saved =
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", stored.version, values_a(5));
  EXPECT_EQ(saved.status, ReportStatus::draft);
  EXPECT_EQ(saved.comment, "Số bài viết chưa khớp với biên bản.");  // still shown while editing
  app_->reports().submit(reporter_, campaign_.id, "HP-X-A", saved.version);
  EXPECT_EQ(articles_in("HP-X"), 5);
  EXPECT_EQ(articles_in("HP"), 5);
}

TEST_F(WorkflowTest, AcceptKeepsTheFiguresAndReopenNeedsAReasonAndTakesThemOut) {
  submit_a(2);
  UnitReport accepted = app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {});
  EXPECT_EQ(accepted.status, ReportStatus::accepted);
  EXPECT_EQ(articles_in("HP"), 2);

  EXPECT_EQ(error_kind_of([&] {
              app_->reports().reopen_report(commune_, campaign_.id, "HP-X-A", "   ", {});
            }),
            ErrorKind::validation_failed);
  EXPECT_EQ(app_->reports().get_report(reporter_, campaign_.id, "HP-X-A").status,
            ReportStatus::accepted);

  UnitReport reopened =
      app_->reports().reopen_report(city_, campaign_.id, "HP-X-A", "Cần bổ sung số liệu STEM.", {});
  EXPECT_EQ(reopened.status, ReportStatus::returned);
  EXPECT_EQ(reopened.comment, "Cần bổ sung số liệu STEM.");
  EXPECT_EQ(articles_in("HP"), 0);
  EXPECT_EQ(app_->reports().report_history(city_, campaign_.id, "HP-X-A").front().action, "reopen");
}

TEST_F(WorkflowTest, ReturnWithoutACommentChangesNothing) {
  UnitReport submitted = submit_a();
  for (const std::string& comment :
       std::vector<std::string>{"", " \n\t ", std::string(max_comment_bytes + 1, 'x')}) {
    EXPECT_EQ(error_kind_of([&] {
                app_->reports().return_report(commune_, campaign_.id, "HP-X-A", comment, {});
              }),
              ErrorKind::validation_failed);
  }
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().return_report(commune_, campaign_.id, "HP-X-A", "\xC3\x28", {});
            }),
            ErrorKind::bad_input);
  UnitReport after = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  EXPECT_EQ(after.version, submitted.version);
  EXPECT_EQ(after.status, ReportStatus::submitted);
  EXPECT_EQ(articles_in("HP"), 2);
}

TEST_F(WorkflowTest, OutOfOrderTransitionsAreConflictsNamingTheCurrentState) {
  // Accepting or returning a report nobody has submitted.
  EXPECT_NE(conflict_message([&] {
              app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {});
            }).find("chưa bắt đầu"),
            std::string::npos);
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a());
  EXPECT_NE(conflict_message([&] {
              app_->reports().return_report(commune_, campaign_.id, "HP-X-A", "Sai", {});
            }).find("đang soạn"),
            std::string::npos);
  EXPECT_NE(conflict_message([&] {
              app_->reports().reopen_report(commune_, campaign_.id, "HP-X-A", "Sai", {});
            }).find("đang soạn"),
            std::string::npos);
  // Submitting or saving an accepted report; accepting it twice.
  app_->reports().submit(reporter_, campaign_.id, "HP-X-A", {});
  UnitReport accepted = app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {});
  EXPECT_NE(conflict_message([&] {
              app_->reports().submit(reporter_, campaign_.id, "HP-X-A", {});
            }).find("đã duyệt"),
            std::string::npos);
  conflict_message([&] {
    app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", accepted.version, values_a());
  });
  conflict_message([&] { app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {}); });
  EXPECT_EQ(app_->reports().get_report(reporter_, campaign_.id, "HP-X-A").version,
            accepted.version);
}

TEST_F(WorkflowTest, OnlyTheLevelAboveReviews) {
  submit_a();
  // The unit itself, a coordinator of another commune, and a reporter may not review.
  for (const User* who : {&reporter_, &other_commune_}) {
    EXPECT_EQ(
        error_kind_of([&] { app_->reports().accept_report(*who, campaign_.id, "HP-X-A", {}); }),
        ErrorKind::forbidden);
    EXPECT_EQ(error_kind_of([&] {
                app_->reports().return_report(*who, campaign_.id, "HP-X-A", "Không đạt", {});
              }),
              ErrorKind::forbidden);
  }
  EXPECT_EQ(
      error_kind_of([&] { app_->reports().accept_report(viewer_, campaign_.id, "HP-X-A", {}); }),
      ErrorKind::forbidden);
  EXPECT_EQ(app_->reports().get_report(reporter_, campaign_.id, "HP-X-A").status,
            ReportStatus::submitted);
  // A reporter may not reopen either, even an accepted report.
  app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {});
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().reopen_report(reporter_, campaign_.id, "HP-X-A", "Xin sửa", {});
            }),
            ErrorKind::forbidden);
}

TEST_F(WorkflowTest, AStaleExpectedVersionIsAConflictAndChangesNothing) {
  UnitReport submitted = submit_a();
  conflict_message([&] {
    app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", submitted.version - 1);
  });
  EXPECT_EQ(app_->reports().get_report(reporter_, campaign_.id, "HP-X-A").status,
            ReportStatus::submitted);
  EXPECT_EQ(
      app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", submitted.version).status,
      ReportStatus::accepted);
}

TEST_F(WorkflowTest, TwoReviewersAtOnceOneWinsTheOtherGetsAConflictAndBothAreLogged) {
  submit_a();
  const RaceOutcome outcome =
      race([&] { app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {}); },
           [&] { app_->reports().accept_report(city_, campaign_.id, "HP-X-A", {}); });
  EXPECT_EQ(outcome.ok, 1);  // accepted once
  EXPECT_EQ(outcome.conflicts, 1);
  EXPECT_EQ(articles_in("HP"), 2);  // counted once

  AuditQuery query;
  query.action = "report.accept";
  auto entries = app_->audit().audit_log(system_admin(), "", query);
  ASSERT_EQ(entries.size(), 2u);
  std::vector<std::string> outcomes{entries[0].outcome, entries[1].outcome};
  std::sort(outcomes.begin(), outcomes.end());
  EXPECT_EQ(outcomes, (std::vector<std::string>{"conflict", "ok"}));
}

TEST_F(WorkflowTest, WhenOnlyAcceptedReportsCountAcceptAddsTheFiguresOnce) {
  Campaign c = testing_support::week_campaign_2025();
  c.name = "Đợt chỉ tính báo cáo đã duyệt";
  c.issuer_code = "HP-X";
  c.counted_states = {ReportStatus::accepted};
  const Campaign only_accepted = app_->campaigns().create_campaign(system_admin(), c);
  UnitReport current = app_->reports().get_report(reporter_, only_accepted.id, "HP-X-A");
  current = app_->reports().save_draft(reporter_, only_accepted.id, "HP-X-A", current.version,
                                       values_a(7));
  app_->reports().submit(reporter_, only_accepted.id, "HP-X-A", {});
  auto articles = [&] {
    Summary s = app_->summaries().summary(system_admin(), only_accepted.id, "HP-X");
    auto it = s.totals.find("media_articles");
    return it == s.totals.end() ? 0.0 : it->second;
  };
  EXPECT_EQ(articles(), 0);
  app_->reports().accept_report(commune_, only_accepted.id, "HP-X-A", {});
  EXPECT_EQ(articles(), 7);
  app_->reports().reopen_report(commune_, only_accepted.id, "HP-X-A", "Sửa lại", {});
  EXPECT_EQ(articles(), 0);
}

TEST_F(WorkflowTest, SubmittingAfterTheDeadlineIsAllowedAndMarkedLate) {
  now_ = vietnam_time(10, 13, 9);  // the day after the deadline
  UnitReport submitted = submit_a();
  EXPECT_TRUE(submitted.late);
}

TEST_F(WorkflowTest, AResubmissionAfterTheDeadlineKeepsTheFirstCompletionOnTime) {
  const UnitReport first = submit_a(2);
  ASSERT_FALSE(first.late);
  ASSERT_TRUE(first.submitted_at);
  app_->reports().return_report(commune_, campaign_.id, "HP-X-A", "Bổ sung số liệu.", {});

  now_ = vietnam_time(10, 20, 9);  // after the deadline, before the lock date
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  UnitReport saved =
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a(3));
  UnitReport again = app_->reports().submit(reporter_, campaign_.id, "HP-X-A", saved.version);
  EXPECT_FALSE(again.late);
  EXPECT_EQ(again.submitted_at, first.submitted_at);
  Summary commune = app_->summaries().summary(system_admin(), campaign_.id, "HP-X");
  EXPECT_EQ(commune.on_time, 1);
  EXPECT_EQ(commune.late, 0);
  expect_summaries_match_a_full_rebuild(campaign_.id);
}

TEST_F(WorkflowTest, AFirstSubmissionAfterTheDeadlineStaysLateAfterAReturn) {
  now_ = vietnam_time(10, 14, 9);
  submit_a(2);
  app_->reports().return_report(commune_, campaign_.id, "HP-X-A", "Bổ sung số liệu.", {});
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  UnitReport again = app_->reports().submit(reporter_, campaign_.id, "HP-X-A", current.version);
  EXPECT_TRUE(again.late);
  EXPECT_EQ(app_->summaries().summary(system_admin(), campaign_.id, "HP-X").late, 1);
}

TEST_F(WorkflowTest, AfterTheLockDateSavingNeedsAnExtensionFromTheLevelAbove) {
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  now_ = vietnam_time(11, 1, 8);  // the lock date was 31/10
  std::string message = conflict_message([&] {
    app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a());
  });
  EXPECT_NE(message.find("31/10/2025"), std::string::npos) << message;
  EXPECT_NE(message.find("Xã An Hưng"), std::string::npos) << message;  // whom to ask
  conflict_message([&] { app_->reports().submit(reporter_, campaign_.id, "HP-X-A", {}); });

  // Neither the unit nor a coordinator elsewhere may grant it; the date must be after the lock.
  const auto until = std::chrono::year{2025} / 11 / 5;
  EXPECT_EQ(error_kind_of(
                [&] { app_->reports().grant_extension(reporter_, campaign_.id, "HP-X-A", until); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().grant_extension(other_commune_, campaign_.id, "HP-X-A", until);
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().grant_extension(commune_, campaign_.id, "HP-X-A",
                                              std::chrono::year{2025} / 10 / 20);
            }),
            ErrorKind::validation_failed);

  app_->reports().grant_extension(commune_, campaign_.id, "HP-X-A", until);
  UnitReport saved =
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a());
  // The extension is the unit's alone: its sibling is still locked.
  UnitReport b = app_->reports().get_report(system_admin(), campaign_.id, "HP-X-B");
  conflict_message([&] {
    app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-B", b.version,
                               {{"media_articles", 1}});
  });

  // After the extended day the unit is locked again, and told the new date.
  now_ = vietnam_time(11, 6, 0, 1);
  message = conflict_message(
      [&] { app_->reports().submit(reporter_, campaign_.id, "HP-X-A", saved.version); });
  EXPECT_NE(message.find("05/11/2025"), std::string::npos) << message;
  now_ = vietnam_time(11, 5, 23, 59);
  EXPECT_EQ(app_->reports().submit(reporter_, campaign_.id, "HP-X-A", saved.version).status,
            ReportStatus::submitted);
}

TEST_F(WorkflowTest, VersionsAndTheirDifferenceItemByItem) {
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  UnitReport v1 =
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a(2));
  json changed = values_a(4);
  changed.erase("banners");
  changed["commend_individuals"] = 3;
  UnitReport v2 =
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", v1.version, changed);

  auto [meta, values] =
      app_->reports().report_version(commune_, campaign_.id, "HP-X-A", v1.version);
  EXPECT_EQ(meta.version, v1.version);
  EXPECT_EQ(meta.action, "save");
  EXPECT_EQ(values, values_a(2));

  auto diff = app_->reports().report_diff(commune_, campaign_.id, "HP-X-A", v1.version, v2.version);
  std::map<std::string, ItemChange> by_key;
  for (const auto& change : diff) by_key[change.key] = change;
  ASSERT_EQ(by_key.size(), 3u);
  EXPECT_EQ(by_key["media_articles"].before, 2);
  EXPECT_EQ(by_key["media_articles"].after, 4);
  EXPECT_FALSE(by_key["media_articles"].label.empty());
  EXPECT_NE(by_key["media_articles"].label, "media_articles");
  EXPECT_EQ(by_key["banners"].before, 3);
  EXPECT_TRUE(by_key["banners"].after.is_null());
  EXPECT_TRUE(by_key["commend_individuals"].before.is_null());
  EXPECT_EQ(by_key["commend_individuals"].after, 3);
  // Version 0 is the empty form.
  EXPECT_EQ(app_->reports().report_diff(commune_, campaign_.id, "HP-X-A", 0, v1.version).size(),
            values_a().size());

  EXPECT_EQ(
      error_kind_of([&] { app_->reports().report_version(commune_, campaign_.id, "HP-X-A", 99); }),
      ErrorKind::not_found);
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().report_version(other_commune_, campaign_.id, "HP-X-A", v1.version);
            }),
            ErrorKind::forbidden);
}

TEST_F(WorkflowTest, TheAuditLogRecordsWritesAndSignInsAndCoordinatorsSeeTheirSubtree) {
  const RequestContext from{"203.0.113.7"};
  UnitReport current = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", current.version, values_a(), from);
  app_->reports().submit(reporter_, campaign_.id, "HP-X-A", {}, from);
  app_->reports().return_report(commune_, campaign_.id, "HP-X-A", "Thiếu ảnh minh chứng", {}, from);
  EXPECT_THROW(app_->sign_in().login("reporter.a", "sai-mat-khau", "198.51.100.9"), Error);
  app_->sign_in().login("reporter.a", "mat-khau-dai", "198.51.100.9");
  UnitReport y = app_->reports().get_report(system_admin(), campaign_.id, "HP-Y-C");
  app_->reports().save_draft(system_admin(), campaign_.id, "HP-Y-C", y.version,
                             {{"media_articles", 1}});

  auto all = app_->audit().audit_log(system_admin(), "", {});
  auto find = [&](const std::vector<AuditEntry>& entries, const std::string& action,
                  const std::string& outcome) {
    return std::find_if(entries.begin(), entries.end(), [&](const AuditEntry& e) {
      return e.action == action && e.outcome == outcome;
    });
  };
  auto ret = find(all, "report.return", "ok");
  ASSERT_NE(ret, all.end());
  EXPECT_EQ(ret->username, "coord.anhung");
  EXPECT_EQ(ret->address, "203.0.113.7");
  EXPECT_EQ(ret->detail, "Thiếu ảnh minh chứng");
  EXPECT_EQ(ret->target, "campaign " + std::to_string(campaign_.id) + " / HP-X-A");
  EXPECT_EQ(ret->at, now_);
  EXPECT_NE(find(all, "report.save", "ok"), all.end());
  EXPECT_NE(find(all, "report.submit", "ok"), all.end());
  auto failed = find(all, "login", "unauthenticated");
  ASSERT_NE(failed, all.end());
  EXPECT_EQ(failed->address, "198.51.100.9");
  EXPECT_EQ(failed->username, "reporter.a");
  EXPECT_NE(find(all, "login", "ok"), all.end());
  EXPECT_NE(find(all, "campaign.create", "ok"), all.end());
  EXPECT_NE(find(all, "user.create", "ok"), all.end());

  // The coordinator of An Hưng sees An Hưng's entries, not Tân Tiến's.
  auto mine = app_->audit().audit_log(commune_, "", {});
  EXPECT_NE(find(mine, "report.return", "ok"), mine.end());
  EXPECT_NE(find(mine, "login", "unauthenticated"), mine.end());
  for (const auto& entry : mine) {
    EXPECT_EQ(entry.unit_path.rfind(unit("HP-X").path, 0), 0u) << entry.action << entry.target;
  }
  AuditQuery by_user;
  by_user.username = "reporter.a";
  for (const auto& entry : app_->audit().audit_log(commune_, "", by_user)) {
    EXPECT_EQ(entry.username, "reporter.a");
  }
  AuditQuery reports_only;
  reports_only.action = "report.";
  for (const auto& entry : app_->audit().audit_log(commune_, "HP-X-A", reports_only)) {
    EXPECT_EQ(entry.action.rfind("report.", 0), 0u);
  }
  EXPECT_EQ(error_kind_of([&] { app_->audit().audit_log(commune_, "HP-Y", {}); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->audit().audit_log(reporter_, "", {}); }),
            ErrorKind::forbidden);
}

TEST_F(WorkflowTest, TheAuditLogRefusesUpdatesAndDeletesInTheDatabase) {
  app_->sign_in().login("reporter.a", "mat-khau-dai", "127.0.0.1");
  // No Store method edits the log; the schema's triggers refuse it even to raw SQL.
  ASSERT_FALSE(app_->audit().audit_log(system_admin(), "", {}).empty());
  auto raw = database_->raw();
  const bool sqlite = database_->backend() == testing_support::Backend::sqlite;
  // Each backend's other ways around the update and delete triggers: SQLite's REPLACE deletes
  // without firing them, PostgreSQL's TRUNCATE neither.
  const std::string other = sqlite ? "INSERT OR REPLACE INTO audit_log (id, at, action) "
                                     "SELECT id, at, 'x' FROM audit_log LIMIT 1"
                                   : "TRUNCATE audit_log";
  for (const std::string& statement : {std::string("UPDATE audit_log SET action = 'x'"),
                                       std::string("DELETE FROM audit_log"), other}) {
    if (sqlite) {
      // The raw reader opens SQLite read-only; the sqlite3 shell writes.
      const std::string command =
          "sqlite3 '" + database_->url() + "' \"" + statement + "\" 2>/dev/null";
      EXPECT_NE(std::system(command.c_str()), 0) << statement;
    } else {
      EXPECT_THROW(raw->rows(statement), std::exception) << statement;
    }
  }
  EXPECT_GT(raw->integer("SELECT COUNT(*) FROM audit_log"), 0);
  for (const auto& entry : app_->audit().audit_log(system_admin(), "", {}))
    EXPECT_NE(entry.action, "x");
}

}  // namespace
}  // namespace llw::testing
