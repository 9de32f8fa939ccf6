// The campaign settings page (/dot/{id}/cai-dat): name, dates, deadline and lock date, for the
// coordinators of the issuing unit and admins, which kinds of units report, and whether accepting
// a report needs a valid signed copy (saved through SignedCopies::set_required, as the API's
// /signed-copy-policy); the form is shown read-only. Dates are typed and shown dd/mm/yyyy. Its
// button "Tạo Tuần lễ năm 2026 từ năm 2025" posts to /dot/{id}/nam-sau (issue 18).

#include "web/pages/settings_pages.h"

#include <optional>

#include "app/campaigns.h"
#include "app/signed_copies.h"
#include "domain/access.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/pages/settings_view.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

namespace {

// The campaign, when the user may change its settings (manage_campaign at the issuer).
// Whether `user` may manage `campaign`: the access policy asked about its issuing unit.
bool may_manage(const User& user, const Campaign& campaign) {
  OrgUnit issuer;
  issuer.id = campaign.issuer_unit_id;
  issuer.code = campaign.issuer_code;
  issuer.path = campaign.issuer_path;
  return is_allowed(user, Action::manage_campaign, issuer);
}

Campaign campaign_to_manage(const UsesCampaigns& app, const User& user,
                            const std::string& id_text) {
  Campaign campaign = app.campaigns().get_campaign(user, parse_page_campaign_id(id_text));
  if (!may_manage(user, campaign)) {
    throw Error(ErrorKind::forbidden,
                "Chỉ điều phối viên của đơn vị ban hành kế hoạch hoặc quản trị viên mới xem và "
                "sửa được cài đặt của đợt báo cáo này.",
                "campaign");
  }
  return campaign;
}

}  // namespace

HttpResponse SettingsPages::campaign_settings(Context& context, const Params& params) {
  const Campaign campaign = campaign_to_manage(app_, context.user, params[0]);
  pages::FormEcho echo;
  if (context.request.query.count("ok")) {
    echo.values["saved"] = "Đã lưu cài đặt của đợt báo cáo.";
  } else if (context.request.query.count("nam-truoc")) {
    echo.values["saved"] = "Đã tạo " + campaign.name +
                           " từ năm trước: kế hoạch của mọi cấp là bản nháp, chưa ban hành. Hãy "
                           "nhập chủ đề năm " +
                           std::to_string(campaign.year) +
                           " và sửa những đoạn còn ghi năm cũ trong trang soạn kế hoạch.";
  }
  return page(context, 200, "campaign_settings", settings_view(context, campaign, echo));
}

nlohmann::json SettingsPages::settings_view(Context& context, const Campaign& campaign,
                                            const pages::FormEcho& echo) {
  nlohmann::json view = pages::campaign_settings_view(
      campaign, echo, app_.campaigns().next_year_campaign_id(context.user, campaign.id),
      app_.campaigns().available_forms());
  pages::add_signed_copy_choice(view, echo,
                                app_.signed_copies().required(context.user, campaign.id));
  return view;
}

// "Tạo Tuần lễ năm 2026 từ năm 2025": the next year's campaign, then its settings page. Started
// twice is the 409 error page with the use case's message.
HttpResponse SettingsPages::next_year_post(Context& context, const Params& params) {
  const Campaign next = app_.campaigns().start_next_year(
      context.user, parse_page_campaign_id(params[0]), context.form.value("form_id"),
      RequestContext{context.request.client_address});
  return redirect("/dot/" + std::to_string(next.id) + "/cai-dat?nam-truoc=1");
}

