#pragma once
// A campaign: one year's plan (kế hoạch) issued by a unit, with its form and its dates.

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clock.h"
#include "form.h"
#include "org_unit.h"
#include "report.h"

namespace llw {

// Where the consolidated figures of a node with consolidating nodes below it come from: "live"
// sums every counted unit report of the subtree as it is now; "accepted" takes, for each child
// that consolidates reporting units of its own, only its consolidated report as the level above
// accepted it (its frozen snapshot), so a city works on what its communes signed off.
enum class SummarySource { live, accepted };
std::string_view to_string(SummarySource source);
std::optional<SummarySource> summary_source_from_string(std::string_view text);

struct Campaign {
  std::int64_t id = 0;
  std::string name;  // "Tuần lễ hưởng ứng học tập suốt đời năm 2025"
  int year = 0;
  std::int64_t issuer_unit_id = 0;
  std::string issuer_code;
  std::string issuer_path;
  std::chrono::year_month_day period_start{};  // 01/10/2025
  std::chrono::year_month_day period_end{};    // 07/10/2025
  std::chrono::year_month_day deadline{};      // 12/10/2025: reports after the end of it are late
  std::chrono::year_month_day lock_date{};     // after the end of it nobody saves or submits
  // Kinds of the units below the issuer that must report (the plan's "các phòng, đơn vị, tổ
  // chức, thôn, cơ sở giáo dục").
  std::vector<UnitKind> reporting_kinds;
  // States whose figures the summary counts.
  std::vector<ReportStatus> counted_states{ReportStatus::submitted, ReportStatus::accepted};
  // The plan's text as structured fields: number ("83/KH-UBND"), issued_on ("2025-10-01"),
  // place ("An Hưng"), issuer_name, parent_agency, legal_basis, purposes [..], theme,
  // directions [{letter,text}], assignments [{title, tasks:[..]}], closing, recipients [..],
  // signer {authority, deputy, position, name}. The theme is the campaign's: set once at the top
  // (creation, the plan's first save, the issuer's settings) and quoted exactly in every plan and
  // report document; no plan text can replace it.
  nlohmann::json plan = nlohmann::json::object();
  std::string form_id;
  std::shared_ptr<const ReportForm> form;
  SummarySource summary_source = SummarySource::live;

  // The theme of the year (chủ đề), "" when none was set.
  std::string theme() const;
  bool counts(ReportStatus status) const;
  bool must_report(const OrgUnit& unit) const;  // below the issuer and of a reporting kind
  Timestamp deadline_end() const { return end_of_day_in_vietnam(deadline); }
  Timestamp lock_end() const { return end_of_day_in_vietnam(lock_date); }
};

// Checks the name (no year other than the campaign's), dates (period inside one year, deadline ≥
// period end, lock ≥ deadline), kinds and plan fields; throws Error{validation_failed} naming the
// field.
void validate_campaign(const Campaign& campaign);

// Refuses a plan sent by a client with a member the plan does not have (a "title" or a
// "period_text": the title and the period are built from the campaign), at any depth; throws
// Error{bad_input} naming it ("plan.title", "plan.signer.rank").
void reject_unknown_plan_members(const nlohmann::json& plan);

}  // namespace llw
