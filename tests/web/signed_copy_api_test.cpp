// The signed copy routes over HTTP (docs/api.md): the report's PDF downloaded after submitting,
// signed with pdfsig by a test certification authority's signer, uploaded as a raw body and as
// multipart, its verdict read by the reviewers; refusals with a Vietnamese message (an altered
// file 400, another unit 403, nothing kept); and the campaign setting that makes acceptance wait
// for a valid signed copy (409 until there is one). The same for the commune's consolidated report
// sent up to the city: uploaded by the commune's coordinator only, read by the city and the
// commune, not by a school; a unit report's PDF refused.
#include <ctime>
#include <memory>
#include <string>

#include "html_query.h"
#include "page_session.h"
#include "signing_kit.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;
using testing_support::SigningKit;

class SignedCopyApiTest : public WebFixture {
 protected:
  static void SetUpTestSuite() {
    dir_kit_ = std::make_unique<testing_support::TempDir>("llw-signing-web");
    kit_ = std::make_unique<SigningKit>(dir_kit_->path() / "kit");
    const auto root = kit_->make_authority("root", "LLW Test CA");
    kit_->make_authority("stranger", "Unknown CA");
    kit_->make_signer("hieutruong", "Đỗ Thị Mai", "root");
    kit_->make_signer("outsider", "Trần Văn Lạ", "stranger");
    std::filesystem::create_directories(dir_kit_->path() / "roots");
    std::filesystem::copy_file(root, dir_kit_->path() / "roots" / "ca.pem");
  }
  static void TearDownTestSuite() {
    kit_.reset();
    dir_kit_.reset();
  }
  void SetUp() override {
    trusted_roots_dir_ = dir_kit_->path() / "roots";
    WebFixture::SetUp();
    ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 1}}).status, 200);
    ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
    now_ = std::time(nullptr);  // the certificates are valid from now
    tokens_.clear();            // sessions issued in the campaign's week have expired since
  }

  std::string signed_report(const std::string& signer = "hieutruong") {
    const HttpReply pdf = get(report_path("HP-AH-THTT") + "/report.pdf", token(kReporter));
    EXPECT_EQ(pdf.status, 200);
    return kit_->sign(pdf.body, signer);
  }
  HttpReply upload(const std::string& pdf, const std::string& user = kReporter) {
    return http_->send("POST", report_path("HP-AH-THTT") + "/signed-copy", pdf,
                       {"Authorization: Bearer " + token(user), "Content-Type: application/pdf"});
  }
  std::string policy_path() const {
    return "/api/v1/campaigns/" + std::to_string(campaign_id_) + "/signed-copy-policy";
  }

  static std::unique_ptr<testing_support::TempDir> dir_kit_;
  static std::unique_ptr<SigningKit> kit_;
};

std::unique_ptr<testing_support::TempDir> SignedCopyApiTest::dir_kit_;
std::unique_ptr<SigningKit> SignedCopyApiTest::kit_;

TEST_F(SignedCopyApiTest, ASignedReportIsUploadedAndItsVerdictReadByTheReviewers) {
  expect_error(get(report_path("HP-AH-THTT") + "/signed-copy", token(kCoordinator)), 404,
               "not_found");
  const std::string pdf = signed_report();
  const HttpReply created = upload(pdf);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["status"], "valid");
  EXPECT_EQ(created.json()["signer"], "Đỗ Thị Mai");
  EXPECT_EQ(created.json()["issuer"], "LLW Test CA");
  EXPECT_EQ(created.json()["message"],
            "Chữ ký số hợp lệ: Đỗ Thị Mai (chứng thư số do LLW Test CA cấp).");
  const HttpReply read = get(report_path("HP-AH-THTT") + "/signed-copy", token(kViewer));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["status"], "valid");
  const HttpReply file = get(report_path("HP-AH-THTT") + "/signed-copy/file", token(kCoordinator));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_EQ(file.body, pdf);
  // A sibling school reads neither.
  expect_error(get(report_path("HP-AH-THTT") + "/signed-copy", token(kReporterMn)), 403,
               "forbidden");
}

TEST_F(SignedCopyApiTest, AMultipartUploadFromThePageIsTheSame) {
  const std::string boundary = "----llw-signed";
  const std::string body =
      "--" + boundary +
      "\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"bao-cao-da-ky.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" +
      signed_report("outsider") + "\r\n--" + boundary + "--\r\n";
  const HttpReply created =
      http_->send("POST", report_path("HP-AH-THTT") + "/signed-copy", body,
                  {"Authorization: Bearer " + token(kReporter),
                   "Content-Type: multipart/form-data; boundary=" + boundary});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["status"], "untrusted");
  EXPECT_EQ(created.json()["issuer"], "Unknown CA");
}

