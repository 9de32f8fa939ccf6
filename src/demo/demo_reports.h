#pragma once
// The demo's reports (demo_reports.cpp): the state each unit's report is left in, and the report
// itself with its values and its dates in the campaign's October (drafts during the week,
// submissions on time by the deadline, late ones after it).

#include <cstddef>
#include <vector>

#include "demo/report_values.h"
#include "demo/rng.h"
#include "domain/campaign.h"
#include "domain/report.h"

namespace llw::demo {

enum class DemoState { not_started, draft, on_time, late, returned, accepted };

// "not_started", "draft", "submitted_on_time", "submitted_late", "returned", "accepted".
const char* state_name(DemoState s);
// A state drawn with the shares of a large tree (most reports submitted on time).
DemoState random_state(Rng& rng);
// For a small tree every state appears: a fixed mix, shuffled.
std::vector<DemoState> small_tree_states(std::size_t n, Rng& rng);

// The report of `unit` in `state`; `actual` is the state it ends in (a report that could not be
// made complete stays a draft).
UnitReport make_report(const Campaign& campaign, const OrgUnit& unit, DemoState state,
                       ValueGenerator& generator, Rng& rng, DemoState& actual);

}  // namespace llw::demo
