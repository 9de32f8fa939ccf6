#pragma once
// How an Application is set up: where its forms are, how long a session lasts, and when repeated
// failed sign-ins lock an address or an account out.

#include <cstdint>
#include <filesystem>

namespace llw {

struct ApplicationConfig {
  std::filesystem::path forms_dir = "forms";
  std::int64_t session_seconds = 12 * 3600;
  int max_failed_logins = 5;  // per address, or per account from strange addresses (auth.cpp) …
  std::int64_t failed_login_window = 900;  // … within this many seconds → 429
  // The PEM certificates of the roots a signed report's signer must chain to (signed_copies.h);
  // empty: none, every signer is then "untrusted issuer".
  std::filesystem::path trusted_roots_dir;
};

}  // namespace llw
