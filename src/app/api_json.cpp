#include "app/api_json.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "app/application.h"
#include "app/campaigns.h"
#include "app/evidence.h"
#include "app/reports.h"
#include "app/sign_in.h"
#include "app/summaries.h"
#include "app/units.h"
#include "domain/error.h"
#include "domain/text.h"
#include "domain/year_comparison.h"

namespace llw {
namespace {

using nlohmann::json;

// Amounts are integers kept in doubles; print them as integers so clients see 12, not 12.0.
json number(double value) {
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9007199254740992.0) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

double round4(double value) { return std::round(value * 10000.0) / 10000.0; }

json optional_code(const std::string& code) { return code.empty() ? json(nullptr) : json(code); }

json figures(const ActivityFigures& f) {
  return {{"units", f.units},
          {"held", f.held},
          {"sessions", f.sessions},
          {"participants", f.participants}};
}

// The participation rate over the groups the counted reports filled, and per group; a rate is
// null where its population is 0 (not applicable, never "0%").
json participation_json(const Summary& summary) {
  const auto rate = [](std::int64_t participants, std::int64_t population) {
    return population > 0
               ? json(round4(static_cast<double>(participants) / static_cast<double>(population)))
               : json(nullptr);
  };
  json groups = json::array();
  for (const GroupFigures& g : summary.participation_groups) {
    groups.push_back({{"group", g.group},
                      {"label", g.label},
                      {"units", g.units},
                      {"participants", g.participants},
                      {"population", g.population},
                      {"rate", rate(g.participants, g.population)}});
  }
  return {{"participants", summary.participants},
          {"population", summary.population},
          {"rate", rate(summary.participants, summary.population)},
          {"groups", std::move(groups)}};
}

// Year over year: last year's figure of every numeric item beside this year's, with the change
// in words (year_comparison.h); null when there is no previous year to compare with.
json previous_year_json(const YearComparison* comparison) {
  if (comparison == nullptr) return nullptr;
  json figures = json::array();
  for (const FigureComparison& f : comparison->figures) {
    figures.push_back({{"id", f.id},
                       {"label", f.label},
                       {"rate", f.rate},
                       {"current", f.rate ? json(round4(f.current)) : number(f.current)},
                       {"previous", !f.previous ? json(nullptr)
                                    : f.rate    ? json(round4(*f.previous))
                                                : number(*f.previous)},
                       {"change", f.change}});
  }
  return {{"campaign_id", comparison->campaign_id},
          {"year", comparison->year},
          {"figures", std::move(figures)}};
}

[[noreturn]] void wrong_type(const std::string& field, const std::string& expected) {
  throw Error(ErrorKind::bad_input, "Trường \"" + field + "\" phải là " + expected + ".", field);
}

void require_object_body(const json& body) {
  if (!body.is_object()) {
    throw Error(ErrorKind::bad_input, "Nội dung gửi lên phải là một đối tượng JSON.", "");
  }
}

const json* member(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string string_member(const json& body, const char* key, bool required = false) {
  const json* value = member(body, key);
  if (!value) {
    if (required) {
      throw Error(ErrorKind::bad_input, std::string("Thiếu trường \"") + key + "\".", key);
    }
    return {};
  }
  if (!value->is_string()) wrong_type(key, "một chuỗi văn bản");
  return value->get<std::string>();
}

std::chrono::year_month_day date_member(const json& body, const char* key, const json* nested,
                                        const char* nested_key, const char* label) {
  const json* value = member(body, key);
  if (!value && nested) value = member(*nested, nested_key);
  if (!value) {
    throw Error(ErrorKind::bad_input,
                std::string("Thiếu ") + label + " (trường \"" + key + "\", dạng YYYY-MM-DD).", key);
  }
  if (!value->is_string()) wrong_type(key, "một ngày dạng YYYY-MM-DD");
  auto date = parse_iso_date(value->get_ref<const std::string&>());
  if (!date) {
    throw Error(ErrorKind::bad_input,
                std::string(label) + " \"" + value->get<std::string>() +
                    "\" không phải ngày hợp lệ; hãy nhập dạng YYYY-MM-DD (ví dụ 2025-10-12).",
                key);
  }
  return *date;
}

}  // namespace

json to_json(const User& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"name", user.display_name},
          {"role", std::string(to_string(user.role))},
          {"unit", optional_code(user.unit_code)},
          {"disabled", user.disabled},
          {"must_change_password", user.must_change_password}};
}

