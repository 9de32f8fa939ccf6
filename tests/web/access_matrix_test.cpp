// Every role × target × route, with the status the access policy gives, written out as a table
// so a reviewer can check each cell against the policy in domain/access.h:
//   admin: everything; coordinator: its subtree; reporter: read and write its own unit's report,
//   read its own unit and summary; viewer: read its subtree.
// A 404 in an allowed cell means the target has no report in the campaign (communes and the
// province do not report); a 422 means the access check passed but the input was invalid there
// (a village cannot be created under a school; an import row outside the actor's subtree).

#include <array>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/reporting_up.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

enum Route {
  kGetUnit,
  kListChildren,
  kCreateUnit,
  kImportUnits,
  kGetReport,
  kPutReport,
  kSubmitReport,
  kGetSummary,
  kRouteCount
};

const char* const kRouteNames[kRouteCount] = {"GET unit",    "GET children", "POST unit",
                                              "POST import", "GET report",   "PUT report",
                                              "POST submit", "GET summary"};

struct Cell {
  std::string user;
  std::string target_label;  // own / subtree / outside / ancestor, as the user sees it
  std::string target;
  std::array<long, kRouteCount> expected;
};

// The unit kind a new child of `target` gets in the create and import probes.
std::string child_kind(const std::string& target) {
  if (target == "VN") return "province";
  if (target == "HP") return "commune";
  return "village";
}

// clang-format off
const std::vector<Cell> kMatrix = {
    //                                           GET   child POST  import GETr  PUTr  submit summary
    {kAdmin,       "country",  "VN",          {200,  200,  201,  200,   404,  404,  404,   200}},
    {kAdmin,       "commune",  "HP-AH",       {200,  200,  201,  200,   404,  404,  404,   200}},
    {kAdmin,       "school",   "HP-AD-THCS",  {200,  200,  422,  422,   200,  200,  200,   200}},

    {kCoordinator, "own",      "HP-AH",       {200,  200,  201,  200,   404,  404,  404,   200}},
    {kCoordinator, "subtree",  "HP-AH-MN",    {200,  200,  422,  422,   200,  200,  200,   200}},
    {kCoordinator, "outside",  "HP-AD",       {403,  403,  403,  422,   403,  403,  403,   403}},
    {kCoordinator, "ancestor", "HP",          {403,  403,  403,  422,   403,  403,  403,   403}},

    {kViewer,      "own",      "HP-AH",       {200,  200,  403,  403,   404,  403,  403,   200}},
    {kViewer,      "subtree",  "HP-AH-THON1", {200,  200,  403,  403,   200,  403,  403,   200}},
    {kViewer,      "outside",  "HP-AD",       {403,  403,  403,  403,   403,  403,  403,   403}},
    {kViewer,      "ancestor", "HP",          {403,  403,  403,  403,   403,  403,  403,   403}},

    // A school has no units below it, so the reporter has no "subtree" row; its sibling school
    // is the nearest "outside".
    {kReporter,    "own",      "HP-AH-THTT",  {200,  200,  403,  403,   200,  200,  200,   200}},
    {kReporter,    "sibling",  "HP-AH-MN",    {403,  403,  403,  403,   403,  403,  403,   403}},
    {kReporter,    "outside",  "HP-AD-THCS",  {403,  403,  403,  403,   403,  403,  403,   403}},
    {kReporter,    "ancestor", "HP-AH",       {403,  403,  403,  403,   403,  403,  403,   403}},
};
// clang-format on

class AccessMatrixTest : public WebFixture {
 protected:
  long probe(Route route, const std::string& user, const std::string& target, int serial) {
    const std::string& bearer = token(user);
    const std::string new_code = "NEW-" + std::to_string(serial);
    switch (route) {
      case kGetUnit:
        return get("/api/v1/units/" + target, bearer).status;
      case kListChildren:
        return get("/api/v1/units?parent=" + target, bearer).status;
      case kCreateUnit: {
        const nlohmann::json body{{"code", new_code},
                                  {"name", "Đơn vị thử " + std::to_string(serial)},
                                  {"kind", child_kind(target)},
                                  {"parent", target},
                                  {"population", {{"residents", 100}}}};
        return post("/api/v1/units", bearer, body.dump()).status;
      }
      case kImportUnits: {
        const std::string csv = "code,name,kind,parent\n" + new_code + "-CSV,Đơn vị nhập " +
                                std::to_string(serial) + "," + child_kind(target) + "," + target +
                                "\n";
        return http_
            ->send("POST", "/api/v1/units/import", csv,
                   {"Authorization: Bearer " + bearer, "Content-Type: text/csv"})
            .status;
      }
      case kGetReport:
        return get(report_path(target), bearer).status;
      case kPutReport: {
        // The current version as an admin sees it, so only access decides the outcome.
        const HttpReply current = get(report_path(target), token(kAdmin));
        const std::int64_t version =
            current.status == 200 ? current.json().value("version", std::int64_t{0}) : 0;
        const nlohmann::json body{{"version", version}, {"values", {{"media_articles", 1}}}};
        return put(report_path(target), bearer, body.dump()).status;
      }
      case kSubmitReport:
        return post(report_path(target) + "/submit", bearer).status;
      case kGetSummary:
        return get(summary_path(target), bearer).status;
      case kRouteCount:
        break;
    }
    return 0;
  }
};

