#include "app/content_hash.h"

#include <sodium.h>

#include "domain/error.h"

namespace llw {

std::string sha256_hex(std::string_view bytes) {
  static const int ready = sodium_init();
  if (ready < 0) throw Error(ErrorKind::internal, "libsodium could not start");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace llw
