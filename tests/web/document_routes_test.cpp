// The document endpoints of api.md over real HTTP: status, media type, Content-Disposition with an
// ASCII name and its UTF-8 form, the file's first bytes, and access exactly like the data each
// document shows (a table of role × target × route, as in access_matrix_test.cpp).

#include <array>
#include <string>
#include <vector>

#include "web_fixture.h"

namespace llw::test {
namespace {

const std::string kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const std::string kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

class DocumentRoutesTest : public WebFixture {
 protected:
  std::string campaign_path(std::int64_t campaign = 0) const {
    return "/api/v1/campaigns/" + std::to_string(campaign ? campaign : campaign_id_);
  }

  // A successful download: status, media type, the attachment's names and the magic bytes.
  void expect_file(const HttpReply& reply, const std::string& content_type,
                   const std::string& file_name, const std::string& magic) {
    ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 400);
    EXPECT_EQ(reply.header("content-type"), content_type);
    EXPECT_EQ(reply.header("content-disposition"),
              "attachment; filename=\"" + file_name + "\"; filename*=UTF-8''" + file_name);
    EXPECT_EQ(reply.body.rfind(magic, 0), 0u) << file_name;
    // Downloads are personal data: never cached, never sniffed.
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
  }

  void submit_school() {
    const HttpReply saved = save_draft("HP-AH-THTT", {{"media_articles", 1200},
                                                      {"banners", 3},
                                                      {"participants_students", 400},
                                                      {"participants_staff", 30}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  }
};

TEST_F(DocumentRoutesTest, EveryDocumentDownloadsWithItsTypeAndAVietnameseNameWithoutDiacritics) {
  submit_school();
  const std::string& bearer = token(kCoordinator);
  expect_file(get(campaign_path() + "/plan.pdf", bearer), "application/pdf",
              "ke-hoach-83-kh-ubnd-2025.pdf", "%PDF-");
  expect_file(get(campaign_path() + "/plan.docx", bearer), kDocx, "ke-hoach-83-kh-ubnd-2025.docx",
              "PK");
  expect_file(get(report_path("HP-AH-THTT") + "/report.pdf", bearer), "application/pdf",
              "bao-cao-truong-tieu-hoc-an-hung-2025.pdf", "%PDF-");
  expect_file(get(report_path("HP-AH-THTT") + "/report.docx", bearer), kDocx,
              "bao-cao-truong-tieu-hoc-an-hung-2025.docx", "PK");
  expect_file(get(summary_path("HP-AH") + "/report.pdf", bearer), "application/pdf",
              "bao-cao-tong-hop-xa-an-hung-2025.pdf", "%PDF-");
  expect_file(get(summary_path("HP-AH") + "/report.docx", bearer), kDocx,
              "bao-cao-tong-hop-xa-an-hung-2025.docx", "PK");
  expect_file(get(summary_path("HP-AH") + "/data.xlsx", bearer), kXlsx,
              "so-lieu-xa-an-hung-2025.xlsx", "PK");
  const HttpReply csv = get(summary_path("HP-AH") + "/data.csv", bearer);
  expect_file(csv, "text/csv; charset=utf-8", "so-lieu-xa-an-hung-2025.csv", "\xEF\xBB\xBF");
  // The school's row carries what it submitted.
  EXPECT_NE(csv.body.find("HP-AH-THTT"), std::string::npos);
  EXPECT_NE(csv.body.find(",1200,"), std::string::npos);
}

TEST_F(DocumentRoutesTest, MarkEmptyListsEmptyItemsAndRejectsOtherValues) {
  const std::string path = report_path("HP-AH-THTT") + "/report.docx";
  const HttpReply plain = get(path, token(kReporter));
  const HttpReply marked = get(path + "?mark_empty=1", token(kReporter));
  ASSERT_EQ(plain.status, 200);
  ASSERT_EQ(marked.status, 200);
  EXPECT_GT(marked.body.size(), plain.body.size());
  expect_error(get(path + "?mark_empty=yes", token(kReporter)), 400, "bad_input", "mark_empty");
}

TEST_F(DocumentRoutesTest, UnknownUnitsCampaignsAndNonReportingUnitsAre404) {
  const std::string& bearer = token(kAdmin);
  expect_error(get(report_path("HP-AH-NOPE") + "/report.pdf", bearer), 404, "not_found");
  expect_error(get(summary_path("HP-AH-NOPE") + "/report.pdf", bearer), 404, "not_found");
  expect_error(get(summary_path("HP-AH-NOPE") + "/data.xlsx", bearer), 404, "not_found");
  expect_error(get(campaign_path(999999) + "/plan.pdf", bearer), 404, "not_found");
  // A commune does not report in the province's campaign: it has a summary, not a report.
  expect_error(get(report_path("HP-AH") + "/report.pdf", bearer), 404, "not_found");
  expect_error(get("/api/v1/campaigns/abc/plan.pdf", bearer), 400, "bad_input", "campaign_id");
  // Only the formats api.md lists exist.
  EXPECT_EQ(get(campaign_path() + "/plan.xlsx", bearer).status, 404);
  EXPECT_EQ(get(summary_path("HP-AH") + "/data.pdf", bearer).status, 404);
  EXPECT_EQ(http_->send_json("POST", campaign_path() + "/plan.pdf", bearer).status, 405);
}

TEST_F(DocumentRoutesTest, WithoutAValidTokenEveryDocumentIs401) {
  const std::vector<std::string> paths{
      campaign_path() + "/plan.pdf", report_path("HP-AH-THTT") + "/report.docx",
      summary_path("HP-AH") + "/report.pdf", summary_path("HP-AH") + "/data.xlsx",
      summary_path("HP-AH") + "/data.csv"};
  for (const auto& path : paths) {
    expect_error(http_->send("GET", path), 401, "unauthenticated");
    expect_error(http_->send("GET", path, {}, {"Authorization: Bearer nope"}), 401,
                 "unauthenticated");
  }
  expect_error(http_->send("PUT", campaign_path() + "/plan", "{}"), 401, "unauthenticated");
}

enum Route { kReportPdf, kSummaryDocx, kDataCsv, kRouteCount };
const char* const kRouteNames[kRouteCount] = {"report.pdf", "summary report.docx", "data.csv"};

struct Cell {
  std::string user;
  std::string target;
  std::array<long, kRouteCount> expected;
};

// The same cells as GET report and GET summary in access_matrix_test.cpp: a document is exactly
// as readable as the data it shows.
// clang-format off
const std::vector<Cell> kMatrix = {
    //                                  report  summary  data
    {kAdmin,       "HP-AD-THCS",        {200,    200,     200}},
    {kCoordinator, "HP-AH",             {404,    200,     200}},
    {kCoordinator, "HP-AH-MN",          {200,    200,     200}},
    {kCoordinator, "HP-AD",             {403,    403,     403}},
    {kCoordinator, "HP",                {403,    403,     403}},
    {kViewer,      "HP-AH-THON1",       {200,    200,     200}},
    {kViewer,      "HP-AD",             {403,    403,     403}},
    {kReporter,    "HP-AH-THTT",        {200,    200,     200}},
    {kReporter,    "HP-AH-MN",          {403,    403,     403}},  // a sibling's
    {kReporter,    "HP-AD-THCS",        {403,    403,     403}},
    {kReporter,    "HP-AH",             {403,    403,     403}},  // its commune's figures
};
// clang-format on

TEST_F(DocumentRoutesTest, DocumentsAreReadableExactlyLikeTheirData) {
  for (const Cell& cell : kMatrix) {
    const std::string& bearer = token(cell.user);
    const std::array<std::string, kRouteCount> paths{report_path(cell.target) + "/report.pdf",
                                                     summary_path(cell.target) + "/report.docx",
                                                     summary_path(cell.target) + "/data.csv"};
    for (int route = 0; route < kRouteCount; ++route) {
      const HttpReply reply = get(paths[route], bearer);
      EXPECT_EQ(reply.status, cell.expected[route])
          << cell.user << " → " << cell.target << ", " << kRouteNames[route];
      if (reply.status == 403) {
        EXPECT_EQ(reply.header("content-disposition"), "");
        EXPECT_EQ(reply.json()["error"].value("code", ""), "forbidden");
      }
    }
  }
}

TEST_F(DocumentRoutesTest, ThePlanIsForEveryoneTheCampaignConcerns) {
  // The province's campaign concerns every account in An Hưng; An Dương's concerns none of them.
  for (const std::string& user : {kAdmin, kCoordinator, kViewer, kReporter}) {
    EXPECT_EQ(get(campaign_path() + "/plan.pdf", token(user)).status, 200) << user;
    EXPECT_EQ(get(campaign_path(other_campaign_id_) + "/plan.docx", token(user)).status,
              user == kAdmin ? 200 : 403)
        << user;
  }
}

TEST_F(DocumentRoutesTest, OnlyTheIssuersManagersEditThePlanAndTheDocumentFollows) {
  const nlohmann::json plan{{"number", "95/KH-UBND"},
                            {"issued_on", "2025-10-02"},
                            {"theme", "Học tập suốt đời trong kỷ nguyên số"}};
  const std::string path = campaign_path(other_campaign_id_) + "/plan";
  // An Dương's campaign: An Hưng's coordinator may not edit it, nor may a reporter or viewer.
  for (const std::string& user : {kCoordinator, kViewer, kReporter}) {
    EXPECT_EQ(put(path, token(user), plan.dump()).status, 403) << user;
  }
  const nlohmann::json before = get(campaign_path(other_campaign_id_), token(kAdmin)).json();
  // Invalid plans are refused with the field named, and change nothing.
  nlohmann::json bad = plan;
  bad["issued_on"] = "02/10/2025";
  expect_error(put(path, token(kAdmin), bad.dump()), 422, "validation_failed");
  expect_error(put(path, token(kAdmin), "[1, 2]"), 400, "bad_input");
  expect_error(put(path, token(kAdmin), "{\"number\": "), 400, "bad_input");
  EXPECT_EQ(get(campaign_path(other_campaign_id_), token(kAdmin)).json(), before);

  const HttpReply updated = put(path, token(kAdmin), plan.dump());
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json()["plan"]["number"], "95/KH-UBND");
  const HttpReply pdf = get(path + ".pdf", token(kAdmin));
  ASSERT_EQ(pdf.status, 200);
  EXPECT_NE(pdf.header("content-disposition").find("ke-hoach-95-kh-ubnd-2025.pdf"),
            std::string::npos);
}

}  // namespace
}  // namespace llw::test