TEST_F(AccessMatrixTest, EveryRoleTargetAndRouteGetsThePolicysStatus) {
  int serial = 0;
  for (const Cell& cell : kMatrix) {
    for (int route = 0; route < kRouteCount; ++route) {
      const long status = probe(static_cast<Route>(route), cell.user, cell.target, ++serial);
      EXPECT_EQ(status, cell.expected[route]) << cell.user << " → " << cell.target_label << " ("
                                              << cell.target << "), " << kRouteNames[route];
    }
  }
}

TEST_F(AccessMatrixTest, CampaignsAreVisibleOnlyToUnitsTheyConcern) {
  // campaign_id_ is issued by the province, above every account's unit; other_campaign_id_ by
  // the sibling commune An Dương, which concerns nobody in An Hưng.
  struct Row {
    std::string user;
    long own_campaign;
    long other_campaign;
  };
  const std::vector<Row> rows{
      {kAdmin, 200, 200}, {kCoordinator, 200, 403}, {kViewer, 200, 403}, {kReporter, 200, 403}};
  for (const Row& row : rows) {
    const std::string& bearer = token(row.user);
    EXPECT_EQ(get("/api/v1/campaigns/" + std::to_string(campaign_id_), bearer).status,
              row.own_campaign)
        << row.user;
    EXPECT_EQ(get("/api/v1/campaigns/" + std::to_string(other_campaign_id_), bearer).status,
              row.other_campaign)
        << row.user;
    const nlohmann::json listed = get("/api/v1/campaigns", bearer).json();
    std::vector<std::int64_t> ids;
    for (const auto& campaign : listed["campaigns"]) ids.push_back(campaign.value("id", 0));
    EXPECT_NE(std::find(ids.begin(), ids.end(), campaign_id_), ids.end()) << row.user;
    EXPECT_EQ(std::find(ids.begin(), ids.end(), other_campaign_id_) != ids.end(),
              row.other_campaign == 200)
        << row.user;
  }
  EXPECT_EQ(get("/api/v1/campaigns/999999", token(kAdmin)).status, 404);
}

