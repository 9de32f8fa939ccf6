// The workflow over HTTP: return, accept, reopen with their 409 and 403 cases, two reviewers at
// once, lock-date extensions, stored versions and their difference, the audit log and its CSV
// export, and the access matrix of these routes.

#include <array>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "app/reports.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;

class WorkflowApiTest : public WebFixture {
 protected:
  const json values_{{"media_articles", 3}, {"banners", 2}, {"advantages", "Có nhiều thuận lợi."}};

  std::string action_path(const std::string& unit, const std::string& action) const {
    return report_path(unit) + "/" + action;
  }

  void submit_as_reporter(const std::string& unit = "HP-AH-THTT",
                          const std::string& user = kReporter) {
    ASSERT_EQ(save_draft(unit, values_, user).status, 200);
    const HttpReply submitted = post(action_path(unit, "submit"), token(user));
    ASSERT_EQ(submitted.status, 200) << submitted.body;
  }

  double articles_in(const std::string& unit) {
    const json summary = get(summary_path(unit), token(kAdmin)).json();
    return summary["totals"].value("media_articles", 0.0);
  }

  // Puts the unit's report into `state` ("submitted" or "accepted") through the application, as
  // the admin, whatever state it is in now.
  void put_into(const std::string& unit, const std::string& state) {
    UnitReport report = app_->reports().get_report(admin_, campaign_id_, unit);
    if (report.status == ReportStatus::accepted) {
      report =
          app_->reports().reopen_report(admin_, campaign_id_, unit, "Đặt lại cho bài kiểm thử", {});
    }
    if (report.status != ReportStatus::submitted) {
      if (report.version == 0) {
        report = app_->reports().save_draft(admin_, campaign_id_, unit, report.version, values_);
      }
      report = app_->reports().submit(admin_, campaign_id_, unit, {});
    }
    if (state == "accepted") app_->reports().accept_report(admin_, campaign_id_, unit, {});
  }
};

TEST_F(WorkflowApiTest, ReturnShowsTheCommentThenResubmitAndAcceptCountOnce) {
  submit_as_reporter();
  EXPECT_EQ(articles_in("HP-AH"), 3);

  const HttpReply returned = post(action_path("HP-AH-THTT", "return"), token(kCoordinator),
                                  json{{"comment", "Thiếu số liệu ngày hội đọc sách."}}.dump());
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().value("status", ""), "returned");
  EXPECT_EQ(articles_in("HP-AH"), 0);

  const json seen_by_unit = get(report_path("HP-AH-THTT"), token(kReporter)).json();
  EXPECT_EQ(seen_by_unit.value("status", ""), "returned");
  EXPECT_EQ(seen_by_unit.value("comment", ""), "Thiếu số liệu ngày hội đọc sách.");
  EXPECT_EQ(seen_by_unit["history"][0].value("action", ""), "return");
  EXPECT_EQ(seen_by_unit["history"][0].value("by", ""), kCoordinator);

  submit_as_reporter();
  const HttpReply accepted = post(action_path("HP-AH-THTT", "accept"), token(kCoordinator));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json().value("status", ""), "accepted");
  EXPECT_EQ(articles_in("HP-AH"), 3);
  EXPECT_EQ(articles_in("HP"), 3);

  // The level above reopens it with a reason; the unit sees the reason.
  expect_error(post(action_path("HP-AH-THTT", "reopen"), token(kCoordinator), "{}"), 422,
               "validation_failed", "reason");
  const HttpReply reopened = post(action_path("HP-AH-THTT", "reopen"), token(kCoordinator),
                                  json{{"reason", "Cần sửa số bài viết."}}.dump());
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(get(report_path("HP-AH-THTT"), token(kReporter)).json().value("comment", ""),
            "Cần sửa số bài viết.");
  EXPECT_EQ(articles_in("HP"), 0);
}

