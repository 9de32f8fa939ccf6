#pragma once
// The PlanStore port: the editions of each node's plan.
// Defined in sql_plan_store.cpp.

#include "domain/plan_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class Connection;

// Inserts a new edition of a plan (no row of that edition exists yet), inside the caller's
// transaction: write_level_plan's insert, and the next year's drafts of
// insert_next_year_campaign, which writes them in the campaign's own transaction.
void insert_level_plan(Connection& connection, const LevelPlan& plan);

class SqlPlanStore : public PlanStore {
 public:
  explicit SqlPlanStore(SqlContext& context) : context_(context) {}

  std::vector<LevelPlan> level_plans(std::int64_t campaign_id, std::int64_t unit_id) override;
  void write_level_plan(const LevelPlan& plan, std::int64_t expected_version) override;
  std::optional<LevelPlan> level_plan_edition(std::int64_t campaign_id, std::int64_t unit_id,
                                              int edition) override;
  std::vector<IssuedPlanDates> issued_plan_dates_above(std::int64_t campaign_id,
                                                       const std::string& unit_path) override;
  std::vector<IssuedPlanDates> issued_plans(std::int64_t campaign_id) override;
  std::vector<LevelPlan> latest_level_plans(std::int64_t campaign_id) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
