// The campaign's year and theme are the single source of what documents print (issue 12, points
// 1 and 8): PATCH /api/v1/campaigns/{id} refuses a name whose year differs, PUT …/plan refuses
// members the plan does not have (a typed "title") and a theme other than the campaign's, and
// the unit and consolidated reports read back (PDF through pdftotext, DOCX unzipped) say the
// campaign's year and quote its theme exactly.
#include <string>

#include "document_text.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

class CampaignYearApiTest : public WebFixture {
 protected:
  std::string campaign() const { return "/api/v1/campaigns/" + std::to_string(campaign_id_); }

  HttpReply patch(const std::string& username, const std::string& body) {
    return http_->send(
        "PATCH", campaign(), body,
        {"Authorization: Bearer " + token(username), "Content-Type: application/json"});
  }

  // The document's text as a reader gets it: pdftotext for a PDF, the DOCX's paragraphs.
  std::string text_of(const std::string& path) {
    const HttpReply reply = get(path, token(kAdmin));
    EXPECT_EQ(reply.status, 200) << path << " " << reply.body.substr(0, 300);
    return path.ends_with(".pdf") ? testing_support::pdf_text(reply.body)
                                  : testing_support::docx_text(reply.body);
  }
};

const std::string kTheme = "Học tập suốt đời trong kỷ nguyên số";

TEST_F(CampaignYearApiTest, ANameWhoseYearDiffersIsRefusedNamingTheFieldAndNothingChanges) {
  const nlohmann::json before = get(campaign(), token(kAdmin)).json();
  const HttpReply reply =
      patch(kAdmin, R"({"name":"Tuần lễ hưởng ứng học tập suốt đời năm 2021"})");
  expect_error(reply, 422, "validation_failed", "name");
  EXPECT_EQ(reply.json()["error"]["fields"]["name"],
            "Tên đợt ghi năm 2021, khác năm của Tuần lễ (2025).");
  EXPECT_EQ(get(campaign(), token(kAdmin)).json(), before);

  // A school year that ended before the week is as wrong; the week's own year is fine.
  expect_error(patch(kAdmin, R"({"name":"Tuần lễ năm học 2020-2021"})"), 422, "validation_failed",
               "name");
  const HttpReply renamed =
      patch(kAdmin, R"({"name":"Tuần lễ hưởng ứng học tập suốt đời năm 2025"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
}

TEST_F(CampaignYearApiTest, APlanWithMembersItDoesNotHaveIsRefusedNamingTheMember) {
  const nlohmann::json before = get(campaign(), token(kAdmin)).json();
  const std::string plan = campaign() + "/plan";
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"number":"84/KH-UBND","title":"Tổ chức Tuần lễ năm 2021"})", "plan.title"},
      {R"({"period_text":"Tuần lễ được tổ chức từ ngày 01/10/2021"})", "plan.period_text"},
      {R"({"signer":{"name":"Nguyễn Văn A","rank":"x"}})", "plan.signer.rank"},
      {R"({"assignments":[{"title":"Các trường học","tasks":[],"deadline":"2025-10-12"}]})",
       "plan.assignments.deadline"},
      {R"({"directions":[{"letter":"a","text":"…","extra":1}]})", "plan.directions.extra"},
  };
  for (const auto& [body, field] : cases) {
    const HttpReply reply = put(plan, token(kAdmin), body);
    expect_error(reply, 400, "bad_input", field);
    EXPECT_NE(reply.json()["error"]["message"].get<std::string>().find(field), std::string::npos)
        << reply.body;
  }
  EXPECT_EQ(get(campaign(), token(kAdmin)).json(), before);
}

TEST_F(CampaignYearApiTest, TheThemeIsTheCampaignsAndAPlanCannotReplaceIt) {
  const std::string plan = campaign() + "/plan";
  ASSERT_EQ(get(campaign(), token(kAdmin)).json()["theme"], kTheme);
  const HttpReply replaced = put(plan, token(kAdmin), R"({"number":"84/KH-UBND","theme":"Khác"})");
  expect_error(replaced, 422, "validation_failed", "plan.theme");
  EXPECT_EQ(get(campaign(), token(kAdmin)).json()["theme"], kTheme);

  // Left out, or quoted as it is, the theme stays the campaign's.
  const HttpReply kept = put(plan, token(kAdmin), R"({"number":"84/KH-UBND"})");
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(kept.json()["theme"], kTheme);
  EXPECT_EQ(kept.json()["plan"]["theme"], kTheme);
  nlohmann::json same{{"number", "85/KH-UBND"}, {"theme", kTheme}};
  EXPECT_EQ(put(plan, token(kAdmin), same.dump()).status, 200);

  // The issuer changes it in the campaign's settings: not a coordinator below, nor a reporter.
  for (const std::string& user : {kCoordinator, kReporter, kViewer}) {
    EXPECT_EQ(patch(user, R"({"theme":"Chủ đề khác"})").status, 403) << user;
  }
  expect_error(patch(kAdmin, R"({"theme":"Học tập suốt đời năm 2021"})"), 422, "validation_failed",
               "theme");
  expect_error(patch(kAdmin, R"({"theme":")" + std::string(600, 'x') + R"("})"), 422,
               "validation_failed", "theme");
  EXPECT_EQ(get(campaign(), token(kAdmin)).json()["theme"], kTheme);
  const HttpReply changed = patch(kAdmin, R"({"theme":"Học để phát triển bản thân"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["theme"], "Học để phát triển bản thân");
}

TEST_F(CampaignYearApiTest, EveryReportDocumentSaysTheCampaignsYearAndQuotesItsTheme) {
  // A plan sent before the plan's members were checked may still carry a typed title; documents
  // build the year from the campaign all the same.
  store_->campaigns().update_campaign_plan(campaign_id_, {{"number", "83/KH-UBND"},
                                                          {"issued_on", "2025-10-01"},
                                                          {"theme", kTheme},
                                                          {"title", "Tổ chức Tuần lễ năm 2021"},
                                                          {"period_text", "Từ 01/10/2021"}});
  const std::string report = campaign() + "/reports/HP-AH-THTT/report";
  const std::string summary = campaign() + "/summary/HP-AH/report";
  const std::string week = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
  for (const std::string& path : {report + ".pdf", report + ".docx", summary + ".pdf",
                                  summary + ".docx", campaign() + "/plan.pdf"}) {
    const std::string text = text_of(path);
    EXPECT_NE(text.find(week), std::string::npos) << path << "\n" << text.substr(0, 1500);
    EXPECT_NE(text.find("“" + kTheme + "”"), std::string::npos) << path << "\n"
                                                                << text.substr(0, 1500);
    EXPECT_EQ(text.find("2021"), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace llw::test
