// Signed copies (signed_copies.h): the checks of an upload in the order a person should hear them
// (may they, is the report submitted, the size, is it a signed PDF, does the signature cover and
// match the file, is it this report's PDF), then the verdict on the certificate, kept with the
// file in one store write and audited.
#include "app/signed_copies.h"

#include "app/application.h"
#include "app/audited.h"
#include "app/content_hash.h"
#include "app/use_case_core.h"
#include "documents/pdf_signature.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {
namespace {

std::string percent_encoded(const std::string& text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '.' || byte == '_' || byte == '-') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kDigits[byte >> 4]);
      out.push_back(kDigits[byte & 0x0f]);
    }
  }
  return out;
}

// The refusal of a file that cannot be kept; nullopt for the statuses that are verdicts. `what`
// names the document ("báo cáo", "báo cáo tổng hợp").
std::optional<std::string> refusal(documents::SignatureStatus status, const std::string& what) {
  using documents::SignatureStatus;
  switch (status) {
    case SignatureStatus::not_pdf:
      return "Tệp tải lên không phải tệp PDF. Hãy tải lên bản PDF của " + what + " đã được ký số.";
    case SignatureStatus::unsigned_pdf:
      return "Tệp PDF này chưa có chữ ký số. Hãy ký bản PDF của " + what +
             " bằng công cụ ký số của đơn vị (USB token) rồi tải lên tệp đã ký.";
    case SignatureStatus::malformed:
      return "Không đọc được chữ ký số trong tệp PDF này. Hãy ký lại bản PDF của " + what +
             " rồi tải lên tệp do công cụ ký số tạo ra.";
    case SignatureStatus::not_covering:
      return std::string(
          "Chữ ký không bao phủ toàn bộ tệp (tệp đã bị thêm nội dung sau khi ký). "
          "Hãy tải lên đúng tệp do công cụ ký số tạo ra, không sửa gì thêm.");
    case SignatureStatus::altered:
      return "Tệp PDF đã bị thay đổi sau khi ký: chữ ký không còn khớp với nội dung. Hãy ký lại "
             "bản PDF gốc của " +
             what + " rồi tải lên.";
    case SignatureStatus::untrusted:
    case SignatureStatus::invalid:
    case SignatureStatus::valid:
      break;
  }
  return std::nullopt;
}

}  // namespace

SignedCopies::SignedCopies(Application& app, UseCaseCore& core)
    : UseCaseArea(app, core),
      roots_(std::make_unique<documents::TrustedRoots>(
          config_.trusted_roots_dir.empty()
              ? documents::TrustedRoots()
              : documents::TrustedRoots::load(config_.trusted_roots_dir))) {}

SignedCopies::~SignedCopies() = default;

std::string SignedCopies::report_identifier(std::int64_t campaign_id, const std::string& unit_code,
                                            std::int64_t version) {
  return "report/" + std::to_string(campaign_id) + "/" + percent_encoded(unit_code) + "/v" +
         std::to_string(version);
}

std::string SignedCopies::consolidated_identifier(std::int64_t campaign_id,
                                                  const std::string& node_code,
                                                  std::int64_t version) {
  return "consolidated/" + std::to_string(campaign_id) + "/" + percent_encoded(node_code) + "/v" +
         std::to_string(version);
}

std::string SignedCopies::verdict_message(const SignedCopy& copy) {
  const std::string signer = copy.signer.empty() ? "(không rõ tên)" : copy.signer;
  const std::string issuer = copy.issuer.empty() ? "(không rõ)" : copy.issuer;
  if (copy.status == "valid") {
    return "Chữ ký số hợp lệ: " + signer + " (chứng thư số do " + issuer + " cấp).";
  }
  if (copy.status == "untrusted") {
    return "Chữ ký của " + signer + " còn nguyên vẹn nhưng chứng thư số do " + issuer +
           " cấp không thuộc tổ chức chứng thực mà hệ thống tin cậy.";
  }
  return "Chứng thư số của " + signer +
         " không hợp lệ (hết hạn, chưa có hiệu lực hoặc bị lỗi; hiệu lực từ " + copy.valid_from +
         " đến " + copy.valid_until + " UTC).";
}

SignedCopy SignedCopies::checked_copy(const User& actor, const std::string& pdf,
                                      const std::string& expected_id, const std::string& what,
                                      const std::string& wrong_file) {
  if (pdf.empty()) {
    throw Error(ErrorKind::bad_input,
                "Tệp tải lên rỗng (0 byte). Hãy chọn tệp PDF " + what + " đã ký số.", "file");
  }
  if (pdf.size() > kMaxFileBytes) {
    throw Error(ErrorKind::too_large,
                "Tệp vượt quá giới hạn 10 MB. Bản PDF " + what +
                    " đã ký thường nhỏ hơn nhiều; hãy kiểm tra lại tệp.",
                "file");
  }
  const documents::PdfSignature checked = documents::verify_pdf_signature(pdf, *roots_, clock_());
  if (auto message = refusal(checked.status, what)) {
    throw Error(ErrorKind::bad_input, *message, "file");
  }
  if (checked.identifier != expected_id) throw Error(ErrorKind::bad_input, wrong_file, "file");
  SignedCopy copy;
  copy.status = std::string(documents::to_string(checked.status));
  copy.signer = checked.signer;
  copy.signer_name = checked.signer_name;
  copy.issuer = checked.issuer;
  copy.serial = checked.serial;
  copy.valid_from = checked.valid_from;
  copy.valid_until = checked.valid_until;
  copy.signed_at = checked.signed_at;
  copy.detail = checked.detail;
  copy.sha256 = sha256_hex(pdf);
  if (actor.id > 0) copy.uploaded_by = actor.id;
  copy.uploaded_at = clock_();
  return copy;
}