json to_json(const OrgUnit& unit, const std::vector<std::string>& children_codes) {
  json population = json::object();
  for (const auto& [group, n] : unit.population) population[group] = n;
  json out = {{"code", unit.code},
              {"name", unit.name},
              {"kind", std::string(to_string(unit.kind))},
              {"parent", optional_code(unit.parent_code)},
              {"population", std::move(population)},
              {"children", children_codes}};
  if (unit.level != SchoolLevel::none) out["level"] = std::string(to_string(unit.level));
  if (!unit.email.empty()) out["email"] = unit.email;
  if (!unit.phone.empty()) out["phone"] = unit.phone;
  out["signer"] = {{"authority", unit.signer.authority},
                   {"deputy", unit.signer.deputy},
                   {"position", unit.signer.position},
                   {"name", unit.signer.name}};
  return out;
}

json to_json(const Campaign& campaign, bool with_form) {
  json kinds = json::array();
  for (UnitKind kind : campaign.reporting_kinds) kinds.push_back(std::string(to_string(kind)));
  json states = json::array();
  for (ReportStatus s : campaign.counted_states) states.push_back(std::string(to_string(s)));
  json out = {{"id", campaign.id},
              {"name", campaign.name},
              {"year", campaign.year},
              {"issuer", campaign.issuer_code},
              {"period_start", format_iso_date(campaign.period_start)},
              {"period_end", format_iso_date(campaign.period_end)},
              {"deadline", format_iso_date(campaign.deadline)},
              {"lock_date", format_iso_date(campaign.lock_date)},
              {"deadline_end", format_timestamp(campaign.deadline_end())},
              {"lock_end", format_timestamp(campaign.lock_end())},
              {"reporting_kinds", std::move(kinds)},
              {"counted_states", std::move(states)},
              {"theme", campaign.theme()},
              {"plan", campaign.plan},
              {"form_id", campaign.form_id},
              {"summary_source", std::string(to_string(campaign.summary_source))}};
  if (with_form && campaign.form) out["form"] = campaign.form->to_json();
  return out;
}

json to_json(const UnitReport& report) {
  json flags = json::array();
  for (const ReportFlag& flag : report.flags) {
    flags.push_back({{"field", flag.field}, {"message", flag.message}});
  }
  return {
      {"unit", report.unit_code},
      {"status", std::string(to_string(report.status))},
      {"version", report.version},
      {"values", report.values.is_null() ? json::object() : report.values},
      {"submitted_at",
       report.submitted_at ? json(format_timestamp(*report.submitted_at)) : json(nullptr)},
      {"late", report.late},
      {"updated_at", report.updated_at ? json(format_timestamp(report.updated_at)) : json(nullptr)},
      // The last return comment or reopen reason, shown at the top of the unit's form.
      {"comment", report.comment},
      // Values that contradict what LLW knows; warnings that never block (domain/report_flags.h).
      {"flags", std::move(flags)},
      {"history", json::array()}};
}

namespace {

// The attachments a version brought, briefly: {"id","name","caption","item","item_label"}.
json evidence_briefs(const std::vector<EvidenceItem>& items) {
  json list = json::array();
  for (const EvidenceItem& item : items) {
    const EvidenceAttachment& a = item.attachment;
    list.push_back({{"id", a.id},
                    {"name", a.original_name},
                    {"caption", a.caption},
                    {"item", a.item_key ? json(*a.item_key) : json(nullptr)},
                    {"item_label", item.item_label}});
  }
  return list;
}

}  // namespace

