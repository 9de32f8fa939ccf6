// In-app notifications of a submit (to the coordinators of the units above, and no one else),
// and audit entries stored in the same transaction as the write they record: present after a
// success, recorded on their own after a refusal, and a write whose entry cannot be stored does
// not happen.
#include "app/notifications.h"

#include <sqlite3.h>

#include "app/audit_trail.h"
#include "app/reports.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

using nlohmann::json;

class NotificationsTest : public WorkflowCastTest {
 protected:
  UnitReport save(const User& who, const std::string& unit, int articles = 2) {
    const UnitReport current = app_->reports().get_report(who, campaign_.id, unit);
    return app_->reports().save_draft(who, campaign_.id, unit, current.version, values_a(articles));
  }

  UnitReport submit(const User& who, const std::string& unit) {
    const UnitReport saved = save(who, unit);
    return app_->reports().submit(who, campaign_.id, unit, saved.version);
  }

  // Runs a statement straight on the database, beside the store (the raw reader of the test
  // support is read-only on SQLite).
  void execute(const std::string& statement) {
    if (database_->backend() == testing_support::Backend::postgresql) {
      database_->raw()->rows(statement);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database_->url().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
    EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "") << " in: " << statement;
    sqlite3_free(message);
    sqlite3_close(db);
  }

  // Entries of one action for a unit, newest first, as an admin reads them.
  std::vector<AuditEntry> entries(const std::string& action) {
    AuditQuery query;
    query.action = action;
    return app_->audit().audit_log(system_admin(), "", query);
  }
};

TEST_F(NotificationsTest, ASubmitNotifiesTheCoordinatorsOfEveryUnitAboveAndNoOneElse) {
  const UnitReport submitted = submit(reporter_, "HP-X-A");

  for (const User* above : {&commune_, &city_}) {
    EXPECT_EQ(app_->notices().unread_notifications(*above), 1) << above->username;
    const auto list = app_->notices().notifications(*above);
    ASSERT_EQ(list.size(), 1u) << above->username;
    EXPECT_EQ(list[0].unit_code, "HP-X-A");
    EXPECT_EQ(list[0].unit_name, "Trường Tiểu học An Hưng");
    EXPECT_EQ(list[0].campaign_id, campaign_.id);
    EXPECT_EQ(list[0].version, submitted.version);
    EXPECT_EQ(list[0].at, now_);
    EXPECT_FALSE(list[0].read_at.has_value());
  }
  // Another commune's coordinator, a viewer and the reporters hear nothing.
  EXPECT_EQ(app_->notices().unread_notifications(other_commune_), 0);
  EXPECT_TRUE(app_->notices().notifications(other_commune_).empty());
  EXPECT_TRUE(app_->notices().notifications(viewer_).empty());
  EXPECT_TRUE(app_->notices().notifications(reporter_).empty());
  EXPECT_TRUE(app_->notices().notifications(reporter_b_).empty());
}

TEST_F(NotificationsTest, DraftSavesNotifyNoOne) {
  save(reporter_, "HP-X-A");
  save(reporter_, "HP-X-A", 5);
  EXPECT_EQ(app_->notices().unread_notifications(commune_), 0);
  EXPECT_TRUE(app_->notices().notifications(city_).empty());
}

TEST_F(NotificationsTest, AResubmissionAfterAReturnNotifiesAgain) {
  submit(reporter_, "HP-X-A");
  app_->reports().return_report(commune_, campaign_.id, "HP-X-A", "Thiếu số liệu tuyên truyền.",
                                std::nullopt);
  submit(reporter_, "HP-X-A");
  EXPECT_EQ(app_->notices().unread_notifications(commune_), 2);
  EXPECT_EQ(app_->notices().notifications(commune_).size(), 2u);
}

TEST_F(NotificationsTest, TheUnitIsToldOfAReturnAnAcceptAndAReopenWithTheComment) {
  submit(reporter_, "HP-X-A");
  const UnitReport returned = app_->reports().return_report(
      commune_, campaign_.id, "HP-X-A", "Thiếu số liệu tuyên truyền.", std::nullopt);
  auto list = app_->notices().notifications(reporter_);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].kind, "return");
  EXPECT_EQ(list[0].unit_code, "HP-X-A");
  EXPECT_EQ(list[0].version, returned.version);
  EXPECT_EQ(list[0].comment, "Thiếu số liệu tuyên truyền.");
  EXPECT_EQ(app_->notices().unread_notifications(reporter_), 1);

  submit(reporter_, "HP-X-A");
  app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", std::nullopt);
  app_->reports().reopen_report(commune_, campaign_.id, "HP-X-A", "Cần bổ sung số người dự.",
                                std::nullopt);
  list = app_->notices().notifications(reporter_);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].kind, "reopen");
  EXPECT_EQ(list[0].comment, "Cần bổ sung số người dự.");
  EXPECT_EQ(list[1].kind, "accept");
  EXPECT_EQ(list[2].kind, "return");
  // Another unit's reporter, the viewer and the other commune hear nothing of it; the
  // coordinators above get only the two submits.
  EXPECT_TRUE(app_->notices().notifications(reporter_b_).empty());
  EXPECT_TRUE(app_->notices().notifications(viewer_).empty());
  EXPECT_TRUE(app_->notices().notifications(other_commune_).empty());
  for (const auto& notice : app_->notices().notifications(commune_))
    EXPECT_EQ(notice.kind, "submit");
}

