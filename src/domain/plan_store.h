#pragma once
// The storage port of the plans at every level (level_plan.h): each node's editions, drafts saved
// with a compare-and-swap, issued editions frozen with their documents. Implemented by the SQL
// store (src/storage/sql/sql_plan_store.cpp), on both backends.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "level_plan.h"

namespace llw {

class PlanStore {
 public:
  virtual ~PlanStore() = default;

  // Every edition of the node's plan in the campaign, oldest first, without their documents.
  virtual std::vector<LevelPlan> level_plans(std::int64_t campaign_id, std::int64_t unit_id) = 0;

  // Writes `plan` (a draft, or an edition being issued with its documents) in one transaction:
  // a new edition (expected_version 0: the edition must not exist yet) or the current draft of
  // that edition, whose version must still be `expected_version` and which must still be a
  // draft; plan.version is expected_version + 1. Otherwise Error{conflict} naming "version"
  // (nothing changes). Issuing bumps the campaign's revision (dates below change) and gives
  // every enabled account of a unit below the node a notice of kind "plan" (its version is the
  // edition), in the same transaction.
  virtual void write_level_plan(const LevelPlan& plan, std::int64_t expected_version) = 0;

  // The latest issued edition's dates of every node of the campaign that issued a plan, in path
  // order (parents first): what the plan e-mails walk. One query.
  virtual std::vector<IssuedPlanDates> issued_plans(std::int64_t campaign_id) = 0;

  // The last edition of every node's plan in the campaign (draft or issued), without their
  // documents, in path order: what the next year's drafts are copied from. One query.
  virtual std::vector<LevelPlan> latest_level_plans(std::int64_t campaign_id) = 0;

  // An edition with its documents; nullopt when there is none.
  virtual std::optional<LevelPlan> level_plan_edition(std::int64_t campaign_id,
                                                      std::int64_t unit_id, int edition) = 0;

  // The latest issued edition's dates of every node strictly above the unit at `unit_path` that
  // issued a plan in the campaign: what effective_dates() picks the nearest of. One query.
  virtual std::vector<IssuedPlanDates> issued_plan_dates_above(std::int64_t campaign_id,
                                                               const std::string& unit_path) = 0;
};

}  // namespace llw
