// Plans at every level through the API (issue 13, points 2 and 4): the commune An Hưng writes
// its own plan under the province's campaign, with its own deadline and lock date for its units;
// two composers of one draft get a 409 for the second; issuing freezes the documents byte for
// byte; a change is a new edition; units see only issued plans; and the units of the commune are
// late and locked by the commune's dates, while another commune's keep the campaign's.
#include <string>

#include "document_text.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;
using testing_support::pdf_text;

class LevelPlansApiTest : public WebFixture {
 protected:
  std::string plan_path(const std::string& unit = "HP-AH") const {
    return "/api/v1/campaigns/" + std::to_string(campaign_id_) + "/plans/" + unit;
  }

  // The commune's draft: deadline 09/10 and lock 10/10, before the province's 12/10 and 20/10.
  json draft(std::int64_t version) const {
    return {{"version", version},
            {"number", "83/KH-UBND"},
            {"issued_on", "2025-10-01"},
            {"deadline", "2025-10-09"},
            {"lock_date", "2025-10-10"},
            {"content",
             {{"place", "An Hưng"},
              {"purposes", {"Nâng cao nhận thức của nhân dân về học tập suốt đời."}},
              {"assignments",
               {{{"title", "Các trường học"},
                 {"tasks", {"Tổ chức Ngày hội đọc sách.", "Báo cáo kết quả về UBND xã."}}},
                {{"title", "Các thôn"}, {"tasks", {"Tuyên truyền trên loa truyền thanh."}}}}},
              {"closing", "Ủy ban nhân dân xã đề nghị các đơn vị triển khai thực hiện."}}}};
  }

