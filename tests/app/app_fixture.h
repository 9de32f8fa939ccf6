#pragma once
// A real Application on a fresh real database, with a clock the test moves by hand, and a small
// org tree whose figures the tests compute by hand. The backend is LLW_TEST_BACKEND's (SQLite by
// default): ctest runs every test of this binary once per backend (tests/app/CMakeLists.txt).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/application.h"
#include "domain/error.h"
#include "domain/summary.h"
#include "storage/open_store.h"
#include "test_database.h"

namespace llw::testing {

inline std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "llw-app-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

// 2025-10-05 10:00 in Vietnam: inside the week, before the deadline.
inline Timestamp vietnam_time(int month, int day, int hour, int minute = 0) {
  using namespace std::chrono;
  return end_of_day_in_vietnam(year{2025} / month / day) - 86399 + hour * 3600 + minute * 60;
}

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir();
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
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static User system_admin() {
    User user;
    user.username = "system";
    user.role = Role::admin;
    return user;
  }

  OrgUnit unit(const std::string& code) { return *store_->find_unit(code); }

  UnitInput input(const std::string& code, const std::string& name, UnitKind kind,
                  const std::string& parent, Population population = {},
                  SchoolLevel level = SchoolLevel::none) {
    UnitInput in;
    in.code = code;
    in.name = name;
    in.kind = kind;
    in.level = level;
    in.parent_code = parent;
    in.population = std::move(population);
    return in;
  }

  // HP (city) → HP-X (commune) → HP-X-A, HP-X-B (schools), HP-X-V (village)
  //           → HP-Y (commune) → HP-Y-C (school)
  void make_small_tree() {
    store_->upsert_units({
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
    Campaign c;
    c.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
    c.year = 2025;
    c.issuer_code = issuer;
    c.period_start = std::chrono::year{2025} / 10 / 1;
    c.period_end = std::chrono::year{2025} / 10 / 7;
    c.deadline = std::chrono::year{2025} / 10 / 12;
    c.lock_date = std::chrono::year{2025} / 10 / 31;
    c.reporting_kinds = {UnitKind::department, UnitKind::organization, UnitKind::village,
                         UnitKind::school};
    c.form_id = "llw-2025";
    return app_->create_campaign(system_admin(), c);
  }

  // Saves `values` as the unit's draft and submits it, as the system admin.
  UnitReport save_and_submit(std::int64_t campaign_id, const std::string& code,
                             const nlohmann::json& values) {
    UnitReport current = app_->get_report(system_admin(), campaign_id, code);
    UnitReport saved =
        app_->save_draft(system_admin(), campaign_id, code, current.version, values);
    return app_->submit(system_admin(), campaign_id, code, saved.version);
  }

  User make_user(const std::string& username, Role role, const std::string& unit_code) {
    return app_->add_user(username, username, role, unit_code, "mat-khau-dai");
  }

  // Every node of the small tree must have the summary (as the API serves it, through the
  // revision-keyed cache) that recomputing all aggregates from the reports gives.
  void expect_summaries_match_a_full_rebuild(std::int64_t campaign_id) {
    const std::vector<std::string> nodes{"HP", "HP-X", "HP-Y", "HP-X-A", "HP-X-B", "HP-Y-C"};
    auto summary = [&](const std::string& code) {
      return nlohmann::json::parse(*app_->summary_json(system_admin(), campaign_id, code));
    };
    std::map<std::string, nlohmann::json> incremental;
    for (const auto& code : nodes) incremental[code] = summary(code);
    Campaign campaign = app_->get_campaign(system_admin(), campaign_id);
    campaign.form = app_->form(campaign.form_id);
    store_->rebuild_aggregates(campaign.id, [&](const OrgUnit& unit, const UnitReport& report) {
      return contribution_of(campaign, unit, report);
    });
    for (const auto& code : nodes) EXPECT_EQ(summary(code), incremental[code]) << code;
  }

  std::filesystem::path dir_;
  std::unique_ptr<testing_support::TestDatabase> database_;
  std::shared_ptr<Store> store_;
  std::unique_ptr<Application> app_;
  Timestamp now_ = vietnam_time(10, 5, 10);
};

// Runs `f` and returns the kind of the llw::Error it throws; fails the test when it throws none.
template <class F>
ErrorKind error_kind_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "expected an llw::Error";
  return ErrorKind::internal;
}

}  // namespace llw::testing
