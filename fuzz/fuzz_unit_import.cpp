// The unit import (CSV or XLSX, POST /api/v1/units/import and the import page): the first byte
// picks the content type the client claims, the rest is the file. Every file ends in rows or an
// Error listing what is wrong.
#include <cstdint>
#include <string_view>

#include "app/unit_import.h"
#include "domain/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view types[] = {
      "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "",
      "application/octet-stream"};
  const std::string_view type = types[data[0] % 4];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    llw::parse_units(body, type);
  } catch (const llw::Error&) {
  }
  return 0;
}