TEST_F(WorkflowApiTest, OutOfOrderTransitionsGet409WithTheCurrentState) {
  ASSERT_EQ(save_draft("HP-AH-THTT", values_).status, 200);
  HttpReply reply = post(action_path("HP-AH-THTT", "accept"), token(kCoordinator));
  expect_error(reply, 409, "conflict", "status");
  EXPECT_EQ(reply.json()["error"].value("current_status", ""), "draft");
  EXPECT_EQ(reply.json()["error"].value("current_version", 0), 1);

  reply = post(action_path("HP-AH-THTT", "return"), token(kCoordinator),
               json{{"comment", "Sai"}}.dump());
  expect_error(reply, 409, "conflict", "status");

  ASSERT_EQ(post(action_path("HP-AH-THTT", "submit"), token(kReporter)).status, 200);
  ASSERT_EQ(post(action_path("HP-AH-THTT", "accept"), token(kCoordinator)).status, 200);
  reply = post(action_path("HP-AH-THTT", "submit"), token(kReporter));
  expect_error(reply, 409, "conflict", "status");
  EXPECT_EQ(reply.json()["error"].value("current_status", ""), "accepted");
  reply = put(report_path("HP-AH-THTT"), token(kReporter),
              json{{"version", 3}, {"values", values_}}.dump());
  expect_error(reply, 409, "conflict");
  EXPECT_EQ(report_of("HP-AH-THTT").value("status", ""), "accepted");

  // A stale expected version is a conflict too, with the version that won.
  reply = post(action_path("HP-AH-THTT", "reopen"), token(kCoordinator),
               json{{"reason", "Sửa"}, {"version", 1}}.dump());
  expect_error(reply, 409, "conflict", "version");
  EXPECT_EQ(reply.json()["error"].value("current_version", 0), 3);
}

TEST_F(WorkflowApiTest, AReporterCannotAcceptOrReopenAndBadBodiesAreRefused) {
  submit_as_reporter();
  expect_error(post(action_path("HP-AH-THTT", "accept"), token(kReporter)), 403, "forbidden");
  expect_error(post(action_path("HP-AH-THTT", "return"), token(kReporter),
                    json{{"comment", "Tự trả lại"}}.dump()),
               403, "forbidden");
  expect_error(post(action_path("HP-AH-THTT", "accept"), token(kViewer)), 403, "forbidden");
  ASSERT_EQ(post(action_path("HP-AH-THTT", "accept"), token(kCoordinator)).status, 200);
  expect_error(post(action_path("HP-AH-THTT", "reopen"), token(kReporter),
                    json{{"reason", "Xin sửa"}}.dump()),
               403, "forbidden");

  ASSERT_EQ(post(action_path("HP-AH-THTT", "reopen"), token(kCoordinator),
                 json{{"reason", "Sửa lại"}}.dump())
                .status,
            200);
  submit_as_reporter();
  const json before = report_of("HP-AH-THTT");
  const std::string path = action_path("HP-AH-THTT", "return");
  expect_error(post(path, token(kCoordinator), "{}"), 422, "validation_failed", "comment");
  expect_error(post(path, token(kCoordinator), R"({"comment": 5})"), 400, "bad_input", "comment");
  expect_error(post(path, token(kCoordinator), R"({"comment": "x", "extra": 1})"), 400,
               "bad_input");
  expect_error(post(path, token(kCoordinator), R"({"comment": "x", "version": -1})"), 400,
               "bad_input");
  expect_error(post(path, token(kCoordinator), "[1, 2"), 400, "bad_input");
  expect_error(post(path, token(kCoordinator), json{{"comment", std::string(3000, 'a')}}.dump()),
               422, "validation_failed");
  expect_error(post(path, token(kCoordinator), json{{"comment", std::string(70000, 'a')}}.dump()),
               413, "too_large");
  EXPECT_EQ(report_of("HP-AH-THTT"), before);
}

