// The server as a client meets it: routing, headers, sign-in, units, campaigns, shutdown.

#include "web/server.h"

#include <csignal>
#include <future>
#include <random>
#include <thread>

#include "storage/open_store.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

class ServerTest : public WebFixture {};

TEST_F(ServerTest, BindsAFreePortWhenAskedForPortZero) {
  EXPECT_GT(server_->port(), 0);
  EXPECT_EQ(get("/api/v1/me", token(kAdmin)).status, 200);
}

TEST_F(ServerTest, HealthAnswersWithoutSignInOrDatabase) {
  // The listener's self-check and a load balancer ask this; it says only that requests are served.
  const HttpReply reply = get("/api/v1/health", "");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json(), nlohmann::json({{"status", "ok"}}));
  expect_error(http_->send("POST", "/api/v1/health", "{}"), 405, "method_not_allowed", "method");
}

TEST_F(ServerTest, OversizedAddressesAndHeadersGetAnAnswerNotADroppedConnection) {
  const HttpReply long_path = get("/api/v1/units/" + std::string(10 * 1024, 'A'), "");
  expect_error(long_path, 414, "uri_too_long", "path");
  const HttpReply long_query = get("/dang-nhap?next=" + std::string(10 * 1024, 'a'), "");
  EXPECT_EQ(long_query.status, 414);
  const HttpReply long_header =
      http_->send("GET", "/api/v1/me", {}, {"Cookie: x=" + std::string(20 * 1024, 'c')});
  expect_error(long_header, 431, "headers_too_large", "header");
  EXPECT_EQ(get("/api/v1/health", "").status, 200);  // and the server goes on
}

TEST_F(ServerTest, BrokenPercentEscapesAre400) {
  expect_error(get("/api/v1/units/%zz", token(kAdmin)), 400, "bad_input", "path");
  expect_error(get("/api/v1/units/HP%", token(kAdmin)), 400, "bad_input", "path");
  expect_error(get("/api/v1/users?q=%zz", token(kAdmin)), 400, "bad_input", "query");
  EXPECT_EQ(get("/api/v1/units/HP%2DAH", token(kAdmin)).status, 200);  // a good one still works
}

TEST_F(ServerTest, HeadAnswersLikeGetWithoutTheBody) {
  const HttpReply head = http_->send("HEAD", "/api/v1/health");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(http_->send("HEAD", "/api/v1/me").status, 401);
}

TEST_F(ServerTest, JsonRoutesRequireAJsonContentType) {
  const std::string body = R"({"code": "HP-AH-MOI", "name": "Thôn Mới", "kind": "village",
                               "parent": "HP-AH"})";
  const std::string bearer = "Authorization: Bearer " + token(kAdmin);
  expect_error(http_->send("POST", "/api/v1/units", body, {bearer, "Content-Type: text/plain"}),
               415, "unsupported_media_type", "content_type");
  expect_error(http_->send("POST", "/api/v1/units", body, {bearer}), 415, "unsupported_media_type");
  EXPECT_EQ(http_->send("POST", "/api/v1/units/HP-AH-MOI").status, 405);  // routes first
  // Without a token the answer is 401 whatever the type; with the JSON type it is created.
  EXPECT_EQ(http_->send("POST", "/api/v1/units", body, {"Content-Type: text/plain"}).status, 401);
  EXPECT_EQ(http_
                ->send("POST", "/api/v1/units", body,
                       {bearer, "Content-Type: Application/JSON; charset=utf-8"})
                .status,
            201);
}

TEST_F(ServerTest, EveryApiResponseCarriesTheSecurityHeaders) {
  // Pages (everything outside /api) carry the pages' own policy: see pages_test.cpp.
  for (const HttpReply& reply : {get("/api/v1/me", token(kAdmin)), get("/api/v1/nowhere", ""),
                                 get("/api/v1/me", ""), get("/api/", "")}) {
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff") << reply.status;
    EXPECT_EQ(reply.header("content-security-policy"),
              "default-src 'none'; frame-ancestors 'none'");
    EXPECT_EQ(reply.header("referrer-policy"), "no-referrer");
    EXPECT_EQ(reply.header("cache-control"), "no-store");
    EXPECT_EQ(reply.header("content-type"), "application/json; charset=utf-8");
  }
}

