// Signed copies of a node's consolidated report (signed_copies.h): the node's coordinator uploads
// the PDF of the consolidated report it submitted to the level above, signed with its own tool;
// the checks are a unit report's (SignedCopies::checked_copy) with the consolidated report's
// identifier, and the level above reads the verdict.
#include "app/application.h"
#include "app/audited.h"
#include "app/reporting_up.h"
#include "app/signed_copies.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {

SignedCopyVerdict SignedCopies::upload_consolidated(const User& actor, std::int64_t campaign_id,
                                                    const std::string& node_code,
                                                    const std::string& pdf,
                                                    const RequestContext& context) {
  return audited(
      app_, actor, context, "consolidated.signed_copy", node_code,
      report_target(campaign_id, node_code), std::to_string(pdf.size()) + " bytes", [&] {
        const OrgUnit node = core_.load_unit(node_code);
        require_allowed(actor, Action::submit_consolidated, node);
        // Not found for a node with no reporting units below it.
        const ConsolidatedReport report =
            app_.reporting_up().consolidated_report(actor, campaign_id, node_code);
        if (report.status != ReportStatus::submitted && report.status != ReportStatus::accepted) {
          throw Error(ErrorKind::conflict,
                      "Hãy gửi báo cáo tổng hợp lên cấp trên trước, rồi tải bản PDF của báo cáo "
                      "tổng hợp đã gửi về để ký số.",
                      "status");
        }
        const std::string expected =
            consolidated_identifier(report.campaign_id, node.code, report.version);
        const std::string wrong_file =
            "Tệp PDF này không phải báo cáo tổng hợp LLW tạo cho " + node.name + ", phiên bản " +
            std::to_string(report.version) +
            " (có thể là báo cáo của một đơn vị, của đơn vị khác hoặc của phiên bản trước). Hãy "
            "tải bản PDF của báo cáo tổng hợp hiện tại (\"Tải bản PDF để ký\"), ký số tệp đó rồi "
            "tải lên.";
        SignedCopy copy = checked_copy(actor, pdf, expected, "báo cáo tổng hợp", wrong_file);
        copy.kind = SignedCopyKind::consolidated;
        copy.campaign_id = report.campaign_id;
        copy.unit_id = node.id;
        copy.report_version = report.version;
        SignedCopy stored = store_->signed_copies().add(copy, pdf);
        return SignedCopyVerdict{stored, verdict_message(stored)};
      });
}

std::optional<SignedCopyVerdict> SignedCopies::latest_consolidated(const User& actor,
                                                                   std::int64_t campaign_id,
                                                                   const std::string& node_code) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = core_.load_unit(node_code);
  require_allowed(actor, Action::read_summary, node);
  auto copy = store_->signed_copies().latest(SignedCopyKind::consolidated, campaign.id, node.id);
  if (!copy) return std::nullopt;
  std::string message = verdict_message(*copy);
  return SignedCopyVerdict{std::move(*copy), std::move(message)};
}

std::string SignedCopies::latest_consolidated_file(const User& actor, std::int64_t campaign_id,
                                                   const std::string& node_code) {
  const auto copy = latest_consolidated(actor, campaign_id, node_code);
  auto bytes =
      copy ? store_->signed_copies().file(SignedCopyKind::consolidated, copy->copy.campaign_id,
                                          copy->copy.unit_id, copy->copy.id)
           : std::nullopt;
  if (!bytes) {
    throw Error(ErrorKind::not_found, "Báo cáo tổng hợp này chưa có bản đã ký số.", "signed_copy");
  }
  return std::move(*bytes);
}

}  // namespace llw
