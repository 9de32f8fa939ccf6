#pragma once
// How complete a report is, counted in one way everywhere (the submit confirmation, the
// coordinator's dashboard): an activity of the form is answered when its "held" item has a yes or
// a no. The table activity ("other", one row per activity) is not counted: an empty table is a
// valid answer ("no other activity"), so it cannot be told from an unanswered one.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "form.h"

namespace llw {

struct ReportCompleteness {
  int answered = 0;  // activities whose held item is yes or no
  int total = 0;     // activities with a held item in the form
  // The labels of the activities not answered, in form order.
  std::vector<std::string> unanswered;

  bool complete() const { return answered == total; }
  // "9/13 hoạt động"
  std::string text() const;
};

// `values` is the report's {item key: value} object; anything else counts as nothing answered.
ReportCompleteness report_completeness(const ReportForm& form, const nlohmann::json& values);

}  // namespace llw
