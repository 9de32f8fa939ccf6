#include "web/pages/user_view.h"

#include "web/pages/labels.h"
#include "web/pages/page_support.h"

namespace llw::pages {

nlohmann::json role_options(const User& actor, Role selected) {
  nlohmann::json options = nlohmann::json::array();
  for (const Role role : {Role::reporter, Role::viewer, Role::coordinator, Role::admin}) {
    if (role == Role::admin && actor.role != Role::admin) continue;
    options.push_back({{"value", std::string(to_string(role))},
                       {"label", std::string(role_label(role))},
                       {"selected", role == selected}});
  }
  return options;
}

nlohmann::json users_view(const User& actor, const std::vector<User>& users,
                          const std::string& search, std::size_t limit, const FormEcho& add) {
  nlohmann::json rows = nlohmann::json::array();
  for (const User& user : users) {
    rows.push_back({{"username", user.username},
                    {"name", user.display_name},
                    {"role", std::string(role_label(user.role))},
                    {"unit", user.unit_code},
                    {"disabled", user.disabled},
                    {"href", "/quan-tri/tai-khoan/" + url_encode(user.username)}});
  }
  nlohmann::json view = {{"title", "Tài khoản"},
                         {"search", search},
                         {"users", std::move(rows)},
                         {"has_users", !users.empty()},
                         {"count", std::to_string(users.size())},
                         {"truncated", users.size() >= limit},
                         {"limit", std::to_string(limit)}};
  nlohmann::json form = nlohmann::json::object();
  Role role = Role::reporter;
  if (auto it = add.values.find("role"); it != add.values.end()) {
    role = role_from_string(it->second).value_or(Role::reporter);
  }
  add_form_echo(form, add);
  form["roles"] = role_options(actor, role);
  view["add"] = std::move(form);
  return view;
}

nlohmann::json user_edit_view(const User& actor, const User& user, const FormEcho& echo) {
  const bool self = actor.id == user.id;
  nlohmann::json view = {{"title", "Tài khoản " + user.username},
                         {"username", user.username},
                         {"name", user.display_name},
                         {"role_label", std::string(role_label(user.role))},
                         {"unit", user.unit_code},
                         {"disabled", user.disabled},
                         {"self", self},
                         {"may_change", !self},
                         {"action", "/quan-tri/tai-khoan/" + url_encode(user.username)},
                         {"roles", role_options(actor, user.role)}};
  nlohmann::json form = nlohmann::json::object();
  add_form_echo(form, echo);
  view["form"] = std::move(form);
  if (echo.values.count("saved")) {
    view["has_saved"] = true;
    view["saved"] = echo.values.at("saved");
  }
  return view;
}

nlohmann::json change_password_view(bool must_change, const FormEcho& echo) {
  nlohmann::json view = {{"title", "Đổi mật khẩu"}, {"must_change", must_change}};
  add_form_echo(view, echo);
  if (echo.values.count("saved")) view["has_saved"] = true;
  return view;
}

}  // namespace llw::pages
