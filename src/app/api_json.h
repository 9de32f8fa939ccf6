#pragma once
// The JSON shapes of api.md, built from domain values. Used by the web layer and the CLI
// (`llw summary --json`), so both print the same document.

#include <nlohmann/json.hpp>

#include "app/level_plans.h"
#include "app/unit_editing.h"
#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/report.h"
#include "domain/store.h"
#include "domain/summary.h"
#include "domain/user.h"

namespace llw {

nlohmann::json to_json(const User& user);
// {"code","name","kind","level"?,"parent","population":{…},"email"?,
//  "signer":{"authority","deputy","position","name"},"children":[codes]}
nlohmann::json to_json(const OrgUnit& unit, const std::vector<std::string>& children_codes);
nlohmann::json to_json(const Campaign& campaign, bool with_form);
nlohmann::json to_json(const UnitReport& report);  // "history" left empty
struct EvidenceItem;                               // app/evidence.h
// The report with its history: [{"version","status","action","at","by","comment",
// "evidence_added","evidence_removed"}], newest first; each version's evidence is what was
// attached and removed since the version before it (Evidence::changes_between over
// `evidence_history`), and "evidence_since_last_version" holds what changed after the newest.
nlohmann::json to_json(const UnitReport& report, const std::vector<ReportVersion>& history,
                       const std::vector<EvidenceItem>& evidence_history);
nlohmann::json to_json(const Summary& summary);
// An attachment of a report as GET …/evidence lists it (docs/api.md).
nlohmann::json to_json(const EvidenceItem& item);

// Request bodies → domain inputs; throw Error{bad_input} naming the field.
UnitInput unit_input_from_json(const nlohmann::json& body);
// PATCH /api/v1/units/{code}: the members present are the changes ("parent" moves the unit;
// "signer" is {"authority","deputy","position","name"}); "code" may only repeat the unit's code.
UnitChanges unit_changes_from_json(const nlohmann::json& body);
Campaign campaign_from_json(const nlohmann::json& body);
// A campaign's "reporting_kinds" member: an array of at most 16 kind names ("school",
// "village", …), each known and none twice. Error{bad_input} on "reporting_kinds" for a value
// that is not such an array or names an unknown kind, Error{validation_failed} for a repeat.
std::vector<UnitKind> reporting_kinds_from_json(const nlohmann::json& kinds);

struct CampaignSettings;  // app/campaigns.h
// The settings of a campaign PATCH over `current`'s: "name", "period_start", "period_end",
// "deadline", "lock_date" (YYYY-MM-DD), "summary_source" and "reporting_kinds", each optional
// (absent keeps the current value; the summary source and kinds stay unset). Error{bad_input}
// naming the member for a wrong type, an invalid date or an unknown summary source; the
// settings use case checks the rest as for a new campaign.
// A node's plan (docs/api.md, "Plans at every level").
nlohmann::json to_json(const LevelPlan& plan);
nlohmann::json to_json(const LevelPlanSheet& sheet);
// PUT …/plans/{unit}: {"version", "number"?, "issued_on"?, "deadline", "lock_date", "content"?};
// the expected version in `version`. Types and dates → Error{bad_input} naming the member.
LevelPlanDraft level_plan_draft_from_json(const nlohmann::json& body, std::int64_t& version);

CampaignSettings campaign_settings_from_json(const nlohmann::json& body, const Campaign& current);

}  // namespace llw
