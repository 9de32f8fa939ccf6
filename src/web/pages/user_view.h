#pragma once
// View data of the account pages: the list of accounts with its search, the add form, one
// account's edit page, and the change-password page. Plain functions of values, tested as data.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/user.h"
#include "web/pages/form_echo.h"

namespace llw::pages {

// The roles `actor` may give, as <option>s, `selected` marked (a coordinator never sees admin).
nlohmann::json role_options(const User& actor, Role selected);

// The list page: the accounts found, the search text, and the add form.
nlohmann::json users_view(const User& actor, const std::vector<User>& users,
                          const std::string& search, std::size_t limit, const FormEcho& add);

// One account's page: its data and the forms to change role and unit, reset the password, and
// disable or enable it. `self` hides what one may not do to one's own account.
nlohmann::json user_edit_view(const User& actor, const User& user, const FormEcho& echo);

// The change-password page; `must_change` when an administrator set the password.
nlohmann::json change_password_view(bool must_change, const FormEcho& echo);

}  // namespace llw::pages
