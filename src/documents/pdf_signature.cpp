// Signed PDFs (pdf_signature.h). A signature dictionary holds `/ByteRange [a b c d]` and
// `/Contents <hex>`: the signed bytes are [a, a+b) and [c, c+d), and the gap between them is
// exactly the hex string of the CMS signature. The dictionaries are found in the bytes rather
// than by parsing the PDF's objects: a signer's tool writes them uncompressed (they must be, for
// the gap to be patched in after hashing), and every check after that is on the bytes the
// signature covers. OpenSSL then checks the CMS signature over those bytes (detached, binary),
// and the signer's certificate chain against the trusted roots.
#include "documents/pdf_signature.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace llw::documents {

struct TrustedRoots::Store {
  X509_STORE* store = X509_STORE_new();
  ~Store() { X509_STORE_free(store); }
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
};

TrustedRoots::TrustedRoots() : store_(std::make_unique<Store>()) {}
TrustedRoots::~TrustedRoots() = default;
TrustedRoots::TrustedRoots(TrustedRoots&&) noexcept = default;
TrustedRoots& TrustedRoots::operator=(TrustedRoots&&) noexcept = default;

void TrustedRoots::add_pem(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  int added = 0;
  while (X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(store_->store, certificate);
    X509_free(certificate);
    ++added;
  }
  BIO_free(bio);
  ERR_clear_error();
  if (added == 0) throw std::runtime_error("no PEM certificate in the trusted roots' file");
  count_ += added;
}

TrustedRoots TrustedRoots::load(const std::filesystem::path& folder) {
  TrustedRoots roots;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string extension = entry.path().extension().string();
    if (entry.is_regular_file() &&
        (extension == ".pem" || extension == ".crt" || extension == ".cer")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    try {
      roots.add_pem(text.str());
    } catch (const std::runtime_error&) {
      throw std::runtime_error("trusted roots: " + file.string() + " holds no PEM certificate");
    }
  }
  return roots;
}

std::string_view to_string(SignatureStatus status) {
  switch (status) {
    case SignatureStatus::not_pdf:
      return "not_pdf";
    case SignatureStatus::unsigned_pdf:
      return "unsigned";
    case SignatureStatus::malformed:
      return "malformed";
    case SignatureStatus::not_covering:
      return "not_covering";
    case SignatureStatus::altered:
      return "altered";
    case SignatureStatus::untrusted:
      return "untrusted";
    case SignatureStatus::invalid:
      return "invalid";
    case SignatureStatus::valid:
      return "valid";
  }
  return "invalid";
}

std::string identifier_keywords(std::string_view id) { return "LLW-ID: " + std::string(id); }

