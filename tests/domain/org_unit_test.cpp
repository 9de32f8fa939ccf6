#include "domain/org_unit.h"

#include <gtest/gtest.h>

#include <vector>

#include "domain/error.h"

namespace llw {
namespace {

OrgUnit existing(UnitKind kind, const std::string& code = "AH") {
  OrgUnit unit;
  unit.id = 2;
  unit.code = code;
  unit.name = "Xã An Hưng";
  unit.kind = kind;
  unit.path = "/1/2/";
  return unit;
}

UnitInput school_input() {
  UnitInput input;
  input.code = "AH-THTT";
  input.name = "Trường Tiểu học Thị trấn";
  input.kind = UnitKind::school;
  input.level = SchoolLevel::primary;
  input.parent_code = "AH";
  input.population = {{"students", 450}, {"staff", 38}};
  return input;
}

// The field named by the validation error, or "" when the input is accepted.
std::string rejected_field(const UnitInput& input, const OrgUnit* parent) {
  try {
    validate_unit_input(input, parent);
    return "";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    EXPECT_FALSE(e.message().empty());
    EXPECT_TRUE(e.fields().count(e.field()));
    return e.field();
  }
}

TEST(OrgUnit, DepthCountsTheIdsOfItsPath) {
  OrgUnit unit;
  unit.path = "/1/";
  EXPECT_EQ(unit.depth(), 1);
  unit.path = "/1/17/342/";
  EXPECT_EQ(unit.depth(), 3);
}

TEST(OrgUnit, SubtreeTestUsesWholePathSegments) {
  OrgUnit parent = existing(UnitKind::commune);
  OrgUnit child;
  child.path = "/1/2/9/";
  OrgUnit lookalike;
  lookalike.path = "/1/23/";
  EXPECT_TRUE(child.is_in_subtree_of(parent));
  EXPECT_FALSE(lookalike.is_in_subtree_of(parent));
}

TEST(OrgUnit, KindsAndLevelsRoundTripThroughWireNames) {
  for (const UnitKind kind :
       {UnitKind::country, UnitKind::province, UnitKind::commune, UnitKind::department,
        UnitKind::organization, UnitKind::village, UnitKind::school}) {
    EXPECT_EQ(unit_kind_from_string(to_string(kind)), kind);
    EXPECT_FALSE(vietnamese_label(kind).empty());
  }
  EXPECT_EQ(school_level_from_string("lower_secondary"), SchoolLevel::lower_secondary);
  EXPECT_FALSE(unit_kind_from_string("ward").has_value());
  EXPECT_EQ(vietnamese_label(UnitKind::village), "Thôn");
}

TEST(ValidateUnitInput, AcceptsASchoolUnderACommune) {
  const OrgUnit commune = existing(UnitKind::commune);
  EXPECT_EQ(rejected_field(school_input(), &commune), "");
}

TEST(ValidateUnitInput, RejectsBadCodes) {
  const OrgUnit commune = existing(UnitKind::commune);
  for (const std::string& code :
       std::vector<std::string>{"", "-AH", "AH THTT", "Trường", std::string(65, 'A'), "a/b"}) {
    UnitInput input = school_input();
    input.code = code;
    EXPECT_EQ(rejected_field(input, &commune), "code") << code;
  }
  UnitInput longest = school_input();
  longest.code = std::string(64, 'A');
  EXPECT_EQ(rejected_field(longest, &commune), "");
}

TEST(ValidateUnitInput, RejectsBadNames) {
  const OrgUnit commune = existing(UnitKind::commune);
  for (const std::string& name :
       {std::string(""), std::string("   "), std::string("Tr\xff"), std::string(201, 'x')}) {
    UnitInput input = school_input();
    input.name = name;
    EXPECT_EQ(rejected_field(input, &commune), "name");
  }
}

TEST(ValidateUnitInput, RejectsBadPopulation) {
  const OrgUnit commune = existing(UnitKind::commune);
  UnitInput negative = school_input();
  negative.population["students"] = -1;
  EXPECT_EQ(rejected_field(negative, &commune), "population.students");
  UnitInput huge = school_input();
  huge.population["residents"] = 10'000'001;
  EXPECT_EQ(rejected_field(huge, &commune), "population.residents");
  UnitInput badgroup = school_input();
  badgroup.population["Học sinh"] = 3;
  EXPECT_NE(rejected_field(badgroup, &commune), "");
}

TEST(ValidateUnitInput, LevelOnlyForSchools) {
  const OrgUnit commune = existing(UnitKind::commune);
  UnitInput village = school_input();
  village.kind = UnitKind::village;
  EXPECT_EQ(rejected_field(village, &commune), "level");
  village.level = SchoolLevel::none;
  EXPECT_EQ(rejected_field(village, &commune), "");
}

TEST(ValidateUnitInput, ChildKindMustBeBelowTheParent) {
  const auto allowed = [](UnitKind parent, UnitKind child) {
    const OrgUnit p = existing(parent);
    UnitInput input = school_input();
    input.kind = child;
    input.level = SchoolLevel::none;
    return rejected_field(input, &p).empty();
  };
  EXPECT_TRUE(allowed(UnitKind::country, UnitKind::province));
  EXPECT_TRUE(allowed(UnitKind::province, UnitKind::commune));
  EXPECT_TRUE(allowed(UnitKind::commune, UnitKind::village));
  EXPECT_TRUE(allowed(UnitKind::commune, UnitKind::department));
  EXPECT_TRUE(allowed(UnitKind::department, UnitKind::school));
  EXPECT_TRUE(allowed(UnitKind::organization, UnitKind::organization));
  EXPECT_FALSE(allowed(UnitKind::commune, UnitKind::province));
  EXPECT_FALSE(allowed(UnitKind::province, UnitKind::province));
  EXPECT_FALSE(allowed(UnitKind::school, UnitKind::school));
  EXPECT_FALSE(allowed(UnitKind::village, UnitKind::organization));
  EXPECT_FALSE(allowed(UnitKind::school, UnitKind::commune));
}

TEST(ValidateUnitInput, RootHasNoParentCode) {
  UnitInput root = school_input();
  root.kind = UnitKind::country;
  root.level = SchoolLevel::none;
  root.parent_code.clear();
  EXPECT_EQ(rejected_field(root, nullptr), "");
  root.parent_code = "NOWHERE";
  EXPECT_EQ(rejected_field(root, nullptr), "parent");
}

TEST(ValidateUnitInput, RejectsMalformedEmail) {
  const OrgUnit commune = existing(UnitKind::commune);
  UnitInput input = school_input();
  input.email = "thtt at anhung";
  EXPECT_EQ(rejected_field(input, &commune), "email");
  input.email = "thtt@anhung.edu.vn";
  EXPECT_EQ(rejected_field(input, &commune), "");
}

TEST(PathIdsTest, ReadsTheIdsRootFirstAndNothingFromWhatIsNotAPath) {
  EXPECT_EQ(path_ids("/1/17/342/"), (std::vector<std::int64_t>{1, 17, 342}));
  EXPECT_EQ(path_ids("/1/"), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(path_ids("").empty());
  EXPECT_TRUE(path_ids("/").empty());
  EXPECT_TRUE(path_ids("/1/x/").empty());
  EXPECT_TRUE(path_ids("/-1/").empty());
}

TEST(UnitKindLabelTest, TheCountryIsToanQuocEverywhere) {
  EXPECT_EQ(vietnamese_label(UnitKind::country), "Toàn quốc");
  EXPECT_EQ(vietnamese_label(UnitKind::school), "Trường học");
}

TEST(OrgUnit, ATelephoneIsReadAsAVietnameseNumberWhateverTheSeparators) {
  EXPECT_EQ(vietnamese_phone_digits("0912 345 678"), "0912345678");
  EXPECT_EQ(vietnamese_phone_digits("0912.345.678"), "0912345678");
  EXPECT_EQ(vietnamese_phone_digits("+84 912-345-678"), "0912345678");
  EXPECT_EQ(vietnamese_phone_digits("(0225) 3842 123"), "02253842123");
  EXPECT_EQ(vietnamese_phone_digits("1900 1234"), "19001234");
  EXPECT_EQ(vietnamese_phone_digits("1800 123 456"), "1800123456");
  for (const char* wrong :
       {"", "12345", "0912 345 67", "09123456789", "+1 202 555 0100", "0112345678", "0912345678x",
        "091 234 5678 ext 2", "+84+912345678", "0912\n345678", "<0912345678>", "0000000000"}) {
    EXPECT_EQ(vietnamese_phone_digits(wrong), "") << wrong;
  }
  UnitInput input;
  input.code = "HP-AH-THTT";
  input.name = "Trường Tiểu học An Hưng";
  input.phone = "12345";
  try {
    validate_unit_input(input, nullptr);
    FAIL() << "a wrong telephone was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "phone");
    EXPECT_NE(e.message().find("Số điện thoại không hợp lệ"), std::string::npos);
  }
  input.phone = "0912 345 678";
  EXPECT_NO_THROW(validate_unit_input(input, nullptr));
}

}  // namespace
}  // namespace llw
