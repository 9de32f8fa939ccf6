#pragma once
// The reporting-up panel of the consolidated report page: the state of the node's consolidated
// report to the level above, the buttons of whoever may act on it (submit for the node's own
// coordinator; return, accept, reopen for the level above), and the states of the children's
// consolidated reports with links to their pages.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/consolidated_report.h"
#include "domain/org_unit.h"

namespace llw::pages {

// What a failed action puts back on the page: the message and the text typed.
struct ReportingUpEcho {
  std::string action;  // "submit", "return", "accept", "reopen"
  std::string message;
  std::string text;  // the comment or reason typed
};

struct ReportingUpInput {
  const OrgUnit* node = nullptr;
  const ConsolidatedReport* report = nullptr;
  // The children that consolidate, with their states.
  std::shared_ptr<const std::vector<ChildFigures>> children;
  bool may_submit = false;  // access only; the state is checked here
  bool may_review = false;
  bool has_parent = false;
  std::string action;      // the form's URL
  std::string child_base;  // "/dot/3/tong-hop/": a child's page is this + its code
  std::string notice;
  ReportingUpEcho echo;
};

nlohmann::json reporting_up_view(const ReportingUpInput& input);

// The notice of a redirect after an action ("?len=da-gui" → "Đã gửi …"); empty when unknown.
std::string reporting_up_notice(const std::string& flag);

}  // namespace llw::pages