json to_json(const UnitReport& report, const std::vector<ReportVersion>& history,
             const std::vector<EvidenceItem>& evidence_history) {
  json out = to_json(report);
  json list = json::array();
  for (const ReportVersion& v : history) {
    // What was attached or removed while the report stood at the version before this one.
    const EvidenceVersionChanges changes =
        Evidence::changes_between(evidence_history, v.version - 1, v.version);
    list.push_back({{"version", v.version},
                    {"status", std::string(to_string(v.status))},
                    {"action", v.action},
                    {"at", format_timestamp(v.at)},
                    {"by", v.by_name.empty() ? json(nullptr) : json(v.by_name)},
                    {"comment", v.comment},
                    {"evidence_added", evidence_briefs(changes.added)},
                    {"evidence_removed", evidence_briefs(changes.removed)}});
  }
  out["history"] = std::move(list);
  const EvidenceVersionChanges pending = Evidence::changes_between(
      evidence_history, report.version, std::numeric_limits<std::int64_t>::max());
  out["evidence_since_last_version"] = {{"added", evidence_briefs(pending.added)},
                                        {"removed", evidence_briefs(pending.removed)}};
  return out;
}

json to_json(const Summary& summary) {
  json totals = json::object();
  for (const auto& [key, value] : summary.totals) totals[key] = number(value);
  json activities = json::object();
  for (const auto& [key, f] : summary.activities) activities[key] = figures(f);
  json directions = json::object();
  for (const auto& [key, f] : summary.directions) directions[key] = figures(f);
  json commendations = json::object();
  for (const auto& [key, n] : summary.commendations) commendations[key] = n;
  json narratives = json::object();
  for (const auto& [part, texts] : summary.narratives) {
    json list = json::array();
    for (const UnitText& t : texts) {
      list.push_back({{"unit", t.unit_code}, {"name", t.unit_name}, {"text", t.text}});
    }
    narratives[part] = std::move(list);
  }
  json out = {{"unit", summary.unit_code},
              {"name", summary.unit_name},
              {"expected", summary.expected},
              {"submitted", summary.submitted},
              {"on_time", summary.on_time},
              {"late", summary.late},
              {"missing", summary.missing},
              {"missing_count", summary.missing_count},
              {"totals", std::move(totals)},
              {"activities", std::move(activities)},
              {"directions", std::move(directions)},
              {"participation", participation_json(summary)},
              {"commendations", std::move(commendations)},
              {"narratives", std::move(narratives)}};
  json quantities = json::object();
  for (const auto& [table, by_unit] : summary.quantities) {
    for (const auto& [unit, total] : by_unit) quantities[table][unit] = number(total);
  }
  out["quantities"] = std::move(quantities);
  if (!summary.rates.empty()) {
    json rates = json::object();
    for (const auto& [key, value] : summary.rates) rates[key] = round4(value);
    out["rates"] = std::move(rates);
  }
  if (!summary.narrative_counts.empty()) out["narrative_counts"] = summary.narrative_counts;
  out["source"] = std::string(to_string(summary.source));
  // The cut-off: when the figures were read (Summary::figures_at).
  out["figures_at"] =
      summary.figures_at != 0 ? json(format_timestamp(summary.figures_at)) : json(nullptr);
  if (summary.source == SummarySource::accepted) out["not_accepted"] = summary.not_accepted;
  out["previous"] = previous_year_json(summary.previous_year.get());
  return out;
}

namespace {

// A unit's "signer": {authority, deputy, position, name}, each an optional string (the lengths
// are checked with the unit's other fields).
UnitSigner signer_from_json(const json& signer) {
  if (!signer.is_object())
    wrong_type("signer", "một đối tượng {authority, deputy, position, name}");
  UnitSigner lines;
  const std::pair<const char*, std::string*> members[] = {{"authority", &lines.authority},
                                                          {"deputy", &lines.deputy},
                                                          {"position", &lines.position},
                                                          {"name", &lines.name}};
  for (const auto& [key, line] : members) {
    const json* value = member(signer, key);
    if (!value) continue;
    if (!value->is_string()) wrong_type(std::string("signer.") + key, "một chuỗi văn bản");
    *line = value->get<std::string>();
  }
  return lines;
}

}  // namespace

