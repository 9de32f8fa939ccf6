#pragma once
// View data of the new-campaign page (/dot/moi): the year at the top, the theme of the year, the
// form, the kinds of units that report and the dates, every value as typed (or defaulted from the
// year) so that a refused form comes back filled.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/application.h"
#include "app/campaigns.h"
#include "web/pages/form_echo.h"

namespace llw::pages {

struct CampaignNewInput {
  int default_year = 0;  // the year the form starts from when nothing was typed
  // The issuing unit: the coordinator's own, shown read-only; an admin types it
  // (`choose_issuer`), starting from `issuer_code`.
  std::string issuer_code;
  std::string issuer_name;
  bool choose_issuer = false;
  std::vector<FormChoice> forms;
  FormEcho echo;  // values as posted (absent: the defaults) and errors by field
};

// Field names the page posts (besides the kind checkboxes "kind_<kind>").
inline constexpr const char* kCampaignNewFields[] = {"year",     "name",         "theme",
                                                     "form_id",  "period_start", "period_end",
                                                     "deadline", "lock_date",    "issuer"};

nlohmann::json campaign_new_view(const CampaignNewInput& input);

}  // namespace llw::pages
