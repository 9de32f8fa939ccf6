// Signed copies of reports through the application (issue 19, the signed report): LLW's PDF of a
// submitted report signed in the test with a test certification authority (openssl, NSS tools,
// pdfsig), uploaded and judged; every bad file refused with a Vietnamese message and nothing
// kept; who may upload and read; and the campaign setting that makes acceptance wait for a valid
// signed copy.
#include "app/signed_copies.h"

#include <string>

#include "app/audit_trail.h"
#include "app/document_downloads.h"
#include "signed_copy_fixture.h"

namespace llw::testing {
namespace {

class SignedCopiesTest : public SignedCopyTest {
 protected:
  void SetUp() override {
    SignedCopyTest::SetUp();
    submitted_ = submit_in_the_week("HP-X-A");
  }

  // Saves and submits the unit's report while the campaign is open.
  UnitReport submit_in_the_week(const std::string& unit) {
    return in_the_week([&] { return save_and_submit(campaign_.id, unit, values_a()); });
  }

  // LLW's PDF of the unit's report, as the unit downloads it.
  std::string report_pdf(const std::string& unit = "HP-X-A") {
    return app_->documents()
        .report_document(system_admin(), campaign_.id, unit, DocumentFormat::pdf)
        .bytes;
  }
  SignedCopyVerdict upload(const std::string& pdf, const User* who = nullptr) {
    return app_->signed_copies().upload(who ? *who : reporter_, campaign_.id, "HP-X-A", pdf);
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
    EXPECT_FALSE(app_->signed_copies().latest(commune_, campaign_.id, "HP-X-A").has_value());
    return message;
  }

