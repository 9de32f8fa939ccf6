#include "storage/sql/rows.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "storage/sql/selected_values.h"
#include "storage/sql/text_rows.h"

namespace llw::sql {

using nlohmann::json;

void corrupt_column(std::string_view what, std::string_view value) {
  throw Error(ErrorKind::internal, "Dữ liệu trong cơ sở dữ liệu không hợp lệ (" +
                                       std::string(what) + " = '" + std::string(value) +
                                       "'). Hãy báo cho quản trị hệ thống.");
}

long long integer_field(std::optional<std::string_view> text, std::string_view what) {
  long long value = 0;
  if (!text) corrupt_column(what, "NULL");
  const char* end = text->data() + text->size();
  const auto [at, error] = std::from_chars(text->data(), end, value);
  if (error != std::errc() || at != end) corrupt_column(what, *text);
  return value;
}

UnitKind kind_column(const std::string& text) {
  auto kind = unit_kind_from_string(text);
  if (!kind) corrupt_column("units.kind", text);
  return *kind;
}

SchoolLevel level_column(const std::string& text) {
  auto level = school_level_from_string(text);
  if (!level) corrupt_column("units.level", text);
  return *level;
}

ReportStatus status_column(const std::string& text) {
  auto status = report_status_from_string(text);
  if (!status) corrupt_column("reports.status", text);
  return *status;
}

Role role_column(const std::string& text) {
  auto role = role_from_string(text);
  if (!role) corrupt_column("users.role", text);
  return *role;
}

std::chrono::year_month_day date_column(const std::string& text) {
  auto date = parse_iso_date(text);
  if (!date) corrupt_column("campaigns date", text);
  return *date;
}

std::string path_upper_bound(std::string prefix) {
  if (prefix.empty()) return "\x7f";
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

std::string contains_pattern(const std::string& key) {
  std::string pattern = "%";
  for (const char c : key) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

void UnitRow::bind(soci::statement& st) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(code));
  st.exchange(soci::into(name));
  st.exchange(soci::into(kind));
  st.exchange(soci::into(level));
  st.exchange(soci::into(parent_id, parent_ind));
  st.exchange(soci::into(parent_code, parent_code_ind));
  st.exchange(soci::into(path));
  st.exchange(soci::into(population_json));
  st.exchange(soci::into(email));
  st.exchange(soci::into(signer.authority));
  st.exchange(soci::into(signer.deputy));
  st.exchange(soci::into(signer.position));
  st.exchange(soci::into(signer.name));
  st.exchange(soci::into(phone));
}

OrgUnit UnitRow::to_unit() const {
  OrgUnit unit;
  unit.id = id;
  unit.code = code;
  unit.name = name;
  unit.kind = kind_column(kind);
  unit.level = level_column(level);
  if (parent_ind == soci::i_ok) unit.parent_id = parent_id;
  if (parent_code_ind == soci::i_ok) unit.parent_code = parent_code;
  unit.path = path;
  unit.population = json::parse(population_json).get<Population>();
  unit.email = email;
  unit.phone = phone;
  unit.signer = signer;
  return unit;
}

void ReportRow::bind(soci::statement& st) {
  st.exchange(soci::into(campaign_id));
  st.exchange(soci::into(unit_id));
  st.exchange(soci::into(unit_code));
  st.exchange(soci::into(status));
  st.exchange(soci::into(version));
  st.exchange(soci::into(values_json));
  st.exchange(soci::into(submitted_at, submitted_ind));
  st.exchange(soci::into(late));
  st.exchange(soci::into(updated_at));
  st.exchange(soci::into(updated_by, updated_by_ind));
  st.exchange(soci::into(comment));
}

UnitReport ReportRow::to_report(const ReportValueKeys& keys) const {
  UnitReport report;
  report.campaign_id = campaign_id;
  report.unit_id = unit_id;
  report.unit_code = unit_code;
  report.status = status_column(status);
  report.version = version;
  report.values = keys.only ? parse_selected_values(values_json, keys) : json::parse(values_json);
  if (submitted_ind == soci::i_ok) report.submitted_at = submitted_at;
  report.late = late != 0;
  report.updated_at = updated_at;
  if (updated_by_ind == soci::i_ok) report.updated_by = updated_by;
  report.comment = comment;
  return report;
}

void UserRow::bind(soci::statement& st) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(username));
  st.exchange(soci::into(display_name));
  st.exchange(soci::into(role));
  st.exchange(soci::into(unit_id, unit_ind));
  st.exchange(soci::into(unit_code, code_ind));
  st.exchange(soci::into(unit_path, path_ind));
  st.exchange(soci::into(disabled));
  st.exchange(soci::into(must_change_password));
}

User UserRow::to_user() const {
  User user;
  user.id = id;
  user.username = username;
  user.display_name = display_name;
  user.role = role_column(role);
  if (unit_ind == soci::i_ok) user.unit_id = unit_id;
  if (code_ind == soci::i_ok) user.unit_code = unit_code;
  if (path_ind == soci::i_ok) user.unit_path = unit_path;
  user.disabled = disabled != 0;
  user.must_change_password = must_change_password != 0;
  return user;
}

}  // namespace llw::sql
