#pragma once
// The plans at every level (level_plans.cpp, level_plan_start.cpp): what their use cases take and
// give, and the use cases.

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/documents.h"
#include "app/request_context.h"
#include "app/use_case_area.h"
#include "domain/campaign.h"
#include "domain/level_plan.h"
#include "domain/org_unit.h"
#include "domain/user.h"

namespace llw {

namespace documents {
struct Document;
}  // namespace documents

// A coordinator's draft of its node's plan: what PUT …/plans/{unit} carries.
struct LevelPlanDraft {
  std::string number;
  std::optional<std::chrono::year_month_day> issued_on;
  std::chrono::year_month_day deadline{};
  std::chrono::year_month_day lock_date{};
  nlohmann::json content = nlohmann::json::object();
};

// A node's plan as its reader sees it: the editions it may see (a composer every one, a unit
// below only the issued ones), the dates the level above set for the node, the citation of the
// plan above that opens the legal basis, and the years the current draft writes that differ from
// the campaign's.
struct LevelPlanSheet {
  OrgUnit node;
  std::vector<LevelPlan> editions;
  bool may_compose = false;
  bool is_issuer = false;  // the campaign's issuer: its legal basis is typed, not cited
  EffectiveDates above;
  std::string legal_basis;
  std::map<std::string, std::string> warnings;
};

class LevelPlans : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // Plans at every level (level_plans.cpp, domain/level_plan.h). A coordinating node below the
  // issuer (province, commune) writes its own plan for its subtree: its coordinators (and the
  // levels above, and admins: manage_campaign on the node) see every edition and save the draft
  // with a compare-and-swap on its version (0 starts the next edition, a kế hoạch điều chỉnh,
  // once the last is issued); units below and readers of the node see the issued editions.
  // Issuing fixes the number and date and stores the DOCX and PDF as they are downloaded forever.
  LevelPlanSheet level_plan(const User& actor, std::int64_t campaign_id,
                            const std::string& unit_code);
  LevelPlan save_level_plan(const User& actor, std::int64_t campaign_id,
                            const std::string& unit_code, std::int64_t expected_version,
                            const LevelPlanDraft& draft, const RequestContext& context = {});
  LevelPlan issue_level_plan(const User& actor, std::int64_t campaign_id,
                             const std::string& unit_code, std::int64_t expected_version,
                             const RequestContext& context = {});
  // The current draft as the document issuing it would freeze (composers only): what the
  // composer page previews and the draft's DOCX/PDF are rendered from.
  documents::Document level_plan_preview(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code);
  // A sensible first draft of the node's plan (level_plan_start.cpp), for its composers: the
  // purposes, activities and directions of the plan above, one assignment per group of the
  // node's units ("Các trường học"), its signer, and dates just inside the level above's.
  LevelPlanDraft starting_level_plan(const User& actor, std::int64_t campaign_id,
                                     const std::string& unit_code);
  // An issued edition's document as issued; edition 0 is the current draft's preview (composers
  // only), built exactly as issuing it would.
  DocumentFile level_plan_document(const User& actor, std::int64_t campaign_id,
                                   const std::string& unit_code, int edition,
                                   DocumentFormat format);
  // The deadline and lock date `unit` works under: the nearest issued plan above it, else the
  // campaign's. Every lateness and lock check goes through it.
  EffectiveDates effective_dates(const Campaign& campaign, const OrgUnit& unit);

 private:
  // The legal basis of a node's plan: the plan above it cited (level_plans.cpp).
  std::string level_plan_legal_basis(const Campaign& campaign, const OrgUnit& node);
  documents::Document level_plan_document_model(const Campaign& campaign, const OrgUnit& node,
                                                const LevelPlan& plan);
};

}  // namespace llw
