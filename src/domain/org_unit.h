#pragma once
// Org units (đơn vị): a tree of any depth, stored with a materialized path so that a subtree is
// one index range.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llw {

enum class UnitKind { country, province, commune, department, organization, village, school };

// Cấp học of a school; `none` for every other kind.
enum class SchoolLevel { none, preschool, primary, lower_secondary, upper_secondary, continuing };

// Target population by group ("students", "staff", "parents", "residents") that participation
// rates are computed from.
using Population = std::map<std::string, std::int64_t>;

// Who signs the unit's documents, as the signature block of Nghị định 30 prints it: the authority
// line ("TM. ỦY BAN NHÂN DÂN"), the deputy line ("KT. CHỦ TỊCH"), the position ("PHÓ CHỦ TỊCH")
// and the name. All empty: documents use the default block of the unit's kind. Mirrors the
// documents layer's SignatureBlock, which the domain does not depend on.
struct UnitSigner {
  std::string authority;
  std::string deputy;
  std::string position;
  std::string name;

  bool empty() const {
    return authority.empty() && deputy.empty() && position.empty() && name.empty();
  }
  bool operator==(const UnitSigner&) const = default;
};

struct OrgUnit {
  std::int64_t id = 0;
  std::string code;  // stable, unique, ASCII: "HP-ANHUNG-THTT"
  std::string name;  // Vietnamese: "Trường Tiểu học Thị trấn"
  UnitKind kind = UnitKind::school;
  SchoolLevel level = SchoolLevel::none;
  std::optional<std::int64_t> parent_id;
  std::string parent_code;  // empty for the root
  // "/1/17/342/": ids from the root down to this unit, each followed by '/'. A unit is in the
  // subtree of `a` exactly when its path starts with a.path.
  std::string path;
  Population population;
  std::string email;  // contact address for reminders (may be empty)
  std::string phone;  // contact telephone as typed (may be empty), see vietnamese_phone_digits
  UnitSigner signer;

  int depth() const;  // number of ids in path; the root has depth 1
  bool is_in_subtree_of(const OrgUnit& ancestor) const { return path.rfind(ancestor.path, 0) == 0; }
};

// The ids of a materialized path, root first: "/1/17/342/" → {1, 17, 342}. Empty when the text
// is not a path (anything but digits and '/'). The one reader of the path's format.
std::vector<std::int64_t> path_ids(std::string_view path);

// What a caller supplies to create or update a unit.
struct UnitInput {
  std::string code;
  std::string name;
  UnitKind kind = UnitKind::school;
  SchoolLevel level = SchoolLevel::none;
  std::string parent_code;  // empty only for a root
  Population population;
  std::string email;
  std::string phone;  // a Vietnamese telephone number (vietnamese_phone_digits), or empty
  UnitSigner signer;  // kept by imports, which do not carry it
};

// A Vietnamese telephone number as people write it ("0912 345 678", "+84 912.345.678",
// "(0225) 3842 123", "1900 1234") → its digits in the national form ("0912345678",
// "02253842123", "19001234"): a mobile or landline number of 10 or 11 digits starting with 0,
// or a 1800/1900 service number. Empty when the text is not one.
std::string vietnamese_phone_digits(std::string_view text);

// Wire names: "country", "province", "commune", "department", "organization", "village",
// "school"; levels "preschool", "primary", "lower_secondary", "upper_secondary", "continuing".
// The key a unit is found by in searches without diacritics: its name's and its code's
// search_key (domain/text.h), stored with the unit.
std::string unit_search_key(std::string_view name, std::string_view code);

std::string_view to_string(UnitKind kind);
std::optional<UnitKind> unit_kind_from_string(std::string_view text);
std::string_view to_string(SchoolLevel level);
std::optional<SchoolLevel> school_level_from_string(std::string_view text);
// Vietnamese label of a kind for pages and messages ("Trường học", "Thôn", …).
std::string_view vietnamese_label(UnitKind kind);

// Whether a unit of kind `child` may sit directly under a unit of kind `parent` (a school under a
// commune or under the commune's education office, not a commune under a school).
bool can_have_child(UnitKind parent, UnitKind child);

// Checks a unit input (code charset and length, name length and UTF-8, population groups and
// non-negative counts, level only for schools, kind allowed under the parent's kind, signer
// lines of valid UTF-8 up to 200 characters) and throws
// Error{validation_failed} naming the field. `parent` is null for a root.
void validate_unit_input(const UnitInput& input, const OrgUnit* parent);

}  // namespace llw
