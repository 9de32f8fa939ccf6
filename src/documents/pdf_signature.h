#pragma once
// The digital signature of a signed report PDF (issue 19, the signed report), checked with
// OpenSSL 3 (pdf_signature.cpp): the signature dictionary's /ByteRange must cover the whole file
// but its own /Contents, the CMS (PKCS#7, detached) signature must match those bytes, and the
// signer's certificate must chain to one of the roots the administrator trusts. Also reads the
// identifier LLW writes into the PDFs it renders (Document::identifier), from the signed bytes
// only, so it cannot come from anything added after signing. No I/O but reading the roots'
// folder; never throws on what a client sends.

#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace llw::documents {

// The certificates an administrator trusts as roots (PEM files: *.pem, *.crt, *.cer, each may
// hold several certificates). Empty when no folder is configured: every signer is then
// "untrusted".
class TrustedRoots {
 public:
  TrustedRoots();
  ~TrustedRoots();
  TrustedRoots(TrustedRoots&&) noexcept;
  TrustedRoots& operator=(TrustedRoots&&) noexcept;

  // Every certificate of the folder's PEM files; std::runtime_error when the folder cannot be read
  // or a file holds no certificate (a configuration mistake, told at start-up).
  static TrustedRoots load(const std::filesystem::path& folder);
  // The PEM text of one or more certificates; std::runtime_error when there is none.
  void add_pem(std::string_view pem);
  int size() const { return count_; }

 private:
  friend struct SignatureCheck;
  struct Store;
  std::unique_ptr<Store> store_;
  int count_ = 0;
};

enum class SignatureStatus {
  not_pdf,       // the bytes are not a PDF
  unsigned_pdf,  // a PDF without any signature
  malformed,     // a signature dictionary that cannot be read
  not_covering,  // the signature does not cover the whole file (bytes added after signing)
  altered,       // the signed bytes do not match the signature
  untrusted,     // intact, but the certificate does not chain to a trusted root
  invalid,       // intact, but the certificate is expired, not yet valid, revoked or broken
  valid,         // intact, covering the file, the certificate chains to a trusted root
};

std::string_view to_string(SignatureStatus status);

struct PdfSignature {
  SignatureStatus status = SignatureStatus::not_pdf;
  std::string signer;       // the signer certificate's subject common name (UTF-8)
  std::string signer_name;  // the whole subject, one line ("CN=…, O=…")
  std::string issuer;       // the issuer's common name
  std::string serial;       // the certificate's serial number, hexadecimal
  std::string valid_from;   // "YYYY-MM-DD HH:MM:SS" UTC
  std::string valid_until;
  // The signing time the signature carries (its signingTime attribute, else the signature
  // dictionary's /M as the signer's tool wrote it; not proof of time); empty when none.
  std::string signed_at;
  // What OpenSSL said when the certificate or the signature failed (English, for the log).
  std::string detail;
  // The LLW identifier found in the signed bytes (Document::identifier); empty when none.
  std::string identifier;
  int signatures = 0;  // how many signature dictionaries the file has
};

// At most this many bytes are checked: the size of an upload.
constexpr std::size_t kMaxSignedPdfBytes = 10 * 1024 * 1024;

// Checks the signature of `pdf` (at most kMaxSignedPdfBytes, else not_pdf) against `roots`,
// certificates valid at `at`. With several signatures, the one covering the whole file counts.
PdfSignature verify_pdf_signature(std::string_view pdf, const TrustedRoots& roots, std::time_t at);

// The identifier LLW writes into a PDF, as the keywords of its metadata: "LLW-ID:" and `id`.
std::string identifier_keywords(std::string_view id);

}  // namespace llw::documents
