#include "access.h"

#include <string>

#include "error.h"

namespace llw {
namespace {

bool is_read(Action action) {
  return action == Action::read_unit || action == Action::read_report ||
         action == Action::read_summary;
}

std::string_view denial_message(Action action) {
  switch (action) {
    case Action::read_unit:
      return "Bạn không có quyền xem đơn vị này.";
    case Action::manage_unit:
      return "Bạn không có quyền tạo hoặc sửa đơn vị ở đây; chỉ điều phối viên của đơn vị cấp "
             "trên mới làm được.";
    case Action::read_report:
      return "Bạn không có quyền xem báo cáo của đơn vị này.";
    case Action::write_report:
      return "Bạn không có quyền nhập hoặc gửi báo cáo của đơn vị này; chỉ tài khoản của chính đơn "
             "vị mới làm được.";
    case Action::review_report:
      return "Bạn không có quyền duyệt, trả lại hoặc mở lại báo cáo này; việc đó thuộc đơn vị cấp "
             "trên.";
    case Action::read_summary:
      return "Bạn không có quyền xem báo cáo tổng hợp của đơn vị này.";
    case Action::manage_campaign:
      return "Bạn không có quyền tạo hoặc sửa kế hoạch của đơn vị này.";
    case Action::manage_users:
      return "Bạn không có quyền quản lý tài khoản của đơn vị này.";
    case Action::write_summary:
      return "Bạn không có quyền viết báo cáo tổng hợp của đơn vị này; chỉ điều phối viên của đơn "
             "vị hoặc cấp trên mới viết được.";
    case Action::submit_consolidated:
      return "Bạn không có quyền gửi báo cáo tổng hợp của đơn vị này lên cấp trên; chỉ điều phối "
             "viên của chính đơn vị mới gửi được.";
    case Action::read_audit:
      return "Bạn không có quyền xem nhật ký hoạt động của đơn vị này; chỉ điều phối viên của đơn "
             "vị hoặc cấp trên mới xem được.";
  }
  return "Bạn không có quyền thực hiện thao tác này.";
}

}  // namespace

bool is_allowed(const User& user, Action action, const OrgUnit& target) {
  if (user.disabled) return false;
  if (user.role == Role::admin) return true;
  // A non-admin without a unit path would match every path as a prefix: deny instead.
  if (user.unit_path.empty() || target.path.empty()) return false;
  const bool own = target.path == user.unit_path;
  const bool in_subtree = target.path.rfind(user.unit_path, 0) == 0;
  switch (user.role) {
    case Role::admin:
      return true;
    case Role::coordinator:
      // The review of a coordinator's own unit belongs to the level above.
      if (action == Action::review_report && own) return false;
      // A node's consolidated report goes up from its own coordinators only.
      if (action == Action::submit_consolidated) return own;
      return in_subtree;
    case Role::reporter:
      return own && (is_read(action) || action == Action::write_report);
    case Role::viewer:
      return in_subtree && is_read(action);
  }
  return false;
}

void require_allowed(const User& user, Action action, const OrgUnit& target) {
  if (!is_allowed(user, action, target)) {
    throw Error(ErrorKind::forbidden, std::string(denial_message(action)), "unit");
  }
}

bool may_manage_user(const User& actor, const User& target, const OrgUnit* unit) {
  if (actor.disabled) return false;
  if (actor.role == Role::admin) return true;
  if (target.role == Role::admin || unit == nullptr) return false;
  return is_allowed(actor, Action::manage_users, *unit);
}

bool may_assign_role(const User& actor, Role role, const OrgUnit* unit) {
  if (actor.disabled) return false;
  if (actor.role == Role::admin) return true;
  if (role == Role::admin || unit == nullptr) return false;
  return is_allowed(actor, Action::manage_users, *unit);
}

}  // namespace llw
