#pragma once
// Credential slips (phiếu tài khoản): one slip per new or reset account, four to an A4 page with
// dashed cut lines — the unit, the username, the one-time password (in a monospace face, so 'l'
// and '1' differ), the sign-in address and its QR code — rendered with cairo (QR by libqrencode).
// The bytes are built in memory and returned; nothing is written anywhere.

#include <string>
#include <vector>

namespace llw::documents {

struct CredentialSlip {
  std::string unit_name;
  std::string unit_code;
  std::string username;
  std::string password;
};

struct CredentialSlipSheet {
  std::string heading;      // the issuing unit, e.g. "Ủy ban nhân dân xã An Hưng"
  std::string sign_in_url;  // printed and encoded in the QR code
  std::vector<CredentialSlip> slips;
};

// The PDF file's bytes; a sheet without slips is one page saying so.
std::string render_credential_slips(const CredentialSlipSheet& sheet);

}  // namespace llw::documents
