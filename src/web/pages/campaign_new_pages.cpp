// The new-campaign page (/dot/moi): a coordinator starts the year's campaign for its own unit's
// subtree (an admin for any unit) from the year alone — the name and every date default from it —
// plus the theme of the year, the form and the kinds of units that report. Built on
// Application::create_campaign, which checks access and validates; this file reads the form and
// shows each refusal next to its field with the form kept as typed.

#include "web/pages/campaign_new_pages.h"

#include <charconv>

#include "app/campaigns.h"
#include "app/units.h"
#include "domain/access.h"
#include "domain/campaign_defaults.h"
#include "domain/campaign_year.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/pages/campaign_new_view.h"
#include "web/pages/settings_view.h"

namespace llw {
namespace {

const char* const not_campaign_manager =
    "Chỉ điều phối viên (cho đơn vị của mình) hoặc quản trị viên mới tạo được đợt báo cáo.";

// The page's starting state for `user`: the issuer is the coordinator's own unit (refused for
// anyone else who may not manage campaigns there); an admin chooses.
pages::CampaignNewInput new_campaign_input(const CampaignNewPages::Areas& app, const User& user) {
  pages::CampaignNewInput input;
  input.default_year = vietnam_year(app.now());
  if (user.role == Role::admin) {
    input.choose_issuer = true;
    return input;
  }
  if (user.role != Role::coordinator || user.unit_code.empty()) {
    throw Error(ErrorKind::forbidden, not_campaign_manager, "unit");
  }
  const OrgUnit unit = app.units().get_unit(user, user.unit_code);
  require_allowed(user, Action::manage_campaign, unit);
  input.issuer_code = unit.code;
  input.issuer_name = unit.name;
  return input;
}

std::optional<int> parse_year(const std::string& text) {
  int year = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (error != std::errc{} || end != text.data() + text.size() || text.size() != 4 ||
      year < kFirstCampaignYear || year > kLastCampaignYear) {
    return std::nullopt;
  }
  return year;
}

// The page's field for a use-case field ("plan.theme" is the theme box).
std::string page_field(const std::string& field) {
  if (field == "plan.theme") return "theme";
  return field;
}

}  // namespace

HttpResponse CampaignNewPages::campaign_new(Context& context, const Params&) {
  pages::CampaignNewInput input = new_campaign_input(app_, context.user);
  input.forms = app_.campaigns().available_forms();
  return page(context, 200, "campaign_new", pages::campaign_new_view(input));
}

HttpResponse CampaignNewPages::campaign_new_post(Context& context, const Params&) {
  pages::CampaignNewInput input = new_campaign_input(app_, context.user);
  input.forms = app_.campaigns().available_forms();
  const auto& form = context.form;
  pages::FormEcho& echo = input.echo;
  for (const char* field : pages::kCampaignNewFields) echo.values[field] = form.value(field);

  Campaign campaign;
  const auto year = parse_year(form.value("year"));
  if (!year) {
    echo.errors["year"] = "Năm phải là số có 4 chữ số, từ " + std::to_string(kFirstCampaignYear) +
                          " đến " + std::to_string(kLastCampaignYear) + " (ví dụ 2026).";
  }
  campaign.year = year.value_or(0);
  // A name or a date left empty takes the year's default.
  campaign.name = form.value("name");
  if (campaign.name.empty() && year) campaign.name = week_name(*year);
  const CampaignDates defaults = default_campaign_dates(year.value_or(input.default_year));
  const std::tuple<const char*, std::chrono::year_month_day*, std::chrono::year_month_day> dates[] =
      {{"period_start", &campaign.period_start, defaults.period_start},
       {"period_end", &campaign.period_end, defaults.period_end},
       {"deadline", &campaign.deadline, defaults.deadline},
       {"lock_date", &campaign.lock_date, defaults.lock_date}};
  for (const auto& [field, target, fallback] : dates) {
    const std::string& text = form.value(field);
    if (text.empty()) {
      *target = fallback;
    } else if (const auto date = pages::parse_vietnamese_date(text)) {
      *target = *date;
    } else {
      echo.errors[field] =
          "Ngày không hợp lệ. Hãy nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 12/10/" +
          std::to_string(year.value_or(input.default_year)) +
          ", hoặc để trống để lấy ngày mặc định.";
    }
  }
  if (const std::string& theme = form.value("theme"); !theme.empty()) {
    campaign.plan["theme"] = theme;
  }
  campaign.form_id = form.value("form_id");
  const bool known_form =
      std::any_of(input.forms.begin(), input.forms.end(),
                  [&](const FormChoice& f) { return f.id == campaign.form_id; });
  if (!known_form) echo.errors["form_id"] = "Hãy chọn một mẫu báo cáo trong danh sách.";
  for (const UnitKind kind : default_reporting_kinds()) {
    const std::string name = "kind_" + std::string(to_string(kind));
    if (!form.has(name)) continue;
    echo.values[name] = "1";
    campaign.reporting_kinds.push_back(kind);
  }
  if (campaign.reporting_kinds.empty()) {
    echo.errors["reporting_kinds"] = "Hãy chọn ít nhất một loại đơn vị phải báo cáo.";
  }
  campaign.issuer_code = input.choose_issuer ? form.value("issuer") : input.issuer_code;
  if (input.choose_issuer && (campaign.issuer_code.empty() || campaign.issuer_code.size() > 64)) {
    echo.errors["issuer"] = "Hãy nhập mã đơn vị ban hành kế hoạch (tối đa 64 ký tự, ví dụ HP).";
  }

  int status = 422;
  if (echo.errors.empty()) {
    try {
      const Campaign created = app_.campaigns().create_campaign(
          context.user, campaign, RequestContext{context.request.client_address});
      return redirect("/dot/" + std::to_string(created.id) + "/tong-quan/" +
                      pages::url_encode(created.issuer_code));
    } catch (const Error& error) {
      // An admin's unknown issuer is a wrong value of the issuer box, not a missing page.
      const bool unknown_issuer = error.kind() == ErrorKind::not_found && error.field() == "issuer";
      if (error.kind() != ErrorKind::validation_failed && !unknown_issuer) throw;
      for (const auto& [field, message] : error.fields()) echo.errors[page_field(field)] = message;
      if (error.fields().empty()) echo.errors[page_field(error.field())] = error.message();
      status = unknown_issuer ? 422 : http_status(error.kind());
    }
  }
  echo.message = "Chưa tạo được đợt báo cáo. Hãy sửa các ô được đánh dấu bên dưới rồi bấm Tạo đợt.";
  return page(context, status, "campaign_new", pages::campaign_new_view(input));
}

std::vector<PageRoute> CampaignNewPages::routes() {
  return {
      {"GET", {"dot", "moi"}, bind(&CampaignNewPages::campaign_new)},
      {"POST", {"dot", "moi"}, bind(&CampaignNewPages::campaign_new_post)},
  };
}

}  // namespace llw
