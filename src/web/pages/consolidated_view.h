#pragma once
// The consolidated report page of a node: the summary's figures, the units' narrative texts part
// by part, and the editor of the coordinator's own consolidated narrative beside them.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "app/unit_texts.h"
#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/store.h"
#include "domain/summary.h"

namespace llw::pages {

struct ConsolidatedInput {
  const Campaign* campaign = nullptr;
  const OrgUnit* node = nullptr;
  const Summary* summary = nullptr;  // with narratives
  const ConsolidatedNarrative* saved = nullptr;
  std::map<std::string, std::string> texts;  // what the editor shows (saved or posted)
  std::int64_t version = 0;                  // the version the editor's save expects
  bool editable = false;
  std::string notice;
  std::map<std::string, std::string> errors;  // part → message
  // A stale save: the newer saved narrative, shown beside the user's texts.
  const ConsolidatedNarrative* theirs = nullptr;
  std::vector<ConsolidatedNarrative> history;
  // The page's address ("/dot/1/tong-hop/HP"): a part with more texts than the page shows links
  // to their list below it ("…/y-kien/advantages").
  std::string base_href;
};

nlohmann::json consolidated_view(const ConsolidatedInput& input);

// The page of one part's units' texts, with links back and to the other pages.
nlohmann::json unit_texts_view(const UnitTextsPage& texts, const std::string& base_href);

// The four parts in order with their Vietnamese titles.
const std::vector<std::pair<std::string, std::string>>& consolidated_parts();

}  // namespace llw::pages