  UnitReport submitted_;
};

TEST_F(SignedCopiesTest, LlwsPdfSignedByATrustedSignerIsValidAndNamesTheSigner) {
  const std::string pdf = report_pdf();
  EXPECT_NE(pdf.find("LLW-ID: " +
                     SignedCopies::report_identifier(campaign_.id, "HP-X-A", submitted_.version)),
            std::string::npos);
  const std::string signed_pdf = sign(pdf, "hieutruong");
  const SignedCopyVerdict verdict = upload(signed_pdf);
  EXPECT_EQ(verdict.copy.status, "valid") << verdict.copy.detail;
  EXPECT_EQ(verdict.copy.signer, "Nguyễn Thị Hoa");
  EXPECT_EQ(verdict.copy.issuer, "LLW Test CA");
  EXPECT_EQ(verdict.copy.report_version, submitted_.version);
  EXPECT_FALSE(verdict.copy.signed_at.empty());
  EXPECT_EQ(verdict.message, "Chữ ký số hợp lệ: Nguyễn Thị Hoa (chứng thư số do LLW Test CA cấp).");

  // The reviewers above read the verdict and the file; so does the unit itself and a viewer.
  for (const User* reader : {&commune_, &city_, &viewer_, &reporter_}) {
    const auto latest = app_->signed_copies().latest(*reader, campaign_.id, "HP-X-A");
    ASSERT_TRUE(latest.has_value()) << reader->username;
    EXPECT_EQ(latest->copy.status, "valid");
    EXPECT_EQ(latest->copy.signer, "Nguyễn Thị Hoa");
  }
  EXPECT_EQ(app_->signed_copies().latest_file(commune_, campaign_.id, "HP-X-A"), signed_pdf);
  // Another commune and a sibling school do not.
  for (const User* stranger : {&other_commune_, &reporter_b_}) {
    EXPECT_EQ(
        error_kind_of([&] { app_->signed_copies().latest(*stranger, campaign_.id, "HP-X-A"); }),
        ErrorKind::forbidden);
  }
  // The upload is in the audit log.
  AuditQuery query;
  query.action = "report.signed_copy";
  int uploads = 0;
  for (const AuditEntry& entry : app_->audit().audit_log(system_admin(), "HP", query)) {
    if (entry.action == "report.signed_copy" && entry.outcome == "ok") ++uploads;
  }
  EXPECT_EQ(uploads, 1);
}

TEST_F(SignedCopiesTest, AFileChangedAfterSigningIsRefusedAsAltered) {
  std::string signed_pdf = sign(report_pdf(), "hieutruong");
  // One byte inside the signed range: a letter of the PDF's header comment line.
  const auto at = signed_pdf.find("LLW-ID: report");
  ASSERT_NE(at, std::string::npos);
  signed_pdf[at + 8] = 'R';
  EXPECT_EQ(refused(ErrorKind::bad_input, signed_pdf),
            "Tệp PDF đã bị thay đổi sau khi ký: chữ ký không còn khớp với nội dung. Hãy ký lại "
            "bản PDF gốc của báo cáo rồi tải lên.");
}

TEST_F(SignedCopiesTest, BytesAddedAfterSigningAreRefusedAsNotCovered) {
  const std::string signed_pdf = sign(report_pdf(), "hieutruong");
  const std::string message = refused(ErrorKind::bad_input, signed_pdf + "\n% thêm sau khi ký\n");
  EXPECT_NE(message.find("Chữ ký không bao phủ toàn bộ tệp"), std::string::npos) << message;
}

TEST_F(SignedCopiesTest, ASignerOfAnUnknownAuthorityIsKeptAsUntrusted) {
  const SignedCopyVerdict verdict = upload(sign(report_pdf(), "outsider"));
  EXPECT_EQ(verdict.copy.status, "untrusted");
  EXPECT_EQ(verdict.copy.signer, "Trần Văn Lạ");
  EXPECT_EQ(verdict.copy.issuer, "Unknown CA");
  EXPECT_EQ(verdict.message,
            "Chữ ký của Trần Văn Lạ còn nguyên vẹn nhưng chứng thư số do Unknown CA cấp không "
            "thuộc tổ chức chứng thực mà hệ thống tin cậy.");
  EXPECT_EQ(app_->signed_copies().latest(commune_, campaign_.id, "HP-X-A")->copy.status,
            "untrusted");
}

TEST_F(SignedCopiesTest, AnExpiredCertificateIsKeptAsInvalid) {
  const std::string signed_pdf = sign(report_pdf(), "shortlived");
  now_ += 3 * 86400;  // the one-day certificate has expired
  const SignedCopyVerdict verdict = upload(signed_pdf);
  EXPECT_EQ(verdict.copy.status, "invalid");
  EXPECT_NE(verdict.message.find("Chứng thư số của Lê Văn Hết không hợp lệ"), std::string::npos)
      << verdict.message;
}

TEST_F(SignedCopiesTest, AnotherReportsPdfOrAnEarlierVersionIsRefused) {
  submit_in_the_week("HP-X-B");
  const std::string message =
      refused(ErrorKind::bad_input, sign(report_pdf("HP-X-B"), "hieutruong"));
  EXPECT_EQ(message.find("Tệp PDF này không phải báo cáo LLW tạo cho Trường Tiểu học An Hưng, "
                         "phiên bản " +
                         std::to_string(submitted_.version)),
            0u)
      << message;

  // The PDF of the version submitted before a return is not the one submitted now.
  const std::string earlier = sign(report_pdf(), "hieutruong");
  app_->reports().return_report(commune_, campaign_.id, "HP-X-A", "Bổ sung số liệu", {});
  const UnitReport again = submit_in_the_week("HP-X-A");
  EXPECT_NE(
      refused(ErrorKind::bad_input, earlier).find("phiên bản " + std::to_string(again.version)),
      std::string::npos);
  EXPECT_EQ(upload(sign(report_pdf(), "hieutruong")).copy.report_version, again.version);
}

TEST_F(SignedCopiesTest, AFileThatIsNotASignedPdfIsRefusedWithAClearMessage) {
  EXPECT_EQ(refused(ErrorKind::bad_input, "GIF89a không phải PDF"),
            "Tệp tải lên không phải tệp PDF. Hãy tải lên bản PDF của báo cáo đã được ký số.");
  EXPECT_EQ(refused(ErrorKind::bad_input, ""),
            "Tệp tải lên rỗng (0 byte). Hãy chọn tệp PDF báo cáo đã ký số.");
  EXPECT_NE(refused(ErrorKind::bad_input, report_pdf()).find("chưa có chữ ký số"),
            std::string::npos);
  EXPECT_EQ(refused(ErrorKind::too_large, "%PDF-" + std::string(SignedCopies::kMaxFileBytes, 'x'))
                    .find("10 MB") != std::string::npos,
            true);
  // A signature dictionary in its place, covering the file, whose signature is junk.
  const std::string head = "%PDF-1.7\n<< /Contents ";
  const auto number = [](std::size_t n) {
    std::string text = std::to_string(n);
    return text + std::string(6 - text.size(), ' ');
  };
  const std::string tail_start =
      " /ByteRange [0 " + number(head.size()) + " " + number(head.size() + 6) + " ";
  const std::string tail_end = "] >>\n%%EOF";
  const std::string junk =
      head + "<00ff>" + tail_start + number(tail_start.size() + 6 + tail_end.size()) + tail_end;
  EXPECT_NE(refused(ErrorKind::bad_input, junk).find("Không đọc được chữ ký số"),
            std::string::npos);
}

TEST_F(SignedCopiesTest, OnlyTheUnitItselfUploadsAndOnlyAfterSubmitting) {
  const std::string signed_pdf = sign(report_pdf(), "hieutruong");
  for (const User* other : {&reporter_b_, &reporter_c_, &commune_, &city_, &viewer_}) {
    EXPECT_EQ(error_kind_of([&] { upload(signed_pdf, other); }), ErrorKind::forbidden)
        << other->username;
  }
  EXPECT_FALSE(app_->signed_copies().latest(commune_, campaign_.id, "HP-X-A").has_value());
  // A draft has nothing to sign yet.
  EXPECT_EQ(error_kind_of([&] {
              app_->signed_copies().upload(reporter_b_, campaign_.id, "HP-X-B", signed_pdf);
            }),
            ErrorKind::conflict);
}

TEST_F(SignedCopiesTest, AcceptingWaitsForAValidSignedCopyWhenTheCampaignRequiresIt) {
  EXPECT_FALSE(app_->signed_copies().required(commune_, campaign_.id));
  EXPECT_EQ(
      error_kind_of([&] { app_->signed_copies().set_required(commune_, campaign_.id, true); }),
      ErrorKind::forbidden);
  app_->signed_copies().set_required(city_, campaign_.id, true);
  EXPECT_TRUE(app_->signed_copies().required(commune_, campaign_.id));

  const std::string message = testing_support::conflict_message(
      [&] { app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {}); });
  EXPECT_NE(message.find("yêu cầu bản báo cáo đã ký số hợp lệ trước khi chấp nhận"),
            std::string::npos)
      << message;
  // An untrusted signature is not enough either.
  upload(sign(report_pdf(), "outsider"));
  EXPECT_NE(testing_support::conflict_message([&] {
              app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {});
            }).find("không thuộc tổ chức chứng thực"),
            std::string::npos);
  // A viewer still hears that it may not accept at all.
  EXPECT_EQ(
      error_kind_of([&] { app_->reports().accept_report(viewer_, campaign_.id, "HP-X-A", {}); }),
      ErrorKind::forbidden);
  upload(sign(report_pdf(), "hieutruong"));
  EXPECT_EQ(app_->reports().accept_report(commune_, campaign_.id, "HP-X-A", {}).status,
            ReportStatus::accepted);

  // Without the setting, a report is accepted without any signed copy.
  app_->signed_copies().set_required(city_, campaign_.id, false);
  submit_in_the_week("HP-X-B");
  EXPECT_EQ(app_->reports().accept_report(commune_, campaign_.id, "HP-X-B", {}).status,
            ReportStatus::accepted);
}

}  // namespace
}  // namespace llw::testing