  json sheet(const std::string& username, const std::string& unit = "HP-AH") {
    const HttpReply reply = get(plan_path(unit), token(username));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  // Issues the commune's plan from a fresh draft; answers the sheet.
  json issue_commune_plan() {
    const HttpReply saved = put(plan_path(), token(kCoordinator), draft(0).dump());
    EXPECT_EQ(saved.status, 200) << saved.body;
    const HttpReply issued = post(plan_path() + "/issue", token(kCoordinator), R"({"version":1})");
    EXPECT_EQ(issued.status, 200) << issued.body;
    return issued.json();
  }

  // Sets the clock to `hour`:00 in Vietnam on `day`/10/2025.
  void set_time(int day, int hour) {
    using namespace std::chrono;
    now_ = duration_cast<seconds>(
               (sys_days{2025y / October / day} + hours(hour - 7)).time_since_epoch())
               .count();
    tokens_.clear();  // the sessions of the earlier day have expired
  }
};

TEST_F(LevelPlansApiTest, ACommuneDraftsAndIssuesItsPlanCitingThePlanAbove) {
  const json empty = sheet(kCoordinator);
  EXPECT_TRUE(empty["editions"].empty());
  EXPECT_TRUE(empty["may_compose"].get<bool>());
  EXPECT_EQ(empty["above"]["deadline"], "2025-10-12");
  EXPECT_EQ(empty["above"]["lock_date"], "2025-10-20");
  EXPECT_EQ(empty["legal_basis"].get<std::string>().rfind(
                "Thực hiện Kế hoạch số 83/KH-UBND ngày 01/10/2025 của Ủy ban nhân dân thành phố "
                "Hải Phòng về tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025; Ủy ban nhân dân "
                "xã An Hưng xây dựng kế hoạch",
                0),
            0u)
      << empty["legal_basis"];

  const HttpReply saved = put(plan_path(), token(kCoordinator), draft(0).dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json drafted = saved.json()["editions"].back();
  EXPECT_EQ(drafted["status"], "draft");
  EXPECT_EQ(drafted["version"], 1);
  EXPECT_EQ(drafted["edition"], 1);

  // Units below do not see a draft, nor its preview; its composers preview it.
  EXPECT_TRUE(sheet(kReporter)["editions"].empty());
  EXPECT_FALSE(sheet(kReporter)["may_compose"].get<bool>());
  EXPECT_EQ(get(plan_path() + "/draft/plan.pdf", token(kReporter)).status, 404);
  EXPECT_EQ(get(plan_path() + "/1/plan.pdf", token(kReporter)).status, 404);
  const HttpReply preview = get(plan_path() + "/draft/plan.pdf", token(kCoordinator));
  ASSERT_EQ(preview.status, 200);

  const HttpReply issued = post(plan_path() + "/issue", token(kCoordinator), R"({"version":1})");
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(issued.json()["editions"].back()["status"], "issued");

  // Issued: the school sees it, and its documents are the same bytes at every download.
  const json seen = sheet(kReporter);
  ASSERT_EQ(seen["editions"].size(), 1u);
  const HttpReply first = get(plan_path() + "/1/plan.pdf", token(kReporter));
  const HttpReply again = get(plan_path() + "/1/plan.pdf", token(kCoordinator));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body, again.body);
  const HttpReply docx = get(plan_path() + "/1/plan.docx", token(kReporter));
  ASSERT_EQ(docx.status, 200);
  EXPECT_EQ(docx.body, get(plan_path() + "/1/plan.docx", token(kAdmin)).body);
  EXPECT_EQ(docx.body.rfind("PK", 0), 0u);

  const std::string text = pdf_text(first.body);
  EXPECT_NE(text.find("Số: 83/KH-UBND"), std::string::npos) << text.substr(0, 800);
  EXPECT_NE(text.find("Thực hiện Kế hoạch số 83/KH-UBND ngày 01/10/2025 của Ủy ban nhân dân "
                      "thành phố Hải Phòng"),
            std::string::npos)
      << text.substr(0, 1500);
  EXPECT_NE(text.find("Học tập suốt đời trong kỷ nguyên số"), std::string::npos);  // the theme
  EXPECT_NE(text.find("Các trường học"), std::string::npos);
  EXPECT_NE(text.find("trước ngày 09/10/2025"), std::string::npos) << text;
}

TEST_F(LevelPlansApiTest, TheSecondComposerOfOneDraftGetsAConflictAndNothingIsLost) {
  ASSERT_EQ(put(plan_path(), token(kCoordinator), draft(0).dump()).status, 200);
  json mine = draft(1);
  mine["number"] = "84/KH-UBND";
  ASSERT_EQ(put(plan_path(), token(kCoordinator), mine.dump()).status, 200);
  // The province's coordinator (here the admin) edits from version 1 too: 409, nothing lost.
  json theirs = draft(1);
  theirs["number"] = "99/KH-UBND";
  expect_error(put(plan_path(), token(kAdmin), theirs.dump()), 409, "conflict", "version");
  expect_error(put(plan_path(), token(kAdmin), draft(0).dump()), 409, "conflict", "version");
  const json now = sheet(kCoordinator)["editions"].back();
  EXPECT_EQ(now["number"], "84/KH-UBND");
  EXPECT_EQ(now["version"], 2);
  expect_error(post(plan_path() + "/issue", token(kAdmin), R"({"version":1})"), 409, "conflict",
               "version");
}

TEST_F(LevelPlansApiTest, AnIssuedPlanIsNeverEditedAndAChangeIsANewEdition) {
  issue_commune_plan();
  const std::string first_pdf = get(plan_path() + "/1/plan.pdf", token(kAdmin)).body;
  expect_error(post(plan_path() + "/issue", token(kCoordinator), R"({"version":2})"), 409,
               "conflict", "version");
  expect_error(put(plan_path(), token(kCoordinator), draft(2).dump()), 409, "conflict", "version");

  json adjusted = draft(0);
  adjusted["number"] = "90/KH-UBND";
  adjusted["issued_on"] = "2025-10-05";
  adjusted["deadline"] = "2025-10-11";
  adjusted["lock_date"] = "2025-10-11";
  const HttpReply saved = put(plan_path(), token(kCoordinator), adjusted.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["editions"].size(), 2u);
  EXPECT_EQ(saved.json()["editions"].back()["edition"], 2);
  // Until the adjustment is issued, the units still work under the first edition.
  EXPECT_EQ(sheet(kReporter)["editions"].size(), 1u);
  ASSERT_EQ(post(plan_path() + "/issue", token(kCoordinator), R"({"version":1})").status, 200);

  const HttpReply second = get(plan_path() + "/2/plan.pdf", token(kReporter));
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.header("content-disposition").find("dieu-chinh-1.pdf"), std::string::npos);
  EXPECT_NE(pdf_text(second.body).find("Số: 90/KH-UBND"), std::string::npos);
  EXPECT_EQ(get(plan_path() + "/1/plan.pdf", token(kReporter)).body, first_pdf);  // history kept
  EXPECT_EQ(get(plan_path() + "/3/plan.pdf", token(kReporter)).status, 404);
  EXPECT_EQ(get(plan_path() + "/x/plan.pdf", token(kReporter)).status, 404);
}