UnitInput unit_input_from_json(const json& body) {
  require_object_body(body);
  UnitInput input;
  input.code = string_member(body, "code", true);
  input.name = string_member(body, "name", true);
  std::string kind = string_member(body, "kind", true);
  auto parsed_kind = unit_kind_from_string(kind);
  if (!parsed_kind) {
    throw Error(ErrorKind::bad_input,
                "Loại đơn vị \"" + kind +
                    "\" không hợp lệ; dùng một trong: country, province, commune, department, "
                    "organization, village, school.",
                "kind");
  }
  input.kind = *parsed_kind;
  std::string level = string_member(body, "level");
  if (!level.empty()) {
    auto parsed_level = school_level_from_string(level);
    if (!parsed_level) {
      throw Error(ErrorKind::bad_input,
                  "Cấp học \"" + level +
                      "\" không hợp lệ; dùng một trong: preschool, primary, lower_secondary, "
                      "upper_secondary, continuing.",
                  "level");
    }
    input.level = *parsed_level;
  }
  input.parent_code = string_member(body, "parent");
  input.email = string_member(body, "email");
  input.phone = string_member(body, "phone");
  if (const json* population = member(body, "population")) {
    if (!population->is_object()) wrong_type("population", "một đối tượng {nhóm: số người}");
    for (const auto& [group, value] : population->items()) {
      const std::string field = "population." + group;
      if (value.is_number_integer()) {
        input.population[group] = value.get<std::int64_t>();
      } else if (value.is_number_float() && std::isfinite(value.get<double>()) &&
                 std::floor(value.get<double>()) == value.get<double>() &&
                 std::fabs(value.get<double>()) < 9e15) {
        input.population[group] = static_cast<std::int64_t>(value.get<double>());
      } else {
        wrong_type(field, "một số nguyên");
      }
    }
  }
  if (const json* signer = member(body, "signer")) input.signer = signer_from_json(*signer);
  return input;
}

UnitChanges unit_changes_from_json(const json& body) {
  require_object_body(body);
  static const char* const kKnown[] = {"code",  "name",  "kind",   "level",  "population",
                                       "email", "phone", "signer", "parent", "parent_code"};
  for (const auto& [key, value] : body.items()) {
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
      throw Error(ErrorKind::bad_input,
                  "Trường \"" + sanitize_utf8(key.substr(0, 64)) +
                      "\" không sửa được; chỉ sửa được name, kind, level, population, email, "
                      "phone, signer và parent (mã đơn vị không đổi).",
                  sanitize_utf8(key.substr(0, 64)));
    }
  }
  UnitChanges changes;
  if (member(body, "name")) changes.name = string_member(body, "name");
  if (member(body, "email")) changes.email = string_member(body, "email");
  if (member(body, "phone")) changes.phone = string_member(body, "phone");
  if (member(body, "parent")) changes.parent_code = string_member(body, "parent");
  if (member(body, "parent_code")) changes.parent_code = string_member(body, "parent_code");
  if (member(body, "kind") || member(body, "level") || member(body, "population") ||
      member(body, "code")) {
    // The kind, level and population are parsed (and their errors worded) as for a new unit.
    json as_new = body;
    if (!member(body, "kind")) as_new["kind"] = "school";
    as_new["code"] = "X";
    as_new["name"] = "X";
    const UnitInput parsed = unit_input_from_json(as_new);
    if (member(body, "kind")) changes.kind = parsed.kind;
    if (member(body, "level")) changes.level = parsed.level;
    if (member(body, "population")) changes.population = parsed.population;
  }
  if (const json* signer = member(body, "signer")) changes.signer = signer_from_json(*signer);
  return changes;
}

std::vector<UnitKind> reporting_kinds_from_json(const json& kinds) {
  // Seven kinds exist; a longer list is a mistake or an attack, refused before it is read.
  constexpr std::size_t kMaxKinds = 16;
  if (!kinds.is_array() || kinds.size() > kMaxKinds) {
    wrong_type("reporting_kinds",
               "một danh sách (tối đa 16 mục) tên loại đơn vị, ví dụ "
               "[\"school\", \"village\"]");
  }
  std::vector<UnitKind> parsed;
  for (const json& k : kinds) {
    auto kind =
        k.is_string() ? unit_kind_from_string(k.get_ref<const std::string&>()) : std::nullopt;
    if (!kind) {
      throw Error(ErrorKind::bad_input,
                  "Loại đơn vị trong \"reporting_kinds\" không hợp lệ; dùng: department, "
                  "organization, village, school, commune, province.",
                  "reporting_kinds");
    }
    if (std::find(parsed.begin(), parsed.end(), *kind) != parsed.end()) {
      const std::string message = "Loại đơn vị \"" + std::string(to_string(*kind)) +
                                  "\" có hai lần trong \"reporting_kinds\"; hãy ghi mỗi loại một "
                                  "lần.";
      throw Error(ErrorKind::validation_failed, message, "reporting_kinds",
                  {{"reporting_kinds", message}});
    }
    parsed.push_back(*kind);
  }
  return parsed;
}

