#include "domain/evidence_targets.h"

#include <algorithm>

namespace llw {

std::vector<EvidenceTarget> evidence_targets(const ReportForm& form) {
  std::vector<EvidenceTarget> targets;
  const auto taken = [&](const std::string& key) {
    return std::any_of(targets.begin(), targets.end(),
                       [&](const EvidenceTarget& target) { return target.key == key; });
  };
  const std::vector<ActivityInfo> activities = form.activities();
  for (const FormSection& section : form.sections) {
    for (const FormItem& item : section.items) {
      if (item.activity.empty()) {
        if (!taken(item.key)) targets.push_back({item.key, item.label, section.title});
        continue;
      }
      if (taken(item.activity)) continue;
      // The activity's label: its held item's (or its table's), else this item's.
      std::string label = item.label;
      for (const ActivityInfo& activity : activities) {
        if (activity.key == item.activity) label = activity.label;
      }
      targets.push_back({item.activity, label, section.title});
    }
  }
  return targets;
}

std::optional<EvidenceTarget> find_evidence_target(const ReportForm& form, std::string_view key) {
  for (EvidenceTarget& target : evidence_targets(form)) {
    if (target.key == key) return std::move(target);
  }
  // An item of an activity ("reading_day_sessions"), which the choice offers as its activity.
  for (const FormSection& section : form.sections) {
    for (const FormItem& item : section.items) {
      if (item.key == key) return EvidenceTarget{item.key, item.label, section.title};
    }
  }
  return std::nullopt;
}

}  // namespace llw
