// Signed copies of a node's consolidated report through the application (issue 19, the signed
// report, "the same for a node's consolidated report to the level above"): LLW's PDF of the
// commune's consolidated report, sent up, signed in the test with a test certification authority
// (openssl, NSS tools, pdfsig) and judged; who may upload (the commune's own coordinator) and who
// reads the verdict (the commune and the levels above, not a school or another commune); every bad
// file refused with a Vietnamese message and nothing kept (altered, appended to, a unit report's
// PDF, another commune's, not a PDF, empty, oversized); the campaign setting that makes the city's
// acceptance wait for a valid copy; and the same identifier in the DOCX LLW sends.
#include <string>

#include "app/audit_trail.h"
#include "app/document_downloads.h"
#include "app/reporting_up.h"
#include "app/signed_copies.h"
#include "document_text.h"
#include "signed_copy_fixture.h"

namespace llw::testing {
namespace {

class ConsolidatedSignedCopiesTest : public SignedCopyTest {
 protected:
  void SetUp() override {
    SignedCopyTest::SetUp();
    sent_up_ = in_the_week([&] {
      save_and_submit(campaign_.id, "HP-X-A", values_a());
      save_and_submit(campaign_.id, "HP-X-B", values_a(3));
      return app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", {});
    });
  }

  // LLW's document of a node's consolidated report, as its coordinator downloads it.
  std::string consolidated_document(const std::string& node = "HP-X",
                                    DocumentFormat format = DocumentFormat::pdf) {
    return app_->documents().summary_document(system_admin(), campaign_.id, node, format).bytes;
  }
  SignedCopyVerdict upload(const std::string& pdf, const User* who = nullptr) {
    return app_->signed_copies().upload_consolidated(who ? *who : commune_, campaign_.id, "HP-X",
                                                     pdf);
  }
  // The Vietnamese message of a refused upload, checking its kind and that nothing was kept.
  std::string refused(ErrorKind kind, const std::string& pdf, const User* who = nullptr) {
    std::string message;
    try {
      upload(pdf, who);
      ADD_FAILURE() << "expected a refusal";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), kind) << e.message();
      message = e.message();
    }
    EXPECT_FALSE(
        app_->signed_copies().latest_consolidated(city_, campaign_.id, "HP-X").has_value());
    return message;
  }
  std::string identifier(std::int64_t version, const std::string& node = "HP-X") const {
    return SignedCopies::consolidated_identifier(campaign_.id, node, version);
  }

  ConsolidatedReport sent_up_;
};

TEST_F(ConsolidatedSignedCopiesTest, TheCommunesSignedPdfIsValidAndTheCityReadsTheVerdict) {
  EXPECT_EQ(sent_up_.version, 1);
  const std::string pdf = consolidated_document();
  EXPECT_NE(pdf.find("LLW-ID: " + identifier(sent_up_.version)), std::string::npos);
  const std::string signed_pdf = sign(pdf);
  const SignedCopyVerdict verdict = upload(signed_pdf);
  EXPECT_EQ(verdict.copy.kind, SignedCopyKind::consolidated);
  EXPECT_EQ(verdict.copy.status, "valid") << verdict.copy.detail;
  EXPECT_EQ(verdict.copy.signer, "Nguyễn Thị Hoa");
  EXPECT_EQ(verdict.copy.report_version, sent_up_.version);
  EXPECT_EQ(verdict.message, "Chữ ký số hợp lệ: Nguyễn Thị Hoa (chứng thư số do LLW Test CA cấp).");

  // The commune itself, the city above it and a viewer of the commune read it.
  for (const User* reader : {&commune_, &city_, &viewer_}) {
    const auto latest = app_->signed_copies().latest_consolidated(*reader, campaign_.id, "HP-X");
    ASSERT_TRUE(latest.has_value()) << reader->username;
    EXPECT_EQ(latest->copy.status, "valid");
  }
  EXPECT_EQ(app_->signed_copies().latest_consolidated_file(city_, campaign_.id, "HP-X"),
            signed_pdf);
  // A school of the commune and another commune do not.
  for (const User* stranger : {&reporter_, &other_commune_}) {
    EXPECT_EQ(error_kind_of([&] {
                app_->signed_copies().latest_consolidated(*stranger, campaign_.id, "HP-X");
              }),
              ErrorKind::forbidden)
        << stranger->username;
  }
  // It is the consolidated report's copy, not the commune's own report's.
  EXPECT_FALSE(app_->signed_copies().latest(system_admin(), campaign_.id, "HP-X").has_value());
  AuditQuery query;
  query.action = "consolidated.signed_copy";
  int uploads = 0;
  for (const AuditEntry& entry : app_->audit().audit_log(system_admin(), "HP", query)) {
    if (entry.action == "consolidated.signed_copy" && entry.outcome == "ok") ++uploads;
  }
  EXPECT_EQ(uploads, 1);
}

