// A unit's report as a client PUTs it: the JSON body read as the API reads it (size, UTF-8,
// depth, JSON), then its values checked against the real form, for a draft and for a submit.
// Every input must end in values or an Error, never in a crash, a leak or undefined behaviour.
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/error.h"
#include "domain/form.h"
#include "domain/report.h"
#include "web/request_body.h"

namespace {

const llw::ReportForm& form() {
  static const auto loaded =
      llw::load_form(nlohmann::json::parse(std::ifstream(LLW_SOURCE_DIR "/forms/llw-2025.json")),
                     "forms/llw-2025.json");
  return *loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  llw::OrgUnit school;
  school.code = "HP-ANHUNG-TH1";
  school.kind = llw::UnitKind::school;
  school.population = {{"students", 450}, {"teachers", 30}};
  try {
    const nlohmann::json parsed = llw::parse_json_body(body, 1024 * 1024);
    if (!parsed.is_object()) return 0;
    const nlohmann::json& values = parsed.contains("values") ? parsed["values"] : parsed;
    if (!values.is_object()) return 0;
    llw::validate_values(form(), school, values, false);
    llw::validate_values(form(), school, values, true);
  } catch (const llw::Error&) {
  }
  return 0;
}
