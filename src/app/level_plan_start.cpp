// The first draft a composer starts from (Application::starting_level_plan): the plan above's
// purposes, activities and directions (the week is one campaign, so a level repeats them), one
// assignment per group of the node's own units with the tasks the seed plan gives such a group,
// the node's signer, and a deadline and lock date inside the level above's. The issuer's first
// draft is the campaign's plan as it stands (number, legal basis, assignments and all) with the
// campaign's dates. Everything is a draft the coordinator edits; nothing here is issued.
#include <algorithm>
#include <string_view>

#include "app/application.h"
#include "app/level_plans.h"
#include "app/use_case_core.h"
#include "documents/builders.h"
#include "domain/access.h"
#include "domain/campaign_year.h"
#include "domain/clock.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {
namespace {

using nlohmann::json;

// The groups a node's units are assigned by, in the order a plan lists them, with their tasks.
struct AssignmentGroup {
  UnitKind kind;
  const char* title;  // empty: one assignment per unit, titled with its name
  std::vector<std::string> tasks;
};

std::vector<AssignmentGroup> assignment_groups(const std::string& week) {
  return {
      {UnitKind::department,
       "",
       {"Tham mưu xây dựng và tổ chức các hoạt động hưởng ứng " + week +
            " thuộc lĩnh vực được giao; hướng dẫn, đôn đốc các đơn vị thực hiện.",
        "Tổng hợp, báo cáo kết quả thực hiện theo đề cương gửi kèm."}},
      {UnitKind::commune,
       "Ủy ban nhân dân các xã, phường, đặc khu",
       {"Xây dựng và ban hành kế hoạch tổ chức " + week + " trên địa bàn.",
        "Chỉ đạo các cơ sở giáo dục, các thôn, tổ dân phố tổ chức các hoạt động hưởng ứng phù "
        "hợp với điều kiện thực tế.",
        "Tổng hợp, báo cáo kết quả theo đề cương gửi kèm."}},
      {UnitKind::organization,
       "Các tổ chức, đoàn thể",
       {"Phối hợp tuyên truyền, vận động hội viên, đoàn viên tích cực tham gia các hoạt động của "
        "Tuần lễ.",
        "Báo cáo kết quả thực hiện theo đề cương gửi kèm."}},
      {UnitKind::village,
       "Các thôn, tổ dân phố",
       {"Tuyên truyền để nhân dân tham gia các hoạt động học tập; phát huy vai trò của nhà văn "
        "hóa, tủ sách cộng đồng trong Tuần lễ.",
        "Báo cáo kết quả thực hiện theo đề cương gửi kèm."}},
      {UnitKind::school,
       "Các trường học",
       {"Xây dựng và triển khai kế hoạch tổ chức " + week + " của đơn vị.",
        "Tổ chức các hoạt động học tập, đọc sách, giáo dục kỹ năng sống, kỹ năng số cho cán bộ, "
        "giáo viên, học sinh và cha mẹ học sinh.",
        "Báo cáo kết quả tổ chức Tuần lễ của đơn vị theo đề cương gửi kèm."}},
  };
}

json string_array(std::vector<std::string> texts) {
  json out = json::array();
  for (auto& text : texts) out.push_back(std::move(text));
  return out;
}

}  // namespace

