// PATCH /api/v1/campaigns/{id} with "reporting_kinds" (and the name and dates): the issuer's
// coordinators and admins change which kinds of units report, in one transaction; a bad list is
// refused naming the field, a kind whose reports have data is refused with 409 counting them, and a
// refusal changes nothing.
#include <string>
#include <vector>

#include "web_fixture.h"

namespace llw::test {
namespace {

class CampaignKindsApiTest : public WebFixture {
 protected:
  HttpReply patch(const std::string& username, const std::string& body) {
    return http_->send(
        "PATCH", "/api/v1/campaigns/" + std::to_string(campaign_id_), body,
        {"Authorization: Bearer " + token(username), "Content-Type: application/json"});
  }

  nlohmann::json kinds() {
    return get("/api/v1/campaigns/" + std::to_string(campaign_id_), token(kAdmin))
        .json()["reporting_kinds"];
  }

  std::int64_t expected(const std::string& unit) {
    return get(summary_path(unit), token(kAdmin)).json()["expected"].get<std::int64_t>();
  }
};

TEST_F(CampaignKindsApiTest, TheIssuersCoordinatorRemovesAndAddsKindsAndTheFiguresFollow) {
  add_account("coord.haiphong", Role::coordinator, "HP");
  const std::int64_t city = expected("HP");
  const std::int64_t commune = expected("HP-AH");

  const HttpReply schools = patch("coord.haiphong", R"({"reporting_kinds":["school"]})");
  ASSERT_EQ(schools.status, 200) << schools.body;
  EXPECT_EQ(schools.json()["reporting_kinds"], nlohmann::json::array({"school"}));
  EXPECT_EQ(kinds(), nlohmann::json::array({"school"}));
  EXPECT_EQ(get(report_path("HP-AH-THON1"), token(kAdmin)).status, 404);
  EXPECT_EQ(expected("HP-AH"), commune - 1);  // the village of An Hưng
  EXPECT_EQ(expected("HP"), city - 2);        // and the village of An Dương

  // Any order, summary source alongside: one save.
  const HttpReply back =
      patch(kAdmin, R"({"reporting_kinds":["village","school"],"summary_source":"accepted"})");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["reporting_kinds"], nlohmann::json::array({"village", "school"}));
  EXPECT_EQ(back.json()["summary_source"], "accepted");
  EXPECT_EQ(report_of("HP-AH-THON1")["status"], "not_started");
  EXPECT_EQ(expected("HP-AH"), commune);
  EXPECT_EQ(expected("HP"), city);
}

TEST_F(CampaignKindsApiTest, OnlyTheIssuersCoordinatorsAndAdminsChangeTheKinds) {
  add_account("coord.anduong", Role::coordinator, "HP-AD");
  for (const std::string& user : {kCoordinator, std::string("coord.anduong"), kViewer, kReporter}) {
    expect_error(patch(user, R"({"reporting_kinds":["school"]})"), 403, "forbidden");
  }
  EXPECT_EQ(kinds().size(), 4u);
  EXPECT_EQ(get(report_path("HP-AH-THON1"), token(kAdmin)).status, 200);
}

TEST_F(CampaignKindsApiTest, BadKindListsAreRefusedNamingTheFieldAndNothingChanges) {
  const nlohmann::json before = kinds();
  const std::string huge(20000, 'x');
  std::string seventeen = "[";
  for (int i = 0; i < 17; ++i) seventeen += std::string(i ? "," : "") + "\"school\"";
  seventeen += "]";
  const std::vector<std::tuple<std::string, long, std::string>> cases{
      {R"({"reporting_kinds":"school"})", 400, "bad_input"},
      {R"({"reporting_kinds":null})", 400, "bad_input"},
      {R"({"reporting_kinds":{"school":true}})", 400, "bad_input"},
      {R"({"reporting_kinds":["castle"]})", 400, "bad_input"},
      {R"({"reporting_kinds":[7]})", 400, "bad_input"},
      {R"({"reporting_kinds":[")" + huge + R"("]})", 400, "bad_input"},
      {R"({"reporting_kinds":)" + seventeen + "}", 400, "bad_input"},
      {R"({"reporting_kinds":["school","village","school"]})", 422, "validation_failed"},
      {R"({"reporting_kinds":[]})", 422, "validation_failed"},
      {R"({"reporting_kinds":["school","commune"]})", 422, "validation_failed"},
  };
  for (const auto& [body, status, code] : cases) {
    const HttpReply reply = patch(kAdmin, body);
    expect_error(reply, status, code, "reporting_kinds");
    EXPECT_LT(reply.body.size(), 2000u) << "the refusal echoes the oversized input";
    if (status == 422) {
      EXPECT_TRUE(reply.json()["error"]["fields"].contains("reporting_kinds")) << reply.body;
    }
  }
  // A member the route does not know is refused too, whatever else comes with it.
  expect_error(patch(kAdmin, R"({"reporting_kinds":["school"],"form_id":"llw-2026"})"), 400,
               "bad_input");
  EXPECT_EQ(kinds(), before);
  EXPECT_EQ(get(report_path("HP-AH-THON1"), token(kAdmin)).status, 200);
}

TEST_F(CampaignKindsApiTest, RemovingAKindWithSavedReportsIsAConflictCountingThem) {
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"participants_students", 120}}).status, 200);
  ASSERT_EQ(save_draft("HP-AH-MN", {{"participants_students", 40}}, kReporterMn).status, 200);
  const std::int64_t city = expected("HP");

  const HttpReply refused = patch(kAdmin, R"({"reporting_kinds":["village"]})");
  expect_error(refused, 409, "conflict", "reporting_kinds");
  const std::string message = refused.json()["error"]["message"].get<std::string>();
  EXPECT_NE(message.find("Trường học: 2 đơn vị đã lưu hoặc gửi báo cáo"), std::string::npos)
      << message;
  EXPECT_EQ(kinds().size(), 4u);
  EXPECT_EQ(report_of("HP-AH-THTT")["values"]["participants_students"], 120);
  EXPECT_EQ(get(report_path("HP-AD-THCS"), token(kAdmin)).status, 200);
  EXPECT_EQ(expected("HP"), city);

  // Kinds without data still go.
  const HttpReply villages_out = patch(kAdmin, R"({"reporting_kinds":["school"]})");
  ASSERT_EQ(villages_out.status, 200) << villages_out.body;
  EXPECT_EQ(expected("HP"), city - 2);
}