TEST_F(ConsolidatedSignedCopiesTest, OnlyTheCommunesOwnCoordinatorUploadsAndOnlyAfterSendingUp) {
  const std::string signed_pdf = sign(consolidated_document());
  for (const User* other : {&reporter_, &other_commune_, &city_, &viewer_}) {
    EXPECT_EQ(error_kind_of([&] { upload(signed_pdf, other); }), ErrorKind::forbidden)
        << other->username;
  }
  EXPECT_FALSE(app_->signed_copies().latest_consolidated(city_, campaign_.id, "HP-X").has_value());
  // Tân Tiến has not sent its consolidated report up: nothing to sign yet.
  in_the_week([&] { return save_and_submit(campaign_.id, "HP-Y-C", values_a()); });
  EXPECT_EQ(error_kind_of([&] {
              app_->signed_copies().upload_consolidated(other_commune_, campaign_.id, "HP-Y",
                                                        signed_pdf);
            }),
            ErrorKind::conflict);
}

TEST_F(ConsolidatedSignedCopiesTest, BadFilesAreRefusedWithAClearMessageAndNothingIsKept) {
  std::string altered = sign(consolidated_document());
  const auto at = altered.find("LLW-ID: consolidated");
  ASSERT_NE(at, std::string::npos);
  altered[at + 8] = 'C';
  EXPECT_EQ(refused(ErrorKind::bad_input, altered),
            "Tệp PDF đã bị thay đổi sau khi ký: chữ ký không còn khớp với nội dung. Hãy ký lại "
            "bản PDF gốc của báo cáo tổng hợp rồi tải lên.");
  EXPECT_NE(refused(ErrorKind::bad_input, sign(consolidated_document()) + "\n% thêm\n")
                .find("Chữ ký không bao phủ toàn bộ tệp"),
            std::string::npos);
  EXPECT_EQ(refused(ErrorKind::bad_input, "PK\x03\x04 không phải PDF"),
            "Tệp tải lên không phải tệp PDF. Hãy tải lên bản PDF của báo cáo tổng hợp đã được ký "
            "số.");
  EXPECT_EQ(refused(ErrorKind::bad_input, ""),
            "Tệp tải lên rỗng (0 byte). Hãy chọn tệp PDF báo cáo tổng hợp đã ký số.");
  EXPECT_NE(refused(ErrorKind::too_large, "%PDF-" + std::string(SignedCopies::kMaxFileBytes, 'x'))
                .find("10 MB"),
            std::string::npos);
  EXPECT_NE(refused(ErrorKind::bad_input, consolidated_document()).find("chưa có chữ ký số"),
            std::string::npos);

  // A school's report PDF, signed properly, is not the consolidated report.
  const std::string school_pdf =
      app_->documents()
          .report_document(system_admin(), campaign_.id, "HP-X-A", DocumentFormat::pdf)
          .bytes;
  const std::string wrong =
      "Tệp PDF này không phải báo cáo tổng hợp LLW tạo cho Xã An Hưng, "
      "phiên bản 1";
  EXPECT_EQ(refused(ErrorKind::bad_input, sign(school_pdf)).find(wrong), 0u);
  // Nor is another commune's consolidated report.
  in_the_week([&] {
    save_and_submit(campaign_.id, "HP-Y-C", values_a());
    return app_->reporting_up().submit_consolidated(other_commune_, campaign_.id, "HP-Y", {});
  });
  const std::string other = sign(consolidated_document("HP-Y"));
  EXPECT_NE(other.find("LLW-ID: " + identifier(1, "HP-Y")), std::string::npos);
  EXPECT_EQ(refused(ErrorKind::bad_input, other).find(wrong), 0u);
  // Nor the PDF of the version sent before the city returned it.
  const std::string earlier = sign(consolidated_document());
  app_->reporting_up().return_consolidated(city_, campaign_.id, "HP-X", "Bổ sung số liệu.", {});
  const ConsolidatedReport again = in_the_week(
      [&] { return app_->reporting_up().submit_consolidated(commune_, campaign_.id, "HP-X", {}); });
  EXPECT_EQ(again.version, 3);
  EXPECT_NE(refused(ErrorKind::bad_input, earlier).find("phiên bản 3"), std::string::npos);

  // An unknown authority's signer is no refusal: the copy is kept as untrusted.
  const SignedCopyVerdict untrusted = upload(sign(consolidated_document(), "outsider"));
  EXPECT_EQ(untrusted.copy.status, "untrusted");
  EXPECT_EQ(untrusted.copy.issuer, "Unknown CA");
  EXPECT_EQ(untrusted.copy.report_version, 3);
}

