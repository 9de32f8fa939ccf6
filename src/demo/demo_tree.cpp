#include "demo/demo_tree.h"

#include <set>

#include "demo/rng.h"
#include "domain/text.h"

namespace llw::demo {
namespace {

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

std::string slug(std::string_view name) {
  std::string key = search_key(name);
  std::string out;
  for (char c : key) {
    if (c >= 'a' && c <= 'z') out += char(c - 'a' + 'A');
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return text;
}

UnitInput make_input(std::string code, std::string name, UnitKind kind, std::string parent,
                     Population population, SchoolLevel level) {
  UnitInput input;
  input.code = std::move(code);
  input.name = std::move(name);
  input.kind = kind;
  input.level = level;
  input.parent_code = std::move(parent);
  input.population = std::move(population);
  return input;
}

// A commune (xã) or ward (phường) and the units the plan addresses: the Phòng Văn hóa - Xã hội,
// the Trung tâm Sự nghiệp công, the organizations, the villages and the schools.
void add_commune(std::vector<UnitInput>& out, const CommuneSpec& spec) {
  Rng rng(demo_seed ^ hash_text(spec.province_code + spec.name));
  const std::string code = spec.province_code + "-" + slug(spec.name);
  const std::string level_word = spec.ward ? "phường" : "xã";
  const std::string full_name = (spec.ward ? "Phường " : "Xã ") + spec.name;
  const std::string mail_slug = lower(slug(spec.name));

  std::size_t commune_index = out.size();
  out.push_back(make_input(code, full_name, UnitKind::commune, spec.province_code));
  std::int64_t residents_total = 0;

  out.push_back(make_input(code + "-VHXH", "Phòng Văn hóa - Xã hội", UnitKind::department, code,
                           {{"staff", rng.between(6, 14)}}));
  out.push_back(make_input(code + "-TTSNC", "Trung tâm Sự nghiệp công", UnitKind::organization,
                           code, {{"staff", rng.between(12, 30)}}));
  const std::vector<std::pair<std::string, std::string>> organizations = {
      {"DTN", "Đoàn Thanh niên " + level_word + " " + spec.name},
      {"HLHPN", "Hội Liên hiệp Phụ nữ " + level_word + " " + spec.name},
      {"HKH", "Hội Khuyến học " + level_word + " " + spec.name},
      {"HCCB", "Hội Cựu chiến binh " + level_word + " " + spec.name},
      {"HND", "Hội Nông dân " + level_word + " " + spec.name},
  };
  for (const auto& [suffix, name] : organizations) {
    // Members are counted as residents: the people the organization reaches in the week.
    out.push_back(
        make_input(code + "-" + suffix, name, UnitKind::organization, code,
                   {{"residents", rng.between(150, 1200)}, {"staff", rng.between(3, 9)}}));
  }

  std::vector<std::string> villages = village_names;
  rng.shuffle(villages);
  const int village_count = int(rng.between(spec.villages_min, spec.villages_max));
  for (int i = 0; i < village_count; ++i) {
    std::int64_t residents = rng.between(800, 3000);
    residents_total += residents;
    out.push_back(make_input(code + "-THON" + two_digits(i + 1),
                             (spec.ward ? "Tổ dân phố " : "Thôn ") + villages[std::size_t(i)],
                             UnitKind::village, code, {{"residents", residents}}));
  }

  std::vector<std::string> small = preschool_names;
  std::vector<std::string> big = school_names;
  rng.shuffle(small);
  rng.shuffle(big);
  std::size_t next_big = 0;
  auto school = [&](const std::string& suffix, const std::string& prefix, const std::string& name,
                    SchoolLevel level, std::int64_t students_lo, std::int64_t students_hi,
                    std::int64_t staff_lo, std::int64_t staff_hi) {
    std::int64_t students = rng.between(students_lo, students_hi);
    Population population{{"students", students},
                          {"staff", rng.between(staff_lo, staff_hi)},
                          {"parents", std::int64_t(double(students) * rng.uniform(0.85, 1.0))}};
    UnitInput input = make_input(code + "-" + suffix, prefix + name, UnitKind::school, code,
                                 std::move(population), level);
    input.email = lower(suffix) + "." + mail_slug + "@" + spec.email_domain;
    // A landline the school's contact shows (no draw from rng: the figures stay what they were).
    const std::string serial = std::to_string(100000 + (out.size() * 7919) % 100000).substr(1);
    input.phone = "0225 38" + serial.substr(0, 2) + " " + serial.substr(2);
    out.push_back(std::move(input));
  };
  for (int i = 0; i < 3; ++i) {
    school("MN" + std::to_string(i + 1), "Trường Mầm non ",
           i == 0 ? spec.name : small[std::size_t(i)], SchoolLevel::preschool, 150, 420, 20, 45);
  }
  for (int i = 0; i < 3; ++i) {
    school("TH" + std::to_string(i + 1), "Trường Tiểu học ", i == 0 ? spec.name : big[next_big++],
           SchoolLevel::primary, 350, 900, 25, 55);
  }
  for (int i = 0; i < 2; ++i) {
    school("THCS" + std::to_string(i + 1), "Trường THCS ", i == 0 ? spec.name : big[next_big++],
           SchoolLevel::lower_secondary, 300, 850, 30, 60);
  }
  if (spec.upper_secondary) {
    school("THPT1", "Trường THPT ", big[next_big++], SchoolLevel::upper_secondary, 800, 1500, 50,
           90);
  }
  out[commune_index].population = {{"residents", residents_total}};
}

std::vector<std::string> commune_names(const Province& province, int count) {
  Rng rng(demo_seed ^ hash_text(province.code));
  std::vector<std::string> combos;
  for (const auto& a : first_syllables) {
    for (const auto& b : second_syllables) {
      if (a != b) combos.push_back(a + " " + b);
    }
  }
  rng.shuffle(combos);
  std::vector<std::string> names;
  std::set<std::string> slugs;
  if (std::string_view(province.code) == "HP") {
    names.push_back("An Hưng");
    slugs.insert("ANHUNG");
  }
  for (const auto& name : combos) {
    if (int(names.size()) >= count) break;
    if (slugs.insert(slug(name)).second) names.push_back(name);
  }
  return names;
}

std::string email_domain(const Province& province) {
  return lower(slug(province.name)) + ".edu.vn";
}

}  // namespace llw::demo