TEST_F(SignedCopyApiTest, RefusedUploadsSayWhyAndKeepNothing) {
  std::string altered = signed_report();
  altered[altered.find("LLW-ID") + 3] = 'X';
  const HttpReply refused = upload(altered);
  expect_error(refused, 400, "bad_input", "file");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("đã bị thay đổi sau khi ký"),
            std::string::npos);
  expect_error(upload(signed_report(), kReporterMn), 403, "forbidden");
  expect_error(upload(signed_report(), kCoordinator), 403, "forbidden");
  expect_error(upload(""), 400, "bad_input", "file");
  expect_error(get(report_path("HP-AH-THTT") + "/signed-copy", token(kCoordinator)), 404,
               "not_found");
}

TEST_F(SignedCopyApiTest, TheCampaignCanRequireAValidSignedCopyBeforeAccepting) {
  EXPECT_EQ(get(policy_path(), token(kCoordinator)).json()["required"], false);
  expect_error(put(policy_path(), token(kCoordinator), R"({"required": true})"), 403, "forbidden");
  expect_error(put(policy_path(), token(kAdmin), R"({"required": "yes"})"), 400, "bad_input");
  ASSERT_EQ(put(policy_path(), token(kAdmin), R"({"required": true})").status, 200);
  EXPECT_EQ(get(policy_path(), token(kCoordinator)).json()["required"], true);

  const HttpReply refused = post(report_path("HP-AH-THTT") + "/accept", token(kCoordinator));
  expect_error(refused, 409, "conflict", "signed_copy");
  ASSERT_EQ(upload(signed_report()).status, 201);
  EXPECT_EQ(post(report_path("HP-AH-THTT") + "/accept", token(kCoordinator)).status, 200);
}

TEST_F(SignedCopyApiTest, TheCommunesSignedConsolidatedReportIsCheckedAndGatesTheCitysAccept) {
  add_account("coord.haiphong", Role::coordinator, "HP");
  add_account("coord.anduong", Role::coordinator, "HP-AD");
  const std::string base =
      "/api/v1/campaigns/" + std::to_string(campaign_id_) + "/consolidated/HP-AH";
  const auto send = [&](const std::string& pdf, const std::string& user) {
    return http_->send("POST", base + "/signed-copy", pdf,
                       {"Authorization: Bearer " + token(user), "Content-Type: application/pdf"});
  };
  ASSERT_EQ(post(base + "/submit", token(kCoordinator)).status, 200);
  ASSERT_EQ(put(policy_path(), token(kAdmin), R"({"required": true})").status, 200);
  expect_error(post(base + "/accept", token("coord.haiphong")), 409, "conflict", "signed_copy");
  expect_error(get(base + "/signed-copy", token("coord.haiphong")), 404, "not_found");

  const HttpReply pdf = get(summary_path("HP-AH") + "/report.pdf", token(kCoordinator));
  ASSERT_EQ(pdf.status, 200);
  const std::string signed_pdf = kit_->sign(pdf.body, "hieutruong");
  // Only the commune's own coordinator uploads it: not a school, the city or another commune.
  for (const std::string& user :
       {kReporter, std::string("coord.haiphong"), std::string("coord.anduong"), kViewer}) {
    expect_error(send(signed_pdf, user), 403, "forbidden");
  }
  // A school's report PDF, properly signed, is not the commune's consolidated report.
  const HttpReply wrong = send(signed_report(), kCoordinator);
  expect_error(wrong, 400, "bad_input", "file");
  EXPECT_EQ(wrong.json()["error"]["message"].get<std::string>().find(
                "Tệp PDF này không phải báo cáo tổng hợp LLW tạo cho"),
            0u)
      << wrong.body;

  const HttpReply created = send(signed_pdf, kCoordinator);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["status"], "valid");
  EXPECT_EQ(created.json()["signer"], "Đỗ Thị Mai");
  EXPECT_EQ(created.json()["report_version"], 1);
  for (const std::string& reader : {std::string("coord.haiphong"), kCoordinator, kViewer}) {
    const HttpReply read = get(base + "/signed-copy", token(reader));
    ASSERT_EQ(read.status, 200) << reader << ' ' << read.body;
    EXPECT_EQ(read.json()["status"], "valid");
  }
  for (const std::string& stranger : {kReporter, std::string("coord.anduong")}) {
    expect_error(get(base + "/signed-copy", token(stranger)), 403, "forbidden");
  }
  const HttpReply file = get(base + "/signed-copy/file", token("coord.haiphong"));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_EQ(file.body, signed_pdf);
  EXPECT_EQ(post(base + "/accept", token("coord.haiphong")).status, 200);
}

