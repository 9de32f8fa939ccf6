#pragma once
// Accounts (tài khoản): a user belongs to an org unit and has one role.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace llw {

enum class Role {
  admin,        // quản trị hệ thống: everything
  coordinator,  // điều phối: reads and manages its unit's subtree
  reporter,     // báo cáo viên: fills its own unit's report
  viewer,       // xem: reads its unit's subtree
};

std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::viewer;
  std::optional<std::int64_t> unit_id;  // empty only for an admin
  std::string unit_code;
  std::string unit_path;  // copy of the unit's materialized path, for subtree checks
  bool disabled = false;
  // Someone else set the password (a new account, a reset, a one-time password on a slip): the
  // user must choose their own before doing anything else.
  bool must_change_password = false;
};

}  // namespace llw
