#include "web/pages/plan_view.h"

#include "documents/document.h"
#include "domain/clock.h"
#include "web/pages/settings_view.h"
#include "web/pages/view_format.h"

namespace llw::pages {
namespace {

using nlohmann::json;

// Non-empty lines of a box, trimmed.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r");
    const auto last = line.find_last_not_of(" \t\r");
    if (first != std::string::npos) out.push_back(line.substr(first, last - first + 1));
    start = end + 1;
  }
  return out;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string joined_lines(const json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const json& entry : list) {
    if (!entry.is_string()) continue;
    if (!out.empty()) out += '\n';
    out += entry.get<std::string>();
  }
  return out;
}

std::string text_of(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) return {};
  return object.at(key).get<std::string>();
}

json string_array(const std::vector<std::string>& texts) {
  json out = json::array();
  for (const auto& text : texts) out.push_back(text);
  return out;
}

// The page's name for a box the use case names ("content.purposes" → "purposes").
std::string box_of(const std::string& field) {
  const std::string prefix = "content.";
  return field.rfind(prefix, 0) == 0 ? field.substr(prefix.size()) : field;
}

// What the composer calls each part of the plan, for the year warnings.
std::string part_label(const std::string& box) {
  static const std::map<std::string, std::string> labels = {
      {"place", "Địa danh"},
      {"issuer_name", "Tên cơ quan ban hành"},
      {"parent_agency", "Cơ quan chủ quản"},
      {"legal_basis", "Căn cứ"},
      {"purposes", "I. Mục đích, yêu cầu"},
      {"activities_intro", "II.3. Các hoạt động (đoạn mở đầu)"},
      {"directions", "II.3. Các hoạt động a), b), …"},
      {"assignments", "III. Tổ chức thực hiện"},
      {"closing", "Đoạn kết"},
      {"recipients", "Nơi nhận"},
      {"signer", "Người ký"},
  };
  const auto it = labels.find(box);
  return it == labels.end() ? box : it->second;
}

constexpr std::size_t kMaxDirections = 26;
constexpr std::size_t kMaxAssignments = 200;

}  // namespace

PlanFormValues plan_form_values(const LevelPlanDraft& draft, std::int64_t version) {
  PlanFormValues values;
  values.version = std::to_string(version);
  values.number = draft.number;
  if (draft.issued_on) values.issued_on = format_date(*draft.issued_on);
  if (draft.deadline.ok()) values.deadline = format_date(draft.deadline);
  if (draft.lock_date.ok()) values.lock_date = format_date(draft.lock_date);
  const json& c = draft.content;
  values.place = text_of(c, "place");
  values.issuer_name = text_of(c, "issuer_name");
  values.parent_agency = text_of(c, "parent_agency");
  values.legal_basis = text_of(c, "legal_basis");
  values.purposes = c.contains("purposes") ? joined_lines(c.at("purposes")) : std::string();
  values.activities_intro = text_of(c, "activities_intro");
  if (c.contains("directions") && c.at("directions").is_array()) {
    for (const json& direction : c.at("directions")) {
      values.directions.push_back(text_of(direction, "text"));
    }
  }
  if (c.contains("assignments") && c.at("assignments").is_array()) {
    for (const json& assignment : c.at("assignments")) {
      values.assignments.emplace_back(text_of(assignment, "title"),
                                      assignment.is_object() && assignment.contains("tasks")
                                          ? joined_lines(assignment.at("tasks"))
                                          : std::string());
    }
  }
  values.closing = text_of(c, "closing");
  values.recipients = c.contains("recipients") ? joined_lines(c.at("recipients")) : std::string();
  if (c.contains("signer")) {
    const json& s = c.at("signer");
    values.signer_authority = text_of(s, "authority");
    values.signer_deputy = text_of(s, "deputy");
    values.signer_position = text_of(s, "position");
    values.signer_name = text_of(s, "name");
  }
  return values;
}

