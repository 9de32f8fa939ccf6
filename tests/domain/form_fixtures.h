#pragma once
// Helpers shared by the domain tests: the shipped 2025 form, a campaign on it and small
// hand-written forms.

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/campaign.h"
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

// A 2025 campaign on the shipped form, issued by the root (/1/), that schools and villages report
// to; what the summary arithmetic needs and nothing else.
inline Campaign campaign_2025() {
  Campaign campaign;
  campaign.id = 1;
  campaign.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
  campaign.year = 2025;
  campaign.issuer_path = "/1/";
  campaign.reporting_kinds = {UnitKind::school, UnitKind::village};
  campaign.form = form_2025();
  campaign.form_id = "llw-2025";
  return campaign;
}

}  // namespace llw::testing
