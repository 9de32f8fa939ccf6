#include "consolidated_report.h"

#include <cmath>

namespace llw {

bool ChildFigures::consolidates() const {
  const auto it = live.find("expected");
  const double expected = it == live.end() ? 0.0 : it->second;
  return expected > (reports_itself ? 1.0 : 0.0);
}

Contribution accepted_slots(const Contribution& node_live,
                            const std::vector<ChildFigures>& children) {
  Contribution slots = node_live;
  for (const ChildFigures& child : children) {
    if (!child.consolidates()) continue;
    for (const auto& [slot, amount] : child.live) {
      if (slot != "expected") slots[slot] -= amount;
    }
    if (!child.snapshot) continue;
    for (const auto& [slot, amount] : child.snapshot->slots) {
      if (slot != "expected") slots[slot] += amount;
    }
  }
  // Integer slots cancel exactly; a weighted rate's fractional numerator may leave dust.
  std::erase_if(slots, [](const auto& entry) { return std::fabs(entry.second) < 1e-9; });
  return slots;
}

}  // namespace llw
