#pragma once
// Helpers shared by the domain tests: the shipped 2025 form and small hand-written forms.

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/form.h"

namespace llw::testing {

inline nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return nlohmann::json::parse(in);
}

inline const std::string& form_2025_path() {
  static const std::string path = std::string(LLW_SOURCE_DIR) + "/forms/llw-2025.json";
  return path;
}

inline std::shared_ptr<const ReportForm> form_2025() {
  static const auto form = load_form(read_json_file(form_2025_path()), "forms/llw-2025.json");
  return form;
}

}  // namespace llw::testing
