// A form definition (forms/*.json, or one an administrator uploads): parsed and checked
// completely; a bad one is an Error naming the problem, never a crash.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "domain/form.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto definition = nlohmann::json::parse(data, data + size, nullptr, false);
  if (definition.is_discarded()) return 0;
  try {
    const auto form = llw::load_form(definition, "fuzz.json");
    // A loaded form must round-trip.
    llw::load_form(form->to_json(), "fuzz-again.json");
  } catch (const llw::Error&) {
  }
  return 0;
}