TEST_F(CampaignKindsApiTest, TheNameAndDatesChangeAloneOrWithTheKindsAndBadOnesChangeNothing) {
  const HttpReply renamed = patch(
      kAdmin, R"j({"name":"Tuần lễ học tập suốt đời 2025 (điều chỉnh)","deadline":"2025-10-14",)j"
              R"j("lock_date":"2025-10-25"})j");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["name"], "Tuần lễ học tập suốt đời 2025 (điều chỉnh)");
  EXPECT_EQ(renamed.json()["deadline"], "2025-10-14");
  EXPECT_EQ(renamed.json()["lock_date"], "2025-10-25");
  EXPECT_EQ(renamed.json()["reporting_kinds"].size(), 4u);  // absent: kept

  const nlohmann::json before =
      get("/api/v1/campaigns/" + std::to_string(campaign_id_), token(kAdmin)).json();
  const std::vector<std::tuple<std::string, long, std::string, std::string>> cases{
      {R"({"deadline":"14/10/2025"})", 400, "bad_input", "deadline"},
      {R"({"period_start":"2025-02-31"})", 400, "bad_input", "period_start"},
      {R"({"lock_date":20251025})", 400, "bad_input", "lock_date"},
      {R"({"name":null})", 400, "bad_input", "name"},
      {R"({"name":["x"]})", 400, "bad_input", "name"},
      {R"({"name":""})", 422, "validation_failed", "name"},
      {R"({"name":")" + std::string(5000, 'x') + R"("})", 422, "validation_failed", "name"},
      // The lock date may not come before the deadline; with the kinds, nothing of either saves.
      {R"({"lock_date":"2025-10-01","reporting_kinds":["school"]})", 422, "validation_failed",
       "lock_date"},
  };
  for (const auto& [body, status, code, field] : cases) {
    const HttpReply reply = patch(kAdmin, body);
    expect_error(reply, status, code, field);
    EXPECT_LT(reply.body.size(), 2000u) << "the refusal echoes the oversized input";
  }
  EXPECT_EQ(get("/api/v1/campaigns/" + std::to_string(campaign_id_), token(kAdmin)).json(), before);
  EXPECT_EQ(get(report_path("HP-AH-THON1"), token(kAdmin)).status, 200);
}

}  // namespace
}  // namespace llw::test
