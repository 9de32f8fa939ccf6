#pragma once
// The CampaignStore port: campaigns, their plan fields, and which units report in them.
// Defined in sql_campaign_store.cpp, sql_campaign_reporting_units.cpp.

#include <memory>

#include "domain/campaign_store.h"
#include "storage/sql/kept_reads.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlCampaignStore : public CampaignStore {
 public:
  explicit SqlCampaignStore(SqlContext& context) : context_(context) {}

  std::int64_t insert_campaign(const Campaign& campaign,
                               const std::vector<OrgUnit>& reporting_units) override;
  std::optional<Campaign> find_campaign(std::int64_t id) override;
  std::int64_t insert_next_year_campaign(std::int64_t previous_id, const Campaign& campaign,
                                         const std::vector<OrgUnit>& reporting_units,
                                         const std::vector<LevelPlan>& drafts) override;
  std::optional<std::int64_t> next_year_campaign_id(std::int64_t previous_id) override;
  std::optional<PreviousYear> previous_year_campaign(std::int64_t campaign_id) override;
  void link_next_year(std::int64_t previous_id, std::int64_t campaign_id) override;
  void update_campaign_plan(std::int64_t campaign_id, const nlohmann::json& plan) override;
  std::vector<Campaign> list_campaigns() override;
  std::vector<std::pair<std::int64_t, std::int64_t>> campaign_revisions() override;
  void add_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                          const Contribution& contribution,
                          const std::vector<std::int64_t>& ancestor_ids) override;
  void remove_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                             const Contribution& contribution,
                             const std::vector<std::int64_t>& ancestor_ids) override;
  std::optional<std::int64_t> campaign_revision(std::int64_t campaign_id) override;
  void change_campaign_settings(const CampaignSettingsChange& change) override;

  // Keeps previous_year_campaign's answers in memory while `changes` says nothing changed
  // (PostgreSQL: every summary, dashboard and consolidated page asks, and would otherwise make a
  // round trip for it).
  void keep_reads_in_memory(const std::shared_ptr<const ChangeFeed>& changes);

 private:
  // By campaign: last year's campaign and its revision, or campaign_id 0 for none (kept too).
  std::unique_ptr<KeptReads<std::int64_t, PreviousYear>> previous_years_;

  SqlContext& context_;
};

}  // namespace llw::sql
