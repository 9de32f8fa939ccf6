#pragma once
// Next year from this year (issue 18): the week comes back every October, so a campaign is
// started from last year's rather than typed again. What is carried over and how its dates move
// is decided here; the app layer (campaign_next_year.cpp) loads, checks access and stores.

#include <chrono>

#include "campaign.h"
#include "level_plan.h"

namespace llw {

// The same day one year later; 29 February becomes 28 February.
std::chrono::year_month_day same_day_next_year(std::chrono::year_month_day day);

// The next year's campaign from `previous`: its settings, reporting kinds, summary source,
// counted states and the stored form it pins, every date one year later, the name of the new
// year, and its plan texts (purposes, directions, assignments, recipients, signer, …) as they
// were. Not carried over: the id, the plan's number (a new plan gets a new one) and the theme,
// which the top level enters for the new year. The plan's issue date moves one year too.
Campaign next_year_campaign(const Campaign& previous);

// A node's plan for the next year from its last edition of `previous`: edition 1, a draft
// (version 1, nothing issued, no documents), the same texts, the deadline, lock date and issue
// date one year later, and no number. The texts that still name the old year are what the
// composer flags (level_plan_year_warnings) until they are edited or confirmed at issue.
LevelPlan next_year_plan(const LevelPlan& previous, std::int64_t campaign_id);

}  // namespace llw