HttpResponse SettingsPages::campaign_settings_post(Context& context, const Params& params) {
  const Campaign campaign = campaign_to_manage(app_, context.user, params[0]);
  const auto& form = context.form;
  pages::FormEcho echo;
  CampaignSettings settings;
  settings.name = form.value("name");
  echo.values["name"] = settings.name;
  // The theme of the year: a next year's campaign starts without one (issue 18).
  if (form.has("theme")) {
    settings.theme = form.value("theme");
    echo.values["theme"] = *settings.theme;
  }
  const std::pair<const char*, std::chrono::year_month_day*> dates[] = {
      {"period_start", &settings.period_start},
      {"period_end", &settings.period_end},
      {"deadline", &settings.deadline},
      {"lock_date", &settings.lock_date}};
  for (const auto& [field, target] : dates) {
    const std::string& text = form.value(field);
    echo.values[field] = text;
    if (const auto date = pages::parse_vietnamese_date(text)) {
      *target = *date;
    } else {
      echo.errors[field] = text.empty()
                               ? "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 12/10/2025."
                               : "Ngày không hợp lệ. Hãy nhập một ngày có thật theo dạng "
                                 "ngày/tháng/năm, ví dụ 12/10/2025.";
    }
  }
  const std::string& source_text = form.value("summary_source");
  echo.values["summary_source"] = source_text;
  if (!source_text.empty()) {
    settings.summary_source = summary_source_from_string(source_text);
    if (!settings.summary_source) {
      echo.errors["summary_source"] = "Hãy chọn một trong hai cách tổng hợp số liệu.";
    }
  }
  // The kind checkboxes count only when the page's hidden marker came with them: a post without
  // it (an older page, a script) leaves the kinds as they are.
  if (form.has("reporting_kinds_present")) {
    echo.values["reporting_kinds_present"] = "1";
    settings.reporting_kinds.emplace();
    for (const UnitKind kind :
         {UnitKind::department, UnitKind::organization, UnitKind::village, UnitKind::school}) {
      const std::string name = "kind_" + std::string(to_string(kind));
      if (!form.has(name)) continue;
      echo.values[name] = "1";
      settings.reporting_kinds->push_back(kind);
    }
  }
  // The signed copy setting counts only when the page's hidden marker came with it, like the kinds.
  std::optional<bool> signed_copy_required;
  if (form.has("signed_copy_present")) {
    echo.values["signed_copy_present"] = "1";
    signed_copy_required = form.has("signed_copy_required");
    if (*signed_copy_required) echo.values["signed_copy_required"] = "1";
  }
  int status = 422;
  if (echo.errors.empty()) {
    try {
      const RequestContext request_context{context.request.client_address};
      app_.campaigns().update_campaign_settings(context.user, campaign.id, settings,
                                                request_context);
      // Saved (and audited) only when it changes, through the same use case as the API.
      if (signed_copy_required &&
          *signed_copy_required != app_.signed_copies().required(context.user, campaign.id)) {
        app_.signed_copies().set_required(context.user, campaign.id, *signed_copy_required,
                                          request_context);
      }
      return redirect("/dot/" + std::to_string(campaign.id) + "/cai-dat?ok=1");
    } catch (const Error& error) {
      // A kind whose reports have data cannot be removed (409): shown at the kinds like a
      // validation message, with the page kept as the user filled it.
      const bool kinds_refused =
          error.kind() == ErrorKind::conflict && error.field() == "reporting_kinds";
      if (error.kind() != ErrorKind::validation_failed && !kinds_refused) throw;
      for (const auto& [field, message] : error.fields()) echo.errors[field] = message;
      if (echo.errors.empty()) echo.errors[error.field()] = error.message();
      status = http_status(error.kind());
    }
  }
  echo.message = "Chưa lưu được. Hãy sửa các ô được đánh dấu bên dưới rồi bấm Lưu lại.";
  return page(context, status, "campaign_settings", settings_view(context, campaign, echo));
}

std::vector<PageRoute> SettingsPages::routes() {
  return {
      {"GET", {"dot", "{}", "cai-dat"}, bind(&SettingsPages::campaign_settings)},
      {"POST", {"dot", "{}", "cai-dat"}, bind(&SettingsPages::campaign_settings_post)},
      {"POST", {"dot", "{}", "nam-sau"}, bind(&SettingsPages::next_year_post)},
  };
}

}  // namespace llw