PlanFormValues posted_plan_form(const PostedForm& form) {
  PlanFormValues values;
  values.version = form.value("version");
  values.number = form.value("number");
  values.issued_on = form.value("issued_on");
  values.deadline = form.value("deadline");
  values.lock_date = form.value("lock_date");
  values.place = form.value("place");
  values.issuer_name = form.value("issuer_name");
  values.parent_agency = form.value("parent_agency");
  values.legal_basis = form.value("legal_basis");
  values.purposes = form.value("purposes");
  values.activities_intro = form.value("activities_intro");
  for (std::size_t i = 0; i < kMaxDirections; ++i) {
    const std::string name = "direction_" + std::to_string(i);
    if (form.has(name)) values.directions.push_back(form.value(name));
  }
  for (std::size_t i = 0; i < kMaxAssignments; ++i) {
    const std::string index = std::to_string(i);
    if (!form.has("assignment_title_" + index) && !form.has("assignment_tasks_" + index)) continue;
    values.assignments.emplace_back(form.value("assignment_title_" + index),
                                    form.value("assignment_tasks_" + index));
  }
  values.closing = form.value("closing");
  values.recipients = form.value("recipients");
  values.signer_authority = form.value("signer_authority");
  values.signer_deputy = form.value("signer_deputy");
  values.signer_position = form.value("signer_position");
  values.signer_name = form.value("signer_name");
  return values;
}

LevelPlanDraft plan_draft_of(const PlanFormValues& values,
                             std::map<std::string, std::string>& errors) {
  LevelPlanDraft draft;
  draft.number = trimmed(values.number);
  const auto date_of = [&](const std::string& text, const char* box,
                           bool required) -> std::optional<std::chrono::year_month_day> {
    const std::string value = trimmed(text);
    if (value.empty()) {
      if (required) errors[box] = "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 12/10/2025.";
      return std::nullopt;
    }
    auto date = parse_vietnamese_date(value);
    if (!date) {
      errors[box] =
          "Ngày không hợp lệ. Hãy nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ "
          "12/10/2025.";
    }
    return date;
  };
  draft.issued_on = date_of(values.issued_on, "issued_on", false);
  draft.deadline = date_of(values.deadline, "deadline", true).value_or(draft.deadline);
  draft.lock_date = date_of(values.lock_date, "lock_date", true).value_or(draft.lock_date);

  json& c = draft.content;
  const auto text = [&](const char* key, const std::string& value) {
    if (const std::string t = trimmed(value); !t.empty()) c[key] = t;
  };
  text("place", values.place);
  text("issuer_name", values.issuer_name);
  text("parent_agency", values.parent_agency);
  text("legal_basis", values.legal_basis);
  c["purposes"] = string_array(lines_of(values.purposes));
  text("activities_intro", values.activities_intro);
  json directions = json::array();
  for (const std::string& direction : values.directions) {
    if (const std::string t = trimmed(direction); !t.empty()) {
      directions.push_back(
          {{"letter", documents::vietnamese_point_letter(directions.size())}, {"text", t}});
    }
  }
  c["directions"] = std::move(directions);
  json assignments = json::array();
  for (const auto& [title, tasks] : values.assignments) {
    const std::vector<std::string> items = lines_of(tasks);
    if (trimmed(title).empty() && items.empty()) continue;  // a blank row of the form
    assignments.push_back({{"title", trimmed(title)}, {"tasks", string_array(items)}});
  }
  c["assignments"] = std::move(assignments);
  text("closing", values.closing);
  c["recipients"] = string_array(lines_of(values.recipients));
  json signer = {{"authority", trimmed(values.signer_authority)},
                 {"deputy", trimmed(values.signer_deputy)},
                 {"position", trimmed(values.signer_position)},
                 {"name", trimmed(values.signer_name)}};
  if (!(signer["authority"].get<std::string>().empty() &&
        signer["position"].get<std::string>().empty() &&
        signer["name"].get<std::string>().empty())) {
    c["signer"] = std::move(signer);
  }
  return draft;
}