TEST_F(ServerTest, UnknownPathsGetAJsonNotFound) {
  expect_error(get("/api/v1/nowhere", token(kAdmin)), 404, "not_found", "path");
  expect_error(get("/api/", ""), 404, "not_found");
  expect_error(get("/api/v2/me", token(kAdmin)), 404, "not_found");
  expect_error(get("/api/v1/me/", token(kAdmin)), 404, "not_found");
}

TEST_F(ServerTest, AKnownPathWithAnotherMethodGets405AndTheAllowedMethods) {
  const HttpReply reply = http_->send("DELETE", "/api/v1/units/HP-AH", "{}");
  expect_error(reply, 405, "method_not_allowed", "method");
  EXPECT_EQ(reply.header("allow"), "GET, PATCH");
  EXPECT_EQ(http_->send("GET", "/api/v1/auth/token").header("allow"), "POST, DELETE");
}

TEST_F(ServerTest, SignInReturnsTokenExpiryAndUser) {
  const nlohmann::json body{{"username", kCoordinator}, {"password", kPassword}};
  const HttpReply reply = post("/api/v1/auth/token", "", body.dump());
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json json = reply.json();
  EXPECT_GE(json.value("token", "").size(), 32u);
  EXPECT_EQ(json.value("expires_at", ""), "2025-10-08T11:00:00+07:00");  // one hour later
  EXPECT_EQ(json["user"].value("username", ""), kCoordinator);
  EXPECT_EQ(json["user"].value("role", ""), "coordinator");

  const HttpReply me = get("/api/v1/me", json.value("token", ""));
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["user"].value("username", ""), kCoordinator);
}

TEST_F(ServerTest, ATokenAfterFailuresFromElsewhereSaysSo) {
  store_->sign_ins().record_attempt(kCoordinator, "203.0.113.7", false, 1759890000);
  const nlohmann::json body{{"username", kCoordinator}, {"password", kPassword}};
  const nlohmann::json first = post("/api/v1/auth/token", "", body.dump()).json();
  EXPECT_EQ(first["failed_sign_ins"].value("count", 0), 1);
  EXPECT_EQ(first["failed_sign_ins"].value("last_address", ""), "203.0.113.7");
  EXPECT_FALSE(post("/api/v1/auth/token", "", body.dump()).json().contains("failed_sign_ins"));
}

TEST_F(ServerTest, WrongPasswordAndUnknownUserGetTheSame401) {
  const HttpReply wrong = post("/api/v1/auth/token", "",
                               nlohmann::json{{"username", kAdmin}, {"password", "sai"}}.dump());
  const HttpReply unknown =
      post("/api/v1/auth/token", "",
           nlohmann::json{{"username", "khong.co"}, {"password", kPassword}}.dump());
  expect_error(wrong, 401, "unauthenticated");
  expect_error(unknown, 401, "unauthenticated");
  EXPECT_EQ(wrong.json()["error"]["message"], unknown.json()["error"]["message"]);
  EXPECT_FALSE(wrong.json().contains("token"));
}

TEST_F(ServerTest, SignInBodiesAreChecked) {
  expect_error(post("/api/v1/auth/token", "", R"({"username": "admin"})"), 400, "bad_input",
               "password");
  expect_error(post("/api/v1/auth/token", "", R"({"username": 7, "password": "x"})"), 400,
               "bad_input", "username");
  expect_error(post("/api/v1/auth/token", "", "username=admin&password=x"), 400, "bad_input",
               "body");
}

TEST_F(ServerTest, RepeatedFailedSignInsGet429WithRetryAfter) {
  const std::string wrong =
      nlohmann::json{{"username", kViewer}, {"password", "sai-mat-khau"}}.dump();
  long last = 0;
  HttpReply reply;
  for (int attempt = 0; attempt < 8 && last != 429; ++attempt) {
    reply = post("/api/v1/auth/token", "", wrong);
    last = reply.status;
  }
  expect_error(reply, 429, "rate_limited");
  EXPECT_FALSE(reply.header("retry-after").empty());
  // Even the right password is refused during the lock-out.
  const std::string right = nlohmann::json{{"username", kViewer}, {"password", kPassword}}.dump();
  EXPECT_EQ(post("/api/v1/auth/token", "", right).status, 429);
}

