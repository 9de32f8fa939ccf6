#include "web/pages/unit_accounts_view.h"

namespace llw::pages {

nlohmann::json unit_accounts_view(const UnitAccountsPageInput& input) {
  const std::string campaign = input.campaign_id ? std::to_string(*input.campaign_id) : "";
  nlohmann::json view = {{"title", "Tài khoản cho các đơn vị"},
                         {"action", "/quan-tri/tai-khoan-don-vi"},
                         {"unit_code", input.unit.code},
                         {"unit_name", input.unit.name},
                         {"campaign", campaign}};
  nlohmann::json campaigns = nlohmann::json::array();
  campaigns.push_back({{"value", ""},
                       {"label", "Mọi đơn vị thuộc loại phải báo cáo"},
                       {"selected", !input.campaign_id}});
  for (const auto& [id, name] : input.campaigns) {
    campaigns.push_back({{"value", std::to_string(id)},
                         {"label", "Đơn vị phải báo cáo trong: " + name},
                         {"selected", input.campaign_id == id}});
  }
  view["campaigns"] = std::move(campaigns);
  nlohmann::json units = nlohmann::json::array();
  nlohmann::json accounts = nlohmann::json::array();
  int without = 0;
  for (const UnitAccountStatus& status : input.units) {
    std::string names;
    for (const std::string& name : status.reporters) {
      names += (names.empty() ? "" : ", ") + name;
      accounts.push_back({{"username", name},
                          {"unit", status.unit.name},
                          {"checked", input.echo.values.count("reset_" + name) > 0}});
    }
    if (status.reporters.empty()) ++without;
    units.push_back({{"code", status.unit.code},
                     {"name", status.unit.name},
                     {"accounts", names},
                     {"has_account", !status.reporters.empty()}});
  }
  view["units"] = std::move(units);
  view["has_units"] = !input.units.empty();
  view["accounts"] = std::move(accounts);
  view["has_accounts"] = !view["accounts"].empty();
  view["without_count"] = std::to_string(without);
  view["has_without"] = without > 0;
  nlohmann::json issued = nlohmann::json::array();
  for (const IssuedAccount& account : input.issued) {
    issued.push_back({{"unit", account.unit.name},
                      {"code", account.unit.code},
                      {"username", account.username},
                      {"password", account.password},
                      {"kind", account.created ? "Tạo mới" : "Đặt lại"}});
  }
  view["has_issued"] = !input.issued.empty();
  view["issued"] = std::move(issued);
  view["has_notice"] = !input.notice.empty();
  view["notice"] = input.notice;
  add_form_echo(view, input.echo);
  return view;
}

}  // namespace llw::pages
