#pragma once
// The storage port of campaigns: creating one (with a not-started report for every unit that
// must report), its plan and settings, its revision (what cached summaries key on), and units
// joining or leaving its reporting list (the forms campaigns keep are the FormStore's,
// form_store.h). Implemented by the SQL store (sql_campaign_store.cpp in src/storage/sql/), on
// both backends. Each method is a transaction of its own; a failing one changes nothing.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "campaign.h"
#include "level_plan.h"
#include "org_unit.h"
#include "summary.h"

namespace llw {

// A unit joining or leaving a campaign's reporting list, with what its untouched (not started)
// report contributes to each of `ancestor_ids` (the unit itself up to the root).
struct ReportingUnitChange {
  OrgUnit unit;
  Contribution contribution;
  std::vector<std::int64_t> ancestor_ids;
};

// One save of a campaign's settings (Store::change_campaign_settings): the campaign's name, dates,
// reporting kinds and plan (where the theme lives) as they are to be stored, and the reports that
// change of kinds implies.
struct CampaignSettingsChange {
  Campaign campaign;
  // Stored only when set (the campaign's current choice stays otherwise).
  std::optional<SummarySource> summary_source;
  // Units of the kinds no longer reporting: their reports must still be untouched.
  std::vector<ReportingUnitChange> removed;
  // Units of the kinds now reporting that have no report yet: each gets a not-started one.
  std::vector<ReportingUnitChange> added;
};

class CampaignStore {
 public:
  virtual ~CampaignStore() = default;

  // Campaigns. Creating one also creates a not_started report row for every unit that must
  // report, and the aggregate rows of the issuer's subtree (each with "expected").
  virtual std::int64_t insert_campaign(const Campaign& campaign,
                                       const std::vector<OrgUnit>& reporting_units) = 0;
  // Campaigns are returned with `form` unset; the app layer attaches forms by form_id.
  virtual std::optional<Campaign> find_campaign(std::int64_t id) = 0;
  // Next year from this year (issue 18): inserts `campaign` as insert_campaign does, the draft
  // plans of its levels (`drafts`; their campaign_id is set to the new campaign's) and the link
  // from `previous_id` to it, in one transaction. Error{conflict, field "next_year"} when
  // `previous_id` was started into a next year already; then nothing changes.
  virtual std::int64_t insert_next_year_campaign(std::int64_t previous_id, const Campaign& campaign,
                                                 const std::vector<OrgUnit>& reporting_units,
                                                 const std::vector<LevelPlan>& drafts) = 0;
  // The campaign started from `previous_id` by insert_next_year_campaign, if any.
  virtual std::optional<std::int64_t> next_year_campaign_id(std::int64_t previous_id) = 0;
  // Records that `campaign_id`, created otherwise (the demo's two years), is `previous_id`'s next
  // year, as insert_next_year_campaign would have. Error{conflict, field "next_year"} when
  // `previous_id` has one already.
  virtual void link_next_year(std::int64_t previous_id, std::int64_t campaign_id) = 0;
  // The reverse link: the campaign `campaign_id` was started from (last year's), with that
  // campaign's revision, in one read (what a summary compares with, and when to compare again).
  struct PreviousYear {
    std::int64_t campaign_id = 0;
    std::int64_t revision = 0;
  };
  virtual std::optional<PreviousYear> previous_year_campaign(std::int64_t campaign_id) = 0;
  // Replaces the campaign's structured plan fields (the caller validated them) and bumps its
  // revision. Error{not_found} when there is no such campaign.
  virtual void update_campaign_plan(std::int64_t campaign_id, const nlohmann::json& plan) = 0;
  virtual std::vector<Campaign> list_campaigns() = 0;
  // Every campaign's id and revision (see campaign_revision), newest year first as
  // list_campaigns: what a cache of parsed campaigns checks itself against in one small read.
  virtual std::vector<std::pair<std::int64_t, std::int64_t>> campaign_revisions() = 0;
  // Adds a newly created unit that must report to an existing campaign (report row + delta on
  // its ancestors' aggregates).
  virtual void add_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                                  const Contribution& contribution,
                                  const std::vector<std::int64_t>& ancestor_ids) = 0;
  // The reverse of add_reporting_unit for a unit whose report is untouched (not started, version
  // 0): deletes the report row (and any history) and subtracts exactly `contribution` from the
  // aggregates of ancestor_ids, in one transaction. Error{conflict} when the report has data.
  virtual void remove_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                                     const Contribution& contribution,
                                     const std::vector<std::int64_t>& ancestor_ids) = 0;
  // A counter that grows with every write changing what a summary of the campaign shows
  // (counted reports, their texts, reporting units, rebuilds, campaign edits); nullopt when the
  // campaign does not exist. Summaries are cached by it, across servers sharing one database.
  virtual std::optional<std::int64_t> campaign_revision(std::int64_t campaign_id) = 0;
  // Saves a campaign's settings (the caller validated them) in one transaction: deletes the
  // reports of `removed` and subtracts exactly their contributions, creates the not-started
  // reports of `added` and adds theirs, stores name, dates, reporting kinds, plan (and
  // summary_source when set), and bumps the revision once. The rule for removing is checked here,
  // under the write lock: a removed unit's report must still be untouched (not started, version 0),
  // or a save that got in after the caller read it would be thrown away. Otherwise Error{conflict,
  // field "reporting_kinds"} counting per kind the units with data; a report of `removed` that is
  // gone or one of `added` that exists already is Error{conflict} too, and a unit or campaign that
  // does not exist Error{not_found}. On any error nothing changes.
  virtual void change_campaign_settings(const CampaignSettingsChange& change) = 0;
};

}  // namespace llw