LevelPlanDraft LevelPlans::starting_level_plan(const User& actor, std::int64_t campaign_id,
                                               const std::string& unit_code) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = core_.load_unit(unit_code);
  require_allowed(actor, Action::manage_campaign, node);
  const EffectiveDates above = effective_dates(campaign, node);
  const std::string week = week_name(campaign.year);

  // The texts of the plan this one carries out: the nearest issued plan above, else the
  // campaign's own.
  json source = campaign.plan.is_object() ? campaign.plan : json::object();
  if (above.plan_unit_id != 0) {
    const auto editions = store_->plans().level_plans(campaign.id, above.plan_unit_id);
    for (auto it = editions.rbegin(); it != editions.rend(); ++it) {
      if (it->status == PlanStatus::issued && it->content.is_object()) {
        source = it->content;
        break;
      }
    }
  }

  LevelPlanDraft draft;
  json& content = draft.content;
  // The issuer's plan is the campaign's own: every text it already has is the first draft.
  const bool issuer = node.code == campaign.issuer_code;
  for (const char* key :
       {"place", "issuer_name", "parent_agency", "legal_basis", "purposes", "activities_intro",
        "directions", "assignments", "closing", "recipients", "signer"}) {
    const bool own = std::string_view(key) == "purposes" ||
                     std::string_view(key) == "activities_intro" ||
                     std::string_view(key) == "directions";
    if ((issuer || own) && source.contains(key)) content[key] = source.at(key);
  }
  if (issuer) {
    draft.number = source.value("number", std::string());
    draft.issued_on = parse_iso_date(source.value("issued_on", std::string()));
    draft.deadline = above.deadline;
    draft.lock_date = above.lock_date;
  }
  // A campaign created in the browser carries only its theme: the purposes are the plan's usual
  // ones and the activities are the form's directions a), b), … that units report against.
  if (!content.contains("purposes") || content.at("purposes").empty()) {
    content["purposes"] = json::array(
        {"Nâng cao nhận thức của cán bộ, công chức, viên chức, người lao động và nhân dân về vai "
         "trò, ý nghĩa của tự học và học tập suốt đời; xây dựng thói quen học tập thường xuyên.",
         "Tổ chức các hoạt động của " + week +
             " thiết thực, hiệu quả, phù hợp với điều kiện thực tế của địa phương và từng đơn "
             "vị; huy động sự tham gia của các tổ chức và toàn xã hội."});
  }
  if ((!content.contains("directions") || content.at("directions").empty()) && campaign.form) {
    json directions = json::array();
    for (const auto& [key, label] : campaign.form->directions) {
      directions.push_back({{"letter", key}, {"text", label + "."}});
    }
    content["directions"] = std::move(directions);
  }
  if (!content.contains("activities_intro")) {
    content["activities_intro"] =
        "Căn cứ chủ đề của Tuần lễ và tình hình thực tiễn, các đơn vị chủ động lựa chọn, tổ chức "
        "các hoạt động hưởng ứng phù hợp, hiệu quả.";
  }

  json assignments = json::array();
  const std::vector<OrgUnit> units = store_->units().children(node.id);
  for (const AssignmentGroup& group : assignment_groups(week)) {
    std::vector<const OrgUnit*> members;
    for (const OrgUnit& unit : units) {
      if (unit.kind == group.kind) members.push_back(&unit);
    }
    if (members.empty()) continue;
    if (*group.title != '\0') {
      assignments.push_back({{"title", group.title}, {"tasks", string_array(group.tasks)}});
      continue;
    }
    for (const OrgUnit* unit : members) {
      assignments.push_back({{"title", unit->name}, {"tasks", string_array(group.tasks)}});
    }
  }
  if (!content.contains("assignments") || content.at("assignments").empty()) {
    content["assignments"] = std::move(assignments);
  }
  if (!content.contains("closing")) {
    content["closing"] =
        documents::running_name_of(node) + " đề nghị các đơn vị nghiêm túc triển khai thực hiện./.";
  }
  if (!content.contains("recipients")) {
    const auto parent =
        node.parent_id ? store_->units().find_unit_by_id(*node.parent_id) : std::nullopt;
    json recipients = json::array();
    if (parent) recipients.push_back(documents::running_name_of(*parent) + " (báo cáo);");
    recipients.push_back("Các đơn vị trực thuộc;");
    recipients.push_back("Lưu: VT.");
    content["recipients"] = std::move(recipients);
  }
  const UnitSigner& signer = node.signer;
  if (!content.contains("signer") && !signer.empty()) {
    content["signer"] = {{"authority", signer.authority},
                         {"deputy", signer.deputy},
                         {"position", signer.position},
                         {"name", signer.name}};
  }
  if (issuer) return draft;  // its dates are the campaign's own

  // A few days inside the level above's deadline, so that its own report can be consolidated in
  // time; never before the week ends.
  using std::chrono::days;
  using std::chrono::sys_days;
  const sys_days earliest = sys_days{campaign.period_end};
  const sys_days deadline = std::max(earliest, sys_days{above.deadline} - days{3});
  draft.deadline = std::min(std::chrono::year_month_day{deadline}, above.deadline);
  draft.lock_date = above.lock_date;
  return draft;
}

}  // namespace llw
