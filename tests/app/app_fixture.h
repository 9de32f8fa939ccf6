#pragma once
// A real Application on a fresh real database, with a clock the test moves by hand, and a small
// org tree whose figures the tests compute by hand. The backend is LLW_TEST_BACKEND's (SQLite by
// default): ctest runs every test of this binary once per backend (tests/app/CMakeLists.txt).

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "app/accounts.h"
#include "app/application.h"
#include "app/campaigns.h"
#include "app/reports.h"
#include "app/summaries.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/summary.h"
#include "error_expectations.h"
#include "sample_data.h"
#include "storage/open_store.h"
#include "test_database.h"

namespace llw::testing {

using testing_support::conflict_message;
using testing_support::error_kind_of;
using testing_support::vietnam_time;

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing_support::make_test_database(testing_support::backend_from_environment());
    // Thrown rather than skipped: derived fixtures go on setting up after this SetUp returns.
    if (!database_) throw std::runtime_error(testing_support::kPgSkipMessage);
    store_ = open_store(database_->url());
    ApplicationConfig config;
    config.forms_dir = std::filesystem::path(LLW_SOURCE_DIR) / "forms";
    app_ = std::make_unique<Application>(store_, config, [this] { return now_; });
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
    database_.reset();
  }

  static User system_admin() {
    User user;
    user.username = "system";
    user.role = Role::admin;
    return user;
  }

  OrgUnit unit(const std::string& code) { return *store_->units().find_unit(code); }

  static UnitInput input(const std::string& code, const std::string& name, UnitKind kind,
                         const std::string& parent, Population population = {},
                         SchoolLevel level = SchoolLevel::none) {
    return testing_support::unit_input(code, name, kind, parent, std::move(population), level);
  }

  // HP (city) → HP-X (commune) → HP-X-A, HP-X-B (schools), HP-X-V (village)
  //           → HP-Y (commune) → HP-Y-C (school)
  void make_small_tree() {
    store_->units().upsert_units({
        input("HP", "Thành phố Hải Phòng", UnitKind::province, ""),
        input("HP-X", "Xã An Hưng", UnitKind::commune, "HP"),
        input("HP-X-A", "Trường Tiểu học An Hưng", UnitKind::school, "HP-X",
              {{"students", 200}, {"staff", 20}, {"parents", 190}}, SchoolLevel::primary),
        input("HP-X-B", "Trường THCS An Hưng", UnitKind::school, "HP-X",
              {{"students", 400}, {"staff", 40}}, SchoolLevel::lower_secondary),
        input("HP-X-V", "Thôn Đông", UnitKind::village, "HP-X", {{"residents", 1000}}),
        input("HP-Y", "Xã Tân Tiến", UnitKind::commune, "HP"),
        input("HP-Y-C", "Trường Mầm non Tân Tiến", UnitKind::school, "HP-Y",
              {{"students", 100}, {"staff", 10}, {"parents", 100}}, SchoolLevel::preschool),
    });
  }

  Campaign make_campaign(const std::string& issuer = "HP") {
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_code = issuer;
    c.reporting_kinds = {UnitKind::department, UnitKind::organization, UnitKind::village,
                         UnitKind::school};
    return app_->campaigns().create_campaign(system_admin(), c);
  }

  // Saves `values` as the unit's draft and submits it, as the system admin.
  UnitReport save_and_submit(std::int64_t campaign_id, const std::string& code,
                             const nlohmann::json& values) {
    UnitReport current = app_->reports().get_report(system_admin(), campaign_id, code);
    UnitReport saved =
        app_->reports().save_draft(system_admin(), campaign_id, code, current.version, values);
    return app_->reports().submit(system_admin(), campaign_id, code, saved.version);
  }

  User make_user(const std::string& username, Role role, const std::string& unit_code) {
    return app_->accounts().add_user(username, username, role, unit_code, "mat-khau-dai");
  }

  // Every node of the small tree must have the summary (as the API serves it, through the
  // revision-keyed cache) that recomputing all aggregates from the reports gives.
  void expect_summaries_match_a_full_rebuild(std::int64_t campaign_id) {
    const std::vector<std::string> nodes{"HP", "HP-X", "HP-Y", "HP-X-A", "HP-X-B", "HP-Y-C"};
    auto summary = [&](const std::string& code) {
      return nlohmann::json::parse(
          *app_->summaries().summary_json(system_admin(), campaign_id, code));
    };
    std::map<std::string, nlohmann::json> incremental;
    for (const auto& code : nodes) incremental[code] = summary(code);
    Campaign campaign = app_->campaigns().get_campaign(system_admin(), campaign_id);
    campaign.form = app_->campaigns().form(campaign.form_id);
    store_->aggregates().rebuild_aggregates(campaign.id,
                                            [&](const OrgUnit& unit, const UnitReport& report) {
                                              return contribution_of(campaign, unit, report);
                                            });
    for (const auto& code : nodes) EXPECT_EQ(summary(code), incremental[code]) << code;
  }

  testing_support::TempDir temp_{"llw-app"};
  std::filesystem::path dir_ = temp_.path();  // removed with temp_, after everything else
  std::unique_ptr<testing_support::TestDatabase> database_;
  std::shared_ptr<Store> store_;
  std::unique_ptr<Application> app_;
  Timestamp now_ = vietnam_time(10, 5, 10);  // inside the week, before the deadline
};

// The small tree with a campaign issued by the city, and the people who act on it: the
// coordinators of both communes and of the city, a viewer of An Hưng and the reporter of every
// school. The review, reporting-up and notification tests share this cast.
class WorkflowCastTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    campaign_ = make_campaign("HP");
    commune_ = make_user("coord.anhung", Role::coordinator, "HP-X");
    city_ = make_user("coord.haiphong", Role::coordinator, "HP");
    other_commune_ = make_user("coord.tantien", Role::coordinator, "HP-Y");
    viewer_ = make_user("viewer.anhung", Role::viewer, "HP-X");
    reporter_ = make_user("reporter.a", Role::reporter, "HP-X-A");
    reporter_b_ = make_user("reporter.b", Role::reporter, "HP-X-B");
    reporter_c_ = make_user("reporter.c", Role::reporter, "HP-Y-C");
  }

  // School A's figures: `articles` media articles, 3 banners, 100 students and 10 staff.
  static nlohmann::json values_a(int articles = 2) {
    return {{"media_articles", articles},
            {"banners", 3},
            {"participants_students", 100},
            {"participants_staff", 10},
            {"advantages", "Thuận lợi của trường A"}};
  }

  Campaign campaign_;
  User commune_, city_, other_commune_, viewer_;
  User reporter_, reporter_b_, reporter_c_;  // of HP-X-A, HP-X-B and HP-Y-C
};

// What became of two writes run at the same time: how many succeeded and how many were refused
// as a conflict (any other error counts as neither, so the expectations on both catch it).
struct RaceOutcome {
  int ok = 0;
  int conflicts = 0;
};

inline RaceOutcome race(const std::function<void()>& first, const std::function<void()>& second) {
  std::atomic<int> ok{0}, conflicts{0};
  const auto attempt = [&](const std::function<void()>& write) {
    try {
      write();
      ++ok;
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::conflict) ++conflicts;
    }
  };
  std::thread one(attempt, std::cref(first));
  std::thread other(attempt, std::cref(second));
  one.join();
  other.join();
  return {ok.load(), conflicts.load()};
}

}  // namespace llw::testing
