#include "org_unit.h"

#include <algorithm>
#include <map>

#include "error.h"
#include "text.h"

namespace llw {
namespace {

constexpr std::int64_t kMaxPopulation = 10'000'000;

bool is_code_char(char c, bool first) {
  const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return alnum || (!first && (c == '.' || c == '_' || c == '-'));
}

bool is_valid_code(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (!is_code_char(code[i], i == 0)) return false;
  }
  return true;
}

bool is_valid_group(std::string_view group) {
  if (group.empty() || group.size() > 32) return false;
  return std::all_of(group.begin(), group.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// The country is above provinces, provinces above communes, and communes above the units that
// report (departments, organizations, villages, schools).
int rank(UnitKind kind) {
  switch (kind) {
    case UnitKind::country:
      return 0;
    case UnitKind::province:
      return 1;
    case UnitKind::commune:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

bool can_have_child(UnitKind parent, UnitKind child) {
  if (rank(child) > rank(parent)) return true;
  // A department or organization may group units of the same rank below it (a school under the
  // commune's education office, a branch under an association).
  const bool grouping_parent = parent == UnitKind::department || parent == UnitKind::organization;
  return grouping_parent && rank(child) == 3;
}

std::vector<std::int64_t> path_ids(std::string_view path) {
  std::vector<std::int64_t> ids;
  std::int64_t current = 0;
  bool in_number = false;
  for (const char c : path) {
    if (c >= '0' && c <= '9') {
      current = current * 10 + (c - '0');
      in_number = true;
    } else if (c == '/') {
      if (in_number) ids.push_back(current);
      current = 0;
      in_number = false;
    } else {
      return {};
    }
  }
  return ids;
}

int OrgUnit::depth() const {
  if (path.empty()) return 0;
  return static_cast<int>(std::count(path.begin(), path.end(), '/')) - 1;
}

std::string_view to_string(UnitKind kind) {
  switch (kind) {
    case UnitKind::country:
      return "country";
    case UnitKind::province:
      return "province";
    case UnitKind::commune:
      return "commune";
    case UnitKind::department:
      return "department";
    case UnitKind::organization:
      return "organization";
    case UnitKind::village:
      return "village";
    case UnitKind::school:
      return "school";
  }
  return "school";
}

std::optional<UnitKind> unit_kind_from_string(std::string_view text) {
  for (const UnitKind kind :
       {UnitKind::country, UnitKind::province, UnitKind::commune, UnitKind::department,
        UnitKind::organization, UnitKind::village, UnitKind::school}) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

std::string_view to_string(SchoolLevel level) {
  switch (level) {
    case SchoolLevel::none:
      return "none";
    case SchoolLevel::preschool:
      return "preschool";
    case SchoolLevel::primary:
      return "primary";
    case SchoolLevel::lower_secondary:
      return "lower_secondary";
    case SchoolLevel::upper_secondary:
      return "upper_secondary";
    case SchoolLevel::continuing:
      return "continuing";
  }
  return "none";
}

std::optional<SchoolLevel> school_level_from_string(std::string_view text) {
  for (const SchoolLevel level :
       {SchoolLevel::none, SchoolLevel::preschool, SchoolLevel::primary,
        SchoolLevel::lower_secondary, SchoolLevel::upper_secondary, SchoolLevel::continuing}) {
    if (to_string(level) == text) return level;
  }
  return std::nullopt;
}

std::string_view vietnamese_label(UnitKind kind) {
  switch (kind) {
    case UnitKind::country:
      return "Toàn quốc";
    case UnitKind::province:
      return "Tỉnh, thành phố";
    case UnitKind::commune:
      return "Xã, phường";
    case UnitKind::department:
      return "Phòng, ban";
    case UnitKind::organization:
      return "Tổ chức, đơn vị";
    case UnitKind::village:
      return "Thôn";
    case UnitKind::school:
      return "Trường học";
  }
  return "";
}

std::string vietnamese_phone_digits(std::string_view text) {
  if (text.size() > 24) return {};
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
      return {};
    }
  }
  if (plus) {
    // Only Vietnam's country code: +84 912 345 678 is 0912 345 678.
    if (digits.rfind("84", 0) != 0) return {};
    digits = "0" + digits.substr(2);
  }
  const bool service = (digits.rfind("1800", 0) == 0 || digits.rfind("1900", 0) == 0) &&
                       (digits.size() == 8 || digits.size() == 10) && !plus;
  const bool national = digits.size() >= 10 && digits.size() <= 11 && digits[0] == '0' &&
                        std::string_view("235789").find(digits[1]) != std::string_view::npos;
  // A mobile number has 10 digits; only a landline (02…) has 11.
  if (national && digits.size() == 11 && digits[1] != '2') return {};
  return service || national ? digits : std::string();
}

void validate_unit_input(const UnitInput& input, const OrgUnit* parent) {
  std::map<std::string, std::string> fields;
  const auto fail = [&](const std::string& field, std::string message) {
    fields.emplace(field, std::move(message));
  };

  if (!is_valid_code(input.code)) {
    fail("code",
         "Mã đơn vị gồm 1–64 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch "
         "ngang, bắt đầu bằng chữ cái hoặc chữ số (ví dụ HP-ANHUNG-THTT).");
  }
  if (!is_clean_text(input.name, TextShape::line)) {
    fail("name", unclean_text_message("Tên đơn vị", TextShape::line));
  } else if (input.name.empty() || is_blank(input.name)) {
    fail("name", "Hãy nhập tên đơn vị.");
  } else if (utf8_length(input.name) > 200) {
    fail("name", "Tên đơn vị dài tối đa 200 ký tự.");
  }
  if (input.level != SchoolLevel::none && input.kind != UnitKind::school) {
    fail("level", "Chỉ trường học mới có cấp học; hãy bỏ cấp học hoặc chọn loại “Trường học”.");
  }
  for (const auto& [group, count] : input.population) {
    const std::string field = "population." + sanitize_utf8(group);
    if (!is_valid_group(group)) {
      fail(field,
           "Tên nhóm đối tượng gồm 1–32 chữ thường không dấu hoặc gạch dưới (ví dụ students).");
    } else if (count < 0) {
      fail(field, "Số người của nhóm đối tượng không được âm.");
    } else if (count > kMaxPopulation) {
      fail(field, "Số người của nhóm đối tượng không được lớn hơn " +
                      format_vietnamese_number(static_cast<double>(kMaxPopulation)) + ".");
    }
  }
  if (!input.email.empty()) {
    const auto at = input.email.find('@');
    const bool plausible = at != std::string::npos && at > 0 && at + 1 < input.email.size() &&
                           input.email.size() <= 254 &&
                           input.email.find_first_of(" \t\r\n,;<>") == std::string::npos &&
                           is_valid_utf8(input.email);
    if (!plausible) fail("email", "Địa chỉ thư điện tử không hợp lệ (ví dụ thtt@anhung.edu.vn).");
  }
  if (!input.phone.empty() && vietnamese_phone_digits(input.phone).empty()) {
    fail("phone",
         "Số điện thoại không hợp lệ: hãy nhập số di động 10 chữ số (ví dụ 0912 345 678) hoặc "
         "số cố định có mã vùng (ví dụ 0225 3842 123).");
  }
  const std::pair<const char*, const std::string*> signer_lines[] = {
      {"signer.authority", &input.signer.authority},
      {"signer.deputy", &input.signer.deputy},
      {"signer.position", &input.signer.position},
      {"signer.name", &input.signer.name}};
  for (const auto& [field, line] : signer_lines) {
    if (!is_clean_text(*line, TextShape::line)) {
      fail(field, unclean_text_message("Dòng chữ ký", TextShape::line));
    } else if (utf8_length(*line) > 200) {
      fail(field, "Mỗi dòng chữ ký dài tối đa 200 ký tự.");
    }
  }
  if (parent == nullptr) {
    if (!input.parent_code.empty()) {
      fail("parent", "Không tìm thấy đơn vị cấp trên “" + sanitize_utf8(input.parent_code) + "”.");
    }
  } else if (!can_have_child(parent->kind, input.kind)) {
    fail("kind", "Đơn vị loại “" + std::string(vietnamese_label(input.kind)) +
                     "” không thể trực thuộc đơn vị loại “" +
                     std::string(vietnamese_label(parent->kind)) +
                     "”; hãy chọn đơn vị cấp trên phù hợp.");
  } else if (parent->code == input.code) {
    fail("parent", "Một đơn vị không thể là cấp trên của chính nó.");
  }

  if (fields.empty()) return;
  // The first field in a stable order gives the headline message; all of them go in `fields`.
  static const char* const kOrder[] = {"code", "name", "kind", "level", "parent", "email", "phone"};
  for (const char* field : kOrder) {
    if (auto it = fields.find(field); it != fields.end()) {
      throw Error(ErrorKind::validation_failed, it->second, it->first, fields);
    }
  }
  const auto& first = *fields.begin();
  throw Error(ErrorKind::validation_failed, first.second, first.first, fields);
}

std::string unit_search_key(std::string_view name, std::string_view code) {
  return search_key(name) + " " + search_key(code);
}

}  // namespace llw