// The consolidated page's part: the commune's coordinator gets the PDF to sign and the upload form
// once the report is sent up; the page's upload refuses a file over the pages' limit and a file
// that is not a PDF with their messages, and the city's upload; once a copy is kept, the commune
// and the city see the verdict, the city without the form.
TEST_F(SignedCopyApiTest, TheConsolidatedPageOffersTheUploadToTheCommuneAndShowsTheVerdict) {
  add_account("coord.haiphong", Role::coordinator, "HP");
  const std::string page_path = "/dot/" + std::to_string(campaign_id_) + "/tong-hop/HP-AH";
  PageSession commune(*http_);
  ASSERT_EQ(commune.sign_in(kCoordinator, kPassword).status, 303);
  PageSession city(*http_);
  ASSERT_EQ(city.sign_in("coord.haiphong", kPassword).status, 303);
  // Before it is sent up there is nothing to sign.
  EXPECT_EQ(HtmlPage(commune.open(page_path).body).count("//form[@id='signed-copy-form']"), 0u);

  ASSERT_EQ(post("/api/v1/campaigns/" + std::to_string(campaign_id_) + "/consolidated/HP-AH/submit",
                 token(kCoordinator))
                .status,
            200);
  const HtmlPage offered(commune.open(page_path).body);
  EXPECT_EQ(offered.text("//h2[@id='signed-copy-title']"), "Bản báo cáo tổng hợp đã ký số");
  EXPECT_EQ(offered.attribute("//a[@id='signed-copy-pdf']", "href"),
            page_path + "/xuat/bao-cao.pdf");
  EXPECT_EQ(offered.attribute("//form[@id='signed-copy-form']", "action"),
            page_path + "/ban-ky-so");
  // Nothing to show the city before a copy exists (the campaign does not require one).
  EXPECT_EQ(HtmlPage(city.open(page_path).body).count("//section[@id='signed-copy']"), 0u);

  const auto page_upload = [&](const PageSession& session, const std::string& pdf) {
    const std::string boundary = "----llw-signed-page";
    const std::string body = "--" + boundary +
                             "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
                             session.csrf() + "\r\n--" + boundary +
                             "\r\nContent-Disposition: form-data; name=\"file\"; "
                             "filename=\"tong-hop.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" +
                             pdf + "\r\n--" + boundary + "--\r\n";
    return http_->send(
        "POST", page_path + "/ban-ky-so", body,
        {session.cookie(), "Content-Type: multipart/form-data; boundary=" + boundary});
  };
  const std::string pdf = commune.open(page_path + "/xuat/bao-cao.pdf").body;
  const std::string signed_pdf = kit_->sign(pdf, "hieutruong");
  // This server's pages take bodies of 64 KiB: a larger file is refused with the page's words
  // (the browser journey uploads through a server with the real limit).
  ASSERT_GT(signed_pdf.size(), kMaxBody);
  const HttpReply too_large = page_upload(commune, signed_pdf);
  EXPECT_EQ(too_large.status, 413);
  EXPECT_NE(too_large.body.find("Tệp quá lớn để tải lên từ trang này"), std::string::npos);
  // A small file that is not a PDF reaches the check and gets its message; nothing is kept.
  const HttpReply not_pdf = page_upload(commune, "GIF89a không phải PDF");
  EXPECT_EQ(not_pdf.status, 400);
  EXPECT_NE(not_pdf.body.find("Hãy tải lên bản PDF của báo cáo tổng hợp đã được ký số"),
            std::string::npos);
  // The city may not upload the commune's copy.
  EXPECT_EQ(page_upload(city, "GIF89a").status, 403);

  ASSERT_EQ(
      http_
          ->send("POST",
                 "/api/v1/campaigns/" + std::to_string(campaign_id_) +
                     "/consolidated/HP-AH/signed-copy",
                 signed_pdf,
                 {"Authorization: Bearer " + token(kCoordinator), "Content-Type: application/pdf"})
          .status,
      201);
  const HtmlPage shown(commune.open(page_path + "?da-tai-ban-ky=1").body);
  EXPECT_EQ(shown.count("//p[@id='signed-copy-notice']"), 1u);
  EXPECT_EQ(shown.text("//p[@id='signed-copy-verdict']")
                .find("Chữ ký số hợp lệ: Đỗ Thị Mai (chứng thư số do LLW Test CA cấp)."),
            0u);
  // The city's page, cached by the campaign's revision, shows it too, with the file.
  const HtmlPage above(city.open(page_path).body);
  EXPECT_EQ(above.text("//p[@id='signed-copy-verdict']").find("Chữ ký số hợp lệ: Đỗ Thị Mai"), 0u);
  EXPECT_EQ(above.count("//form[@id='signed-copy-form']"), 0u);
  const HttpReply file = city.open(above.attribute("//a[@id='signed-copy-file']", "href"));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body.substr(0, 5), "%PDF-");
}

}  // namespace
}  // namespace llw::test