TEST_F(WorkflowApiTest, TwoCoordinatorsAcceptingAtOnceOneWinsTheOther409AndTheLogShowsBoth) {
  for (const std::string unit : {"HP-AH-THTT", "HP-AH-MN", "HP-AH-THON1"}) {
    put_into(unit, "submitted");
    const std::array<std::string, 2> bearers{token(kCoordinator), token(kAdmin)};
    std::array<long, 2> statuses{};
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        HttpClient client(server_->port());
        ++ready;
        while (ready.load() < 2) {
        }
        statuses[i] = client.send_json("POST", action_path(unit, "accept"), bearers[i], "").status;
      });
    }
    for (auto& t : threads) t.join();
    std::sort(statuses.begin(), statuses.end());
    EXPECT_EQ(statuses, (std::array<long, 2>{200, 409})) << unit;
    EXPECT_EQ(report_of(unit).value("status", ""), "accepted");
  }
  EXPECT_EQ(articles_in("HP-AH"), 9);  // three units, each counted once

  const json log = get("/api/v1/audit?action=report.accept&limit=100", token(kAdmin)).json();
  int ok = 0, conflicts = 0;
  for (const auto& entry : log["entries"]) {
    if (entry.value("outcome", "") == "ok") ++ok;
    if (entry.value("outcome", "") == "conflict") ++conflicts;
    EXPECT_EQ(entry.value("address", ""), "127.0.0.1");
  }
  // The admin's own put_into calls accept nothing here; every entry is one of the races.
  EXPECT_EQ(ok, 3);
  EXPECT_EQ(conflicts, 3);
}

TEST_F(WorkflowApiTest, AfterTheLockDateOnlyAnExtensionFromTheLevelAboveReopensSaving) {
  ASSERT_EQ(save_draft("HP-AH-THTT", values_).status, 200);
  advance_clock(13 * 86400);  // 21/10, the day after the lock date
  tokens_.clear();            // the sessions of 08/10 have expired
  HttpReply reply = save_draft("HP-AH-THTT", values_);
  expect_error(reply, 409, "conflict", "lock_date");
  const std::string message = reply.json()["error"].value("message", "");
  EXPECT_NE(message.find("20/10/2025"), std::string::npos) << message;
  EXPECT_NE(message.find("Xã An Hưng"), std::string::npos) << message;
  expect_error(post(action_path("HP-AH-THTT", "submit"), token(kReporter)), 409, "conflict",
               "lock_date");

  const std::string extension = action_path("HP-AH-THTT", "extension");
  expect_error(post(extension, token(kReporter), R"({"until": "2025-10-25"})"), 403, "forbidden");
  expect_error(post(extension, token(kViewer), R"({"until": "2025-10-25"})"), 403, "forbidden");
  expect_error(post(extension, token(kCoordinator), R"({"until": "25/10/2025"})"), 400, "bad_input",
               "until");
  expect_error(post(extension, token(kCoordinator), R"({"until": "2025-02-30"})"), 400, "bad_input",
               "until");
  expect_error(post(extension, token(kCoordinator), R"({"until": "2025-10-19"})"), 422,
               "validation_failed", "until");
  expect_error(post(extension, token(kCoordinator), "{}"), 400, "bad_input", "until");

  reply = post(extension, token(kCoordinator), R"({"until": "2025-10-25"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json().value("until", ""), "2025-10-25");
  ASSERT_EQ(save_draft("HP-AH-THTT", values_).status, 200);
  // Its sibling got no extension.
  expect_error(save_draft("HP-AH-MN", values_, kReporterMn), 409, "conflict", "lock_date");
  ASSERT_EQ(post(action_path("HP-AH-THTT", "submit"), token(kReporter)).status, 200);
  EXPECT_TRUE(report_of("HP-AH-THTT").value("late", false));
}

TEST_F(WorkflowApiTest, VersionsAndTheirDifferenceItemByItem) {
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 1}, {"banners", 2}}).status, 200);
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 4}, {"commend_individuals", 1}}).status,
            200);

  HttpReply reply = get(report_path("HP-AH-THTT") + "/versions/1", token(kCoordinator));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["values"], (json{{"media_articles", 1}, {"banners", 2}}));
  EXPECT_EQ(reply.json().value("action", ""), "save");
  EXPECT_EQ(reply.json().value("by", ""), kReporter);

  reply = get(report_path("HP-AH-THTT") + "/diff?from=1&to=2", token(kReporter));
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::map<std::string, json> by_key;
  const json diff = reply.json();
  for (const auto& change : diff["changes"]) by_key[change["key"].get<std::string>()] = change;
  ASSERT_EQ(by_key.count("media_articles"), 1u) << reply.body;
  EXPECT_EQ(by_key["media_articles"]["before"], 1);
  EXPECT_EQ(by_key["media_articles"]["after"], 4);
  EXPECT_FALSE(by_key["media_articles"].value("label", "").empty());
  EXPECT_TRUE(by_key["banners"]["after"].is_null());

  expect_error(get(report_path("HP-AH-THTT") + "/versions/9", token(kCoordinator)), 404,
               "not_found", "version");
  expect_error(get(report_path("HP-AH-THTT") + "/versions/abc", token(kCoordinator)), 400,
               "bad_input", "version");
  expect_error(get(report_path("HP-AH-THTT") + "/diff?from=1", token(kCoordinator)), 400,
               "bad_input", "to");
  expect_error(get(report_path("HP-AH-THTT") + "/diff?from=1&to=2", token(kReporterMn)), 403,
               "forbidden");
}

