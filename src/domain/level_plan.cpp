#include "level_plan.h"

#include <algorithm>

#include "campaign_year.h"
#include "error.h"
#include "text.h"

namespace llw {

std::string_view to_string(PlanStatus status) {
  return status == PlanStatus::issued ? "issued" : "draft";
}

std::optional<PlanStatus> plan_status_from_string(std::string_view text) {
  if (text == "draft") return PlanStatus::draft;
  if (text == "issued") return PlanStatus::issued;
  return std::nullopt;
}

EffectiveDates effective_dates(const Campaign& campaign, const std::string& unit_path,
                               const std::vector<IssuedPlanDates>& issued) {
  EffectiveDates dates{campaign.deadline, campaign.lock_date, 0, {}};
  const IssuedPlanDates* nearest = nullptr;
  for (const IssuedPlanDates& plan : issued) {
    const bool above =
        plan.unit_path.size() < unit_path.size() && unit_path.rfind(plan.unit_path, 0) == 0;
    if (!above) continue;
    if (!nearest || plan.unit_path.size() > nearest->unit_path.size() ||
        (plan.unit_path == nearest->unit_path && plan.edition > nearest->edition)) {
      nearest = &plan;
    }
  }
  if (nearest) {
    dates = {nearest->deadline, nearest->lock_date, nearest->unit_id, nearest->unit_code};
  }
  return dates;
}

bool may_have_level_plan(const Campaign& campaign, const OrgUnit& unit) {
  if (unit.path == campaign.issuer_path) return true;
  const bool below_issuer = unit.path.size() > campaign.issuer_path.size() &&
                            unit.path.rfind(campaign.issuer_path, 0) == 0;
  return below_issuer && (unit.kind == UnitKind::province || unit.kind == UnitKind::commune);
}

namespace {

using Fields = std::map<std::string, std::string>;

// The longest text one member of a plan may hold, and the most entries of a list.
constexpr std::size_t kMaxText = 20000;
constexpr std::size_t kMaxEntries = 100;

void reject_unknown(const nlohmann::json& object, const std::string& path,
                    std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const std::string field = path + "." + key;
    throw Error(ErrorKind::bad_input,
                "Kế hoạch không có trường \"" + field +
                    "\". Hãy bỏ trường này đi (tuần lễ, chủ đề, năm và căn cứ lấy từ đợt báo cáo "
                    "và kế hoạch cấp trên).",
                field);
  }
}

// Every string of `value` (any depth) is valid UTF-8 and at most kMaxText characters; lists
// have at most kMaxEntries entries.
bool texts_ok(const nlohmann::json& value, std::string& problem) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (!is_clean_text(text, TextShape::paragraphs)) {
      problem = unclean_text_message("Văn bản", TextShape::paragraphs);
      return false;
    }
    if (utf8_length(text) > kMaxText) {
      problem = "Mỗi đoạn văn dài tối đa " + std::to_string(kMaxText) + " ký tự.";
      return false;
    }
    return true;
  }
  if (value.is_array() && value.size() > kMaxEntries) {
    problem = "Danh sách dài tối đa " + std::to_string(kMaxEntries) + " mục.";
    return false;
  }
  if (value.is_array() || value.is_object()) {
    for (const auto& entry : value) {
      if (!texts_ok(entry, problem)) return false;
    }
    return true;
  }
  problem = "Trường này phải là văn bản.";
  return false;
}

void check_content(const nlohmann::json& content, Fields& fields) {
  if (!content.is_object()) {
    fields.emplace("content", "Nội dung kế hoạch phải là một đối tượng JSON.");
    return;
  }
  reject_unknown(
      content, "content",
      {"place", "issuer_name", "parent_agency", "legal_basis", "purposes", "activities_intro",
       "directions", "assignments", "closing", "recipients", "signer"});
  for (const char* key : {"directions", "assignments"}) {
    if (!content.contains(key)) continue;
    const auto& list = content.at(key);
    if (!list.is_array()) {
      fields.emplace(std::string("content.") + key, "Trường này phải là một danh sách.");
      continue;
    }
    for (const auto& entry : list) {
      if (key == std::string("directions")) {
        reject_unknown(entry, "content.directions", {"letter", "text"});
      } else {
        reject_unknown(entry, "content.assignments", {"title", "tasks"});
      }
      if (!entry.is_object()) {
        fields.emplace(std::string("content.") + key, "Mỗi mục phải là một đối tượng.");
      }
    }
  }
  if (content.contains("signer")) {
    reject_unknown(content.at("signer"), "content.signer",
                   {"authority", "deputy", "position", "name"});
  }
  for (const auto& [key, value] : content.items()) {
    std::string problem;
    if (!texts_ok(value, problem)) fields.emplace("content." + key, problem);
  }
  if (content.contains("assignments") && content.at("assignments").is_array()) {
    for (const auto& assignment : content.at("assignments")) {
      if (assignment.is_object() &&
          (!assignment.contains("title") || !assignment.at("title").is_string() ||
           assignment.at("title").get_ref<const std::string&>().empty())) {
        fields.emplace("content.assignments",
                       "Mỗi phần giao nhiệm vụ phải có tên đơn vị hoặc nhóm đơn vị nhận nhiệm vụ.");
      }
    }
  }
}

void collect_years(const nlohmann::json& value, int year, std::vector<int>& years) {
  if (value.is_string()) {
    for (int y : years_contradicting(value.get_ref<const std::string&>(), year)) years.push_back(y);
  } else if (value.is_array() || value.is_object()) {
    for (const auto& entry : value) collect_years(entry, year, years);
  }
}

}  // namespace

