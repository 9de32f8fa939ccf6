#pragma once
// A table's checksum for `llw copy-db`: the sum (mod 2^64, two lanes) of a hash of each row, so it
// does not depend on the order rows are read in (the backends sort text differently) and the
// checksum of a table after a merge is the one before plus the one of the rows added.

#include <cstdint>
#include <cstdio>
#include <string>

#include "storage/copy/raw_db.h"

namespace llw::copy {

inline std::uint64_t finalize(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

struct Checksum {
  std::uint64_t a = 0;
  std::uint64_t b = 0;

  void add(const Row& row) {
    std::uint64_t ha = 0xcbf29ce484222325ULL;
    std::uint64_t hb = 0x84222325cbf29ce4ULL;
    auto byte = [&](unsigned char c) {
      ha = (ha ^ c) * 0x100000001b3ULL;
      hb = (hb ^ c) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
    };
    for (const Value& value : row) {
      // A marker and the length before each value: NULL, '' and shifted boundaries all differ.
      byte(value ? 1 : 0);
      std::uint64_t size = value ? value->size() : 0;
      for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(size >> (8 * i)));
      if (value)
        for (unsigned char c : *value) byte(c);
    }
    a += finalize(ha);
    b += finalize(hb);
  }
  void add(const Checksum& other) {
    a += other.a;
    b += other.b;
  }
  bool operator==(const Checksum&) const = default;
  std::string hex() const {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    return text;
  }
};

}  // namespace llw::copy
