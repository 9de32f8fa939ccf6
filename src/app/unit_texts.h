#pragma once
// What the units' texts use case (unit_texts.cpp) gives: one page of the texts the units of a
// node's subtree wrote for one narrative part ("Thuận lợi", …), in tree order, with their total —
// from the same source as the node's summary (live reports, or in "accepted" mode the accepted
// consolidated reports of the children that consolidate).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/summary.h"

namespace llw {

struct UnitTextsPage {
  Campaign campaign;
  OrgUnit node;
  std::string part;
  std::vector<UnitText> texts;  // this page's
  std::int64_t total = 0;       // over every page
  std::int64_t page_number = 1;
  std::int64_t page_count = 1;
  std::int64_t revision = 0;  // the campaign's revision the page was read at
};

}  // namespace llw
