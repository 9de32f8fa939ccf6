#pragma once
// The storage port of the sign-in log: every attempt (username, client address, success, time),
// read back to throttle guessing without locking an account's owner out. Implemented by the SQL
// store (src/storage/sql/sql_sign_in_log.cpp), on both backends.

#include <string>
#include <string_view>
#include <vector>

#include "clock.h"

namespace llw {

struct FailedSignIn {
  Timestamp at = 0;
  std::string address;
};

class SignInLog {
 public:
  virtual ~SignInLog() = default;

  virtual void record_attempt(std::string_view username, std::string_view address, bool success,
                              Timestamp at) = 0;

  // The latest failed attempts from `address` (at any username) since `since`, newest first, at
  // most `limit`.
  virtual std::vector<Timestamp> failures_from_address(std::string_view address, Timestamp since,
                                                       int limit) = 0;

  // The latest failed attempts at `username` since `since`, newest first, at most `limit`, left
  // out those from an address the account has signed in from successfully: its owner's own
  // typing does not count against it, a stranger's guessing does.
  virtual std::vector<Timestamp> failures_at_username_from_strangers(std::string_view username,
                                                                     Timestamp since,
                                                                     int limit) = 0;

  // Whether the account has ever signed in successfully from `address`.
  virtual bool has_signed_in_from(std::string_view username, std::string_view address) = 0;

  // The failed attempts at `username` between its two latest successful sign-ins, from addresses
  // other than the latest one's (not the owner's own typing just before): what its owner is told
  // of after signing in. Newest first, at most `limit`.
  virtual std::vector<FailedSignIn> failures_before_latest_sign_in(std::string_view username,
                                                                   int limit) = 0;
};

}  // namespace llw