CampaignSettings campaign_settings_from_json(const json& body, const Campaign& current) {
  require_object_body(body);
  // Absent keeps a setting; null is not a way to say that.
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it->is_null()) {
      throw Error(ErrorKind::bad_input,
                  "Trường \"" + it.key() +
                      "\" không được là null; hãy bỏ trường này đi nếu không muốn đổi.",
                  it.key());
    }
  }
  CampaignSettings settings{current.name,     current.period_start, current.period_end,
                            current.deadline, current.lock_date,    std::nullopt,
                            std::nullopt,     std::nullopt};
  if (member(body, "name")) settings.name = string_member(body, "name", true);
  if (member(body, "theme")) settings.theme = string_member(body, "theme");
  const std::pair<const char*, const char*> labels[] = {{"period_start", "Ngày bắt đầu"},
                                                        {"period_end", "Ngày kết thúc"},
                                                        {"deadline", "Hạn nộp báo cáo"},
                                                        {"lock_date", "Ngày khóa sổ"}};
  std::chrono::year_month_day* dates[] = {&settings.period_start, &settings.period_end,
                                          &settings.deadline, &settings.lock_date};
  for (std::size_t i = 0; i < 4; ++i) {
    if (member(body, labels[i].first)) {
      *dates[i] = date_member(body, labels[i].first, nullptr, "", labels[i].second);
    }
  }
  if (const json* source = member(body, "summary_source")) {
    if (!source->is_string()) wrong_type("summary_source", "một chuỗi văn bản");
    settings.summary_source = summary_source_from_string(source->get<std::string>());
    if (!settings.summary_source) {
      throw Error(ErrorKind::bad_input,
                  "\"summary_source\" chỉ nhận \"live\" (số liệu hiện tại của các đơn vị) hoặc "
                  "\"accepted\" (chỉ báo cáo tổng hợp đã được cấp trên chấp nhận).",
                  "summary_source");
    }
  }
  if (const json* kinds = member(body, "reporting_kinds")) {
    settings.reporting_kinds = reporting_kinds_from_json(*kinds);
  }
  return settings;
}

Campaign campaign_from_json(const json& body) {
  require_object_body(body);
  Campaign campaign;
  campaign.name = string_member(body, "name", true);
  campaign.issuer_code = string_member(body, "issuer");
  if (campaign.issuer_code.empty()) campaign.issuer_code = string_member(body, "issuer_code");
  if (campaign.issuer_code.empty()) {
    throw Error(ErrorKind::bad_input, "Thiếu đơn vị ban hành kế hoạch (trường \"issuer\").",
                "issuer");
  }
  const json* period = member(body, "period");
  if (period && !period->is_object()) wrong_type("period", "một đối tượng {start, end}");
  campaign.period_start = date_member(body, "period_start", period, "start", "Ngày bắt đầu");
  campaign.period_end = date_member(body, "period_end", period, "end", "Ngày kết thúc");
  campaign.deadline = date_member(body, "deadline", nullptr, "", "Hạn nộp báo cáo");
  campaign.lock_date = date_member(body, "lock_date", nullptr, "", "Ngày khóa sổ");
  if (const json* year = member(body, "year")) {
    if (!year->is_number_integer()) wrong_type("year", "một số nguyên (năm)");
    campaign.year = year->get<int>();
  } else {
    campaign.year = int(campaign.period_start.year());
  }
  if (const json* kinds = member(body, "reporting_kinds")) {
    campaign.reporting_kinds = reporting_kinds_from_json(*kinds);
  }
  if (const json* states = member(body, "counted_states")) {
    if (!states->is_array()) wrong_type("counted_states", "một danh sách trạng thái");
    campaign.counted_states.clear();
    for (const json& s : *states) {
      auto status =
          s.is_string() ? report_status_from_string(s.get_ref<const std::string&>()) : std::nullopt;
      if (!status) {
        throw Error(ErrorKind::bad_input,
                    "Trạng thái trong \"counted_states\" không hợp lệ; dùng submitted, accepted.",
                    "counted_states");
      }
      campaign.counted_states.push_back(*status);
    }
  }
  if (const json* plan = member(body, "plan")) {
    if (!plan->is_object()) wrong_type("plan", "một đối tượng");
    campaign.plan = *plan;
  }
  // The theme of the year: the campaign's "theme" (as GET answers it), or the plan's.
  if (std::string theme = string_member(body, "theme"); !theme.empty()) {
    campaign.plan["theme"] = std::move(theme);
  }
  campaign.form_id = string_member(body, "form_id");
  if (campaign.form_id.empty()) {
    if (const json* f = member(body, "form"); f && f->is_string())
      campaign.form_id = f->get<std::string>();
  }
  return campaign;
}

