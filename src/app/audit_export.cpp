#include "app/audit_export.h"

#include <string_view>

namespace llw {
namespace {

// One CSV field: quoted when needed, and a leading = + - @ defused so a spreadsheet never runs
// a logged value as a formula.
std::string csv_field(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

std::string audit_csv(const std::vector<AuditEntry>& entries) {
  std::string csv = "\xEF\xBB\xBF";
  csv += "Thời gian,Người dùng,Địa chỉ,Hành động,Đối tượng,Chi tiết,Kết quả\r\n";
  for (const AuditEntry& entry : entries) {
    csv += csv_field(format_timestamp(entry.at)) + ',' + csv_field(entry.username) + ',' +
           csv_field(entry.address) + ',' + csv_field(entry.action) + ',' +
           csv_field(entry.target) + ',' + csv_field(entry.detail) + ',' +
           csv_field(entry.outcome) + "\r\n";
  }
  return csv;
}

}  // namespace llw