TEST_F(LevelPlansApiTest, TheCommunesUnitsAreLateAndLockedByItsDatesAndOtherCommunesAreNot) {
  issue_commune_plan();
  // 10/10 09:00: after the commune's deadline (09/10), before the province's (12/10).
  set_time(10, 9);
  const json school_values{{"media_articles", 5},
                           {"banners", 3},
                           {"reading_day_held", true},
                           {"reading_day_sessions", 2},
                           {"reading_day_participants", 300},
                           {"participants_students", 400},
                           {"participants_staff", 25},
                           {"commend_collectives", 1},
                           {"commend_individuals", 4},
                           {"advantages", "Được sự quan tâm của chính quyền địa phương."}};
  ASSERT_EQ(save_draft("HP-AH-THTT", school_values).status, 200);
  const HttpReply submitted =
      post(report_path("HP-AH-THTT") + "/submit", token(kReporter), R"({"version":1})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_TRUE(submitted.json()["late"].get<bool>());

  // 11/10: past the commune's lock date (10/10): its units are closed, An Dương's are not.
  set_time(11, 9);
  const nlohmann::json before = report_of("HP-AH-MN");
  const HttpReply locked = save_draft("HP-AH-MN", {{"media_articles", 1}}, kReporterMn);
  expect_error(locked, 409, "conflict");
  EXPECT_NE(locked.json()["error"]["message"].get<std::string>().find("10/10/2025"),
            std::string::npos)
      << locked.body;
  EXPECT_EQ(report_of("HP-AH-MN"), before);
  EXPECT_EQ(save_draft("HP-AD-THCS", {{"media_articles", 1}}, kAdmin).status, 200);

  // The commune's consolidated report answers to the province's dates, not to its own plan's.
  const HttpReply up =
      post("/api/v1/campaigns/" + std::to_string(campaign_id_) + "/consolidated/HP-AH/submit",
           token(kCoordinator), "{}");
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_FALSE(up.json()["late"].get<bool>());
}

TEST_F(LevelPlansApiTest, BadPlansAreRefusedNamingTheFieldAndNothingChanges) {
  ASSERT_EQ(put(plan_path(), token(kCoordinator), draft(0).dump()).status, 200);
  const json before = sheet(kCoordinator);
  auto with = [&](const std::string& key, const json& value) {
    json body = draft(1);
    body[key] = value;
    return body.dump();
  };
  auto content_with = [&](const std::string& key, const json& value) {
    json body = draft(1);
    body["content"][key] = value;
    return body.dump();
  };
  const std::vector<std::tuple<std::string, long, std::string, std::string>> cases{
      {with("deadline", "2025-10-13"), 422, "validation_failed", "deadline"},    // after 12/10
      {with("deadline", "2025-10-05"), 422, "validation_failed", "deadline"},    // inside the week
      {with("lock_date", "2025-10-08"), 422, "validation_failed", "lock_date"},  // before deadline
      {with("lock_date", "2025-10-21"), 422, "validation_failed", "lock_date"},  // after 20/10
      {with("issued_on", "2024-10-01"), 422, "validation_failed", "issued_on"},
      {with("deadline", "12/10/2025"), 400, "bad_input", "deadline"},
      {with("theme", "Chủ đề khác"), 400, "bad_input", "theme"},
      {with("version", "1"), 400, "bad_input", "version"},
      {content_with("title", "Kế hoạch năm 2021"), 400, "bad_input", "content.title"},
      {content_with("legal_basis", "Căn cứ…"), 400, "bad_input", "content.legal_basis"},
      {content_with("closing", std::string(20001, 'x')), 422, "validation_failed",
       "content.closing"},
      {content_with("purposes", json::array({1, 2})), 422, "validation_failed", "content.purposes"},
      {content_with("assignments", json::array({{{"title", ""}, {"tasks", json::array()}}})), 422,
       "validation_failed", "content.assignments"},
  };
  for (const auto& [body, status, code, field] : cases) {
    const HttpReply reply = put(plan_path(), token(kCoordinator), body);
    expect_error(reply, status, code, field);
  }
  // Issuing needs a number and a date.
  json unnumbered = draft(1);
  unnumbered["number"] = "";
  unnumbered.erase("issued_on");
  ASSERT_EQ(put(plan_path(), token(kCoordinator), unnumbered.dump()).status, 200);
  const HttpReply refused = post(plan_path() + "/issue", token(kCoordinator), R"({"version":2})");
  expect_error(refused, 422, "validation_failed");
  EXPECT_TRUE(refused.json()["error"]["fields"].contains("number"));
  EXPECT_TRUE(refused.json()["error"]["fields"].contains("issued_on"));
  EXPECT_EQ(sheet(kCoordinator)["editions"].back()["status"], "draft");
  EXPECT_EQ(before["editions"].size(), sheet(kCoordinator)["editions"].size());
}

TEST_F(LevelPlansApiTest, OnlyTheNodesCoordinatorsAndThoseAboveComposeIt) {
  // An Hưng's coordinator may not touch An Dương's plan or the province's; reporters and viewers
  // compose nothing; a school has no plan of its own.
  expect_error(put(plan_path("HP-AD"), token(kCoordinator), draft(0).dump()), 403, "forbidden");
  expect_error(put(plan_path("HP"), token(kCoordinator), draft(0).dump()), 403, "forbidden");
  for (const std::string& user : {kReporter, kViewer}) {
    expect_error(put(plan_path(), token(user), draft(0).dump()), 403, "forbidden");
    expect_error(post(plan_path() + "/issue", token(user), R"({"version":0})"), 403, "forbidden");
  }
  EXPECT_EQ(get(plan_path("HP-AD"), token(kCoordinator)).status, 403);
  EXPECT_EQ(get(plan_path("HP-AD"), token(kReporter)).status, 403);
  EXPECT_EQ(get(plan_path("HP-AH-THTT"), token(kCoordinator)).status, 404);
  EXPECT_EQ(get(plan_path(), "not-a-token").status, 401);
  // The province's coordinators (the admin here) compose the commune's plan.
  EXPECT_EQ(put(plan_path(), token(kAdmin), draft(0).dump()).status, 200);
  EXPECT_TRUE(sheet(kAdmin)["editions"].size() == 1);
}

TEST_F(LevelPlansApiTest, YearsThatDifferFromTheCampaignsAreFlaggedAndMarkupIsPrintedAsText) {
  json copied = draft(0);
  copied["content"]["closing"] = "Tổ chức Tuần lễ năm 2021 <script>alert(1)</script> & </w:t>";
  copied["content"]["assignments"][0]["tasks"][0] = "Tổng kết năm học 2020-2021.";
  ASSERT_EQ(put(plan_path(), token(kCoordinator), copied.dump()).status, 200);
  const json flagged = sheet(kCoordinator)["warnings"];
  EXPECT_EQ(flagged["content.closing"], "Năm 2021 khác năm của Tuần lễ 2025.");
  EXPECT_EQ(flagged["content.assignments"], "Năm 2020, 2021 khác năm của Tuần lễ 2025.");
  EXPECT_FALSE(flagged.contains("content.purposes"));
  const HttpReply preview = get(plan_path() + "/draft/plan.pdf", token(kCoordinator));
  ASSERT_EQ(preview.status, 200);
  EXPECT_NE(pdf_text(preview.body).find("<script>alert(1)</script> & </w:t>"), std::string::npos);
  const HttpReply docx = get(plan_path() + "/draft/plan.docx", token(kCoordinator));
  ASSERT_EQ(docx.status, 200);
  EXPECT_EQ(docx.body.rfind("PK", 0), 0u);
}

}  // namespace
}  // namespace llw::test
