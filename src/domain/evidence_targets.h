#pragma once
// What a piece of evidence ("minh chứng") can be attached for, read from the report form: each
// learning activity (its key, labelled as the form labels the activity) and each item that does
// not measure an activity, in form order and grouped by section. Attaching to an activity rather
// than to its "số buổi" or "số lượt" item is what a unit means by "ảnh buổi đọc sách". Pure
// (evidence_targets.cpp); the application checks an upload's target against it and the pages
// build the "Minh chứng cho" choice from it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/form.h"

namespace llw {

struct EvidenceTarget {
  std::string key;      // an activity key or an item key of the form
  std::string label;    // the activity's or item's label
  std::string section;  // the title of the section it belongs to
};

// Every target of `form`, in form order; an activity once (where its first item stands), and a
// key used both as an activity and an item once (the first).
std::vector<EvidenceTarget> evidence_targets(const ReportForm& form);

// The target of `form` with this key, if any: one of evidence_targets, or any other item of the
// form (an activity's own item, as the API may name it).
std::optional<EvidenceTarget> find_evidence_target(const ReportForm& form, std::string_view key);

}  // namespace llw
