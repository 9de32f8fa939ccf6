// The signed copy routes over HTTP (docs/api.md): the report's PDF downloaded after submitting,
// signed with pdfsig by a test certification authority's signer, uploaded as a raw body and as
// multipart, its verdict read by the reviewers; refusals with a Vietnamese message (an altered
// file 400, another unit 403, nothing kept); and the campaign setting that makes acceptance wait
// for a valid signed copy (409 until there is one).
#include <ctime>
#include <memory>
#include <string>

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

}  // namespace
}  // namespace llw::test
