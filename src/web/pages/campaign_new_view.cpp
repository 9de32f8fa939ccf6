#include "web/pages/campaign_new_view.h"

#include <algorithm>

#include "domain/campaign_defaults.h"
#include "domain/campaign_year.h"
#include "web/pages/view_format.h"

namespace llw::pages {

nlohmann::json campaign_new_view(const CampaignNewInput& input) {
  const FormEcho& echo = input.echo;
  const bool posted = echo.values.count("year") > 0;
  const CampaignDates dates = default_campaign_dates(input.default_year);
  nlohmann::json view = {
      {"title", "Tạo đợt báo cáo mới"},
      {"action", "/dot/moi"},
      {"issuer_code", input.issuer_code},
      {"issuer_name", input.issuer_name},
      {"choose_issuer", input.choose_issuer},
      {"issuer", input.issuer_code},
      {"year", std::to_string(input.default_year)},
      {"name", week_name(input.default_year)},
      {"theme", ""},
      {"period_start", format_date(dates.period_start)},
      {"period_end", format_date(dates.period_end)},
      {"deadline", format_date(dates.deadline)},
      {"lock_date", format_date(dates.lock_date)},
  };
  // The kinds as posted after a refusal, else the plan's usual ones.
  const std::vector<UnitKind> defaults = default_reporting_kinds();
  nlohmann::json kinds = nlohmann::json::array();
  for (const UnitKind kind : defaults) {
    const std::string value(to_string(kind));
    const bool checked = posted ? echo.values.count("kind_" + value) > 0 : true;
    kinds.push_back(
        {{"value", value}, {"label", std::string(vietnamese_label(kind))}, {"checked", checked}});
  }
  view["kind_choices"] = std::move(kinds);
  const auto posted_form = echo.values.find("form_id");
  nlohmann::json forms = nlohmann::json::array();
  for (std::size_t i = 0; i < input.forms.size(); ++i) {
    const FormChoice& choice = input.forms[i];
    const bool selected =
        posted_form != echo.values.end() ? posted_form->second == choice.id : i == 0;
    forms.push_back({{"value", choice.id},
                     {"label", choice.title + " (" + choice.id + ")"},
                     {"selected", selected}});
  }
  view["has_forms"] = !input.forms.empty();
  view["forms"] = std::move(forms);
  add_form_echo(view, echo);
  return view;
}

}  // namespace llw::pages
