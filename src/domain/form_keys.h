#pragma once
// Keys in a form definition, for the form's parser (form.cpp); private to src/domain. A key's
// shape, and the old keys a renamed item lists (`previous_keys`) so last year's figure of the
// old key is compared with it (year_comparison.h). Each check returns the problem in the words
// the parser reports ("<file>: <where>: <problem>"), so the parser decides whether to stop or to
// list it with the others.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "form.h"

namespace llw::form_keys {

// Keys of items, columns, activities and summary path segments: [a-z0-9_]{1,64}.
bool is_key(std::string_view key);

// A problem found in the form: where ("mục 'posters'") and what, in Vietnamese.
struct KeyProblem {
  std::string where;
  std::string problem;
};

// The old keys of the item `key` from its "previous_keys" (none when absent). `problem` is set to
// the first thing wrong with the list (not a list, not a key, the item's own key, a repeat) and
// the list returned is then empty.
std::vector<std::string> previous_keys(const nlohmann::json& item, const std::string& key,
                                       std::string& problem);

// A renamed item's old keys must name nothing else: not an item of this form (its figure would
// be compared twice) and not the old key of another item. The first item breaking that, if any.
std::optional<KeyProblem> previous_keys_problem(const ReportForm& form);

}  // namespace llw::form_keys
