#pragma once
// The demo's org tree (demo_tree.cpp): a commune or ward with the units its plan addresses (the
// Phòng Văn hóa - Xã hội, the Trung tâm Sự nghiệp công, the organizations, the villages and the
// schools), the commune names of a province, and the small name helpers the accounts share.

#include <string>
#include <string_view>
#include <vector>

#include "demo/demo_names.h"
#include "domain/org_unit.h"

namespace llw::demo {

// "An Hưng" → "ANHUNG".
std::string slug(std::string_view name);
// ASCII letters to lower case.
std::string lower(std::string text);

struct CommuneSpec {
  std::string province_code;
  std::string email_domain;  // "haiphong.edu.vn"
  std::string name;          // "An Hưng"
  bool ward = false;
  int villages_min = 10;
  int villages_max = 10;
  bool upper_secondary = false;
};

UnitInput make_input(std::string code, std::string name, UnitKind kind, std::string parent,
                     Population population = {}, SchoolLevel level = SchoolLevel::none);

// Appends the commune of `spec` and its units to `out`, the commune first.
void add_commune(std::vector<UnitInput>& out, const CommuneSpec& spec);

// Commune names of one province, unique by code; Hải Phòng's list starts with the seed's An Hưng.
std::vector<std::string> commune_names(const Province& province, int count);

// The province's education e-mail domain: "haiphong.edu.vn".
std::string email_domain(const Province& province);

}  // namespace llw::demo
