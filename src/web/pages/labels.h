#pragma once
// The pages' one home for the Vietnamese words of the model's English names: roles, school
// levels, and everything the audit log stores in English (actions, targets, outcomes, details).
// Unit kinds and report states keep theirs in the domain (vietnamese_label, vietnamese_status),
// which the functions here reuse; a page that shows one of these names calls these.

#include <string>
#include <string_view>

#include "domain/org_unit.h"
#include "domain/user.h"

namespace llw::pages {

// "Quản trị hệ thống", "Điều phối", "Báo cáo viên", "Xem".
std::string_view role_label(Role role);

// "Mầm non", "Tiểu học", …; SchoolLevel::none is "— Không (không phải trường học) —".
std::string_view level_label(SchoolLevel level);

// "report.submit" → "Nộp báo cáo", a filter's "report." → "Mọi thao tác với báo cáo"; an action
// without words is shown as stored.
std::string audit_action_label(const std::string& action);

// "campaign 3 / HP-AH-THTT" → "Đợt 3 / HP-AH-THTT", "campaign 3" → "Đợt 3", an import's
// "text/csv" → "Tệp CSV"; other targets (a unit code, a username) as stored.
std::string audit_target_label(const std::string& target);

// "ok" → "Thành công", "failed" → "Không gửi được", "forbidden" → "Bị từ chối: không có quyền".
std::string audit_outcome_label(const std::string& outcome);

// An entry's detail in words: "role=coordinator unit=HP-AH disabled=1" → "vai trò: Điều phối;
// đơn vị: HP-AH; khóa tài khoản", "name, kind" → "Sửa: tên, loại", "2025-10-20" → "đến
// 20/10/2025", a sign-in's refused field "password" → "mật khẩu". Free text (a comment, a unit's
// name) and details of a shape not known here are shown as stored.
std::string audit_detail_label(const std::string& action, const std::string& detail);

}  // namespace llw::pages
