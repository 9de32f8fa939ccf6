#pragma once
// Password hashing and session tokens (libsodium). Passwords are hashed once, with argon2id, when
// an account is created and checked once per login; requests carry a random token whose fast
// hash is what the store keeps, so no request pays for argon2.

#include <string>
#include <string_view>

namespace llw {

// argon2id at libsodium's INTERACTIVE limits (~150 ms, 64 MiB on this machine).
std::string hash_password(std::string_view password);
// False for a wrong password or a malformed hash.
bool verify_password(const std::string& hash, std::string_view password);
// 32 random bytes, base64url without padding (43 characters).
std::string random_token();
// A one-time password for a printed slip: three groups of four letters and digits without
// look-alikes (no 0/o, 1/l/i), joined by '-' ("k7mq-3wzp-h2dx"), about 59 bits.
std::string one_time_password();
// BLAKE2b (crypto_generichash) of the token, 32 bytes as lowercase hex.
std::string token_hash(std::string_view token);

}  // namespace llw
