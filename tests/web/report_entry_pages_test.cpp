// Reports entered from a spreadsheet over real HTTP: the page under a node (/dot/{id}/nhap-bao-
// cao/{unit}) with its template and its upload form (multipart, no JavaScript), the problems
// listed by sheet, row and column, the JSON API (…/report-entry/{unit}), 413 for a file over the
// limit, and who gets 403.
#include <gtest/gtest.h>

#include "html_query.h"
#include "page_session.h"
#include "spreadsheet_files.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using testing_support::SheetCells;
using testing_support::sheets_of;
using testing_support::xlsx_of;

const char* const kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

class ReportEntryPagesTest : public WebFixture {
 protected:
  std::string page_path(const std::string& node = "HP-AH") const {
    return "/dot/" + std::to_string(campaign_id_) + "/nhap-bao-cao/" + node;
  }
  std::string api_path(const std::string& node = "HP-AH") const {
    return "/api/v1/campaigns/" + std::to_string(campaign_id_) + "/report-entry/" + node;
  }

  // The template as the coordinator downloads it from the page, with `banners` set for a school.
  std::vector<SheetCells> filled_template(PageSession& browser, const std::string& banners) {
    const HttpReply file = browser.open(page_path() + "?mau=xlsx");
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.header("content-type"), kXlsxType);
    auto sheets = sheets_of(file.body);
    SheetCells& sheet = sheets.front();
    sheet.at(sheet.row_of("HP-AH-THTT"), sheet.column_of("banners")) = banners;
    return sheets;
  }

  HttpReply post_file(const PageSession& browser, const std::string& bytes) const {
    const std::string boundary = "----llwentry";
    const std::string body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
        browser.csrf() + "\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bao-cao.xlsx\"\r\n"
        "Content-Type: " +
        kXlsxType + "\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return http_->send(
        "POST", page_path(), body,
        {browser.cookie(), "Content-Type: multipart/form-data; boundary=" + boundary});
  }
};

TEST_F(ReportEntryPagesTest, ACoordinatorDownloadsFillsAndUploadsTheTemplateWithoutJavaScript) {
  PageSession browser(*http_);
  ASSERT_EQ(browser.sign_in(kCoordinator, kPassword, page_path()).status, 303);
  const HtmlPage page(browser.open(page_path()).body);
  EXPECT_EQ(page.count("//a[@id='template-xlsx']"), 1u);
  EXPECT_EQ(page.count("//form[@enctype='multipart/form-data']//input[@type='file']"), 1u);
  // The dashboard links to it.
  const HtmlPage dashboard(
      browser.open("/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH").body);
  EXPECT_EQ(dashboard.attribute("//a[@id='entry-link']", "href"), page_path());

  // A negative count: the page again with the problem at its sheet, row and column; nothing saved.
  auto sheets = filled_template(browser, "-2");
  const int row = sheets.front().row_of("HP-AH-THTT");
  const HttpReply bad = post_file(browser, xlsx_of(sheets));
  EXPECT_EQ(bad.status, 422) << bad.body.substr(0, 300);
  const auto problems = HtmlPage(bad.body).texts("//*[@id='entry-errors']//li");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("Trang “Báo cáo”, dòng " + std::to_string(row) + ", cột ", 0), 0u)
      << problems[0];
  EXPECT_EQ(report_of("HP-AH-THTT")["status"], "not_started");

  sheets = filled_template(browser, "6");
  const HttpReply good = post_file(browser, xlsx_of(sheets));
  EXPECT_EQ(good.status, 200) << good.body.substr(0, 300);
  EXPECT_EQ(HtmlPage(good.body).text("//*[@id='entry-result']"),
            "Đã nhập 1 báo cáo từ tệp bao-cao.xlsx.");
  EXPECT_EQ(report_of("HP-AH-THTT")["status"], "accepted");
  EXPECT_EQ(report_of("HP-AH-THTT")["values"]["banners"], 6);
  // The report's history says who entered it and how.
  const HttpReply history =
      browser.open("/dot/" + std::to_string(campaign_id_) + "/bao-cao/HP-AH-THTT/lich-su");
  EXPECT_NE(history.body.find("Nhập từ tệp bởi điều phối viên"), std::string::npos);
}

TEST_F(ReportEntryPagesTest, TheApiTakesTheFileAndListsEveryProblem) {
  const HttpReply file = get(api_path() + "/template.xlsx", token(kCoordinator));
  ASSERT_EQ(file.status, 200);
  auto sheets = sheets_of(file.body);
  SheetCells& sheet = sheets.front();
  sheet.at(sheet.row_of("HP-AH-THTT"), sheet.column_of("banners")) = "nhiều";
  sheet.at(sheet.row_of("HP-AH-MN"), sheet.column_of("banners")) = "=2*3";
  const auto send = [&](const std::string& bytes, const std::string& user) {
    return http_->send(
        "POST", api_path(), bytes,
        {"Authorization: Bearer " + token(user), std::string("Content-Type: ") + kXlsxType});
  };
  const HttpReply bad = send(xlsx_of(sheets), kCoordinator);
  EXPECT_EQ(bad.status, 422);
  const auto body = nlohmann::json::parse(bad.body);
  EXPECT_EQ(body["error"]["code"], "validation_failed");
  ASSERT_EQ(body["errors"].size(), 2u) << bad.body;
  EXPECT_EQ(body["errors"][0]["sheet"], "Báo cáo");
  EXPECT_EQ(body["errors"][0]["column_label"], "Số pano, băng zôn tuyên truyền");
  EXPECT_EQ(report_of("HP-AH-THTT")["version"], 0);

  sheet.at(sheet.row_of("HP-AH-THTT"), sheet.column_of("banners")) = "3";
  sheet.at(sheet.row_of("HP-AH-MN"), sheet.column_of("banners")) = "4";
  const HttpReply good = send(xlsx_of(sheets), kCoordinator);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(nlohmann::json::parse(good.body)["entered"], 2);
  const auto summary = nlohmann::json::parse(get(summary_path("HP-AH"), token(kAdmin)).body);
  EXPECT_EQ(summary["totals"]["banners"], 7);

  // A school's reporter and a viewer may do neither; a file over the limit is 413.
  for (const std::string& user : {kReporter, kViewer}) {
    EXPECT_EQ(get(api_path() + "/template.xlsx", token(user)).status, 403) << user;
    EXPECT_EQ(send(xlsx_of(sheets), user).status, 403) << user;
  }
  EXPECT_EQ(send(std::string(kMaxBody + 1024, 'x'), kCoordinator).status, 413);
}

TEST_F(ReportEntryPagesTest, ThePageIsRefusedToThoseWhoMayNotEnterReports) {
  for (const std::string& user : {kReporter, kViewer}) {
    PageSession browser(*http_);
    ASSERT_EQ(browser.sign_in(user, kPassword, "/").status, 303);
    EXPECT_EQ(browser.open(page_path()).status, 403) << user;
    EXPECT_EQ(browser.open(page_path() + "?mau=xlsx").status, 403) << user;
  }
  // A commune's coordinator may not enter the other commune's reports.
  PageSession coordinator(*http_);
  ASSERT_EQ(coordinator.sign_in(kCoordinator, kPassword, "/").status, 303);
  EXPECT_EQ(coordinator.open(page_path("HP-AD")).status, 403);
  EXPECT_EQ(coordinator.open(page_path("HP")).status, 403);
}

}  // namespace
}  // namespace llw::test