json plan_view(const PlanPageInput& input) {
  const Campaign& campaign = *input.campaign;
  const LevelPlanSheet& sheet = *input.sheet;
  json view = {
      {"title", "Kế hoạch của " + sheet.node.name},
      {"campaign_name", campaign.name},
      {"theme", campaign.theme()},
      {"has_theme", !campaign.theme().empty()},
      {"period", format_date(campaign.period_start) + " – " + format_date(campaign.period_end)},
      {"cited_basis", sheet.legal_basis},
      {"above_deadline", format_date(sheet.above.deadline)},
      {"above_lock_date", format_date(sheet.above.lock_date)},
      {"above_is_plan", sheet.above.plan_unit_id != 0},
      {"is_issuer", sheet.is_issuer},
      {"action", input.base},
      {"composing", input.composing},
      {"adjustment", input.adjustment},
      {"issued_now", input.issued_now},
  };

  json editions = json::array();
  for (const LevelPlan& plan : sheet.editions) {
    const bool issued = plan.status == PlanStatus::issued;
    const std::string edition = std::to_string(plan.edition);
    json row = {
        {"label", plan.edition == 1
                      ? std::string("Kế hoạch")
                      : "Kế hoạch điều chỉnh lần " + std::to_string(plan.edition - 1)},
        {"issued", issued},
        {"number", plan.number},
        {"issued_on", plan.issued_on ? format_date(*plan.issued_on) : std::string()},
        {"deadline", format_date(plan.deadline)},
        {"updated", format_date_time(plan.updated_at) + " · " + plan.updated_by},
    };
    if (issued) {
      row["pdf_href"] = input.base + "/tai/" + edition + "/pdf";
      row["docx_href"] = input.base + "/tai/" + edition + "/docx";
    }
    editions.push_back(std::move(row));
  }
  view["has_editions"] = !editions.empty();
  view["editions"] = std::move(editions);

  json warnings = json::array();
  for (const auto& [field, message] : sheet.warnings) {
    warnings.push_back({{"part", part_label(box_of(field))}, {"message", message}});
  }
  view["has_warnings"] = !warnings.empty();
  view["warnings"] = std::move(warnings);

  const PlanFormValues& f = input.form;
  for (const auto& [key, value] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"version", &f.version},
           {"number", &f.number},
           {"issued_on", &f.issued_on},
           {"deadline", &f.deadline},
           {"lock_date", &f.lock_date},
           {"place", &f.place},
           {"issuer_name", &f.issuer_name},
           {"parent_agency", &f.parent_agency},
           {"legal_basis", &f.legal_basis},
           {"purposes", &f.purposes},
           {"activities_intro", &f.activities_intro},
           {"closing", &f.closing},
           {"recipients", &f.recipients},
           {"signer_authority", &f.signer_authority},
           {"signer_deputy", &f.signer_deputy},
           {"signer_position", &f.signer_position},
           {"signer_name", &f.signer_name}}) {
    view[key] = *value;
  }
  // The points typed so far and one empty box for a new one; the assignments likewise with two.
  json directions = json::array();
  for (std::size_t i = 0; i <= f.directions.size() && i < kMaxDirections; ++i) {
    directions.push_back({{"name", "direction_" + std::to_string(i)},
                          {"letter", documents::vietnamese_point_letter(i) + ")"},
                          {"text", i < f.directions.size() ? f.directions[i] : std::string()}});
  }
  view["directions"] = std::move(directions);
  json assignments = json::array();
  for (std::size_t i = 0; i < f.assignments.size() + 2 && i < kMaxAssignments; ++i) {
    const bool typed = i < f.assignments.size();
    assignments.push_back({{"number", i + 1},
                           {"title_name", "assignment_title_" + std::to_string(i)},
                           {"tasks_name", "assignment_tasks_" + std::to_string(i)},
                           {"title", typed ? f.assignments[i].first : std::string()},
                           {"tasks", typed ? f.assignments[i].second : std::string()},
                           {"blank", !typed}});
  }
  view["assignments"] = std::move(assignments);

  view["has_preview"] = !input.preview_html.empty();
  view["preview_html"] = input.preview_html;
  view["preview_pdf_href"] = input.base + "/tai/du-thao/pdf";
  view["preview_docx_href"] = input.base + "/tai/du-thao/docx";

  FormEcho echo;
  echo.message = input.echo.message;
  json error_list = json::array();
  for (const auto& [field, message] : input.echo.errors) {
    const std::string box = box_of(field);
    echo.errors[box] = message;
    error_list.push_back(message);
  }
  view["has_errors"] = !error_list.empty();
  view["error_list"] = std::move(error_list);
  add_form_echo(view, echo);
  return view;
}

}  // namespace llw::pages
