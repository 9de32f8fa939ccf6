#pragma once
// A plan at every level of one campaign (kế hoạch của từng cấp): below the campaign's issuer,
// every node that coordinates units (a province, a commune) writes and issues its own plan for
// its own subtree — its number and date, its own assignments, and its own deadline and lock date
// for the units below it, on or before the ones the level above set. The week, the theme and the
// form stay the campaign's. A unit works under the nearest issued plan above it, else under the
// campaign's own dates, so a campaign whose nodes issue nothing works as it always did.
//
// Each node's plan is a sequence of editions: edition 1 is the plan, every later one a kế hoạch
// điều chỉnh. An edition is a draft (saved with a compare-and-swap on `version`) until it is
// issued (ban hành); then its number, date and documents are fixed forever, and a change starts
// the next edition.

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "campaign.h"
#include "clock.h"

namespace llw {

enum class PlanStatus { draft, issued };
std::string_view to_string(PlanStatus status);
std::optional<PlanStatus> plan_status_from_string(std::string_view text);

struct LevelPlan {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::string unit_code;
  int edition = 1;           // 1: the plan; 2, 3…: kế hoạch điều chỉnh
  std::int64_t version = 0;  // grows by one on every write of the edition
  PlanStatus status = PlanStatus::draft;
  std::string number;                                    // "83/KH-UBND"; required to issue
  std::optional<std::chrono::year_month_day> issued_on;  // required to issue
  std::chrono::year_month_day deadline{};   // for the units below: reports after it are late
  std::chrono::year_month_day lock_date{};  // for the units below: nothing saved after it
  // The plan's own text, the members of the campaign's plan a level writes for itself: place,
  // issuer_name, parent_agency, purposes, activities_intro, directions, assignments, closing,
  // recipients, signer. The legal basis is not typed: it cites the plan above.
  nlohmann::json content = nlohmann::json::object();
  Timestamp updated_at = 0;
  std::string updated_by;  // the account's display name
  Timestamp issued_at = 0;
  // The documents as issued, byte for byte; empty for a draft and in listings.
  std::string docx;
  std::string pdf;
};

// The dates a unit works under, and whose they are: the nearest issued plan above the unit, or
// the campaign's own dates (`plan_unit_id` 0).
struct EffectiveDates {
  std::chrono::year_month_day deadline{};
  std::chrono::year_month_day lock_date{};
  std::int64_t plan_unit_id = 0;
  std::string plan_unit_code;

  Timestamp deadline_end() const { return end_of_day_in_vietnam(deadline); }
  Timestamp lock_end() const { return end_of_day_in_vietnam(lock_date); }
};

// An issued plan as the dates lookup sees it: its node's path and its latest issued edition.
struct IssuedPlanDates {
  std::int64_t unit_id = 0;
  std::string unit_code;
  std::string unit_path;
  int edition = 0;
  std::chrono::year_month_day deadline{};
  std::chrono::year_month_day lock_date{};
};

// The dates for a unit at `unit_path`: of `issued`, the plan of the deepest node strictly above
// the unit (its latest edition), else the campaign's.
EffectiveDates effective_dates(const Campaign& campaign, const std::string& unit_path,
                               const std::vector<IssuedPlanDates>& issued);

// Whether `unit` may have a plan of its own in `campaign`: the issuer (its plan, composed and
// frozen like every level's, with its own typed legal basis) and every coordinating node
// (province, commune) below it.
bool may_have_level_plan(const Campaign& campaign, const OrgUnit& unit);

// Checks a draft against the campaign and the dates of the level above (`above`, the node's own
// effective dates): deadline on or after the week's end and on or before the level above's,
// lock date on or after the deadline and on or before the level above's, the issue date inside
// the campaign's year, and the content's members and texts. With `to_issue`, the number and the
// issue date are required too. Throws Error{validation_failed} naming every wrong field, or
// Error{bad_input} naming a member the content does not have.
void validate_level_plan(const LevelPlan& plan, const Campaign& campaign,
                         const EffectiveDates& above, bool to_issue);

// The assignments of a plan's content (its "assignments" [{title, tasks}]) that concern `unit`:
// those whose title names it ("Trường Tiểu học An Hưng") or its group ("Các trường học", "các cơ
// sở giáo dục" for a school; "các thôn" for a village; "các phòng" for a department; "các tổ
// chức", "đoàn thể", "các hội" for an organization). What a unit's page picks out as its tasks.
std::vector<nlohmann::json> assignments_for(const nlohmann::json& content, const OrgUnit& unit);

// The years written in the plan's texts that differ from the campaign's, per field
// ("content.assignments") — what the composer flags before issue.
std::map<std::string, std::string> level_plan_year_warnings(const LevelPlan& plan, int year);

}  // namespace llw
