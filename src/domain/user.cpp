#include "user.h"

namespace llw {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::coordinator:
      return "coordinator";
    case Role::reporter:
      return "reporter";
    case Role::viewer:
      return "viewer";
  }
  return "viewer";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (const Role role : {Role::admin, Role::coordinator, Role::reporter, Role::viewer}) {
    if (to_string(role) == text) return role;
  }
  return std::nullopt;
}

}  // namespace llw