TEST_F(ConsolidatedSignedCopiesTest, TheCityAcceptsOnlyWithAValidSignedCopyWhenRequired) {
  app_->signed_copies().set_required(city_, campaign_.id, true);
  const std::string none = testing_support::conflict_message(
      [&] { app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", {}); });
  EXPECT_EQ(none.find("Đợt báo cáo này yêu cầu bản báo cáo tổng hợp đã ký số hợp lệ trước khi "
                      "chấp nhận, nhưng Xã An Hưng chưa có bản báo cáo tổng hợp đã ký số"),
            0u)
      << none;
  EXPECT_NE(none.find("Hãy đề nghị điều phối viên của Xã An Hưng"), std::string::npos);
  // An untrusted signature is not enough either.
  upload(sign(consolidated_document(), "outsider"));
  EXPECT_NE(testing_support::conflict_message([&] {
              app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", {});
            }).find("không thuộc tổ chức chứng thực"),
            std::string::npos);
  // Another commune's coordinator still hears that it may not accept at all.
  EXPECT_EQ(error_kind_of([&] {
              app_->reporting_up().accept_consolidated(other_commune_, campaign_.id, "HP-X", {});
            }),
            ErrorKind::forbidden);
  upload(sign(consolidated_document()));
  EXPECT_EQ(app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-X", {}).status,
            ReportStatus::accepted);

  // Without the setting, Tân Tiến's consolidated report is accepted without a signed copy.
  app_->signed_copies().set_required(city_, campaign_.id, false);
  in_the_week([&] {
    save_and_submit(campaign_.id, "HP-Y-C", values_a());
    return app_->reporting_up().submit_consolidated(other_commune_, campaign_.id, "HP-Y", {});
  });
  EXPECT_EQ(app_->reporting_up().accept_consolidated(city_, campaign_.id, "HP-Y", {}).status,
            ReportStatus::accepted);
}

TEST_F(ConsolidatedSignedCopiesTest, TheDocxOfEitherReportCarriesItsIdentifierAsACustomProperty) {
  const auto custom = [](const std::string& docx) {
    return testing_support::read_back(docx, ".docx", "unzip -p {} docProps/custom.xml");
  };
  const std::string consolidated = custom(consolidated_document("HP-X", DocumentFormat::docx));
  EXPECT_NE(consolidated.find("name=\"LLW-ID\""), std::string::npos) << consolidated;
  EXPECT_NE(consolidated.find("<vt:lpwstr>" + identifier(1) + "</vt:lpwstr>"), std::string::npos)
      << consolidated;
  const UnitReport school = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  const std::string report =
      custom(app_->documents()
                 .report_document(reporter_, campaign_.id, "HP-X-A", DocumentFormat::docx)
                 .bytes);
  EXPECT_NE(report.find("<vt:lpwstr>" +
                        SignedCopies::report_identifier(campaign_.id, "HP-X-A", school.version) +
                        "</vt:lpwstr>"),
            std::string::npos)
      << report;
}

}  // namespace
}  // namespace llw::testing
