// The rows the store's files share (src/storage/sql/rows.h), on both backends: every read of a
// unit, report or account gives the whole row, and a stored value the domain does not know (a
// database changed by hand) fails the read with a message naming the column instead of being
// replaced by a made-up value.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <stdexcept>
#include <string>

#include "domain/error.h"
#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::kBothBackends;
using testing_support::PgConnection;
using testing_support::StoreFixture;
using testing_support::unit_input;

class RowsTest : public StoreFixture {
 protected:
  void populate() override {
    UnitInput school = unit_input("HP-AH-TH", "Trường Tiểu học An Hưng", UnitKind::school, "HP-AH");
    school.signer = {"UBND XÃ AN HƯNG", "KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Nguyễn Thị Lan"};
    store_->units().upsert_units({
        unit_input("HP", "Thành phố Hải Phòng", UnitKind::province, ""),
        unit_input("HP-AH", "Xã An Hưng", UnitKind::commune, "HP"),
        school,
    });
    // Imports do not carry the signer; an edit sets it.
    UnitEdit edit;
    edit.input = school;
    edit.expected_path = store_->units().find_unit("HP-AH-TH")->path;
    store_->units().edit_unit(edit);
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_unit_id = id_of("HP-AH");
    c.reporting_kinds = {UnitKind::school};
    campaign_id_ = store_->campaigns().insert_campaign(
        c, store_->units().units_in_subtree(store_->units().find_unit("HP-AH")->path,
                                            c.reporting_kinds));
    User clerk;
    clerk.username = "th1.anhung";
    clerk.display_name = "Văn thư trường";
    clerk.role = Role::reporter;
    clerk.unit_id = id_of("HP-AH-TH");
    store_->accounts().insert_user(clerk, "hash");
  }

  // Changes the database behind the store's back, as a hand edit would.
  void edit_by_hand(const std::string& statement) {
    if (!sqlite()) {
      PgConnection(database_->url()).rows(statement);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database_->url().c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
    const std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << error;
  }

  // The read fails with Error{internal} whose message names `column` and says whom to tell.
  static void expect_corrupt(const std::function<void()>& read, const std::string& column) {
    try {
      read();
      ADD_FAILURE() << "expected Error{internal} naming " << column;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::internal);
      EXPECT_NE(std::string(e.what()).find(column), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("Hãy báo cho quản trị hệ thống"), std::string::npos)
          << e.what();
    }
  }

  std::int64_t campaign_id_ = 0;
};

TEST_P(RowsTest, TheExportWalkReadsTheWholeUnitAndReport) {
  const OrgUnit school = *store_->units().find_unit("HP-AH-TH");
  edit_by_hand(
      "UPDATE reports SET status = 'returned', comment = 'Thiếu số liệu mục II; hãy bổ sung.'");

  int seen = 0;
  store_->reports().for_each_report_in_subtree(
      campaign_id_, school.path, [&](const OrgUnit& unit, const UnitReport& report) {
        ++seen;
        EXPECT_EQ(unit.signer.name, "Nguyễn Thị Lan");
        EXPECT_EQ(unit.signer.deputy, "KT. HIỆU TRƯỞNG");
        EXPECT_EQ(unit.parent_code, "HP-AH");
        EXPECT_EQ(report.comment, "Thiếu số liệu mục II; hãy bổ sung.");
        EXPECT_EQ(report.status, ReportStatus::returned);
      });
  EXPECT_EQ(seen, 1);
  // The reminders' list reads the same unit row.
  const auto waiting = store_->reminder_log().units_not_submitted(campaign_id_);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].signer.position, "PHÓ HIỆU TRƯỞNG");
}

TEST_P(RowsTest, AnUnknownUnitKindFailsEveryUnitReadNamingTheColumn) {
  edit_by_hand("UPDATE units SET kind = 'truong' WHERE code = 'HP-AH-TH'");
  expect_corrupt([&] { store_->units().find_unit("HP-AH-TH"); }, "units.kind = 'truong'");
  expect_corrupt([&] { store_->reminder_log().units_not_submitted(campaign_id_); }, "units.kind");
  expect_corrupt(
      [&] {
        store_->reports().for_each_report_in_subtree(campaign_id_, "/",
                                                     [](const OrgUnit&, const UnitReport&) {});
      },
      "units.kind");
  // The store is still usable for what the edit did not touch.
  EXPECT_EQ(store_->units().find_unit("HP-AH")->name, "Xã An Hưng");
}

TEST_P(RowsTest, AnUnknownReportStatusFailsTheExportNamingTheColumn) {
  edit_by_hand("UPDATE reports SET status = 'lost'");
  expect_corrupt(
      [&] {
        store_->reports().for_each_report_in_subtree(campaign_id_, "/",
                                                     [](const OrgUnit&, const UnitReport&) {});
      },
      "reports.status = 'lost'");
}

TEST_P(RowsTest, AnUnknownRoleFailsTheAccountListNamingTheColumn) {
  EXPECT_EQ(store_->accounts().list_users("", 10).size(), 1u);
  edit_by_hand("UPDATE users SET role = 'root'");
  expect_corrupt([&] { store_->accounts().list_users("", 10); }, "users.role = 'root'");
  expect_corrupt([&] { store_->accounts().find_user("th1.anhung"); }, "users.role");
}

INSTANTIATE_TEST_SUITE_P(Backends, RowsTest, kBothBackends, testing_support::backend_param_name);

}  // namespace
}  // namespace llw