TEST_F(AccessMatrixTest, OnlyCoordinatorsAndAdminsCreateCampaigns) {
  const auto body = [](const std::string& issuer) {
    return nlohmann::json{{"name", "Tuần lễ hưởng ứng học tập suốt đời năm 2026"},
                          {"issuer", issuer},
                          {"period_start", "2026-10-01"},
                          {"period_end", "2026-10-07"},
                          {"deadline", "2026-10-12"},
                          {"lock_date", "2026-10-20"},
                          {"form_id", "llw-2025"},
                          {"plan", {{"number", "90/KH-UBND"}}}}
        .dump();
  };
  EXPECT_EQ(post("/api/v1/campaigns", token(kReporter), body("HP-AH")).status, 403);
  EXPECT_EQ(post("/api/v1/campaigns", token(kViewer), body("HP-AH")).status, 403);
  EXPECT_EQ(post("/api/v1/campaigns", token(kCoordinator), body("HP-AD")).status, 403);
  const HttpReply created = post("/api/v1/campaigns", token(kCoordinator), body("HP-AH"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.json().value("id", std::int64_t{0});
  EXPECT_GT(id, 0);
  EXPECT_EQ(created.header("location"), "/api/v1/campaigns/" + std::to_string(id));
}

TEST_F(AccessMatrixTest, MissingExpiredOrGarbageTokensGet401OnEveryRoute) {
  const std::string campaign = std::to_string(campaign_id_);
  const std::vector<std::pair<std::string, std::string>> routes{
      {"GET", "/api/v1/me"},
      {"DELETE", "/api/v1/auth/token"},
      {"GET", "/api/v1/units/HP-AH"},
      {"GET", "/api/v1/units?parent=HP-AH"},
      {"PATCH", "/api/v1/units/HP-AH"},
      {"POST", "/api/v1/units"},
      {"POST", "/api/v1/units/import"},
      {"GET", "/api/v1/campaigns"},
      {"GET", "/api/v1/campaigns/" + campaign},
      {"POST", "/api/v1/campaigns"},
      {"GET", report_path("HP-AH-THTT")},
      {"PUT", report_path("HP-AH-THTT")},
      {"POST", report_path("HP-AH-THTT") + "/submit"},
      {"GET", summary_path("HP-AH")},
      {"POST", report_path("HP-AH-THTT") + "/accept"},
      {"POST", report_path("HP-AH-THTT") + "/return"},
      {"POST", report_path("HP-AH-THTT") + "/reopen"},
      {"POST", report_path("HP-AH-THTT") + "/extension"},
      {"GET", report_path("HP-AH-THTT") + "/versions/1"},
      {"GET", report_path("HP-AH-THTT") + "/diff?from=0&to=1"},
      {"GET", "/api/v1/audit"},
      {"GET", "/api/v1/campaigns/" + campaign + "/plan.pdf"},
      {"PUT", "/api/v1/campaigns/" + campaign + "/plan"},
      {"GET", report_path("HP-AH-THTT") + "/report.docx"},
      {"GET", summary_path("HP-AH") + "/report.pdf"},
      {"GET", summary_path("HP-AH") + "/data.xlsx"},
      {"PATCH", "/api/v1/campaigns/" + campaign},
      {"GET", "/api/v1/campaigns/" + campaign + "/consolidated/HP-AH"},
      {"POST", "/api/v1/campaigns/" + campaign + "/consolidated/HP-AH/submit"},
      {"POST", "/api/v1/campaigns/" + campaign + "/consolidated/HP-AH/return"},
      {"POST", "/api/v1/campaigns/" + campaign + "/consolidated/HP-AH/accept"},
      {"POST", "/api/v1/campaigns/" + campaign + "/consolidated/HP-AH/reopen"},
      {"GET", "/api/v1/campaigns/" + campaign + "/consolidated/HP-AH/versions/1"},
      {"POST", "/api/v1/me/password"},
      {"GET", "/api/v1/units/HP-AH/accounts"},
      {"POST", "/api/v1/units/HP-AH/accounts"},
      {"POST", "/api/v1/units/HP-AH/accounts/slips.pdf"},
  };
  const std::string valid = token(kCoordinator);
  const std::vector<std::pair<std::string, std::vector<std::string>>> credentials{
      {"no token", {}},
      {"garbage token", {"Authorization: Bearer this-is-not-a-token"}},
      {"wrong scheme", {"Authorization: Basic YWRtaW46YWRtaW4="}},
      {"empty bearer", {"Authorization: Bearer "}},
  };
  for (const auto& [method, path] : routes) {
    for (const auto& [label, headers] : credentials) {
      const HttpReply reply = http_->send(method, path, "{}", headers);
      EXPECT_EQ(reply.status, 401) << method << ' ' << path << " with " << label;
      EXPECT_EQ(reply.header("www-authenticate").rfind("Bearer", 0), 0u) << method << ' ' << path;
      EXPECT_EQ(reply.json()["error"].value("code", ""), "unauthenticated") << reply.body;
    }
  }

  // The same token works now and stops working once its session has expired.
  EXPECT_EQ(get("/api/v1/me", valid).status, 200);
  advance_clock(kSessionSeconds + 1);
  for (const auto& [method, path] : routes) {
    EXPECT_EQ(http_->send(method, path, "{}", {"Authorization: Bearer " + valid}).status, 401)
        << method << ' ' << path << " with an expired token";
  }
}

// Reporting up, on the commune An Hưng's consolidated report (HP-AH) of the province's campaign:
// its own coordinator submits, the level above (the city, an admin) reviews, whoever reads the
// commune's summary reads it, whoever manages the issuer's campaigns sets the summary source.
// Each probe first puts the report into the state the action needs, so only access decides.
TEST_F(AccessMatrixTest, ReportingUpRoutesFollowThePolicy) {
  add_account("coord.haiphong", Role::coordinator, "HP");
  add_account("coord.anduong", Role::coordinator, "HP-AD");
  const std::string base =
      "/api/v1/campaigns/" + std::to_string(campaign_id_) + "/consolidated/HP-AH";
  // Into "returned" (submit allowed), "submitted" (return, accept) or "accepted" (reopen).
  auto put_into = [&](ReportStatus wanted) {
    ConsolidatedReport now =
        app_->reporting_up().consolidated_report(admin_, campaign_id_, "HP-AH");
    if (now.status == ReportStatus::accepted) {
      now = app_->reporting_up().reopen_consolidated(admin_, campaign_id_, "HP-AH", "Đặt lại", {});
    }
    if (wanted == ReportStatus::returned) {
      if (now.status == ReportStatus::submitted) {
        app_->reporting_up().return_consolidated(admin_, campaign_id_, "HP-AH", "Đặt lại", {});
      }
      return;
    }
    if (now.status != ReportStatus::submitted) {
      app_->reporting_up().submit_consolidated(admin_, campaign_id_, "HP-AH", {});
    }
    if (wanted == ReportStatus::accepted) {
      app_->reporting_up().accept_consolidated(admin_, campaign_id_, "HP-AH", {});
    }
  };
  struct Row {
    std::string user;
    long get, submit, return_, accept, reopen, version, patch;
  };
  // clang-format off
  const std::vector<Row> rows{
      //                        GET  submit return accept reopen version PATCH campaign
      {kAdmin,                  200, 200,   200,   200,   200,   200,    200},
      {kCoordinator,            200, 200,   403,   403,   403,   200,    403},  // own commune
      {"coord.anduong",         403, 403,   403,   403,   403,   403,    403},  // other commune
      {"coord.haiphong",        200, 403,   200,   200,   200,   200,    200},  // the city above
      {kViewer,                 200, 403,   403,   403,   403,   200,    403},
      {kReporter,               403, 403,   403,   403,   403,   403,    403},
  };
  // clang-format on
  app_->reporting_up().submit_consolidated(admin_, campaign_id_, "HP-AH",
                                           {});  // so that version 1 exists
  for (const Row& row : rows) {
    const std::string& bearer = token(row.user);
    EXPECT_EQ(get(base, bearer).status, row.get) << row.user << " GET";
    put_into(ReportStatus::returned);
    EXPECT_EQ(post(base + "/submit", bearer).status, row.submit) << row.user << " submit";
    put_into(ReportStatus::submitted);
    EXPECT_EQ(post(base + "/return", bearer, R"({"comment":"Sửa lại."})").status, row.return_)
        << row.user << " return";
    put_into(ReportStatus::submitted);
    EXPECT_EQ(post(base + "/accept", bearer).status, row.accept) << row.user << " accept";
    put_into(ReportStatus::accepted);
    EXPECT_EQ(post(base + "/reopen", bearer, R"({"reason":"Bổ sung."})").status, row.reopen)
        << row.user << " reopen";
    EXPECT_EQ(get(base + "/versions/1", bearer).status, row.version) << row.user << " version";
    const HttpReply patched =
        http_->send("PATCH", "/api/v1/campaigns/" + std::to_string(campaign_id_),
                    R"({"summary_source":"live"})",
                    {"Authorization: Bearer " + bearer, "Content-Type: application/json"});
    EXPECT_EQ(patched.status, row.patch) << row.user << " PATCH campaign";
  }
}

// Changing a campaign's reporting kinds (PATCH with "reporting_kinds"): manage_campaign on the
// issuer, so the issuer's own coordinators and admins only. The probe sends the kinds the
// campaign has, so an allowed cell changes no report and the next row starts from the same state.
TEST_F(AccessMatrixTest, ReportingKindsFollowThePolicy) {
  add_account("coord.haiphong", Role::coordinator, "HP");
  add_account("coord.anduong", Role::coordinator, "HP-AD");
  struct Row {
    std::string user;
    long province_campaign, commune_campaign;  // issued by HP, by HP-AD
  };
  // clang-format off
  const std::vector<Row> rows{
      //                        HP's   HP-AD's
      {kAdmin,                  200,   200},
      {"coord.haiphong",        200,   200},  // the city: issuer of one, above the other
      {kCoordinator,            403,   403},  // An Hưng: below the issuer, not it
      {"coord.anduong",         403,   200},  // An Dương: issuer of the second
      {kViewer,                 403,   403},
      {kReporter,               403,   403},
  };
  // clang-format on
  const std::string body =
      R"({"reporting_kinds":["department","organization","village","school"]})";
  for (const Row& row : rows) {
    for (const auto& [campaign, status] : {std::pair{campaign_id_, row.province_campaign},
                                           std::pair{other_campaign_id_, row.commune_campaign}}) {
      const HttpReply reply = http_->send(
          "PATCH", "/api/v1/campaigns/" + std::to_string(campaign), body,
          {"Authorization: Bearer " + token(row.user), "Content-Type: application/json"});
      EXPECT_EQ(reply.status, status) << row.user << " PATCH kinds of campaign " << campaign;
    }
  }
  EXPECT_EQ(http_
                ->send("PATCH", "/api/v1/campaigns/" + std::to_string(campaign_id_), body,
                       {"Content-Type: application/json"})
                .status,
            401);
}

// The accounts of a subtree's units: its coordinators and admins manage them, nobody else —
// probed with a list and with a reset of a name that is not in the list (422 once access
// passed), so nothing changes.
TEST_F(AccessMatrixTest, UnitAccountRoutesFollowThePolicy) {
  struct AccountsCell {
    std::string user;
    std::string target;
    long expected;
  };
  // clang-format off
  const std::vector<AccountsCell> cells{
      {kAdmin,       "HP",         200},
      {kAdmin,       "HP-AD",      200},
      {kCoordinator, "HP-AH",      200},  // own
      {kCoordinator, "HP-AH-MN",   200},  // subtree
      {kCoordinator, "HP-AD",      403},  // another commune
      {kCoordinator, "HP",         403},  // the city above
      {kViewer,      "HP-AH",      403},
      {kReporter,    "HP-AH-THTT", 403},
      {kReporter,    "HP-AH",      403},
      {kAdmin,       "NOPE",       404},
  };
  // clang-format on
  const std::string reset = R"({"reset":["nobody.here"]})";
  for (const AccountsCell& cell : cells) {
    const std::string path = "/api/v1/units/" + cell.target + "/accounts";
    EXPECT_EQ(get(path, token(cell.user)).status, cell.expected) << cell.user << " GET " << path;
    const long reset_expected = cell.expected == 200 ? 422 : cell.expected;
    EXPECT_EQ(post(path, token(cell.user), reset).status, reset_expected)
        << cell.user << " POST " << path;
    EXPECT_EQ(post(path + "/slips.pdf", token(cell.user), reset).status, reset_expected)
        << cell.user << " POST " << path << "/slips.pdf";
  }
}

// An account given a password by someone else reaches only /me and /me/password until it has
// chosen its own: every other route is 403 naming "password".
TEST_F(AccessMatrixTest, AnAccountThatMustChangeItsPasswordIsRefusedEverywhereElse) {
  app_->accounts().create_user(admin_,
                               {"moi.thtt", "Mới", Role::reporter, "HP-AH-THTT", "ban-dau-2025"});
  const HttpReply signed_in = http_->send_json(
      "POST", "/api/v1/auth/token", "",
      nlohmann::json{{"username", "moi.thtt"}, {"password", "ban-dau-2025"}}.dump());
  ASSERT_EQ(signed_in.status, 200);
  const std::string bearer = signed_in.json().value("token", "");
  for (const std::string& path :
       {std::string("/api/v1/campaigns"), report_path("HP-AH-THTT"), summary_path("HP-AH-THTT"),
        std::string("/api/v1/units/HP-AH-THTT")}) {
    expect_error(get(path, bearer), 403, "forbidden", "password");
  }
  expect_error(put(report_path("HP-AH-THTT"), bearer, R"({"version":0,"values":{}})"), 403,
               "forbidden", "password");
  EXPECT_EQ(get("/api/v1/me", bearer).status, 200);
  expect_error(post("/api/v1/me/password", bearer,
                    R"({"current_password":"sai-roi-2025","new_password":"rieng-2025"})"),
               422, "validation_failed", "current_password");
  expect_error(post("/api/v1/me/password", bearer,
                    R"({"current_password":"ban-dau-2025","new_password":"123"})"),
               422, "validation_failed", "new_password");
  expect_error(post("/api/v1/me/password", bearer, R"({"current_password":"ban-dau-2025"})"), 400,
               "bad_input");
  EXPECT_EQ(post("/api/v1/me/password", bearer,
                 R"({"current_password":"ban-dau-2025","new_password":"rieng-cua-toi-2025"})")
                .status,
            204);
  EXPECT_EQ(get(report_path("HP-AH-THTT"), bearer).status, 200);  // the same token, now free
  EXPECT_FALSE(get("/api/v1/me", bearer).json()["user"].value("must_change_password", true));
}

}  // namespace
}  // namespace llw::test
