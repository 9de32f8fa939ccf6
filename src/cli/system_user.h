#pragma once
// The actor of the command line's use cases: an administrator named "system", as the audit log
// records it. Whoever runs `llw` on the server may already read and write the database itself.

#include "domain/user.h"

namespace llw::cli {

inline User system_user() {
  User user;
  user.username = "system";
  user.display_name = "llw command line";
  user.role = Role::admin;
  return user;
}

}  // namespace llw::cli