void validate_level_plan(const LevelPlan& plan, const Campaign& campaign,
                         const EffectiveDates& above, bool to_issue) {
  Fields fields;
  check_content(plan.content, fields);
  // Below the issuer the legal basis cites the plan above; only the issuer types its own.
  if (plan.unit_code != campaign.issuer_code && plan.content.is_object() &&
      plan.content.contains("legal_basis")) {
    throw Error(ErrorKind::bad_input,
                "Căn cứ của kế hoạch cấp dưới được trích tự động từ kế hoạch cấp trên; không "
                "nhập \"content.legal_basis\".",
                "content.legal_basis");
  }
  if (!is_clean_text(plan.number, TextShape::line)) {
    fields.emplace("number", unclean_text_message("Số kế hoạch", TextShape::line));
  } else if (utf8_length(plan.number) > 50) {
    fields.emplace("number", "Số kế hoạch dài tối đa 50 ký tự (ví dụ 83/KH-UBND).");
  } else if (to_issue && plan.number.empty()) {
    fields.emplace("number", "Hãy nhập số kế hoạch (ví dụ 83/KH-UBND) trước khi ban hành.");
  }
  if (plan.issued_on) {
    if (static_cast<int>(plan.issued_on->year()) != campaign.year) {
      fields.emplace("issued_on", "Ngày ban hành phải thuộc năm " + std::to_string(campaign.year) +
                                      " của Tuần lễ.");
    }
  } else if (to_issue) {
    fields.emplace("issued_on", "Hãy nhập ngày ban hành trước khi ban hành kế hoạch.");
  }
  const std::string above_name =
      above.plan_unit_id ? "kế hoạch cấp trên" : "đợt báo cáo của cấp trên";
  if (!plan.deadline.ok()) {
    fields.emplace("deadline", "Hạn gửi báo cáo không hợp lệ.");
  } else if (plan.deadline < campaign.period_end) {
    fields.emplace("deadline", "Hạn gửi báo cáo phải bằng hoặc sau ngày kết thúc Tuần lễ (" +
                                   format_vietnamese_date(campaign.period_end) + ").");
  } else if (plan.deadline > above.deadline) {
    fields.emplace("deadline", "Hạn gửi báo cáo phải bằng hoặc trước hạn " +
                                   format_vietnamese_date(above.deadline) + " của " + above_name +
                                   ".");
  }
  if (!plan.lock_date.ok()) {
    fields.emplace("lock_date", "Ngày khóa báo cáo không hợp lệ.");
  } else if (plan.deadline.ok() && plan.lock_date < plan.deadline) {
    fields.emplace("lock_date", "Ngày khóa báo cáo phải bằng hoặc sau hạn gửi báo cáo.");
  } else if (plan.lock_date > above.lock_date) {
    fields.emplace("lock_date", "Ngày khóa báo cáo phải bằng hoặc trước ngày khóa " +
                                    format_vietnamese_date(above.lock_date) + " của " + above_name +
                                    ".");
  }
  if (fields.empty()) return;
  const auto& first = *fields.begin();
  throw Error(ErrorKind::validation_failed, first.second, first.first, fields);
}

namespace {

// ASCII letters and the Vietnamese capitals a title starts with, in lower case: enough to find
// "trường" in "Các Trường học" or "Trường".
std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  for (const auto& [upper, lower_case] : {std::pair<std::string_view, std::string_view>{"Đ", "đ"},
                                          {"Á", "á"},
                                          {"Ô", "ô"},
                                          {"Ư", "ư"},
                                          {"Ủ", "ủ"}}) {
    for (auto at = text.find(upper); at != std::string::npos; at = text.find(upper, at)) {
      text.replace(at, upper.size(), lower_case);
    }
  }
  return text;
}

std::vector<std::string_view> group_words(UnitKind kind) {
  switch (kind) {
    case UnitKind::school:
      return {"trường", "cơ sở giáo dục"};
    case UnitKind::village:
      return {"thôn", "tổ dân phố"};
    case UnitKind::department:
      return {"các phòng", "phòng, ban"};
    case UnitKind::organization:
      return {"tổ chức", "đoàn thể", "các hội"};
    default:
      return {};
  }
}

}  // namespace

std::vector<nlohmann::json> assignments_for(const nlohmann::json& content, const OrgUnit& unit) {
  std::vector<nlohmann::json> found;
  if (!content.is_object() || !content.contains("assignments") ||
      !content.at("assignments").is_array()) {
    return found;
  }
  const std::string name = lower(unit.name);
  for (const auto& assignment : content.at("assignments")) {
    if (!assignment.is_object() || !assignment.contains("title") ||
        !assignment.at("title").is_string()) {
      continue;
    }
    const std::string title = lower(assignment.at("title").get<std::string>());
    bool concerns = !name.empty() && title.find(name) != std::string::npos;
    for (std::string_view word : group_words(unit.kind)) {
      concerns = concerns || title.find(word) != std::string::npos;
    }
    if (concerns) found.push_back(assignment);
  }
  return found;
}

std::map<std::string, std::string> level_plan_year_warnings(const LevelPlan& plan, int year) {
  std::map<std::string, std::string> warnings;
  if (!plan.content.is_object()) return warnings;
  for (const auto& [key, value] : plan.content.items()) {
    std::vector<int> years;
    collect_years(value, year, years);
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    if (!years.empty()) warnings["content." + key] = years_contradicting_message(years, year);
  }
  return warnings;
}

}  // namespace llw
