#pragma once
// What a form shows back after a failed POST: the values typed (never passwords), a message per
// field and one above the form, as flat view keys a logic-free template reads: "<name>",
// "<name>_error", "<name>_has_error", "message", "has_message".

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace llw::pages {

struct FormEcho {
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> errors;
  std::string message;
};

inline void add_form_echo(nlohmann::json& view, const FormEcho& echo) {
  for (const auto& [name, value] : echo.values) view[name] = value;
  for (const auto& [name, message] : echo.errors) {
    view[name + "_error"] = message;
    view[name + "_has_error"] = true;
  }
  if (!echo.message.empty()) {
    view["has_message"] = true;
    view["message"] = echo.message;
  }
}

}  // namespace llw::pages
