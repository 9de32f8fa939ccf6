#pragma once
// The SignInLog port: the sign-in attempts, counted per client address and per account.
// Defined in sql_sign_in_log.cpp.

#include "domain/sign_in_log.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlSignInLog : public SignInLog {
 public:
  explicit SqlSignInLog(SqlContext& context) : context_(context) {}

  void record_attempt(std::string_view username, std::string_view address, bool success,
                      Timestamp at) override;
  std::vector<Timestamp> failures_from_address(std::string_view address, Timestamp since,
                                               int limit) override;
  std::vector<Timestamp> failures_at_username_from_strangers(std::string_view username,
                                                             Timestamp since, int limit) override;
  bool has_signed_in_from(std::string_view username, std::string_view address) override;
  std::vector<FailedSignIn> failures_before_latest_sign_in(std::string_view username,
                                                           int limit) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
