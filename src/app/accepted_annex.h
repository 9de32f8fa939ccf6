#pragma once
// The accepted annex of reporting up, for the app layer's other use cases (private to src/app).

#include <vector>

#include "documents/builders.h"
#include "domain/campaign.h"
#include "domain/store.h"

namespace llw {

// The annex of a consolidated document in "accepted" mode: one row per direct child of `node`,
// a reporting unit by its current report, a consolidating child by its accepted snapshot (a row
// without figures, showing its state, when not accepted), so the annex adds up to the summary.
std::vector<documents::AnnexRow> accepted_annex(Store& store, const Campaign& campaign,
                                                const OrgUnit& node);

}  // namespace llw