namespace {

constexpr std::string_view kIdentifierMark = "LLW-ID:";

struct ByteRange {
  std::size_t start1 = 0, length1 = 0, start2 = 0, length2 = 0;
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'; }

// A non-negative integer at `pos` (after blanks); advances `pos`.
std::optional<std::size_t> read_number(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  std::size_t value = 0;
  std::size_t digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < 12) {
    value = value * 10 + static_cast<std::size_t>(text[pos] - '0');
    ++pos;
    ++digits;
  }
  if (digits == 0 || digits == 12) return std::nullopt;
  return value;
}

// The `[a b c d]` after a "/ByteRange" at `pos`.
std::optional<ByteRange> read_byte_range(std::string_view pdf, std::size_t pos) {
  pos += std::string_view("/ByteRange").size();
  while (pos < pdf.size() && is_space(pdf[pos])) ++pos;
  if (pos >= pdf.size() || pdf[pos] != '[') return std::nullopt;
  ++pos;
  std::array<std::size_t, 4> numbers{};
  for (std::size_t& number : numbers) {
    const auto value = read_number(pdf, pos);
    if (!value) return std::nullopt;
    number = *value;
  }
  while (pos < pdf.size() && is_space(pdf[pos])) ++pos;
  if (pos >= pdf.size() || pdf[pos] != ']') return std::nullopt;
  return ByteRange{numbers[0], numbers[1], numbers[2], numbers[3]};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The bytes of the `<hex>` string that fills the gap [begin, end); nullopt when the gap is not
// exactly one hex string.
std::optional<std::string> contents_in_gap(std::string_view pdf, std::size_t begin,
                                           std::size_t end) {
  if (end <= begin + 2 || pdf[begin] != '<' || pdf[end - 1] != '>') return std::nullopt;
  std::string bytes;
  bytes.reserve((end - begin) / 2);
  int high = -1;
  for (std::size_t i = begin + 1; i + 1 < end; ++i) {
    if (is_space(pdf[i])) continue;
    const int value = hex_value(pdf[i]);
    if (value < 0) return std::nullopt;
    if (high < 0) {
      high = value;
    } else {
      bytes.push_back(static_cast<char>(high * 16 + value));
      high = -1;
    }
  }
  if (high >= 0) bytes.push_back(static_cast<char>(high * 16));
  return bytes;
}

// The identifier after the first "LLW-ID:" of `text`: the characters LLW writes in one
// ([A-Za-z0-9/._%:-]).
std::string identifier_in(std::string_view text) {
  const auto mark = text.find(kIdentifierMark);
  if (mark == std::string_view::npos) return {};
  std::size_t pos = mark + kIdentifierMark.size();
  while (pos < text.size() && text[pos] == ' ') ++pos;
  std::string id;
  while (pos < text.size() && id.size() < 200) {
    const char c = text[pos];
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '_' || c == '%' ||
                         c == ':' || c == '-';
    if (!allowed) break;
    id.push_back(c);
    ++pos;
  }
  return id;
}

// The signing time of the signature dictionary whose /Contents starts at `gap`: its `/M` date
// ("D:YYYYMMDDHHmmSS" with "Z" or "+HH'mm'"), written before /Contents by signers (pdfsig does);
// in UTC as "YYYY-MM-DD HH:MM:SS", empty when there is none.
std::string dictionary_time(std::string_view pdf, std::size_t gap) {
  const std::size_t from = gap > 2048 ? gap - 2048 : 0;
  const std::string_view before = pdf.substr(from, gap - from);
  const auto dictionary = before.rfind("/Type /Sig");
  auto mark = before.rfind("/M (D:");
  std::size_t skip = 6;
  if (mark == std::string_view::npos) {
    mark = before.rfind("/M(D:");
    skip = 5;
  }
  if (mark == std::string_view::npos ||
      (dictionary != std::string_view::npos && mark < dictionary)) {
    return {};
  }
  const std::string_view date = before.substr(mark + skip);
  if (date.size() < 14) return {};
  std::tm parts{};
  int values[6] = {};
  const int widths[6] = {4, 2, 2, 2, 2, 2};
  std::size_t pos = 0;
  for (int i = 0; i < 6; ++i) {
    for (int d = 0; d < widths[i]; ++d, ++pos) {
      if (date[pos] < '0' || date[pos] > '9') return {};
      values[i] = values[i] * 10 + (date[pos] - '0');
    }
  }
  parts.tm_year = values[0] - 1900;
  parts.tm_mon = values[1] - 1;
  parts.tm_mday = values[2];
  parts.tm_hour = values[3];
  parts.tm_min = values[4];
  parts.tm_sec = values[5];
  std::time_t utc = timegm(&parts);
  if (pos + 6 <= date.size() && (date[pos] == '+' || date[pos] == '-')) {
    const auto digit = [&](std::size_t i) {
      return date[i] >= '0' && date[i] <= '9' ? date[i] - '0' : 0;
    };
    const int offset =
        (digit(pos + 1) * 10 + digit(pos + 2)) * 3600 + (digit(pos + 4) * 10 + digit(pos + 5)) * 60;
    utc += date[pos] == '+' ? -offset : offset;
  }
  std::tm out{};
  gmtime_r(&utc, &out);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &out);
  return text;
}

std::string utf8_of(const ASN1_STRING* value) {
  if (value == nullptr) return {};
  unsigned char* out = nullptr;
  const int length = ASN1_STRING_to_UTF8(&out, value);
  if (length < 0) return {};
  std::string text(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
  OPENSSL_free(out);
  return text;
}

std::string common_name(const X509_NAME* name) {
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return {};
  return utf8_of(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
}

std::string one_line(const X509_NAME* name) {
  BIO* bio = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(std::max(length, 0L)));
  BIO_free(bio);
  return text;
}

std::string time_text(const ASN1_TIME* time) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) return {};
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
  return text;
}

std::string openssl_errors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char line[256];
    ERR_error_string_n(code, line, sizeof line);
    text += (text.empty() ? "" : "; ") + std::string(line);
  }
  return text;
}

bool means_untrusted(int error) {
  return error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
         error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
         error == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
         error == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN ||
         error == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE;
}

}  // namespace

// Friend of TrustedRoots: the certificate chain against its store.
struct SignatureCheck {
  static void check_chain(PdfSignature& result, CMS_ContentInfo* cms, X509* signer,
                          const TrustedRoots& roots, std::time_t at) {
    STACK_OF(X509)* carried = CMS_get1_certs(cms);
    X509_STORE_CTX* context = X509_STORE_CTX_new();
    X509_STORE_CTX_init(context, roots.store_->store, signer, carried);
    X509_STORE_CTX_set_time(context, 0, at);
    const int ok = X509_verify_cert(context);
    const int error = X509_STORE_CTX_get_error(context);
    if (ok == 1) {
      result.status = SignatureStatus::valid;
    } else {
      result.status =
          means_untrusted(error) ? SignatureStatus::untrusted : SignatureStatus::invalid;
      result.detail = X509_verify_cert_error_string(error);
    }
    X509_STORE_CTX_free(context);
    sk_X509_pop_free(carried, X509_free);
    ERR_clear_error();
  }
};

