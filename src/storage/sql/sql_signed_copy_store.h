#pragma once
// The SignedCopyStore port: signed report and consolidated report PDFs with their verdicts, and the
// campaigns that require one. Defined in sql_signed_copy_store.cpp.

#include "domain/signed_copy_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlSignedCopyStore : public SignedCopyStore {
 public:
  explicit SqlSignedCopyStore(SqlContext& context) : context_(context) {}

  SignedCopy add(const SignedCopy& copy, const std::string& pdf) override;
  std::optional<SignedCopy> latest(SignedCopyKind kind, std::int64_t campaign_id,
                                   std::int64_t unit_id) override;
  std::optional<std::string> file(SignedCopyKind kind, std::int64_t campaign_id,
                                  std::int64_t unit_id, std::int64_t id) override;
  bool required(std::int64_t campaign_id) override;
  void set_required(std::int64_t campaign_id, bool required) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
