#include "web/pages/labels.h"

#include <map>
#include <sstream>
#include <vector>

#include "domain/campaign.h"
#include "domain/clock.h"
#include "web/pages/view_format.h"

namespace llw::pages {

namespace {

// A word of `words` in Vietnamese, or the word itself when none is known.
std::string word_of(const std::map<std::string, std::string, std::less<>>& words,
                    std::string_view word) {
  const auto it = words.find(word);
  return it == words.end() ? std::string(word) : it->second;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

// "2025-10-20" → "20/10/2025"; anything else as it is.
std::string date_words(const std::string& iso) {
  const auto date = parse_iso_date(iso);
  return date ? format_date(*date) : iso;
}

std::string role_words(std::string_view role) {
  const auto parsed = role_from_string(role);
  return parsed ? std::string(role_label(*parsed)) : std::string(role);
}

std::string kind_words(std::string_view kind) {
  const auto parsed = unit_kind_from_string(kind);
  return parsed ? std::string(vietnamese_label(*parsed)) : std::string(kind);
}

std::string source_words(std::string_view source) {
  const auto parsed = summary_source_from_string(source);
  if (!parsed) return std::string(source);
  return *parsed == SummarySource::accepted ? "chỉ báo cáo tổng hợp đã được chấp nhận"
                                            : "số liệu trực tiếp từ báo cáo của các đơn vị";
}

// The fields a sign-in, a unit's edit or a settings change names.
const std::map<std::string, std::string, std::less<>>& field_words() {
  static const std::map<std::string, std::string, std::less<>> words = {
      {"username", "tên đăng nhập"},
      {"password", "mật khẩu"},
      {"name", "tên"},
      {"kind", "loại"},
      {"level", "cấp học"},
      {"population", "số người"},
      {"email", "thư điện tử"},
      {"phone", "điện thoại"},
      {"signer", "người ký"},
      {"parent", "đơn vị cấp trên"},
      {"unit", "đơn vị"},
      {"role", "vai trò"},
      {"version", "phiên bản"},
      {"body", "dữ liệu gửi lên"},
  };
  return words;
}

// A unit's edit: "name, kind, parent HP-A → HP-B" → "Sửa: tên, loại, đơn vị cấp trên HP-A → HP-B".
std::string unit_change_words(const std::string& detail) {
  std::vector<std::string> parts;
  for (std::string part : split(detail, ',')) {
    part.erase(0, part.find_first_not_of(' '));
    const auto space = part.find(' ');
    const std::string field = part.substr(0, space);
    parts.push_back(word_of(field_words(), field) +
                    (space == std::string::npos ? "" : part.substr(space)));
  }
  return "Sửa: " + joined(parts, ", ");
}

// An account's change: "role=coordinator unit=HP-AH disabled=1 name".
std::string user_change_words(const std::string& detail) {
  std::vector<std::string> parts;
  for (const std::string& token : split(detail, ' ')) {
    const auto equals = token.find('=');
    const std::string key = token.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : token.substr(equals + 1);
    if (key == "role") {
      parts.push_back("vai trò: " + role_words(value));
    } else if (key == "unit") {
      parts.push_back("đơn vị: " + (value.empty() ? std::string("(không có)") : value));
    } else if (key == "disabled") {
      parts.push_back(value == "1" ? "khóa tài khoản" : "mở khóa tài khoản");
    } else if (key == "name") {
      parts.push_back("họ tên");
    } else {
      parts.push_back(token);
    }
  }
  return joined(parts, "; ");
}

// A campaign's settings: "2025-10-01..2025-10-07 deadline 2025-10-12 lock 2025-10-15
// source accepted kinds school,village".
std::string settings_words(const std::string& detail) {
  const std::vector<std::string> tokens = split(detail, ' ');
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    const bool has_value = i + 1 < tokens.size();
    if (const auto dots = token.find(".."); dots != std::string::npos) {
      parts.push_back("thời gian " + date_words(token.substr(0, dots)) + " – " +
                      date_words(token.substr(dots + 2)));
    } else if (token == "deadline" && has_value) {
      parts.push_back("hạn nộp " + date_words(tokens[++i]));
    } else if (token == "lock" && has_value) {
      parts.push_back("khóa sổ " + date_words(tokens[++i]));
    } else if (token == "source" && has_value) {
      parts.push_back("nguồn số liệu tổng hợp: " + source_words(tokens[++i]));
    } else if (token == "kinds" && has_value) {
      std::vector<std::string> kinds;
      for (const std::string& kind : split(tokens[++i], ',')) kinds.push_back(kind_words(kind));
      parts.push_back("đơn vị báo cáo: " + joined(kinds, ", "));
    } else {
      parts.push_back(token);
    }
  }
  return joined(parts, "; ");
}

// A reminder's slot: "d-3", "manual-2025-09-30", "review-5", "plan-12-2".
std::string slot_words(const std::string& slot) {
  if (starts_with(slot, "d-")) {
    const std::string days = slot.substr(2);
    return days == "0" ? "nhắc vào ngày hết hạn" : "nhắc " + days + " ngày trước hạn";
  }
  if (starts_with(slot, "manual-")) return "nhắc theo yêu cầu ngày " + date_words(slot.substr(7));
  if (starts_with(slot, "review-")) {
    return "thông báo kết quả duyệt (phiên bản " + slot.substr(7) + ")";
  }
  if (starts_with(slot, "plan-")) return "thông báo kế hoạch đã ban hành";
  return slot;
}

// A mail's record: "d-3 → a@b.vn" or "review-5 → a@b.vn: reason".
std::string mail_words(const std::string& detail) {
  const std::string arrow = " → ";
  const auto at = detail.find(arrow);
  if (at == std::string::npos) return detail;
  return slot_words(detail.substr(0, at)) + ", gửi tới " + detail.substr(at + arrow.size());
}

// "12 created, 3 updated" and "4 rows with errors, nothing written".
std::string import_words(const std::string& detail) {
  std::istringstream in(detail);
  long long first = 0;
  long long second = 0;
  std::string word;
  std::string rest;
  if (in >> first >> word) {
    if (word == "created," && in >> second >> rest && rest == "updated") {
      return std::to_string(first) + " đơn vị mới, " + std::to_string(second) + " đơn vị cập nhật";
    }
    if (word == "rows" && detail.find("nothing written") != std::string::npos) {
      return std::to_string(first) + " dòng có lỗi, không đơn vị nào được lưu";
    }
  }
  return detail;
}

}  // namespace

std::string_view role_label(Role role) {
  switch (role) {
    case Role::admin:
      return "Quản trị hệ thống";
    case Role::coordinator:
      return "Điều phối";
    case Role::reporter:
      return "Báo cáo viên";
    case Role::viewer:
      return "Xem";
  }
  return "";
}

std::string_view level_label(SchoolLevel level) {
  switch (level) {
    case SchoolLevel::none:
      return "— Không (không phải trường học) —";
    case SchoolLevel::preschool:
      return "Mầm non";
    case SchoolLevel::primary:
      return "Tiểu học";
    case SchoolLevel::lower_secondary:
      return "Trung học cơ sở";
    case SchoolLevel::upper_secondary:
      return "Trung học phổ thông";
    case SchoolLevel::continuing:
      return "Giáo dục thường xuyên";
  }
  return "";
}

std::string audit_action_label(const std::string& action) {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"login", "Đăng nhập"},
      {"report.save", "Lưu bản nháp"},
      {"report.submit", "Nộp báo cáo"},
      {"report.return", "Trả lại báo cáo"},
      {"report.accept", "Chấp nhận báo cáo"},
      {"report.reopen", "Mở lại báo cáo"},
      {"report.extension", "Gia hạn nhập báo cáo"},
      {"consolidated.submit", "Gửi báo cáo tổng hợp lên cấp trên"},
      {"consolidated.return", "Trả lại báo cáo tổng hợp"},
      {"consolidated.accept", "Chấp nhận báo cáo tổng hợp"},
      {"consolidated.reopen", "Mở lại báo cáo tổng hợp"},
      {"report.signed_copy", "Tải lên bản báo cáo đã ký số"},
      {"consolidated.signed_copy", "Tải lên bản báo cáo tổng hợp đã ký số"},
      {"campaign.signed_copy_required", "Đổi yêu cầu bản báo cáo đã ký số"},
      {"unit.create", "Tạo đơn vị"},
      {"unit.update", "Sửa đơn vị"},
      {"unit.move", "Chuyển đơn vị"},
      {"unit.import", "Nhập danh sách đơn vị"},
      {"user.create", "Tạo tài khoản"},
      {"user.update", "Sửa tài khoản"},
      {"user.reset_password", "Đặt lại mật khẩu"},
      {"user.change_password", "Đổi mật khẩu"},
      {"campaign.create", "Tạo đợt báo cáo"},
      {"campaign.settings", "Sửa cài đặt đợt báo cáo"},
      {"campaign.summary_source", "Đổi nguồn số liệu tổng hợp"},
      {"plan.save", "Lưu dự thảo kế hoạch"},
      {"plan.issue", "Ban hành kế hoạch"},
      {"form.add", "Thêm mẫu báo cáo"},
      {"reminder.request", "Yêu cầu gửi thư nhắc"},
      {"reminder.send", "Gửi thư nhắc"},
      {"review.mail", "Gửi thư báo kết quả duyệt"},
      {"campaign.next_year", "Tạo Tuần lễ năm sau từ năm này"},
      {"report.file_entry", "Nhập báo cáo từ tệp"},
      {"unit.predecessors", "Ghi các đơn vị được sáp nhập"},
      {"evidence.attach", "Đính kèm minh chứng"},
      {"evidence.remove", "Gỡ minh chứng"},
      {"evidence.annex_add", "Chọn ảnh vào phụ lục báo cáo tổng hợp"},
      {"evidence.annex_remove", "Bỏ ảnh khỏi phụ lục báo cáo tổng hợp"},
      // The audit page's filters by the start of an action.
      {"report.", "Mọi thao tác với báo cáo"},
      {"consolidated.", "Mọi thao tác với báo cáo tổng hợp"},
      {"plan.", "Mọi thao tác với kế hoạch"},
      {"unit.", "Mọi thao tác với đơn vị"},
      {"user.", "Mọi thao tác với tài khoản"},
      {"campaign.", "Mọi thao tác với đợt báo cáo"},
  };
  return word_of(labels, action);
}

