#include "sample_data.h"

#include <chrono>
#include <utility>

namespace llw::testing_support {

UnitInput unit_input(std::string code, std::string name, UnitKind kind, std::string parent,
                     Population population, SchoolLevel level, std::string email) {
  return UnitInput{.code = std::move(code),
                   .name = std::move(name),
                   .kind = kind,
                   .level = level,
                   .parent_code = std::move(parent),
                   .population = std::move(population),
                   .email = std::move(email),
                   .signer = {}};
}

UnitInput unit_input(std::string code, UnitKind kind, std::string parent, std::string email) {
  std::string name = "Đơn vị " + code;
  return unit_input(std::move(code), std::move(name), kind, std::move(parent), {},
                    SchoolLevel::none, std::move(email));
}

std::chrono::year_month_day date_2025(unsigned month, unsigned day) {
  return std::chrono::year{2025} / std::chrono::month{month} / std::chrono::day{day};
}

Timestamp vietnam_time(int month, int day, int hour, int minute) {
  using namespace std::chrono;
  return end_of_day_in_vietnam(year{2025} / month / day) - 86399 + hour * 3600 + minute * 60;
}

Campaign week_campaign_2025() {
  using std::chrono::year;
  Campaign c;
  c.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
  c.year = 2025;
  c.period_start = year{2025} / 10 / 1;
  c.period_end = year{2025} / 10 / 7;
  c.deadline = year{2025} / 10 / 12;
  c.lock_date = year{2025} / 10 / 31;
  c.form_id = "llw-2025";
  return c;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !records.back().empty()) {
    records.back().push_back(std::move(field));
  } else {
    records.pop_back();
  }
  return records;
}

}  // namespace llw::testing_support