TEST_F(WorkflowApiTest, TheAuditLogIsReadByCoordinatorsForTheirSubtreeAndExportsCsv) {
  submit_as_reporter();
  ASSERT_EQ(post(action_path("HP-AH-THTT", "return"), token(kCoordinator),
                 json{{"comment", "Thiếu ảnh, \"minh chứng\""}}.dump())
                .status,
            200);
  // A failed sign-in and a write in the other commune.
  http_->send_json("POST", "/api/v1/auth/token", "",
                   json{{"username", kReporter}, {"password", "sai-roi-nhe"}}.dump());
  app_->reports().save_draft(admin_, campaign_id_, "HP-AD-THCS", 0, values_);

  json log = get("/api/v1/audit", token(kCoordinator)).json();
  std::set<std::string> actions;
  for (const auto& entry : log["entries"]) {
    actions.insert(entry.value("action", "") + ":" + entry.value("outcome", ""));
    EXPECT_EQ(entry["target"].get<std::string>().find("HP-AD"), std::string::npos) << entry;
  }
  EXPECT_TRUE(actions.count("report.save:ok")) << log;
  EXPECT_TRUE(actions.count("report.submit:ok")) << log;
  EXPECT_TRUE(actions.count("report.return:ok")) << log;
  EXPECT_TRUE(actions.count("login:unauthenticated")) << log;
  EXPECT_TRUE(actions.count("login:ok")) << log;

  log = get("/api/v1/audit?user=" + kCoordinator + "&action=report.return", token(kAdmin)).json();
  ASSERT_EQ(log["entries"].size(), 1u) << log;
  EXPECT_EQ(log["entries"][0].value("detail", ""), "Thiếu ảnh, \"minh chứng\"");
  EXPECT_EQ(log["entries"][0].value("at", ""), "2025-10-08T10:00:00+07:00");
  EXPECT_EQ(get("/api/v1/audit?from=2025-10-09", token(kAdmin)).json()["entries"].size(), 0u);
  EXPECT_GT(
      get("/api/v1/audit?from=2025-10-08&to=2025-10-08", token(kAdmin)).json()["entries"].size(),
      5u);
  EXPECT_EQ(get("/api/v1/audit?limit=2", token(kAdmin)).json()["entries"].size(), 2u);

  const HttpReply csv = get("/api/v1/audit?format=csv&action=report.", token(kCoordinator));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  ASSERT_GT(csv.body.size(), 3u);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.body.substr(3, csv.body.find("\r\n") - 3),
            "Thời gian,Người dùng,Địa chỉ,Hành động,Đối tượng,Chi tiết,Kết quả");
  EXPECT_NE(csv.body.find("\"Thiếu ảnh, \"\"minh chứng\"\"\""), std::string::npos) << csv.body;

  // Who may not read it, and bad filters.
  expect_error(get("/api/v1/audit", token(kReporter)), 403, "forbidden");
  expect_error(get("/api/v1/audit", token(kViewer)), 403, "forbidden");
  expect_error(get("/api/v1/audit?unit=HP-AD", token(kCoordinator)), 403, "forbidden");
  expect_error(get("/api/v1/audit?from=2025-13-45", token(kAdmin)), 400, "bad_input", "from");
  expect_error(get("/api/v1/audit?limit=0", token(kAdmin)), 400, "bad_input", "limit");
  expect_error(get("/api/v1/audit?format=xml", token(kAdmin)), 400, "bad_input", "format");
  // No route edits or deletes an entry.
  EXPECT_EQ(http_->send_json("DELETE", "/api/v1/audit", token(kAdmin)).status, 405);
  EXPECT_EQ(http_->send_json("PUT", "/api/v1/audit", token(kAdmin), "{}").status, 405);
}

