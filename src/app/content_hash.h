#pragma once
// The identity of an uploaded file (content_hash.cpp): the lowercase hex SHA-256 of its bytes,
// with libsodium. Shared by evidence and signed copies.

#include <string>
#include <string_view>

namespace llw {

std::string sha256_hex(std::string_view bytes);

}  // namespace llw
