#include "campaign.h"

#include <algorithm>
#include <map>

#include "campaign_year.h"
#include "error.h"
#include "text.h"

namespace llw {

std::string_view to_string(SummarySource source) {
  return source == SummarySource::accepted ? "accepted" : "live";
}

std::optional<SummarySource> summary_source_from_string(std::string_view text) {
  if (text == "live") return SummarySource::live;
  if (text == "accepted") return SummarySource::accepted;
  return std::nullopt;
}

std::string Campaign::theme() const {
  if (!plan.is_object()) return {};
  const auto it = plan.find("theme");
  return it != plan.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Campaign::counts(ReportStatus status) const {
  return std::find(counted_states.begin(), counted_states.end(), status) != counted_states.end();
}

bool Campaign::must_report(const OrgUnit& unit) const {
  if (issuer_path.empty() || unit.path == issuer_path) return false;
  if (unit.path.rfind(issuer_path, 0) != 0) return false;
  return std::find(reporting_kinds.begin(), reporting_kinds.end(), unit.kind) !=
         reporting_kinds.end();
}

namespace {

using Fields = std::map<std::string, std::string>;

void check_plan_string(const nlohmann::json& plan, const char* key, Fields& fields) {
  if (!plan.contains(key)) return;
  const auto& value = plan.at(key);
  const std::string field = std::string("plan.") + key;
  if (!value.is_string()) {
    fields.emplace(field, "Trường này phải là văn bản.");
  } else if (!is_clean_text(value.get_ref<const std::string&>(), TextShape::paragraphs)) {
    fields.emplace(field, unclean_text_message("Văn bản", TextShape::paragraphs));
  }
}

void check_plan_string_list(const nlohmann::json& plan, const char* key, Fields& fields) {
  if (!plan.contains(key)) return;
  const auto& value = plan.at(key);
  const bool ok = value.is_array() && std::all_of(value.begin(), value.end(), [](const auto& v) {
                    return v.is_string() && is_clean_text(v.template get_ref<const std::string&>(),
                                                          TextShape::paragraphs);
                  });
  if (!ok) fields.emplace(std::string("plan.") + key, "Trường này phải là danh sách các đoạn văn.");
}

// The longest theme a document quotes on one line or two.
constexpr std::size_t kMaxThemeLength = 500;

void check_theme(const nlohmann::json& plan, int year, Fields& fields) {
  if (!plan.contains("theme") || !plan.at("theme").is_string()) return;
  const auto& theme = plan.at("theme").get_ref<const std::string&>();
  if (!is_valid_utf8(theme)) return;  // check_plan_string names it
  if (utf8_length(theme) > kMaxThemeLength) {
    fields.emplace("plan.theme",
                   "Chủ đề dài tối đa " + std::to_string(kMaxThemeLength) + " ký tự.");
  } else if (auto years = years_contradicting(theme, year); year != 0 && !years.empty()) {
    fields.emplace("plan.theme", "Chủ đề ghi " + years_contradicting_message(years, year));
  }
}

void check_plan(const nlohmann::json& plan, Fields& fields) {
  if (!plan.is_object()) {
    fields.emplace("plan", "Nội dung kế hoạch phải là một đối tượng JSON.");
    return;
  }
  for (const char* key : {"number", "issued_on", "place", "issuer_name", "parent_agency",
                          "legal_basis", "theme", "closing"}) {
    check_plan_string(plan, key, fields);
  }
  for (const char* key : {"purposes", "recipients"}) check_plan_string_list(plan, key, fields);
  if (plan.contains("issued_on") && plan.at("issued_on").is_string() &&
      !parse_iso_date(plan.at("issued_on").get_ref<const std::string&>())) {
    fields.emplace("plan.issued_on", "Ngày ban hành phải có dạng yyyy-mm-dd (ví dụ 2025-10-01).");
  }
  if (plan.contains("directions")) {
    const auto& directions = plan.at("directions");
    const bool ok = directions.is_array() &&
                    std::all_of(directions.begin(), directions.end(), [](const auto& d) {
                      return d.is_object() && d.contains("letter") && d.at("letter").is_string() &&
                             d.contains("text") && d.at("text").is_string();
                    });
    if (!ok) {
      fields.emplace("plan.directions",
                     "Các nội dung hoạt động phải là danh sách {letter, text} (a, b, c, d, đ, e).");
    }
  }
  if (plan.contains("assignments")) {
    const auto& assignments = plan.at("assignments");
    const bool ok = assignments.is_array() &&
                    std::all_of(assignments.begin(), assignments.end(), [](const auto& a) {
                      return a.is_object() && a.contains("title") && a.at("title").is_string() &&
                             (!a.contains("tasks") || a.at("tasks").is_array());
                    });
    if (!ok) {
      fields.emplace("plan.assignments",
                     "Phần tổ chức thực hiện phải là danh sách {title, tasks: [...]}.");
    }
  }
  if (plan.contains("signer") && !plan.at("signer").is_object()) {
    fields.emplace("plan.signer", "Người ký phải có dạng {authority, deputy, position, name}.");
  }
}

using Members = std::initializer_list<std::string_view>;

void reject_unknown(const nlohmann::json& object, const std::string& path, Members allowed) {
  if (!object.is_object()) return;  // the type is validate_campaign's to name
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const std::string field = path + "." + key;
    throw Error(ErrorKind::bad_input,
                "Kế hoạch không có trường \"" + field +
                    "\". Hãy bỏ trường này đi (tên Tuần lễ, năm và thời gian tổ chức lấy từ "
                    "đợt báo cáo, không nhập lại).",
                field);
  }
}

void reject_unknown_in_list(const nlohmann::json& plan, const char* key, Members allowed) {
  if (!plan.contains(key) || !plan.at(key).is_array()) return;
  for (const auto& entry : plan.at(key)) reject_unknown(entry, std::string("plan.") + key, allowed);
}

}  // namespace

void reject_unknown_plan_members(const nlohmann::json& plan) {
  reject_unknown(plan, "plan",
                 {"number", "issued_on", "place", "issuer_name", "parent_agency", "legal_basis",
                  "purposes", "theme", "activities_intro", "directions", "assignments", "closing",
                  "recipients", "signer"});
  if (!plan.is_object()) return;
  reject_unknown_in_list(plan, "directions", {"letter", "text"});
  reject_unknown_in_list(plan, "assignments", {"title", "tasks"});
  if (plan.contains("signer")) {
    reject_unknown(plan.at("signer"), "plan.signer", {"authority", "deputy", "position", "name"});
  }
}

void validate_campaign(const Campaign& campaign) {
  Fields fields;
  if (!is_clean_text(campaign.name, TextShape::line)) {
    fields.emplace("name", unclean_text_message("Tên kế hoạch", TextShape::line));
  } else if (campaign.name.empty()) {
    fields.emplace("name", "Hãy nhập tên kế hoạch.");
  } else if (utf8_length(campaign.name) > 300) {
    fields.emplace("name", "Tên kế hoạch dài tối đa 300 ký tự.");
  } else if (auto years = years_contradicting(campaign.name, campaign.year);
             campaign.year != 0 && !years.empty()) {
    fields.emplace("name", "Tên đợt ghi năm " + std::to_string(years.front()) +
                               ", khác năm của Tuần lễ (" + std::to_string(campaign.year) + ").");
  }
  const bool dates_ok = campaign.period_start.ok() && campaign.period_end.ok() &&
                        campaign.deadline.ok() && campaign.lock_date.ok();
  if (!campaign.period_start.ok()) fields.emplace("period_start", "Ngày bắt đầu không hợp lệ.");
  if (!campaign.period_end.ok()) fields.emplace("period_end", "Ngày kết thúc không hợp lệ.");
  if (!campaign.deadline.ok()) fields.emplace("deadline", "Hạn gửi báo cáo không hợp lệ.");
  if (!campaign.lock_date.ok()) fields.emplace("lock_date", "Ngày khóa báo cáo không hợp lệ.");
  if (dates_ok) {
    if (campaign.period_end < campaign.period_start) {
      fields.emplace("period_end", "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.");
    } else if (campaign.period_start.year() != campaign.period_end.year()) {
      fields.emplace("period_end", "Thời gian tổ chức phải nằm trong cùng một năm.");
    }
    if (campaign.year != 0 && static_cast<int>(campaign.period_start.year()) != campaign.year) {
      fields.emplace("year", "Năm của kế hoạch phải trùng với năm tổ chức.");
    }
    if (campaign.deadline < campaign.period_end) {
      fields.emplace("deadline", "Hạn gửi báo cáo phải bằng hoặc sau ngày kết thúc Tuần lễ.");
    }
    if (campaign.lock_date < campaign.deadline) {
      fields.emplace("lock_date", "Ngày khóa báo cáo phải bằng hoặc sau hạn gửi báo cáo.");
    }
  }
  if (campaign.reporting_kinds.empty()) {
    fields.emplace("reporting_kinds", "Hãy chọn ít nhất một loại đơn vị phải báo cáo.");
  }
  const bool counts_unsent = std::any_of(
      campaign.counted_states.begin(), campaign.counted_states.end(),
      [](ReportStatus s) { return s == ReportStatus::not_started || s == ReportStatus::draft; });
  if (campaign.counted_states.empty() || counts_unsent) {
    fields.emplace("counted_states",
                   "Chỉ được tổng hợp báo cáo đã gửi (submitted, returned, accepted).");
  }
  if (campaign.form_id.empty() && !campaign.form) {
    fields.emplace("form_id", "Hãy chọn đề cương báo cáo cho kế hoạch.");
  }
  check_plan(campaign.plan, fields);
  if (campaign.plan.is_object()) check_theme(campaign.plan, campaign.year, fields);

  if (fields.empty()) return;
  const auto& first = *fields.begin();
  throw Error(ErrorKind::validation_failed, first.second, first.first, fields);
}

}  // namespace llw