TEST_F(ServerTest, SigningOutEndsTheSession) {
  const std::string bearer = token(kReporter);
  ASSERT_EQ(get("/api/v1/me", bearer).status, 200);
  EXPECT_EQ(http_->send_json("DELETE", "/api/v1/auth/token", bearer).status, 204);
  expect_error(get("/api/v1/me", bearer), 401, "unauthenticated");
}

TEST_F(ServerTest, UnitShowsPopulationAndChildren) {
  const HttpReply reply = get("/api/v1/units/HP-AH-THTT", token(kCoordinator));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json unit = reply.json();
  EXPECT_EQ(unit.value("name", ""), "Trường Tiểu học An Hưng");
  EXPECT_EQ(unit.value("kind", ""), "school");
  EXPECT_EQ(unit.value("parent", ""), "HP-AH");
  EXPECT_EQ(unit["population"].value("students", 0), 450);

  const nlohmann::json commune = get("/api/v1/units/HP-AH", token(kCoordinator)).json();
  EXPECT_EQ(commune["children"].size(), 3u);
}

TEST_F(ServerTest, ChildrenAreListedInVietnameseOrder) {
  const HttpReply reply = get("/api/v1/units?parent=HP-AH", token(kViewer));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json listed = reply.json();
  std::vector<std::string> names;
  for (const auto& unit : listed["units"]) names.push_back(unit.value("name", ""));
  // "Thôn" before "Trường" (h < r), "Mầm" before "Tiểu".
  EXPECT_EQ(names, (std::vector<std::string>{"Thôn Đông", "Trường Mầm non An Hưng",
                                             "Trường Tiểu học An Hưng"}));
  expect_error(get("/api/v1/units", token(kViewer)), 400, "bad_input", "parent");
  expect_error(get("/api/v1/units?parent=KHONG-CO", token(kViewer)), 404, "not_found");
}

TEST_F(ServerTest, PercentEncodedPathSegmentsAreDecoded) {
  const HttpReply encoded = get("/api/v1/units/HP%2DAH", token(kAdmin));
  ASSERT_EQ(encoded.status, 200) << encoded.body;
  EXPECT_EQ(encoded.json().value("code", ""), "HP-AH");
  // A Vietnamese code that does not exist is decoded (and named back) before the lookup.
  const HttpReply unknown = get("/api/v1/units/X%C3%83-%C4%90%C3%94NG", token(kAdmin));
  expect_error(unknown, 404, "not_found");
  EXPECT_EQ(get("/api/v1/units/H%ZZ", token(kAdmin)).status, 400);
  EXPECT_EQ(get("/api/v1/units/%FF%FE", token(kAdmin)).status, 400);  // not UTF-8
}

TEST_F(ServerTest, CreatingAUnitAnswers201WithItsLocation) {
  const nlohmann::json body{{"code", "HP-AH-THON3"},
                            {"name", "Thôn Bắc"},
                            {"kind", "village"},
                            {"parent", "HP-AH"},
                            {"population", {{"residents", 800}}}};
  const HttpReply reply = post("/api/v1/units", token(kCoordinator), body.dump());
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.header("location"), "/api/v1/units/HP-AH-THON3");
  EXPECT_EQ(get("/api/v1/units/HP-AH-THON3", token(kViewer)).json().value("name", ""), "Thôn Bắc");
  // The same code again is a conflict.
  expect_error(post("/api/v1/units", token(kCoordinator), body.dump()), 409, "conflict");
}

TEST_F(ServerTest, ImportingCsvCreatesAndUpdatesUnits) {
  const std::string csv =
      "code,name,kind,level,parent,pop_students\n"
      "HP-AH-THCS,Trường THCS An Hưng,school,lower_secondary,HP-AH,520\n"
      "HP-AH-THON1,Thôn Đông,village,,HP-AH,\n";
  const HttpReply reply = http_->send(
      "POST", "/api/v1/units/import", csv,
      {"Authorization: Bearer " + token(kCoordinator), "Content-Type: text/csv; charset=utf-8"});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json().value("created", -1), 1);
  EXPECT_EQ(reply.json().value("updated", -1), 1);
  EXPECT_TRUE(reply.json()["errors"].empty());
  EXPECT_EQ(get("/api/v1/units/HP-AH-THCS", token(kViewer)).status, 200);
}