std::string audit_target_label(const std::string& target) {
  // A unit import's target is the type of its file.
  if (target == "text/csv") return "Tệp CSV";
  if (target == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    return "Tệp Excel (.xlsx)";
  }
  const std::string prefix = "campaign ";
  return starts_with(target, prefix) ? "Đợt " + target.substr(prefix.size()) : target;
}

std::string audit_outcome_label(const std::string& outcome) {
  static const std::map<std::string, std::string, std::less<>> refusals = {
      {"bad_input", "yêu cầu không hợp lệ"},
      {"unauthenticated", "chưa đăng nhập hoặc sai mật khẩu"},
      {"forbidden", "không có quyền"},
      {"not_found", "không tìm thấy"},
      {"conflict", "xung đột với thay đổi khác"},
      {"too_large", "dữ liệu quá lớn"},
      {"validation_failed", "dữ liệu chưa hợp lệ"},
      {"rate_limited", "thử quá nhiều lần"},
      {"not_implemented", "chưa hỗ trợ"},
      {"unavailable", "hệ thống tạm thời không sẵn sàng"},
      {"internal", "lỗi hệ thống"},
  };
  if (outcome == "ok") return "Thành công";
  if (outcome == "failed") return "Không gửi được";
  return "Bị từ chối: " + word_of(refusals, outcome);
}

std::string audit_detail_label(const std::string& action, const std::string& detail) {
  if (detail.empty()) return detail;
  if (action == "login") return word_of(field_words(), detail);
  if (action == "report.extension") return "đến " + date_words(detail);
  if (action == "unit.update" || action == "unit.move") return unit_change_words(detail);
  if (action == "unit.import") return import_words(detail);
  if (action == "user.update") return user_change_words(detail);
  if (action == "user.create" || action == "user.reset_password") {
    std::vector<std::string> parts;
    for (const std::string& token : split(detail, ' ')) {
      parts.push_back(token == "one-time" ? "mật khẩu dùng một lần"
                                          : "vai trò: " + role_words(token));
    }
    return joined(parts, "; ");
  }
  if (action == "campaign.settings") return settings_words(detail);
  if (action == "campaign.summary_source") return "nguồn số liệu tổng hợp: " + source_words(detail);
  if (action == "plan.save" || action == "plan.issue") {
    const std::string prefix = "version ";
    if (starts_with(detail, prefix)) return "phiên bản " + detail.substr(prefix.size());
  }
  if (action == "reminder.send" || action == "review.mail") return mail_words(detail);
  return detail;
}

}  // namespace llw::pages
