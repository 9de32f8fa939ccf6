// An uploaded "signed PDF", as the signed copy check reads it (documents/pdf_signature.h): any
// bytes are judged without a crash, and nothing made up is judged valid without a trusted root.
#include <cstdint>
#include <ctime>
#include <string_view>

#include "documents/pdf_signature.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const llw::documents::TrustedRoots roots;
  const auto result = llw::documents::verify_pdf_signature(input, roots, 1767225600);
  if (result.status == llw::documents::SignatureStatus::valid) __builtin_trap();
  return 0;
}
