#pragma once
// Signed copies of reports (issue 19, the signed report; signed_copies.cpp). After submitting, a
// unit downloads its report's PDF (which carries LLW's identifier of the report version,
// report_identifier), signs it with its own tool (a USB token) and uploads the signed PDF here.
// The upload is checked (documents/pdf_signature.h): a file that is not a signed PDF, whose
// signature does not cover the whole file, whose bytes no longer match the signature, or that is
// not LLW's PDF of this report's current version is refused with a Vietnamese message and nothing
// is kept. Otherwise the copy is kept with its verdict on the certificate — valid, untrusted issuer
// (not chained to a root the administrator configured, ApplicationConfig::trusted_roots_dir) or
// invalid (expired, not yet valid, broken) — which reviewers read. A campaign may require a valid
// signed copy before a report is accepted (set_required; checked by Reports::accept_report).
// The same holds for a node's consolidated report to the level above
// (consolidated_signed_copies.cpp): its coordinator downloads its PDF (which carries
// consolidated_identifier), signs it and uploads it; the level above reads the verdict, and
// ReportingUp::accept_consolidated waits for a valid copy when the campaign requires one.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/request_context.h"
#include "app/use_case_area.h"
#include "domain/signed_copy_store.h"
#include "domain/user.h"

namespace llw {

namespace documents {
class TrustedRoots;
}  // namespace documents

// A copy with what it means, in Vietnamese.
struct SignedCopyVerdict {
  SignedCopy copy;
  std::string message;  // "Chữ ký số hợp lệ: …", "… không thuộc tổ chức chứng thực …"
};

class SignedCopies : public UseCaseArea {
 public:
  // Loads the trusted roots of the configuration (none when no folder is set); std::runtime_error
  // when the folder cannot be read.
  SignedCopies(Application& app, UseCaseCore& core);
  ~SignedCopies();

  static constexpr std::size_t kMaxFileBytes = 10 * 1024 * 1024;

  // Checks and keeps the unit's signed copy of its report; audited as "report.signed_copy".
  // Error{forbidden} unless the actor is an account of the unit itself (or an admin);
  // Error{conflict} before the report is submitted; Error{too_large} over kMaxFileBytes;
  // Error{bad_input} for an empty file, a file that is not a PDF, not signed, whose signature
  // does not cover the whole file or does not match it, or that is not LLW's PDF of this report's
  // current version. An untrusted or invalid certificate is kept, with its verdict.
  SignedCopyVerdict upload(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, const std::string& pdf,
                           const RequestContext& context = {});
  // The report's latest signed copy (whoever may read the report); nullopt when none.
  std::optional<SignedCopyVerdict> latest(const User& actor, std::int64_t campaign_id,
                                          const std::string& unit_code);
  // The PDF of the report's latest signed copy; Error{not_found} when none.
  std::string latest_file(const User& actor, std::int64_t campaign_id,
                          const std::string& unit_code);

  // The same for a node's consolidated report (consolidated_signed_copies.cpp); audited as
  // "consolidated.signed_copy". Error{forbidden} unless the actor is a coordinator of the node
  // itself (or an admin); Error{not_found} for a node with no consolidated report; Error{conflict}
  // before it is submitted to the level above; the file's checks as for upload, the identifier
  // being the consolidated report's (a unit report's PDF or another node's is refused).
  SignedCopyVerdict upload_consolidated(const User& actor, std::int64_t campaign_id,
                                        const std::string& node_code, const std::string& pdf,
                                        const RequestContext& context = {});
  // The consolidated report's latest signed copy (whoever may read the node's summary: the node,
  // the levels above, their viewers); nullopt when none.
  std::optional<SignedCopyVerdict> latest_consolidated(const User& actor, std::int64_t campaign_id,
                                                       const std::string& node_code);
  // Its PDF; Error{not_found} when none.
  std::string latest_consolidated_file(const User& actor, std::int64_t campaign_id,
                                       const std::string& node_code);

  // Whether accepting a report of the campaign needs a valid signed copy of its current version.
  bool required(const User& actor, std::int64_t campaign_id);
  // Sets it (whoever manages the campaign); audited as "campaign.signed_copy_required".
  void set_required(const User& actor, std::int64_t campaign_id, bool required,
                    const RequestContext& context = {});
  // Error{conflict} when the campaign requires a valid signed copy and the report of `kind` (of
  // version `version`) has none. For the accept use cases (a unit's report, a node's consolidated
  // report), after their access check.
  void require_for_accept(SignedCopyKind kind, std::int64_t campaign_id, std::int64_t unit_id,
                          const std::string& unit_name, std::int64_t version);

  // The identifier LLW writes into the PDF of a unit's report at `version`:
  // "report/<campaign>/<unit code, percent-encoded>/v<version>".
  static std::string report_identifier(std::int64_t campaign_id, const std::string& unit_code,
                                       std::int64_t version);
  // The identifier LLW writes into the PDF and DOCX of a node's consolidated report at `version`
  // (0 before its first submission): "consolidated/<campaign>/<node code, percent-encoded>/v<n>".
  static std::string consolidated_identifier(std::int64_t campaign_id, const std::string& node_code,
                                             std::int64_t version);
  // The Vietnamese sentence for a kept copy's verdict.
  static std::string verdict_message(const SignedCopy& copy);

 private:
  // The checks every upload shares, in the order a person should hear them (the size, is it a
  // signed PDF, does the signature cover and match the file, is it the PDF named `expected_id`),
  // and the verdict on the certificate: the copy to keep, with everything but its owner.
  // `wrong_file` is the refusal of a file LLW made for something else; `what` names the document
  // in the messages ("báo cáo", "báo cáo tổng hợp").
  SignedCopy checked_copy(const User& actor, const std::string& pdf, const std::string& expected_id,
                          const std::string& what, const std::string& wrong_file);

  std::unique_ptr<documents::TrustedRoots> roots_;
};

}  // namespace llw
