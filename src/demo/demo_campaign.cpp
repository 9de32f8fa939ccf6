#include "demo/demo_campaign.h"

#include <algorithm>

#include "app/level_plans.h"

namespace llw::demo {
namespace {

using nlohmann::json;
using namespace std::chrono;

// The seed's lock date is 31 October; a demo run later than that would find every report
// locked, so the demo keeps reports open until 90 days after the day it is created (deadline
// unchanged: submissions made now are late, as they would be).
year_month_day demo_lock_date(int year, Timestamp now) {
  const auto today = floor<days>(sys_seconds{seconds{now + vietnam_utc_offset_seconds}});
  const year_month_day open_until{today + days{90}};
  return std::max(october(year, 31), open_until);
}

// The seed plan as another level issues it: its number, place, issuer, legal basis and signer
// ({authority, deputy, position, name}).
json plan_issued_by(int year, const char* number, const char* place, const char* issuer_name,
                    const std::string& legal_basis, const std::array<const char*, 4>& signer) {
  json plan = seed_plan(year);
  plan["number"] = number;
  plan["place"] = place;
  plan["issuer_name"] = issuer_name;
  plan["legal_basis"] = legal_basis;
  plan["signer"] = {{"authority", signer[0]},
                    {"deputy", signer[1]},
                    {"position", signer[2]},
                    {"name", signer[3]}};
  return plan;
}

}  // namespace

Campaign demo_campaign(int year, const std::string& issuer_code, json plan, Timestamp now) {
  Campaign campaign;
  campaign.name = week_of(year);
  campaign.year = year;
  campaign.issuer_code = issuer_code;
  campaign.period_start = october(year, 1);
  campaign.period_end = october(year, 7);
  campaign.deadline = october(year, 12);
  campaign.lock_date = demo_lock_date(year, now);
  campaign.reporting_kinds = {UnitKind::department, UnitKind::organization, UnitKind::village,
                              UnitKind::school};
  campaign.plan = std::move(plan);
  campaign.form_id = demo_form_id;
  return campaign;
}

json city_plan(int year) {
  return plan_issued_by(
      year, "215/KH-UBND", "Hải Phòng", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
      "Thực hiện Quyết định số 3929/QĐ-UBND ngày " + first_of_october(year) +
          " của Ủy ban nhân dân thành phố Hải Phòng ban hành Kế hoạch tổ chức " + week_of(year) +
          " (dữ liệu minh họa cho cấp thành phố).",
      {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Hồng Vân"});
}

json national_plan(int year) {
  return plan_issued_by(
      year, "1000/KH-BGDĐT", "Hà Nội", "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
      "Kế hoạch tổ chức " + week_of(year) + " trên phạm vi toàn quốc (dữ liệu minh họa).",
      {"", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "(dữ liệu minh họa)"});
}

// The seed plan as the demo commune's own plan inside a campaign issued above it: its number,
// date and text, its deadline 12 October and the campaign's lock date.
void issue_seed_commune_plan(Application& app, const User& system, const Campaign& campaign) {
  const json seed = seed_plan(campaign.year);
  LevelPlanDraft draft;
  draft.number = seed.at("number").get<std::string>();
  draft.issued_on = parse_iso_date(seed.at("issued_on").get<std::string>());
  draft.deadline = std::min(october(campaign.year, 12), campaign.deadline);
  draft.lock_date = campaign.lock_date;
  for (const char* key : {"place", "issuer_name", "purposes", "activities_intro", "directions",
                          "assignments", "closing", "recipients", "signer"}) {
    if (seed.contains(key)) draft.content[key] = seed.at(key);
  }
  const LevelPlan saved = app.plans().save_level_plan(system, campaign.id, "HP-ANHUNG", 0, draft);
  app.plans().issue_level_plan(system, campaign.id, "HP-ANHUNG", saved.version);
}

// A level's plan issued from the first draft the composer offers it, with the campaign's dates
// (so every plan below fits inside): the issuer's own from the campaign's text, a province's
// with its own number.
void issue_level_plan_from_start(Application& app, const User& system, const Campaign& campaign,
                                 const std::string& unit_code, const std::string& number) {
  LevelPlanDraft draft = app.plans().starting_level_plan(system, campaign.id, unit_code);
  if (!number.empty()) draft.number = number;
  if (!draft.issued_on) draft.issued_on = october(campaign.year, 1);
  draft.deadline = campaign.deadline;
  draft.lock_date = campaign.lock_date;
  const LevelPlan saved = app.plans().save_level_plan(system, campaign.id, unit_code, 0, draft);
  app.plans().issue_level_plan(system, campaign.id, unit_code, saved.version);
}

}  // namespace llw::demo