PdfSignature verify_pdf_signature(std::string_view pdf, const TrustedRoots& roots, std::time_t at) {
  PdfSignature result;
  if (pdf.size() > kMaxSignedPdfBytes || !pdf.starts_with("%PDF-")) return result;
  result.status = SignatureStatus::unsigned_pdf;

  // Every signature dictionary's byte range; the one that reaches the end of the file counts
  // (an earlier signature of the same file covers only what was there when it was made).
  std::optional<ByteRange> chosen;
  bool unreadable = false;
  for (std::size_t pos = pdf.find("/ByteRange"); pos != std::string_view::npos;
       pos = pdf.find("/ByteRange", pos + 1)) {
    ++result.signatures;
    const auto range = read_byte_range(pdf, pos);
    if (!range) {
      unreadable = true;
      continue;
    }
    if (!chosen || range->start2 + range->length2 > chosen->start2 + chosen->length2) {
      chosen = range;
    }
  }
  if (result.signatures == 0) return result;
  if (!chosen) {
    result.status = SignatureStatus::malformed;
    result.detail = unreadable ? "unreadable /ByteRange" : "";
    return result;
  }
  const ByteRange range = *chosen;
  const bool in_file = range.start1 == 0 && range.length1 < range.start2 &&
                       range.start2 <= pdf.size() && range.length2 <= pdf.size() - range.start2;
  if (!in_file) {
    result.status = SignatureStatus::malformed;
    result.detail = "/ByteRange outside the file";
    return result;
  }
  const auto signature = contents_in_gap(pdf, range.length1, range.start2);
  if (!signature || range.start2 + range.length2 != pdf.size()) {
    result.status = SignatureStatus::not_covering;
    result.detail = signature ? "bytes after the signed range"
                              : "the gap of /ByteRange is not the /Contents hex string";
    return result;
  }
  const std::string_view first = pdf.substr(0, range.length1);
  const std::string_view second = pdf.substr(range.start2, range.length2);
  result.identifier = identifier_in(first);
  if (result.identifier.empty()) result.identifier = identifier_in(second);

  ERR_clear_error();
  BIO* der = BIO_new_mem_buf(signature->data(), static_cast<int>(signature->size()));
  CMS_ContentInfo* cms = d2i_CMS_bio(der, nullptr);
  BIO_free(der);
  if (cms == nullptr) {
    result.status = SignatureStatus::malformed;
    result.detail = "the signature is not CMS: " + openssl_errors();
    return result;
  }
  std::string signed_bytes;
  signed_bytes.reserve(first.size() + second.size());
  signed_bytes.append(first).append(second);
  BIO* content = BIO_new_mem_buf(signed_bytes.data(), static_cast<int>(signed_bytes.size()));
  const int intact =
      CMS_verify(cms, nullptr, nullptr, content, nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY);
  BIO_free(content);
  STACK_OF(X509)* signers = CMS_get0_signers(cms);
  X509* signer =
      signers != nullptr && sk_X509_num(signers) > 0 ? sk_X509_value(signers, 0) : nullptr;
  if (signer != nullptr) {
    result.signer = common_name(X509_get_subject_name(signer));
    result.signer_name = one_line(X509_get_subject_name(signer));
    result.issuer = common_name(X509_get_issuer_name(signer));
    if (BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(signer), nullptr)) {
      char* hex = BN_bn2hex(serial);
      result.serial = hex;
      OPENSSL_free(hex);
      BN_free(serial);
    }
    result.valid_from = time_text(X509_get0_notBefore(signer));
    result.valid_until = time_text(X509_get0_notAfter(signer));
  }
  if (STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
      infos != nullptr && sk_CMS_SignerInfo_num(infos) > 0) {
    CMS_SignerInfo* info = sk_CMS_SignerInfo_value(infos, 0);
    const int index = CMS_signed_get_attr_by_NID(info, NID_pkcs9_signingTime, -1);
    if (index >= 0) {
      X509_ATTRIBUTE* attribute = CMS_signed_get_attr(info, index);
      const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
      if (value != nullptr &&
          (value->type == V_ASN1_UTCTIME || value->type == V_ASN1_GENERALIZEDTIME)) {
        result.signed_at = time_text(value->value.utctime);
      }
    }
  }
  if (result.signed_at.empty()) result.signed_at = dictionary_time(pdf, range.length1);
  if (intact != 1 || signer == nullptr) {
    result.status = SignatureStatus::altered;
    result.detail = openssl_errors();
  } else {
    SignatureCheck::check_chain(result, cms, signer, roots, at);
  }
  if (signers != nullptr) sk_X509_free(signers);
  CMS_ContentInfo_free(cms);
  ERR_clear_error();
  return result;
}

}  // namespace llw::documents
