// The slip PDF of accounts just given a one-time password (unit_accounts.h): the accounts are
// turned into the documents layer's sheet and rendered in memory; the caller sends the bytes and
// forgets them.
#include "documents/credential_slips.h"

#include "app/unit_accounts.h"

namespace llw {

DocumentFile credential_slips_pdf(const std::vector<IssuedAccount>& accounts,
                                  const std::string& heading, const std::string& sign_in_url) {
  documents::CredentialSlipSheet sheet;
  sheet.heading = heading;
  sheet.sign_in_url = sign_in_url;
  for (const IssuedAccount& account : accounts) {
    sheet.slips.push_back(
        {account.unit.name, account.unit.code, account.username, account.password});
  }
  return {documents::render_credential_slips(sheet), "application/pdf", "phieu-tai-khoan.pdf"};
}

}  // namespace llw
