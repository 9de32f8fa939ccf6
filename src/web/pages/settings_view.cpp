#include "web/pages/settings_view.h"

#include <algorithm>

#include "web/pages/view_format.h"

namespace llw::pages {

std::optional<std::chrono::year_month_day> parse_vietnamese_date(std::string_view text) {
  // d/m/yyyy with one or two digits for day and month, exactly four for the year.
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int part = 0;
  for (const char c : text) {
    if (c == '/') {
      if (++part > 2) return std::nullopt;
    } else if (c >= '0' && c <= '9') {
      if (++digits[part] > 4) return std::nullopt;
      parts[part] = parts[part] * 10 + (c - '0');
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits[0] < 1 || digits[0] > 2 || digits[1] < 1 || digits[1] > 2 ||
      digits[2] != 4) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{parts[2]},
                                         std::chrono::month{unsigned(parts[1])},
                                         std::chrono::day{unsigned(parts[0])}};
  if (!date.ok()) return std::nullopt;
  return date;
}

nlohmann::json campaign_settings_view(const Campaign& campaign, const FormEcho& echo,
                                      std::optional<std::int64_t> next_year_id,
                                      const std::vector<FormChoice>& forms) {
  std::string kinds;
  for (const UnitKind kind : campaign.reporting_kinds) {
    kinds += (kinds.empty() ? "" : "; ") + std::string(vietnamese_label(kind));
  }
  nlohmann::json view = {
      {"title", "Cài đặt đợt báo cáo"},
      {"action", "/dot/" + std::to_string(campaign.id) + "/cai-dat"},
      {"issuer", campaign.issuer_code},
      {"year", std::to_string(campaign.year)},
      {"form_id", campaign.form_id},
      {"form_title", campaign.form ? campaign.form->title : std::string{}},
      {"reporting_kinds", std::move(kinds)},
      {"name", campaign.name},
      {"theme", campaign.theme()},
      {"period_start", format_date(campaign.period_start)},
      {"period_end", format_date(campaign.period_end)},
      {"deadline", format_date(campaign.deadline)},
      {"lock_date", format_date(campaign.lock_date)},
  };
  // One checkbox per kind a campaign may ask to report; after a refused post, ticked as posted.
  const bool echoed_kinds = echo.values.count("reporting_kinds_present") > 0;
  nlohmann::json choices = nlohmann::json::array();
  for (const UnitKind kind :
       {UnitKind::department, UnitKind::organization, UnitKind::village, UnitKind::school}) {
    const std::string value(to_string(kind));
    const bool checked =
        echoed_kinds ? echo.values.count("kind_" + value) > 0
                     : std::find(campaign.reporting_kinds.begin(), campaign.reporting_kinds.end(),
                                 kind) != campaign.reporting_kinds.end();
    choices.push_back(
        {{"value", value}, {"label", std::string(vietnamese_label(kind))}, {"checked", checked}});
  }
  view["kind_choices"] = std::move(choices);
  const auto echoed_source = echo.values.find("summary_source");
  const std::string source = echoed_source != echo.values.end() && !echoed_source->second.empty()
                                 ? echoed_source->second
                                 : std::string(to_string(campaign.summary_source));
  view["source_live_checked"] = source == "live";
  view["source_accepted_checked"] = source == "accepted";
  const std::string year = std::to_string(campaign.year);
  const std::string next_year = std::to_string(campaign.year + 1);
  view["next_year"] = next_year;
  view["next_year_label"] = "Tạo Tuần lễ năm " + next_year + " từ năm " + year;
  view["next_year_action"] = "/dot/" + std::to_string(campaign.id) + "/nam-sau";
  nlohmann::json next_year_forms = nlohmann::json::array();
  for (const FormChoice& choice : forms) {
    next_year_forms.push_back({{"value", choice.id},
                               {"label", choice.title + " (" + choice.id + ")"},
                               {"selected", choice.id == campaign.form_id}});
  }
  view["has_next_year_forms"] = forms.size() > 1;
  view["next_year_forms"] = std::move(next_year_forms);
  if (next_year_id) {
    view["has_next_year"] = true;
    view["next_year_href"] = "/dot/" + std::to_string(*next_year_id) + "/cai-dat";
  }
  add_form_echo(view, echo);
  if (echo.values.count("saved")) view["has_saved"] = true;
  return view;
}

void add_signed_copy_choice(nlohmann::json& view, const FormEcho& echo, bool required) {
  view["signed_copy_required"] = echo.values.count("signed_copy_present") > 0
                                     ? echo.values.count("signed_copy_required") > 0
                                     : required;
}

}  // namespace llw::pages
