#pragma once
// The storage port of signed copies (issue 19, the signed report): the PDF of a unit's report as
// the unit signed it and uploaded it, or of a node's consolidated report as its coordinator signed
// it for the level above, with the verdict on its signature, and the campaigns that require a
// valid signed copy before a report (of either kind) is accepted. Implemented by the SQL store
// (sql_signed_copy_store.cpp in src/storage/sql/) on both backends, the bytes in the database
// (BLOB / BYTEA) like evidence files. Every upload is kept; the latest one of a report counts.

#include <cstdint>
#include <optional>
#include <string>

#include "clock.h"

namespace llw {

// Which report a signed copy is of: a unit's own report (báo cáo của đơn vị) or a node's
// consolidated report to the level above (báo cáo tổng hợp gửi cấp trên). The same unit may have
// both when it reports itself and consolidates units below it.
enum class SignedCopyKind { report, consolidated };

// An uploaded signed copy and what its check found (documents/pdf_signature.h).
struct SignedCopy {
  std::int64_t id = 0;
  SignedCopyKind kind = SignedCopyKind::report;
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::int64_t report_version = 0;  // the version the PDF's identifier names (of the report or
                                    // of the consolidated report, as `kind` says)
  std::string status;               // "valid", "untrusted", "invalid"
  std::string signer;               // the certificate's common name
  std::string signer_name;          // its whole subject
  std::string issuer;               // the issuer's common name
  std::string serial;
  std::string valid_from, valid_until;  // "YYYY-MM-DD HH:MM:SS" UTC
  std::string signed_at;                // the signing time the signature carries; may be empty
  std::string detail;                   // what the check said, for a status other than valid
  std::string sha256;                   // of the file
  std::int64_t size = 0;
  std::optional<std::int64_t> uploaded_by;
  Timestamp uploaded_at = 0;
};

class SignedCopyStore {
 public:
  virtual ~SignedCopyStore() = default;

  // Keeps the copy (of the report `copy.kind` says) with its file; the stored copy (with its id).
  // A consolidated report's copy bumps the campaign's revision: the consolidated page, which
  // shows its verdict, is cached by it.
  virtual SignedCopy add(const SignedCopy& copy, const std::string& pdf) = 0;
  // The report's latest copy, if any.
  virtual std::optional<SignedCopy> latest(SignedCopyKind kind, std::int64_t campaign_id,
                                           std::int64_t unit_id) = 0;
  // The file of a copy of the report.
  virtual std::optional<std::string> file(SignedCopyKind kind, std::int64_t campaign_id,
                                          std::int64_t unit_id, std::int64_t id) = 0;
  // Whether the campaign requires a valid signed copy before a report is accepted (false unless
  // set).
  virtual bool required(std::int64_t campaign_id) = 0;
  // Sets it and bumps the campaign's revision (the cached consolidated pages say whether it is
  // set).
  virtual void set_required(std::int64_t campaign_id, bool required) = 0;
};

}  // namespace llw
