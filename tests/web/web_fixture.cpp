#include "web_fixture.h"

#include <chrono>
#include <random>

#include "app/accounts.h"
#include "app/campaigns.h"
#include "app/units.h"
#include "sample_data.h"
#include "storage/open_store.h"

namespace llw::test {

namespace {

using namespace std::chrono;
using testing_support::unit_input;

// 2025-10-08 10:00 in Vietnam: inside the campaign, before its deadline (12/10).
Timestamp during_the_campaign() {
  return duration_cast<seconds>((sys_days{2025y / October / 8} + hours(3)).time_since_epoch())
      .count();
}

Campaign campaign_issued_by(const std::string& issuer) {
  Campaign campaign = testing_support::week_campaign_2025();
  campaign.issuer_code = issuer;
  campaign.lock_date = 2025y / October / 20;
  campaign.plan = {{"number", "83/KH-UBND"},
                   {"issued_on", "2025-10-01"},
                   {"theme", "Học tập suốt đời trong kỷ nguyên số"}};
  return campaign;
}

}  // namespace

void WebFixture::SetUp() {
  std::random_device random;
  dir_ = std::filesystem::temp_directory_path() /
         ("llw-web-test-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(dir_);
  database_ = testing_support::make_test_database(testing_support::backend_from_environment());
  // Thrown rather than skipped: derived fixtures go on setting up after this SetUp returns.
  if (!database_) throw std::runtime_error(testing_support::kPgSkipMessage);
  store_ = open_store(database_->url());
  now_ = during_the_campaign();

  ApplicationConfig config;
  config.forms_dir = std::filesystem::path(LLW_SOURCE_DIR) / "forms";
  config.session_seconds = kSessionSeconds;
  config.trusted_roots_dir = trusted_roots_dir_;
  app_ = std::make_unique<Application>(store_, config, [this] { return now_.load(); });

  admin_ = app_->accounts().add_user(kAdmin, "Quản trị hệ thống", Role::admin, "", kPassword);
  const std::vector<UnitInput> tree{
      unit_input("VN", "Việt Nam", UnitKind::country, "", {}),
      unit_input("HP", "Thành phố Hải Phòng", UnitKind::province, "VN", {}),
      unit_input("HP-AH", "Xã An Hưng", UnitKind::commune, "HP", {}),
      unit_input("HP-AH-THTT", "Trường Tiểu học An Hưng", UnitKind::school, "HP-AH",
                 {{"students", 450}, {"staff", 30}, {"parents", 400}}, SchoolLevel::primary),
      unit_input("HP-AH-MN", "Trường Mầm non An Hưng", UnitKind::school, "HP-AH",
                 {{"students", 200}, {"staff", 20}}, SchoolLevel::preschool),
      unit_input("HP-AH-THON1", "Thôn Đông", UnitKind::village, "HP-AH", {{"residents", 1200}}),
      unit_input("HP-AD", "Xã An Dương", UnitKind::commune, "HP", {}),
      unit_input("HP-AD-THCS", "Trường THCS An Dương", UnitKind::school, "HP-AD",
                 {{"students", 600}}, SchoolLevel::lower_secondary),
      unit_input("HP-AD-THON2", "Thôn Tây", UnitKind::village, "HP-AD", {{"residents", 900}}),
  };
  for (const auto& input : tree) app_->units().create_unit(admin_, input);
  campaign_id_ = app_->campaigns().create_campaign(admin_, campaign_issued_by("HP")).id;
  other_campaign_id_ = app_->campaigns().create_campaign(admin_, campaign_issued_by("HP-AD")).id;

  // Hashing a password costs ~150 ms; every other account reuses the admin's hash (same
  // password), which the store accepts as it is.
  add_account(kCoordinator, Role::coordinator, "HP-AH");
  add_account(kReporter, Role::reporter, "HP-AH-THTT");
  add_account(kViewer, Role::viewer, "HP-AH");
  add_account(kReporterMn, Role::reporter, "HP-AH-MN");

  ServerConfig server_config;
  server_config.bind_address = "127.0.0.1";
  server_config.port = 0;
  server_config.threads = 2;
  server_config.max_body_bytes = kMaxBody;
  server_ = std::make_unique<HttpServer>(*app_, server_config);
  server_->start_in_background();
  ASSERT_NE(server_->port(), 0);
  http_ = std::make_unique<HttpClient>(server_->port());
}

void WebFixture::add_account(const std::string& username, Role role, const std::string& code) {
  const OrgUnit at = *store_->units().find_unit(code);
  User user;
  user.username = username;
  user.display_name = username;
  user.role = role;
  user.unit_id = at.id;
  user.unit_code = at.code;
  user.unit_path = at.path;
  store_->accounts().insert_user(user, store_->accounts().find_user(kAdmin)->password_hash);
}

void WebFixture::TearDown() {
  if (server_) server_->stop();
  server_.reset();
  app_.reset();
  store_.reset();
  database_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

const std::string& WebFixture::token(const std::string& username) {
  auto it = tokens_.find(username);
  if (it == tokens_.end()) {
    const nlohmann::json body{{"username", username}, {"password", kPassword}};
    const HttpReply reply = http_->send_json("POST", "/api/v1/auth/token", "", body.dump());
    EXPECT_EQ(reply.status, 200) << reply.body;
    it = tokens_.emplace(username, reply.json().value("token", "")).first;
  }
  return it->second;
}

HttpReply WebFixture::get(const std::string& path, const std::string& token) const {
  return http_->send_json("GET", path, token);
}

HttpReply WebFixture::post(const std::string& path, const std::string& token,
                           const std::string& body) const {
  return http_->send_json("POST", path, token, body);
}

HttpReply WebFixture::put(const std::string& path, const std::string& token,
                          const std::string& body) const {
  return http_->send_json("PUT", path, token, body);
}

std::string WebFixture::report_path(const std::string& unit, std::int64_t campaign) const {
  return "/api/v1/campaigns/" + std::to_string(campaign ? campaign : campaign_id_) + "/reports/" +
         unit;
}

std::string WebFixture::summary_path(const std::string& unit, std::int64_t campaign) const {
  return "/api/v1/campaigns/" + std::to_string(campaign ? campaign : campaign_id_) + "/summary/" +
         unit;
}

nlohmann::json WebFixture::report_of(const std::string& unit) {
  const HttpReply reply = get(report_path(unit), token(kAdmin));
  EXPECT_EQ(reply.status, 200) << reply.body;
  return reply.json();
}

HttpReply WebFixture::save_draft(const std::string& unit, const nlohmann::json& values,
                                 const std::string& username) {
  const std::int64_t version = report_of(unit).value("version", std::int64_t{0});
  const nlohmann::json body{{"version", version}, {"values", values}};
  return put(report_path(unit), token(username), body.dump());
}

}  // namespace llw::test

namespace llw::test {

void expect_error(const HttpReply& reply, long status, const std::string& code,
                  const std::string& field) {
  EXPECT_EQ(reply.status, status) << reply.body;
  const nlohmann::json body = reply.json();
  ASSERT_TRUE(body.is_object() && body.contains("error")) << reply.body;
  const nlohmann::json& error = body["error"];
  EXPECT_EQ(error.value("code", ""), code) << reply.body;
  EXPECT_FALSE(error.value("message", "").empty()) << reply.body;
  if (!field.empty()) {
    EXPECT_EQ(error.value("field", nlohmann::json()), nlohmann::json(field)) << reply.body;
  }
}

}  // namespace llw::test
