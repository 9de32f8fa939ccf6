#include "domain/report_completeness.h"

namespace llw {

std::string ReportCompleteness::text() const {
  return std::to_string(answered) + "/" + std::to_string(total) + " hoạt động";
}

ReportCompleteness report_completeness(const ReportForm& form, const nlohmann::json& values) {
  ReportCompleteness completeness;
  for (const FormItem* item : form.items()) {
    if (item->activity.empty() || item->measure != "held") continue;
    ++completeness.total;
    const auto found = values.is_object() ? values.find(item->key) : values.end();
    if (values.is_object() && found != values.end() && found->is_boolean()) {
      ++completeness.answered;
    } else {
      completeness.unanswered.push_back(item->label);
    }
  }
  return completeness;
}

}  // namespace llw
