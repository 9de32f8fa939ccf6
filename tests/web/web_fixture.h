#pragma once
// A real LLW server for HTTP tests: a fresh database (SQLite, or PostgreSQL when
// LLW_TEST_BACKEND=postgresql: ctest runs every test once per backend), a small org tree, two
// campaigns of the 2025 form, accounts of every role, and the server on 127.0.0.1 (free port).
//
//   VN (country) ─ HP (province, issues campaign_id_)
//                   ├─ HP-AH (commune An Hưng)
//                   │    ├─ HP-AH-THTT (primary school: 450 students, 30 staff)
//                   │    ├─ HP-AH-MN   (preschool: 200 students)
//                   │    └─ HP-AH-THON1 (village: 1,200 residents)
//                   └─ HP-AD (commune An Dương, issues other_campaign_id_)
//                        ├─ HP-AD-THCS  (lower secondary school: 600 students)
//                        └─ HP-AD-THON2 (village: 900 residents)

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/application.h"
#include "domain/store.h"
#include "http_client.h"
#include "test_database.h"
#include "web/server.h"

namespace llw::test {

// Accounts (all with kPassword).
inline const std::string kAdmin = "admin";
inline const std::string kCoordinator = "coord.anhung";  // coordinator of HP-AH
inline const std::string kReporter = "reporter.thtt";    // reporter of HP-AH-THTT
inline const std::string kViewer = "viewer.anhung";      // viewer of HP-AH
inline const std::string kReporterMn = "reporter.mn";    // reporter of HP-AH-MN
inline const std::string kPassword = "mat-khau-thu-nghiem";

class WebFixture : public ::testing::Test {
 protected:
  static constexpr std::size_t kMaxBody = 64 * 1024;
  static constexpr std::int64_t kSessionSeconds = 3600;

  void SetUp() override;
  void TearDown() override;

  // A bearer token for the account, from POST /api/v1/auth/token (cached per test).
  const std::string& token(const std::string& username);

  HttpReply get(const std::string& path, const std::string& token) const;
  HttpReply post(const std::string& path, const std::string& token,
                 const std::string& body = {}) const;
  HttpReply put(const std::string& path, const std::string& token, const std::string& body) const;

  std::string report_path(const std::string& unit, std::int64_t campaign = 0) const;
  std::string summary_path(const std::string& unit, std::int64_t campaign = 0) const;
  // The stored report (read as admin), for "nothing changed" checks.
  nlohmann::json report_of(const std::string& unit);
  // PUT a draft with the report's current version; returns the reply.
  HttpReply save_draft(const std::string& unit, const nlohmann::json& values,
                       const std::string& username = kReporter);

  void advance_clock(std::int64_t seconds) { now_ += seconds; }
  // One more account with kPassword at the unit. Hashing a password costs ~150 ms: it reuses the
  // admin's hash (same password), which the store accepts as it is.
  void add_account(const std::string& username, Role role, const std::string& code);

  std::filesystem::path dir_;
  // The trusted roots of signed reports; set by a derived fixture before SetUp (none when empty).
  std::filesystem::path trusted_roots_dir_;
  std::unique_ptr<testing_support::TestDatabase> database_;
  std::shared_ptr<Store> store_;
  std::unique_ptr<Application> app_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<HttpClient> http_;
  std::atomic<Timestamp> now_{0};
  User admin_;
  std::int64_t campaign_id_ = 0;
  std::int64_t other_campaign_id_ = 0;
  std::map<std::string, std::string> tokens_;
};

}  // namespace llw::test

namespace llw::test {

// Asserts the api.md error shape: the status, error.code, a non-empty (Vietnamese) message,
// and — when `field` is given — error.field.
void expect_error(const HttpReply& reply, long status, const std::string& code,
                  const std::string& field = {});

}  // namespace llw::test
