#include "app/demo_data.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "app/demo_campaign.h"
#include "app/demo_names.h"
#include "app/password.h"
#include "app/store_access.h"
#include "app/vietnamese_text.h"
#include "domain/error.h"

namespace llw {

using nlohmann::json;
using namespace std::chrono;

using demo::first_syllables;
using demo::october;
using demo::preschool_names;
using demo::Province;
using demo::provinces;
using demo::school_names;
using demo::second_syllables;
using demo::village_names;

namespace {

// ---- Deterministic randomness --------------------------------------------------------------

// splitmix64: tiny, fast and the same on every platform (std distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive
    if (hi <= lo) return lo;
    return lo + std::int64_t(next() % std::uint64_t(hi - lo + 1));
  }
  bool chance(double p) { return uniform() < p; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[std::size_t(next() % items.size())];
  }
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[next() % i]);
  }

 private:
  std::uint64_t state_;
};

std::uint64_t hash_text(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

constexpr std::uint64_t demo_seed = 20251001;

// ---- Names -----------------------------------------------------------------------------------

// "An Hưng" → "ANHUNG".
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

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// ---- The org tree ----------------------------------------------------------------------------

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
                     Population population = {}, SchoolLevel level = SchoolLevel::none) {
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

// Commune names of one province, unique by code; Hải Phòng's list starts with the seed's An Hưng.
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

// ---- Report values -------------------------------------------------------------------------

const std::vector<std::string> advantages_texts = {
    "Được sự quan tâm, chỉ đạo sát sao của Đảng ủy, UBND xã và sự phối hợp chặt chẽ của các "
    "ban, ngành, đoàn thể; cán bộ, giáo viên nhiệt tình, trách nhiệm.",
    "Cơ sở vật chất, trang thiết bị cơ bản đáp ứng yêu cầu; hệ thống loa truyền thanh, trang "
    "thông tin điện tử hoạt động thường xuyên, thuận lợi cho công tác tuyên truyền.",
    "Phụ huynh và nhân dân đồng tình, ủng hộ; học sinh hứng thú tham gia các hoạt động đọc sách, "
    "trải nghiệm STEM và các cuộc thi.",
    "Thư viện số, kho học liệu mở được đưa vào sử dụng, giúp giáo viên và học sinh dễ dàng khai "
    "thác tài liệu học tập."};
const std::vector<std::string> difficulties_texts = {
    "Thời gian tổ chức Tuần lễ trùng với nhiều hoạt động đầu năm học nên việc bố trí lực lượng "
    "còn gặp khó khăn.",
    "Kinh phí dành cho các hoạt động còn hạn chế; một số thiết bị công nghệ thông tin đã cũ, "
    "đường truyền internet chưa ổn định.",
    "Một bộ phận người dân, nhất là người cao tuổi, còn hạn chế trong việc sử dụng thiết bị số và "
    "các nền tảng học tập trực tuyến.",
    "Số đầu sách mới, sách điện tử còn ít; nhân viên thư viện kiêm nhiệm nhiều việc."};
const std::vector<std::string> next_plan_texts = {
    "Tiếp tục duy trì ngày đọc sách hằng tháng, phát triển tủ sách lớp học và thư viện số của "
    "đơn vị.",
    "Tổ chức bồi dưỡng kỹ năng số cho cán bộ, giáo viên, nhân viên; khuyến khích học sinh sử "
    "dụng kho học liệu mở.",
    "Duy trì các câu lạc bộ học tập, câu lạc bộ STEM; nhân rộng các gương điển hình tự học, học "
    "tập suốt đời.",
    "Phối hợp với Hội Khuyến học vận động xây dựng mô hình gia đình học tập, dòng họ học tập."};
const std::vector<std::string> recommendation_texts = {
    "Đề nghị UBND xã quan tâm bổ sung kinh phí mua sắm sách, thiết bị phục vụ thư viện số.",
    "Đề nghị cấp trên tổ chức tập huấn về khai thác tài nguyên giáo dục mở và ứng dụng trí tuệ "
    "nhân tạo trong dạy học.",
    "Đề nghị tăng cường kết nối với doanh nghiệp công nghệ để học sinh được tham quan, trải "
    "nghiệm thực tế.",
    "Không có kiến nghị thêm."};
const std::vector<std::string> awareness_students_texts = {
    "Học sinh nhận thức rõ hơn ý nghĩa của việc tự học, hình thành thói quen đọc sách và khai "
    "thác tài liệu trên thư viện số.",
    "Các em tích cực tham gia hoạt động trải nghiệm, mạnh dạn chia sẻ phương pháp học tập hiệu "
    "quả của bản thân."};
const std::vector<std::string> awareness_community_texts = {
    "Phụ huynh và cộng đồng hiểu rõ hơn tầm quan trọng của học tập suốt đời, tích cực đồng hành "
    "cùng nhà trường.",
    "Nhiều gia đình đăng ký danh hiệu gia đình học tập; người dân quan tâm hơn đến các lớp kỹ "
    "năng số."};
const std::vector<std::string> emulation_texts = {
    "Phong trào thi đua học tập diễn ra sôi nổi, gắn với chủ đề “Học để phát triển bản thân, làm "
    "chủ tri thức và công nghệ”.",
    "Các chi đội, lớp học thi đua đọc sách, viết bài, làm video giới thiệu sách với chủ đề học "
    "tập suốt đời."};
const std::vector<std::string> commend_notes_texts = {
    "Khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong các cuộc thi và hoạt động của "
    "Tuần lễ.",
    "Biểu dương kịp thời các gương tự học tiêu biểu tại buổi tổng kết Tuần lễ."};
const std::vector<std::string> generic_texts = {
    "Đơn vị đã triển khai nghiêm túc, đúng kế hoạch.",
    "Các hoạt động được tổ chức thiết thực, phù hợp với điều kiện của đơn vị."};
const std::vector<std::string> reward_forms = {
    "Giấy khen của Hiệu trưởng", "Giấy khen của Chủ tịch UBND xã", "Tặng sách và phần thưởng",
    "Biểu dương tại cuộc họp"};
const std::vector<std::string> other_activity_names = {
    "Tọa đàm “Học để làm chủ công nghệ”", "Ngày hội sách và văn hóa đọc",
    "Lớp kỹ năng số cho người cao tuổi",  "Tham quan doanh nghiệp công nghệ",
    "Cuộc thi lập trình Scratch",         "Trạm tư vấn học tập lưu động"};

const std::vector<std::string>& texts_for(const std::string& key) {
  auto has = [&](const char* word) { return key.find(word) != std::string::npos; };
  if (has("advantage")) return advantages_texts;
  if (has("difficult")) return difficulties_texts;
  if (has("next") || has("plan")) return next_plan_texts;
  if (has("recommend")) return recommendation_texts;
  if (has("awareness_students")) return awareness_students_texts;
  if (has("awareness") || has("community")) return awareness_community_texts;
  if (has("emulation")) return emulation_texts;
  if (has("commend")) return commend_notes_texts;
  return generic_texts;
}

std::string fit(std::string text, std::optional<double> max) {
  // The pools are far below every sensible limit; a form with a tiny limit gets a short word
  // rather than a text cut in the middle of a character.
  if (max && utf8_length(text) > std::size_t(*max)) return std::size_t(*max) >= 2 ? "Có" : "";
  return text;
}

double clamp_to(const std::optional<double>& min, const std::optional<double>& max, double v) {
  if (max && v > *max) v = *max;
  if (min && v < *min) v = *min;
  return v;
}

// Generates values from the form's item types, measures and rules, so any form gets values that
// pass its own validation.
class ValueGenerator {
 public:
  explicit ValueGenerator(const ReportForm& form) : form_(form), items_(form.items()) {
    for (const CrossRule& rule : form.rules) {
      if (rule.kind == CrossRule::Kind::at_most_population)
        population_group_[rule.item] = rule.group;
    }
    for (const ActivityInfo& a : form.activities()) direction_[a.key] = a.default_direction;
    for (const auto& [key, label] : form.directions) directions_.push_back(key);
  }

  json generate(const OrgUnit& unit, Rng& rng, bool complete, const std::string& plan_number) {
    json values = json::object();
    std::int64_t population_total = 0;
    for (const auto& [group, n] : unit.population) population_total += n;
    const bool school = unit.kind == UnitKind::school;
    std::map<std::string, bool> held;

    for (const FormItem* item : items_) {
      const std::string& key = item->key;
      switch (item->type) {
        case ItemType::yes_no: {
          if (item->measure == "held") {
            const bool school_only = item->activity == "flag_talk" || item->activity == "stem" ||
                                     item->activity == "extracurricular" ||
                                     item->activity == "art_clubs";
            double p = school ? 0.8 : (school_only ? 0.1 : 0.45);
            held[item->activity] = rng.chance(p);
            values[key] = held[item->activity];
          } else {
            values[key] = rng.chance(0.6);
          }
          break;
        }
        case ItemType::count:
        case ItemType::number: {
          double v = 0;
          if (!item->activity.empty()) {
            const bool on = held.count(item->activity) ? held[item->activity] : rng.chance(0.5);
            if (!on) {
              break;  // an activity not held leaves its figures empty, as a person would
            } else if (item->measure == "sessions") {
              v = double(rng.between(1, school ? 6 : 3));
            } else if (item->measure == "participants") {
              // Villages, departments and organizations run activities for the community, so
              // their participants are not bounded by their own staff.
              std::int64_t cap =
                  school ? population_total : std::max<std::int64_t>(population_total, 80);
              std::int64_t lo = std::min<std::int64_t>(cap, 15);
              v = double(rng.between(lo, std::max(lo, std::int64_t(double(cap) * 0.6))));
            } else {
              v = double(rng.between(0, 5));
            }
          } else if (auto g = population_group_.find(key); g != population_group_.end()) {
            auto p = unit.population.find(g->second);
            // Pupils and staff mostly take part; parents and residents less so.
            const bool close = g->second == "students" || g->second == "staff";
            const double share = close ? rng.uniform(0.7, 0.98) : rng.uniform(0.2, 0.6);
            v = p == unit.population.end() ? 0 : std::floor(double(p->second) * share);
          } else if (item->summary.rfind("commendations.", 0) == 0) {
            v = double(key.find("individual") != std::string::npos ? rng.between(0, 12)
                                                                   : rng.between(0, 3));
          } else if (key.find("banner") != std::string::npos) {
            v = double(rng.between(1, 8));
          } else {
            v = double(rng.between(0, school ? 6 : 4));
          }
          values[key] = std::int64_t(clamp_to(item->min, item->max, v));
          break;
        }
        case ItemType::percent:
          values[key] = clamp_to(item->min, item->max, double(rng.between(50, 100)));
          break;
        case ItemType::date:
          values[key] = "2025-10-0" + std::to_string(rng.between(1, 7));
          break;
        case ItemType::short_text:
          values[key] = fit(key.find("form") != std::string::npos ? rng.pick(reward_forms)
                                                                  : rng.pick(generic_texts),
                            item->max);
          break;
        case ItemType::narrative:
          // The parts the summary gathers are always written; the others only by some units.
          if (item->aggregate == AggregateRule::texts_by_unit || rng.chance(0.5)) {
            values[key] = fit(rng.pick(texts_for(key)), item->max);
          }
          break;
        case ItemType::choice: {
          if (item->choices.empty()) break;
          if (item->measure == "direction") {
            auto h = held.find(item->activity);
            if (h != held.end() && !h->second) break;  // an activity not held has no direction
            const std::string& d = direction_[item->activity];
            bool usable =
                std::find(item->choices.begin(), item->choices.end(), d) != item->choices.end();
            values[key] = usable && rng.chance(0.8) ? d : rng.pick(item->choices);
          } else {
            values[key] = rng.pick(item->choices);
          }
          break;
        }
        case ItemType::table:
          values[key] = table_rows(*item, unit, rng, plan_number);
          break;
      }
    }
    apply_rules(values);
    if (!complete) keep_first_part(values, rng);
    return values;
  }

  // Makes `values` pass validation by resetting or dropping what the validator names; returns
  // false when that was not enough.
  bool repair(json& values, const OrgUnit& unit, bool for_submit) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      auto problems = validate_values(form_, unit, values, for_submit);
      if (problems.empty()) return true;
      for (const auto& [field, message] : problems) {
        std::string key = field.substr(0, field.find_first_of("[."));
        const FormItem* item = form_.find_item(key);
        if (item &&
            (item->type == ItemType::count || item->type == ItemType::number ||
             item->type == ItemType::percent) &&
            !(item->min && *item->min > 0)) {
          values[key] = 0;
        } else {
          values.erase(key);
        }
      }
    }
    return validate_values(form_, unit, values, for_submit).empty();
  }

 private:
  json table_rows(const FormItem& item, const OrgUnit& unit, Rng& rng,
                  const std::string& plan_number) {
    json rows = json::array();
    int count = !item.activity.empty() ? int(rng.between(0, 2)) : int(rng.between(1, 2));
    if (item.max_rows) count = std::min(count, *item.max_rows);
    for (int r = 0; r < count; ++r) {
      json row = json::object();
      for (const TableColumn& column : item.columns) {
        const std::string& key = column.key;
        switch (column.type) {
          case ItemType::count:
          case ItemType::number:
          case ItemType::percent: {
            double v = column.measure == "participants" ? double(rng.between(20, 150))
                                                        : double(rng.between(1, 3));
            row[key] = std::int64_t(clamp_to(column.min, column.max, v));
            break;
          }
          case ItemType::date:
            row[key] = r == 0 ? "2025-10-01" : "2025-10-0" + std::to_string(rng.between(2, 3));
            break;
          case ItemType::choice:
            if (!column.choices.empty()) row[key] = rng.pick(column.choices);
            break;
          case ItemType::yes_no:
            row[key] = rng.chance(0.7);
            break;
          case ItemType::short_text:
          case ItemType::narrative: {
            std::string text;
            const bool number = key.find("number") != std::string::npos;
            if (column.measure == "name" || (!number && !item.activity.empty())) {
              text = rng.pick(other_activity_names);
            } else if (number) {
              text = r == 0 ? plan_number
                            : std::to_string(rng.between(10, 150)) + "/KH-" +
                                  unit.code.substr(unit.code.rfind('-') + 1);
            } else {
              text = r == 0 ? "Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025"
                            : "Kế hoạch triển khai Tuần lễ hưởng ứng học tập suốt đời năm 2025 "
                              "tại đơn vị";
            }
            row[key] = fit(text, column.max);
            break;
          }
          case ItemType::table:
            break;
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void apply_rules(json& values) {
    auto number = [&](const std::string& key) -> std::optional<double> {
      if (!values.contains(key) || !values[key].is_number()) return std::nullopt;
      return values[key].get<double>();
    };
    auto yes = [&](const std::string& key) {
      return values.contains(key) && values[key].is_boolean() && values[key].get<bool>();
    };
    for (const CrossRule& rule : form_.rules) {
      switch (rule.kind) {
        case CrossRule::Kind::at_most_item: {
          auto v = number(rule.item);
          auto limit = number(rule.other);
          if (v && limit && *v > *limit) values[rule.item] = std::int64_t(*limit);
          break;
        }
        case CrossRule::Kind::zero_unless_yes:
          if (!yes(rule.other) && number(rule.item)) values[rule.item] = 0;
          break;
        case CrossRule::Kind::required_if_yes:
          if (yes(rule.other) && !values.contains(rule.item)) {
            if (const FormItem* item = form_.find_item(rule.item)) {
              if (item->type == ItemType::short_text || item->type == ItemType::narrative) {
                values[rule.item] = generic_texts.front();
              } else if (item->type == ItemType::count || item->type == ItemType::number) {
                values[rule.item] = 1;
              }
            }
          }
          break;
        case CrossRule::Kind::at_most_population:
          break;  // generated within the population already
      }
    }
  }

  // A draft: the first 30–70 % of the form in its order, as someone filling it top-down would.
  void keep_first_part(json& values, Rng& rng) {
    std::size_t keep = std::size_t(double(items_.size()) * rng.uniform(0.3, 0.7));
    for (std::size_t i = keep; i < items_.size(); ++i) values.erase(items_[i]->key);
  }

  const ReportForm& form_;
  std::vector<const FormItem*> items_;
  std::map<std::string, std::string> population_group_;
  std::map<std::string, std::string> direction_;
  std::vector<std::string> directions_;
};

// ---- Campaign and reports --------------------------------------------------------------------

Timestamp at_vietnam_time(year_month_day date, int hour, int minute) {
  return end_of_day_in_vietnam(date) - 86399 + hour * 3600 + minute * 60;
}

enum class DemoState { not_started, draft, on_time, late, returned, accepted };

const char* state_name(DemoState s) {
  switch (s) {
    case DemoState::not_started:
      return "not_started";
    case DemoState::draft:
      return "draft";
    case DemoState::on_time:
      return "submitted_on_time";
    case DemoState::late:
      return "submitted_late";
    case DemoState::returned:
      return "returned";
    case DemoState::accepted:
      return "accepted";
  }
  return "not_started";
}

DemoState random_state(Rng& rng) {
  double x = rng.uniform();
  if (x < 0.07) return DemoState::not_started;
  if (x < 0.15) return DemoState::draft;
  if (x < 0.17) return DemoState::returned;
  if (x < 0.27) return DemoState::accepted;
  if (x < 0.37) return DemoState::late;
  return DemoState::on_time;
}

// For a small tree every state appears: a fixed mix, shuffled.
std::vector<DemoState> small_tree_states(std::size_t n, Rng& rng) {
  const std::vector<DemoState> mix = {
      DemoState::not_started, DemoState::draft,    DemoState::on_time,     DemoState::late,
      DemoState::on_time,     DemoState::accepted, DemoState::on_time,     DemoState::draft,
      DemoState::on_time,     DemoState::returned, DemoState::on_time,     DemoState::not_started,
      DemoState::on_time,     DemoState::late,     DemoState::on_time,     DemoState::accepted,
      DemoState::on_time,     DemoState::on_time,  DemoState::draft,       DemoState::on_time,
      DemoState::late,        DemoState::on_time,  DemoState::not_started, DemoState::on_time,
      DemoState::on_time};
  std::vector<DemoState> states;
  for (std::size_t i = 0; i < n; ++i) states.push_back(mix[i % mix.size()]);
  rng.shuffle(states);
  return states;
}

UnitReport make_report(const Campaign& campaign, const OrgUnit& unit, DemoState state,
                       ValueGenerator& generator, Rng& rng, DemoState& actual) {
  UnitReport report;
  report.campaign_id = campaign.id;
  report.unit_id = unit.id;
  report.unit_code = unit.code;
  actual = state;
  const std::string plan_number = campaign.plan.value("number", std::string("83/KH-UBND"));
  if (state == DemoState::not_started) return report;

  json values = generator.generate(unit, rng, state != DemoState::draft, plan_number);
  if (state != DemoState::draft && !generator.repair(values, unit, true)) {
    state = actual = DemoState::draft;  // could not be made complete: keep it as a draft
  }
  if (state == DemoState::draft && !generator.repair(values, unit, false)) values = json::object();
  report.values = std::move(values);

  const Timestamp opened = at_vietnam_time(october(int(rng.between(2, 6))), int(rng.between(7, 17)),
                                           int(rng.between(0, 59)));
  switch (state) {
    case DemoState::draft:
      report.status = ReportStatus::draft;
      report.version = rng.between(1, 3);
      report.updated_at = opened;
      break;
    case DemoState::on_time:
    case DemoState::accepted:
    case DemoState::returned: {
      Timestamp submitted = at_vietnam_time(october(int(rng.between(7, 12))),
                                            int(rng.between(7, 17)), int(rng.between(0, 59)));
      report.status = state == DemoState::on_time    ? ReportStatus::submitted
                      : state == DemoState::accepted ? ReportStatus::accepted
                                                     : ReportStatus::returned;
      report.version = state == DemoState::on_time ? rng.between(2, 4) : rng.between(3, 5);
      report.submitted_at = submitted;
      report.late = false;
      report.updated_at = state == DemoState::on_time ? submitted : submitted + 2 * 86400;
      break;
    }
    case DemoState::late: {
      Timestamp submitted = at_vietnam_time(october(int(rng.between(13, 20))),
                                            int(rng.between(7, 17)), int(rng.between(0, 59)));
      report.status = ReportStatus::submitted;
      report.version = rng.between(2, 4);
      report.submitted_at = submitted;
      report.late = true;
      report.updated_at = submitted;
      break;
    }
    case DemoState::not_started:
      break;
  }
  return report;
}

}  // namespace

std::optional<DemoScale> demo_scale_from_string(std::string_view text) {
  if (text == "commune") return DemoScale::commune;
  if (text == "city") return DemoScale::city;
  if (text == "national") return DemoScale::national;
  return std::nullopt;
}

json demo_report_values(const ReportForm& form, const OrgUnit& unit, std::uint64_t seed,
                        bool complete) {
  ValueGenerator generator(form);
  Rng rng(seed);
  json values = generator.generate(unit, rng, complete, "83/KH-UBND");
  if (!generator.repair(values, unit, complete)) generator.repair(values, unit, false);
  return values;
}

bool database_holds_data(Application& app) {
  Store& store = StoreAccess::of(app);
  return store.units().count_units() > 0 || !store.accounts().list_users("", 1).empty();
}

DemoStats make_demo(Application& app, DemoScale scale,
                    const std::function<void(const std::string&)>& progress) {
  auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  Store& store = StoreAccess::of(app);
  if (database_holds_data(app)) {
    throw Error(ErrorKind::conflict,
                "Cơ sở dữ liệu đã có dữ liệu; hãy dùng một tệp mới cho dữ liệu minh họa.", "db");
  }
  auto form = app.form("llw-2025");

  // 1. The org tree, province by province so each batch is one transaction of bounded size.
  const Province& hai_phong = provinces[2];
  store.units().upsert_units({make_input("VN", "Việt Nam", UnitKind::country, "")});
  std::int64_t unit_count = 1;
  auto province_input = [](const Province& p) {
    return make_input(p.code, std::string(p.city ? "Thành phố " : "Tỉnh ") + p.name,
                      UnitKind::province, "VN");
  };
  auto load_province = [&](const Province& p, int communes) {
    std::vector<UnitInput> batch{province_input(p)};
    std::vector<std::string> names = commune_names(p, communes);
    Rng rng(demo_seed ^ hash_text(std::string("wards-") + p.code));
    for (std::size_t i = 0; i < names.size(); ++i) {
      CommuneSpec spec;
      spec.province_code = p.code;
      spec.email_domain = email_domain(p);
      spec.name = names[i];
      const bool seed_commune = std::string_view(p.code) == "HP" && i == 0;
      spec.ward = !seed_commune && rng.chance(p.city ? 0.35 : 0.12);
      spec.villages_min = scale == DemoScale::commune ? 10 : 13;
      spec.villages_max = scale == DemoScale::commune ? 10 : 20;
      spec.upper_secondary = !seed_commune && rng.chance(0.4);
      add_commune(batch, spec);
    }
    // The store checks nothing about demo rows that the domain would: check them here, so a
    // mistake in this file fails loudly instead of producing a strange tree.
    std::map<std::string, OrgUnit> kinds{{"VN", OrgUnit{}}};
    kinds["VN"].kind = UnitKind::country;
    kinds["VN"].code = "VN";
    for (const UnitInput& input : batch) {
      validate_unit_input(input, &kinds.at(input.parent_code));
      OrgUnit as_parent;
      as_parent.code = input.code;
      as_parent.kind = input.kind;
      kinds[input.code] = as_parent;
    }
    store.units().upsert_units(batch);
    unit_count += std::int64_t(batch.size());
  };
  std::string issuer_code;
  json plan;
  switch (scale) {
    case DemoScale::commune:
      load_province(hai_phong, 1);
      issuer_code = "HP-ANHUNG";
      plan = seed_plan_2025();
      break;
    case DemoScale::city:
      load_province(hai_phong, hai_phong.communes);
      issuer_code = "HP";
      plan = demo::city_plan();
      break;
    case DemoScale::national:
      for (const Province& p : provinces) {
        load_province(p, p.communes);
        say("  " + std::string(p.code) + ": " + std::to_string(unit_count) + " units so far");
      }
      issuer_code = "VN";
      plan = demo::national_plan();
      break;
  }
  say("Org units: " + std::to_string(unit_count));

  // 2. The campaign, through the use case so it is checked like any other.
  User system;
  system.username = "system";
  system.display_name = "LLW";
  system.role = Role::admin;
  Campaign campaign =
      app.create_campaign(system, demo::campaign_2025(issuer_code, std::move(plan), app.now()));
  campaign.form = form;
  OrgUnit issuer = *store.units().find_unit(issuer_code);
  say("Campaign " + std::to_string(campaign.id) + ": " + campaign.name + " (issued by " +
      issuer.name + ")");
  // Every level's plan, top down: the issuer's own (the campaign's text, frozen), nationally one
  // per province, and above the commune the commune's own 83/KH-UBND under them, as the seed plan
  // was: the chain from the first link.
  demo::issue_level_plan_from_start(app, system, campaign, issuer_code, "");
  if (scale == DemoScale::national) {
    int number = 100;
    for (const Province& p : provinces) {
      demo::issue_level_plan_from_start(app, system, campaign, p.code,
                                        std::to_string(number++) + "/KH-UBND");
    }
    say("Plans of " + std::to_string(provinces.size()) + " provinces issued.");
  }
  if (scale != DemoScale::commune) {
    demo::issue_seed_commune_plan(app, system, campaign);
    say("Plan 83/KH-UBND of HP-ANHUNG issued under " + campaign.plan.value("number", "") + ".");
  }

  // 3. Reports in every state, written in bulk, then the aggregates computed once.
  std::vector<OrgUnit> reporting =
      store.units().units_in_subtree(issuer.path, campaign.reporting_kinds);
  std::erase_if(reporting, [&](const OrgUnit& u) { return !campaign.must_report(u); });
  DemoStats stats;
  stats.units = unit_count;
  stats.campaign_id = campaign.id;
  stats.campaign_name = campaign.name;
  stats.issuer_code = issuer_code;
  stats.reporting_units = std::int64_t(reporting.size());

  Rng state_rng(demo_seed ^ 0x5747);
  std::vector<DemoState> states;
  if (reporting.size() <= 60) states = small_tree_states(reporting.size(), state_rng);
  ValueGenerator generator(*form);
  std::vector<UnitReport> batch;
  std::vector<std::map<std::string, std::string>> batch_narratives;
  constexpr std::size_t batch_size = 5000;
  auto flush = [&] {
    if (batch.empty()) return;
    store.reports().bulk_put_reports(batch, batch_narratives);
    batch.clear();
    batch_narratives.clear();
  };
  for (std::size_t i = 0; i < reporting.size(); ++i) {
    const OrgUnit& unit = reporting[i];
    Rng rng(demo_seed ^ hash_text(unit.code));
    DemoState wanted = states.empty() ? random_state(rng) : states[i];
    DemoState actual = wanted;
    UnitReport report = make_report(campaign, unit, wanted, generator, rng, actual);
    stats.reports_by_state[state_name(actual)]++;
    batch_narratives.push_back(campaign.counts(report.status)
                                   ? narrative_texts(*form, report.values)
                                   : std::map<std::string, std::string>{});
    batch.push_back(std::move(report));
    if (batch.size() >= batch_size) {
      flush();
      say("  reports: " + std::to_string(i + 1) + " / " + std::to_string(reporting.size()));
    }
  }
  flush();
  store.aggregates().rebuild_aggregates(campaign.id,
                                        [&](const OrgUnit& unit, const UnitReport& report) {
                                          return contribution_of(campaign, unit, report);
                                        });
  say("Reports: " + std::to_string(reporting.size()) + ", aggregates rebuilt");

  // 4. Accounts. Accounts sharing a password share one argon2id hash: the demo stays fast and
  // nothing real is protected by these passwords.
  std::map<std::string, std::string> hashes;
  auto add_account = [&](const std::string& username, const std::string& password, Role role,
                         const std::string& unit_code, const std::string& display) {
    if (!hashes.count(password)) hashes[password] = hash_password(password);
    User user;
    user.username = username;
    user.display_name = display;
    user.role = role;
    std::string unit_name;
    if (!unit_code.empty()) {
      OrgUnit unit = *store.units().find_unit(unit_code);
      user.unit_id = unit.id;
      user.unit_code = unit.code;
      user.unit_path = unit.path;
      unit_name = unit.name;
    }
    store.accounts().insert_user(user, hashes[password]);
    stats.accounts.push_back({username, password, role, unit_code, unit_name});
  };
  const std::string password = "hoctap2025";
  add_account("admin", "admin", Role::admin, "", "Quản trị hệ thống");
  stats.accounts.back().unit_name = "(toàn hệ thống)";
  if (scale == DemoScale::national) {
    add_account("bo.gddt", password, Role::coordinator, "VN", "Cán bộ Bộ Giáo dục và Đào tạo");
  }
  if (scale != DemoScale::commune) {
    add_account("tp.haiphong", password, Role::coordinator, "HP",
                "Cán bộ Sở Giáo dục và Đào tạo Hải Phòng");
  }
  add_account("xa.anhung", password, Role::coordinator, "HP-ANHUNG",
              "Cán bộ Phòng Văn hóa - Xã hội xã An Hưng");
  add_account("xem.anhung", password, Role::viewer, "HP-ANHUNG", "Lãnh đạo UBND xã An Hưng");
  for (const char* suffix : {"MN1", "MN2", "MN3", "TH1", "TH2", "TH3", "THCS1", "THCS2"}) {
    const std::string code = std::string("HP-ANHUNG-") + suffix;
    add_account(lower(suffix) + ".anhung", password, Role::reporter, code,
                "Báo cáo viên " + store.units().find_unit(code)->name);
  }
  add_account("thon01.anhung", password, Role::reporter, "HP-ANHUNG-THON01",
              "Trưởng " + store.units().find_unit("HP-ANHUNG-THON01")->name);
  return stats;
}

}  // namespace llw
