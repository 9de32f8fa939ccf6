#pragma once
// The plan composer page (/dot/{id}/ke-hoach/{unit}): a coordinating node's own plan as fields —
// number and dates, purposes, activities, assignments (one per unit or group, tasks one per
// line), closing, recipients and signer — with the theme, the week and the legal basis read-only
// from the campaign and the plan above, the editions issued so far with their documents, the
// years that contradict the campaign's flagged, and the preview of the document issuing would
// freeze. Also the conversions between the form's boxes and a LevelPlanDraft.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/level_plans.h"
#include "domain/campaign.h"
#include "web/pages/form_echo.h"
#include "web/pages/page_support.h"

namespace llw::pages {

// The plan's boxes as text, exactly as shown or posted.
struct PlanFormValues {
  std::string version = "0";
  std::string number, issued_on, deadline, lock_date;  // dates as dd/mm/yyyy
  std::string place, issuer_name, parent_agency;
  std::string legal_basis;  // typed by the issuer only; below it the plan above is cited
  std::string purposes;     // one purpose per line
  std::string activities_intro;
  std::vector<std::string> directions;                           // the points a), b), … in order
  std::vector<std::pair<std::string, std::string>> assignments;  // title, tasks one per line
  std::string closing;
  std::string recipients;  // one per line
  std::string signer_authority, signer_deputy, signer_position, signer_name;
};

PlanFormValues plan_form_values(const LevelPlanDraft& draft, std::int64_t version);
PlanFormValues posted_plan_form(const PostedForm& form);

// The draft the boxes describe; a date that cannot be read is an error of its box (by the use
// case's field names: "issued_on", "deadline", "lock_date").
LevelPlanDraft plan_draft_of(const PlanFormValues& values,
                             std::map<std::string, std::string>& errors);

struct PlanPageInput {
  const Campaign* campaign = nullptr;
  const LevelPlanSheet* sheet = nullptr;
  std::string base;         // "/dot/1/ke-hoach/HP-AH"
  bool composing = false;   // the form is shown (the reader may compose)
  bool adjustment = false;  // the form starts the next edition after an issued one
  PlanFormValues form;
  std::string preview_html;  // the current draft as documents::render_html gives it, or empty
  FormEcho echo;             // errors by box ("number", "content.assignments", …) and a message
  bool issued_now = false;   // the page follows a successful "Ban hành"
};

nlohmann::json plan_view(const PlanPageInput& input);

}  // namespace llw::pages