SignedCopyVerdict SignedCopies::upload(const User& actor, std::int64_t campaign_id,
                                       const std::string& unit_code, const std::string& pdf,
                                       const RequestContext& context) {
  return audited(
      app_, actor, context, "report.signed_copy", unit_code, report_target(campaign_id, unit_code),
      std::to_string(pdf.size()) + " bytes", [&] {
        auto found = store_->reports().find_report_in_context(campaign_id, unit_code);
        if (!found) {
          const OrgUnit unit = core_.load_unit(unit_code);
          require_allowed(actor, Action::write_report, unit);
          core_.load_campaign(campaign_id);
          throw Error(ErrorKind::not_found, "Đơn vị này không phải báo cáo trong đợt này.", "unit");
        }
        const ReportInContext& report = *found;
        require_allowed(actor, Action::write_report, report.unit);
        if (actor.role != Role::admin && actor.unit_id != report.unit.id) {
          throw Error(ErrorKind::forbidden,
                      "Chỉ tài khoản của chính đơn vị mới tải lên được bản báo cáo đã ký số.");
        }
        if (report.report.status != ReportStatus::submitted &&
            report.report.status != ReportStatus::accepted) {
          throw Error(ErrorKind::conflict,
                      "Hãy nộp báo cáo trước, rồi tải bản PDF của báo cáo đã nộp về để ký số.",
                      "status");
        }
        const std::int64_t version = report.report.version;
        SignedCopy copy = checked_copy(
            actor, pdf, report_identifier(report.campaign.id, report.unit.code, version), "báo cáo",
            "Tệp PDF này không phải báo cáo LLW tạo cho " + report.unit.name + ", phiên bản " +
                std::to_string(version) +
                ". Hãy tải bản PDF của báo cáo hiện tại (\"Tải bản PDF để ký\"), ký số tệp đó "
                "rồi tải lên.");
        copy.kind = SignedCopyKind::report;
        copy.campaign_id = report.campaign.id;
        copy.unit_id = report.unit.id;
        copy.report_version = version;
        SignedCopy stored = store_->signed_copies().add(copy, pdf);
        return SignedCopyVerdict{stored, verdict_message(stored)};
      });
}

std::optional<SignedCopyVerdict> SignedCopies::latest(const User& actor, std::int64_t campaign_id,
                                                      const std::string& unit_code) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit unit = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_report, unit);
  auto copy = store_->signed_copies().latest(SignedCopyKind::report, campaign.id, unit.id);
  if (!copy) return std::nullopt;
  std::string message = verdict_message(*copy);
  return SignedCopyVerdict{std::move(*copy), std::move(message)};
}

std::string SignedCopies::latest_file(const User& actor, std::int64_t campaign_id,
                                      const std::string& unit_code) {
  const auto copy = latest(actor, campaign_id, unit_code);
  auto bytes = copy ? store_->signed_copies().file(SignedCopyKind::report, copy->copy.campaign_id,
                                                   copy->copy.unit_id, copy->copy.id)
                    : std::nullopt;
  if (!bytes) {
    throw Error(ErrorKind::not_found, "Báo cáo này chưa có bản đã ký số.", "signed_copy");
  }
  return std::move(*bytes);
}

bool SignedCopies::required(const User& actor, std::int64_t campaign_id) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  (void)actor;  // whoever may reach the campaign reads its settings
  return store_->signed_copies().required(campaign.id);
}

void SignedCopies::set_required(const User& actor, std::int64_t campaign_id, bool required,
                                const RequestContext& context) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  audited(app_, actor, context, "campaign.signed_copy_required", campaign.issuer_code,
          "campaign " + std::to_string(campaign_id), required ? "on" : "off", [&] {
            require_allowed(actor, Action::manage_campaign,
                            core_.load_unit(campaign.issuer_code, "issuer"));
            store_->signed_copies().set_required(campaign.id, required);
          });
}

void SignedCopies::require_for_accept(SignedCopyKind kind, std::int64_t campaign_id,
                                      std::int64_t unit_id, const std::string& unit_name,
                                      std::int64_t version) {
  if (!store_->signed_copies().required(campaign_id)) return;
  const auto copy = store_->signed_copies().latest(kind, campaign_id, unit_id);
  if (copy && copy->status == "valid" && copy->report_version == version) return;
  const bool consolidated = kind == SignedCopyKind::consolidated;
  const std::string document = consolidated ? "báo cáo tổng hợp" : "báo cáo";
  std::string why = "chưa có bản " + document + " đã ký số";
  if (copy && copy->report_version != version) {
    why = "bản đã ký số là của phiên bản " + std::to_string(copy->report_version) +
          ", không phải phiên bản đang nộp (" + std::to_string(version) + ")";
  } else if (copy) {
    why = "bản đã ký số chưa hợp lệ: " + verdict_message(*copy);
  }
  const std::string ask = consolidated ? " Hãy đề nghị điều phối viên của " + unit_name +
                                             " tải lên bản PDF báo cáo tổng hợp đã ký số."
                                       : " Hãy đề nghị đơn vị tải lên bản PDF đã ký số.";
  throw Error(ErrorKind::conflict,
              "Đợt báo cáo này yêu cầu bản " + document +
                  " đã ký số hợp lệ trước khi chấp nhận, nhưng " + unit_name + " " + why + ask,
              "signed_copy");
}

}  // namespace llw
