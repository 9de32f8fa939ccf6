// The signature check of a signed PDF, on PDFs rendered by LLW and signed by pdfsig with test
// certification authorities (signing_kit.h); and on junk, which it must judge without crashing.
#include "documents/pdf_signature.h"

#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <random>
#include <sstream>

#include "documents/pdf_renderer.h"
#include "signing_kit.h"
#include "test_database.h"

namespace llw::documents {
namespace {

using testing_support::SigningKit;

class PdfSignatureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing_support::TempDir("llw-pdfsig");
    kit_ = new SigningKit(dir_->path());
    const auto root = kit_->make_authority("root", "LLW Test CA");
    kit_->make_authority("stranger", "Unknown CA");
    kit_->make_signer("signer", "Phạm Minh Đức", "root");
    kit_->make_signer("outsider", "Người Lạ", "stranger");
    std::ifstream in(root);
    std::ostringstream pem;
    pem << in.rdbuf();
    root_pem_ = pem.str();
  }
  static void TearDownTestSuite() {
    delete kit_;
    delete dir_;
  }

  static std::string rendered(const std::string& identifier) {
    Document document;
    document.file_stem = "bao-cao";
    document.title = "BÁO CÁO";
    document.summary_line = "Kết quả Tuần lễ học tập suốt đời";
    document.body.push_back(paragraph("Nội dung báo cáo."));
    document.identifier = identifier;
    return render_pdf(document);
  }
  TrustedRoots roots() const {
    TrustedRoots trusted;
    trusted.add_pem(root_pem_);
    return trusted;
  }

  static testing_support::TempDir* dir_;
  static SigningKit* kit_;
  static std::string root_pem_;
};

testing_support::TempDir* PdfSignatureTest::dir_ = nullptr;
SigningKit* PdfSignatureTest::kit_ = nullptr;
std::string PdfSignatureTest::root_pem_;

TEST_F(PdfSignatureTest, TheIdentifierIsInTheRenderedPdfsMetadata) {
  const std::string pdf = rendered("report/7/HP-X-A/v3");
  EXPECT_NE(pdf.find("LLW-ID: report/7/HP-X-A/v3"), std::string::npos);
  EXPECT_EQ(rendered("").find("LLW-ID"), std::string::npos);
}

TEST_F(PdfSignatureTest, ASignatureOfATrustedSignerIsValidWithItsNamesAndIdentifier) {
  const std::string signed_pdf = kit_->sign(rendered("report/7/HP-X-A/v3"), "signer");
  const PdfSignature result = verify_pdf_signature(signed_pdf, roots(), std::time(nullptr));
  EXPECT_EQ(result.status, SignatureStatus::valid) << result.detail;
  EXPECT_EQ(result.signer, "Phạm Minh Đức");
  EXPECT_EQ(result.issuer, "LLW Test CA");
  EXPECT_EQ(result.identifier, "report/7/HP-X-A/v3");
  EXPECT_EQ(result.signatures, 1);
  EXPECT_FALSE(result.serial.empty());
  EXPECT_FALSE(result.signed_at.empty());
  // Without the root configured, the same file is intact but its issuer untrusted.
  EXPECT_EQ(verify_pdf_signature(signed_pdf, TrustedRoots(), std::time(nullptr)).status,
            SignatureStatus::untrusted);
  // After the certificate's end, it is invalid.
  EXPECT_EQ(verify_pdf_signature(signed_pdf, roots(), std::time(nullptr) + 400L * 86400).status,
            SignatureStatus::invalid);
}

TEST_F(PdfSignatureTest, AnotherAuthoritysSignerIsUntrusted) {
  const PdfSignature result =
      verify_pdf_signature(kit_->sign(rendered("x"), "outsider"), roots(), std::time(nullptr));
  EXPECT_EQ(result.status, SignatureStatus::untrusted);
  EXPECT_EQ(result.issuer, "Unknown CA");
}

