#pragma once
// A form definition checked completely: every problem, not only the first (what an uploaded form
// version lists before anything is stored). load_form (form.h) stops at the first problem.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "form.h"

namespace llw {

struct FormCheck {
  // The form when the definition has no problem, null otherwise.
  std::shared_ptr<const ReportForm> form;
  // "<source>: <where>: <problem>", in the order of the definition: the top level, each section
  // and each of its items, the activities, each rule. A part with a problem is left out of the
  // rest of the check, so a rule naming a broken item reports that item as missing too.
  std::vector<std::string> problems;
};

FormCheck check_form(const nlohmann::json& definition, std::string_view source_name);

}  // namespace llw