TEST_F(ServerTest, AnImportWithABadRowWritesNothing) {
  const std::string csv =
      "code,name,kind,parent\n"
      "HP-AH-THON7,Thôn Bảy,village,HP-AH\n"
      "HP-AH-XX,Đơn vị lạ,spaceship,HP-AH\n";
  const HttpReply reply =
      http_->send("POST", "/api/v1/units/import", csv,
                  {"Authorization: Bearer " + token(kCoordinator), "Content-Type: text/csv"});
  expect_error(reply, 422, "validation_failed");
  ASSERT_EQ(reply.json()["errors"].size(), 1u) << reply.body;
  EXPECT_EQ(reply.json()["errors"][0].value("row", 0), 3);
  EXPECT_FALSE(reply.json()["errors"][0].value("message", "").empty());
  EXPECT_EQ(get("/api/v1/units/HP-AH-THON7", token(kAdmin)).status, 404);
}

TEST_F(ServerTest, CampaignComesWithItsForm) {
  const HttpReply reply =
      get("/api/v1/campaigns/" + std::to_string(campaign_id_), token(kReporter));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json campaign = reply.json();
  EXPECT_EQ(campaign.value("id", 0), campaign_id_);
  ASSERT_TRUE(campaign.contains("form")) << reply.body;
  EXPECT_FALSE(campaign["form"]["sections"].empty());
  EXPECT_EQ(campaign.dump().find("media_articles") != std::string::npos, true);
}

TEST_F(ServerTest, CampaignIdsMustBeNumbers) {
  expect_error(get("/api/v1/campaigns/abc", token(kAdmin)), 400, "bad_input", "campaign_id");
  expect_error(get("/api/v1/campaigns/-1/summary/HP", token(kAdmin)), 400, "bad_input",
               "campaign_id");
  expect_error(get("/api/v1/campaigns/99999999999999999999999/reports/HP-AH-THTT", token(kAdmin)),
               400, "bad_input", "campaign_id");
}

TEST_F(ServerTest, SummaryLimitsAreValidated) {
  const std::string path = summary_path("HP-AH");
  const std::string& bearer = token(kCoordinator);
  expect_error(get(path + "?missing_limit=abc", bearer), 400, "bad_input", "missing_limit");
  expect_error(get(path + "?missing_limit=-1", bearer), 400, "bad_input", "missing_limit");
  expect_error(get(path + "?narrative_limit=100001", bearer), 400, "bad_input", "narrative_limit");
  expect_error(get(path + "?narrative_limit=1.5", bearer), 400, "bad_input", "narrative_limit");
  const HttpReply limited = get(path + "?missing_limit=1&narrative_limit=0", bearer);
  ASSERT_EQ(limited.status, 200) << limited.body;
  EXPECT_EQ(limited.json()["missing"].size(), 1u);  // three units have not submitted
}

TEST_F(ServerTest, ReviewEndpointsAnswerWithTheReportsStateWhenOutOfOrder) {
  // The review endpoints are built (workflow_api_test.cpp): on a report nobody has submitted
  // they answer 409 with its state.
  for (const std::string suffix : {"/accept", "/return", "/reopen"}) {
    const HttpReply reply = post(report_path("HP-AH-THTT") + suffix, token(kCoordinator));
    expect_error(reply, 409, "conflict", "status");
  }
}

TEST(ServerShutdownTest, RunReturnsCleanlyOnSigterm) {
  // RESTinio's own run() stops only on SIGINT; a service manager sends SIGTERM.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("llw-web-sigterm-test-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  auto store = open_sqlite_store((dir / "llw.db").string());
  Application app(store, ApplicationConfig{}, system_clock());
  ServerConfig config;
  config.port = 0;
  config.threads = 2;
  HttpServer server(app, config);

  std::promise<void> ready;
  std::thread runner([&] { server.run([&] { ready.set_value(); }); });
  ASSERT_EQ(ready.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(HttpClient(server.port()).send("GET", "/api/v1/me").status, 401);
  std::raise(SIGTERM);
  runner.join();  // would hang (or the process would die) without the SIGTERM handler
  SUCCEED();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace llw::test
