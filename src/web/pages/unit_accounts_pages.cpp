// The unit accounts page (/quan-tri/tai-khoan-don-vi): a coordinator (or admin) sees which units
// of its subtree have no reporter account and creates them in one step, or resets chosen ones.
// A create or reset answers with the slips PDF (format=pdf), generated from the passwords in
// memory in this request, or with the passwords shown once on the page (format=html). Access and
// rules are the Application's (unit_accounts.cpp).

#include "web/pages/unit_accounts_pages.h"

#include "app/accounts.h"
#include "app/campaigns.h"
#include "app/units.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/pages/unit_accounts_view.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

namespace {

UnitAccountScope scope_of(const User& user, const std::string& unit_code,
                          const std::string& campaign_text) {
  UnitAccountScope scope;
  scope.unit_code = unit_code.empty() ? user.unit_code : unit_code;
  if (scope.unit_code.empty()) {
    throw Error(ErrorKind::bad_input, "Hãy nhập mã đơn vị để xem danh sách.", "unit");
  }
  if (!campaign_text.empty()) scope.campaign_id = parse_page_campaign_id(campaign_text);
  return scope;
}

std::string query_value(const HttpRequest& request, const std::string& name) {
  return pages::query_value(request.query, name);
}

}  // namespace

HttpResponse UnitAccountsPages::unit_accounts_page(Context& context, const UnitAccountScope& scope,
                                                   int status, pages::UnitAccountsPageInput input) {
  input.units = app_.accounts().unit_accounts(context.user, scope);
  input.unit = app_.units().get_unit(context.user, scope.unit_code);
  input.campaign_id = scope.campaign_id;
  for (const Campaign& campaign : app_.campaigns().list_campaigns(context.user)) {
    input.campaigns.emplace_back(campaign.id, campaign.name);
  }
  return page(context, status, "unit_accounts", pages::unit_accounts_view(input));
}

HttpResponse UnitAccountsPages::unit_accounts(Context& context, const Params&) {
  std::string campaign = query_value(context.request, "dot");
  if (!context.request.query.count("dot")) {
    if (const auto current = default_campaign(context.user)) campaign = std::to_string(current->id);
  }
  std::string unit = query_value(context.request, "don-vi");
  if (unit.empty() && context.user.role == Role::admin) {
    if (const auto current = default_campaign(context.user)) unit = current->issuer_code;
  }
  return unit_accounts_page(context, scope_of(context.user, unit, campaign), 200, {});
}

HttpResponse UnitAccountsPages::unit_accounts_post(Context& context, const Params&) {
  const auto& form = context.form;
  const UnitAccountScope scope = scope_of(context.user, form.value("unit"), form.value("campaign"));
  const RequestContext request_context{context.request.client_address};
  pages::UnitAccountsPageInput input;
  std::vector<IssuedAccount> issued;
  try {
    if (form.value("action") == "reset") {
      std::vector<std::string> usernames;
      for (const auto& [name, value] : form.fields) {
        if (name.rfind("reset_", 0) == 0) {
          usernames.push_back(name.substr(6));
          input.echo.values[name] = "1";
        }
      }
      issued = app_.accounts().reset_unit_accounts(context.user, scope, usernames, request_context);
    } else if (form.value("action") == "create") {
      issued = app_.accounts().create_unit_accounts(context.user, scope, request_context);
    } else {
      throw Error(ErrorKind::bad_input, "Thao tác không hợp lệ; hãy tải lại trang.", "action");
    }
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::validation_failed) throw;
    for (const auto& [field, message] : error.fields()) input.echo.errors[field] = message;
    input.echo.message = error.message();
    return unit_accounts_page(context, scope, http_status(error.kind()), std::move(input));
  }
  if (issued.empty()) {
    input.notice = "Mọi đơn vị trong danh sách đã có tài khoản; không tạo thêm tài khoản nào.";
    return unit_accounts_page(context, scope, 200, std::move(input));
  }
  if (form.value("format") == "pdf") {
    const OrgUnit unit = app_.units().get_unit(context.user, scope.unit_code);
    return download(credential_slips_pdf(issued, unit.name, sign_in_address(context.request)));
  }
  input.notice =
      "Đã cấp mật khẩu dùng một lần cho " + std::to_string(issued.size()) + " tài khoản.";
  input.issued = std::move(issued);
  return unit_accounts_page(context, scope, 200, std::move(input));
}

std::vector<PageRoute> UnitAccountsPages::routes() {
  return {
      {"GET", {"quan-tri", "tai-khoan-don-vi"}, bind(&UnitAccountsPages::unit_accounts)},
      {"POST", {"quan-tri", "tai-khoan-don-vi"}, bind(&UnitAccountsPages::unit_accounts_post)},
  };
}

}  // namespace llw