TEST_F(NotificationsTest, MarkingReadClearsOnlyTheNoticesShownAndOnlyTheReadersOwn) {
  submit(reporter_, "HP-X-A");
  const auto shown = app_->notices().notifications(commune_);
  ASSERT_EQ(shown.size(), 1u);
  // A second notice arrives after the page was rendered.
  submit(reporter_b_, "HP-X-B");
  app_->notices().mark_notifications_read(commune_, shown.front().id);

  EXPECT_EQ(app_->notices().unread_notifications(commune_), 1);
  const auto list = app_->notices().notifications(commune_);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].unit_code, "HP-X-B");  // newest first
  EXPECT_FALSE(list[0].read_at.has_value());
  EXPECT_EQ(list[1].read_at, now_);
  // The city's coordinator still has both unread.
  EXPECT_EQ(app_->notices().unread_notifications(city_), 2);
}

TEST_F(NotificationsTest, DisabledCoordinatorsAreNotNotified) {
  const User disabled = make_user("coord.nghi", Role::coordinator, "HP-X");
  execute("UPDATE users SET disabled = 1 WHERE id = " + std::to_string(disabled.id));
  submit(reporter_, "HP-X-A");
  EXPECT_EQ(store_->notices().unread_notifications(disabled.id), 0);
  EXPECT_EQ(store_->notices().unread_notifications(commune_.id), 1);
}

TEST_F(NotificationsTest, ASuccessfulWriteStoresItsAuditEntryWithIt) {
  const UnitReport saved = save(reporter_, "HP-X-A");
  const auto saves = entries("report.save");
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(saves[0].outcome, "ok");
  EXPECT_EQ(saves[0].username, "reporter.a");
  EXPECT_EQ(saves[0].unit_id, unit("HP-X-A").id);
  EXPECT_EQ(saves[0].at, now_);
  EXPECT_EQ(saved.version, 1);
  // Nothing is left staged for a later, unrelated write to pick up.
  EXPECT_FALSE(store_->audit().take_staged_audit().has_value());
  app_->reports().submit(reporter_, campaign_.id, "HP-X-A", saved.version);
  EXPECT_EQ(entries("report.save").size(), 1u);
  EXPECT_EQ(entries("report.submit").size(), 1u);
}

TEST_F(NotificationsTest, ARefusedWriteIsLoggedOnItsOwnAndChangesNothing) {
  const UnitReport saved = save(reporter_, "HP-X-A");
  // Stale version: a conflict; the reporter of another unit: forbidden.
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", saved.version - 1,
                                         values_a(9));
            }),
            ErrorKind::conflict);
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().save_draft(reporter_b_, campaign_.id, "HP-X-A", saved.version,
                                         values_a(9));
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->reports().accept_report(reporter_, campaign_.id, "HP-X-A", std::nullopt);
            }),
            ErrorKind::forbidden);

  const UnitReport after = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  EXPECT_EQ(after.version, saved.version);
  EXPECT_EQ(after.values, saved.values);
  const auto saves = entries("report.save");
  ASSERT_EQ(saves.size(), 3u);
  EXPECT_EQ(saves[0].outcome, "forbidden");
  EXPECT_EQ(saves[0].username, "reporter.b");
  EXPECT_EQ(saves[1].outcome, "conflict");
  EXPECT_EQ(saves[2].outcome, "ok");
  const auto accepts = entries("report.accept");
  ASSERT_EQ(accepts.size(), 1u);
  EXPECT_EQ(accepts[0].outcome, "forbidden");
  EXPECT_FALSE(store_->audit().take_staged_audit().has_value());
}

TEST_F(NotificationsTest, AWriteWhoseAuditEntryCannotBeStoredDoesNotHappen) {
  const UnitReport saved = save(reporter_, "HP-X-A");
  // Make the database refuse new audit rows: the save must roll back with its entry.
  if (database_->backend() == testing_support::Backend::sqlite) {
    execute(
        "CREATE TRIGGER audit_log_refuse BEFORE INSERT ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log full'); END");
  } else {
    execute(
        "CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'audit log full'; END; $$");
    execute(
        "CREATE TRIGGER audit_log_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE "
        "FUNCTION audit_log_refuse()");
  }
  EXPECT_ANY_THROW(
      app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", saved.version, values_a(9)));
  const UnitReport after = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  EXPECT_EQ(after.version, saved.version);
  EXPECT_EQ(after.values, saved.values);
  EXPECT_EQ(app_->reports().report_history(reporter_, campaign_.id, "HP-X-A").size(), 1u);
  EXPECT_FALSE(store_->audit().take_staged_audit().has_value());
}

}  // namespace
}  // namespace llw::testing