json to_json(const LevelPlan& plan) {
  return {{"unit", plan.unit_code},
          {"edition", plan.edition},
          {"version", plan.version},
          {"status", std::string(to_string(plan.status))},
          {"number", plan.number},
          {"issued_on", plan.issued_on ? json(format_iso_date(*plan.issued_on)) : json(nullptr)},
          {"deadline", format_iso_date(plan.deadline)},
          {"lock_date", format_iso_date(plan.lock_date)},
          {"content", plan.content},
          {"updated_at", format_timestamp(plan.updated_at)},
          {"updated_by", plan.updated_by},
          {"issued_at", plan.issued_at ? json(format_timestamp(plan.issued_at)) : json(nullptr)}};
}

json to_json(const LevelPlanSheet& sheet) {
  json editions = json::array();
  for (const LevelPlan& plan : sheet.editions) editions.push_back(to_json(plan));
  json warnings = json::object();
  for (const auto& [field, message] : sheet.warnings) warnings[field] = message;
  return {{"unit", sheet.node.code},
          {"name", sheet.node.name},
          {"may_compose", sheet.may_compose},
          {"above",
           {{"deadline", format_iso_date(sheet.above.deadline)},
            {"lock_date", format_iso_date(sheet.above.lock_date)},
            {"plan_unit",
             sheet.above.plan_unit_id ? json(sheet.above.plan_unit_code) : json(nullptr)}}},
          {"legal_basis", sheet.legal_basis},
          {"editions", std::move(editions)},
          {"warnings", std::move(warnings)}};
}

LevelPlanDraft level_plan_draft_from_json(const json& body, std::int64_t& version) {
  require_object_body(body);
  const json* expected = member(body, "version");
  if (!expected || !expected->is_number_integer() || expected->get<std::int64_t>() < 0) {
    throw Error(ErrorKind::bad_input,
                "Thiếu trường \"version\" (số nguyên: phiên bản của dự thảo đang sửa, 0 để bắt "
                "đầu một bản mới).",
                "version");
  }
  version = expected->get<std::int64_t>();
  LevelPlanDraft draft;
  draft.number = string_member(body, "number");
  if (member(body, "issued_on")) {
    draft.issued_on = date_member(body, "issued_on", nullptr, "", "Ngày ban hành");
  }
  draft.deadline = date_member(body, "deadline", nullptr, "", "Hạn gửi báo cáo của các đơn vị");
  draft.lock_date = date_member(body, "lock_date", nullptr, "", "Ngày khóa sổ");
  if (const json* content = member(body, "content")) {
    if (!content->is_object()) wrong_type("content", "một đối tượng");
    draft.content = *content;
  }
  return draft;
}

nlohmann::json to_json(const EvidenceItem& item) {
  const EvidenceAttachment& a = item.attachment;
  return {{"id", a.id},
          {"kind", a.kind},
          {"content_type", a.content_type},
          {"size", a.size},
          {"name", a.original_name},
          {"caption", a.caption},
          {"sha256", a.sha256},
          {"taken_at", a.taken_at ? json(*a.taken_at) : json(nullptr)},
          {"added_at", format_timestamp(a.added_at)},
          {"has_thumbnail", a.has_thumbnail},
          {"item", a.item_key ? json(*a.item_key) : json(nullptr)},
          {"item_label", item.item_label},
          {"marks", item.marks}};
}

}  // namespace llw
