#pragma once
// View data of the campaign settings page (/dot/{id}/cai-dat) and the parsing of the dates it
// takes, written the Vietnamese way (dd/mm/yyyy).

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "app/campaigns.h"
#include "domain/campaign.h"
#include "web/pages/form_echo.h"

namespace llw::pages {

// "12/10/2025" or "2/9/2025" → the date; nullopt for anything else or a day that does not exist
// ("31/02/2025").
std::optional<std::chrono::year_month_day> parse_vietnamese_date(std::string_view text);

// The form with the campaign's values (or the values typed, from `echo`), and what is shown
// read-only: the issuer, the kinds of units that report, the form; and the button that starts the
// next year from this one with a choice of its form among `forms` (this year's selected), or the
// link to the next year's campaign once `next_year_id` is set.
nlohmann::json campaign_settings_view(const Campaign& campaign, const FormEcho& echo,
                                      std::optional<std::int64_t> next_year_id = std::nullopt,
                                      const std::vector<FormChoice>& forms = {});

// Adds the campaign setting "Chỉ chấp nhận báo cáo có bản ký số hợp lệ" to the settings view: as
// posted when `echo` carries the form's marker, else `required` (the campaign's setting).
void add_signed_copy_choice(nlohmann::json& view, const FormEcho& echo, bool required);

}  // namespace llw::pages