// The access matrix of the workflow routes, like access_matrix_test.cpp's: every report is put
// into the state the route needs first, so only access decides. A 404 in an allowed cell means
// the target has no report (communes do not report).
enum Route { kReturn, kAccept, kReopen, kExtension, kVersion, kDiff, kAudit, kRouteCount };
const char* const kRouteNames[kRouteCount] = {"return",  "accept", "reopen", "extension",
                                              "version", "diff",   "audit"};

struct Cell {
  std::string user;
  std::string target;
  std::array<long, kRouteCount> expected;
};

// clang-format off
const std::vector<Cell> kMatrix = {
    //                                  return accept reopen extend version diff audit
    {kAdmin,       "HP-AD-THCS",  {200,   200,   200,   200,   200,    200,  200}},
    {kAdmin,       "HP-AH",       {404,   404,   404,   404,   404,    404,  200}},
    {kCoordinator, "HP-AH",       {403,   403,   403,   403,   404,    404,  200}},  // own
    {kCoordinator, "HP-AH-MN",    {200,   200,   200,   200,   200,    200,  200}},  // subtree
    {kCoordinator, "HP-AD-THCS",  {403,   403,   403,   403,   403,    403,  403}},  // outside
    {kCoordinator, "HP",          {403,   403,   403,   403,   403,    403,  403}},  // ancestor
    {kViewer,      "HP-AH",       {403,   403,   403,   403,   404,    404,  403}},
    {kViewer,      "HP-AH-THON1", {403,   403,   403,   403,   200,    200,  403}},
    {kViewer,      "HP-AD-THCS",  {403,   403,   403,   403,   403,    403,  403}},
    {kReporter,    "HP-AH-THTT",  {403,   403,   403,   403,   200,    200,  403}},  // own
    {kReporter,    "HP-AH-MN",    {403,   403,   403,   403,   403,    403,  403}},  // sibling
    {kReporter,    "HP-AH",       {403,   403,   403,   403,   403,    403,  403}},  // ancestor
};
// clang-format on

TEST_F(WorkflowApiTest, AccessMatrixOfTheWorkflowRoutes) {
  const std::vector<std::string> reporting{"HP-AH-THTT", "HP-AH-MN", "HP-AH-THON1", "HP-AD-THCS"};
  for (const Cell& cell : kMatrix) {
    for (int route = 0; route < kRouteCount; ++route) {
      const bool reports =
          std::find(reporting.begin(), reporting.end(), cell.target) != reporting.end();
      if (reports) put_into(cell.target, route == kReopen ? "accepted" : "submitted");
      const std::string& bearer = token(cell.user);
      HttpReply reply;
      switch (route) {
        case kReturn:
          reply = post(action_path(cell.target, "return"), bearer, R"({"comment": "Sửa lại"})");
          break;
        case kAccept:
          reply = post(action_path(cell.target, "accept"), bearer);
          break;
        case kReopen:
          reply = post(action_path(cell.target, "reopen"), bearer, R"({"reason": "Sửa lại"})");
          break;
        case kExtension:
          reply = post(action_path(cell.target, "extension"), bearer, R"({"until": "2025-10-30"})");
          break;
        case kVersion:
          reply = get(report_path(cell.target) + "/versions/1", bearer);
          break;
        case kDiff:
          reply = get(report_path(cell.target) + "/diff?from=0&to=1", bearer);
          break;
        case kAudit:
          reply = get("/api/v1/audit?unit=" + cell.target, bearer);
          break;
      }
      EXPECT_EQ(reply.status, cell.expected[route])
          << cell.user << " → " << cell.target << ", " << kRouteNames[route] << ": " << reply.body;
    }
  }
}

}  // namespace
}  // namespace llw::test