TEST_F(PdfSignatureTest, EveryByteOfTheSignedRangesCountsAndNothingMayFollow) {
  const std::string signed_pdf = kit_->sign(rendered("report/1/A/v1"), "signer");
  const auto now = std::time(nullptr);
  // A byte changed at the start, in the middle before the signature, and in the last range.
  for (const std::size_t at : {std::size_t{20}, signed_pdf.find("LLW-ID"), signed_pdf.size() - 8}) {
    std::string changed = signed_pdf;
    changed[at] = static_cast<char>(changed[at] ^ 0x01);
    EXPECT_EQ(verify_pdf_signature(changed, roots(), now).status, SignatureStatus::altered) << at;
  }
  EXPECT_EQ(verify_pdf_signature(signed_pdf + "%%EOF\n", roots(), now).status,
            SignatureStatus::not_covering);
  // A second signature over the whole file counts; the first no longer covers it.
  const PdfSignature twice = verify_pdf_signature(kit_->sign(signed_pdf, "outsider"), roots(), now);
  EXPECT_EQ(twice.signatures, 2);
  EXPECT_EQ(twice.status, SignatureStatus::untrusted);
  EXPECT_EQ(twice.signer, "Người Lạ");
}

TEST_F(PdfSignatureTest, JunkIsJudgedWithoutCrashing) {
  const auto now = std::time(nullptr);
  EXPECT_EQ(verify_pdf_signature("", roots(), now).status, SignatureStatus::not_pdf);
  EXPECT_EQ(verify_pdf_signature("PK\x03\x04", roots(), now).status, SignatureStatus::not_pdf);
  EXPECT_EQ(verify_pdf_signature(rendered("x"), roots(), now).status,
            SignatureStatus::unsigned_pdf);
  for (const char* junk :
       {"%PDF-1.7 /ByteRange", "%PDF-1.7 /ByteRange [0 5 99999999999 3]",
        "%PDF-1.7 /ByteRange [0 9 8 1] <>", "%PDF-1.7 /ByteRange [0 10 12 0]<zz>",
        "%PDF-1.7 /ByteRange [1 2 3 4]", "%PDF-1.7\n/ByteRange [0 10 14 0]<00>"}) {
    const auto status = verify_pdf_signature(junk, roots(), now).status;
    EXPECT_TRUE(status == SignatureStatus::malformed || status == SignatureStatus::not_covering)
        << junk << " → " << to_string(status);
  }
  // A signed file cut short, and random bytes after a PDF header.
  const std::string signed_pdf = kit_->sign(rendered("x"), "signer");
  EXPECT_NE(verify_pdf_signature(signed_pdf.substr(0, signed_pdf.size() / 2), roots(), now).status,
            SignatureStatus::valid);
  std::mt19937 random(19);
  for (int round = 0; round < 200; ++round) {
    std::string bytes = "%PDF-1.7 /ByteRange [0 20 ";
    bytes += std::to_string(random() % 200) + " " + std::to_string(random() % 200) + "] <";
    for (int i = 0; i < 100; ++i) bytes.push_back(static_cast<char>(random()));
    EXPECT_NE(verify_pdf_signature(bytes, roots(), now).status, SignatureStatus::valid);
  }
  // Over the size limit.
  EXPECT_EQ(
      verify_pdf_signature("%PDF-" + std::string(kMaxSignedPdfBytes, ' '), roots(), now).status,
      SignatureStatus::not_pdf);
}

TEST_F(PdfSignatureTest, ARootsFolderWithoutCertificatesIsAConfigurationError) {
  const auto folder = dir_->path() / "bad-roots";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "note.pem") << "not a certificate";
  EXPECT_THROW(TrustedRoots::load(folder), std::runtime_error);
  EXPECT_THROW(TrustedRoots::load(dir_->path() / "no-such-folder"), std::runtime_error);
  const auto good = dir_->path() / "good-roots";
  std::filesystem::create_directories(good);
  std::filesystem::copy_file(dir_->path() / "root.pem", good / "root.crt");
  EXPECT_EQ(TrustedRoots::load(good).size(), 1);
}

}  // namespace
}  // namespace llw::documents
