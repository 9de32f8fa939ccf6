#pragma once
// Signed PDFs made the way a unit makes them (signing_kit.cpp): test certification authorities and
// signer certificates made with the openssl command, an NSS database per signer (certutil,
// pk12util: Debian's libnss3-tools) and `pdfsig -add-signature` (poppler-utils) to sign. A missing
// tool throws: the tests that use the kit fail rather than skip (scripts/setup.sh installs them).

#include <filesystem>
#include <string>

namespace llw::testing_support {

class SigningKit {
 public:
  // Works in `dir` (created; removed by its owner).
  explicit SigningKit(std::filesystem::path dir);

  // A self-signed certification authority named `common_name`; its PEM file.
  std::filesystem::path make_authority(const std::string& name, const std::string& common_name);
  // A signer certificate issued by the authority `authority` (made with make_authority), valid
  // for `days` from now, with an NSS database holding its key. `name` names it for sign().
  void make_signer(const std::string& name, const std::string& common_name,
                   const std::string& authority, int days = 365);
  // `pdf` signed by the signer `name`, as pdfsig writes it.
  std::string sign(const std::string& pdf, const std::string& name);

 private:
  std::filesystem::path dir_;
  int files_ = 0;
};

}  // namespace llw::testing_support
