#pragma once
// View data of a unit's report as it is read rather than filled in: what a coordinator reviews,
// a viewer reads and a unit sees once it has submitted. The report reads like the document: the
// form's sections in order, each activity of the outline as one row of a table (held, sessions,
// participants, the plan's content in words), the figures as a compact list, tables as tables,
// narratives as paragraphs, and the items left empty named once per section. The decision
// (Chấp nhận / Trả lại …) comes from `report_workflow_view` and stays reachable: a bar that sticks
// to the bottom of the screen and the full forms after the report. Pure functions of their inputs.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/form.h"
#include "domain/org_unit.h"
#include "domain/report.h"
#include "domain/store.h"

namespace llw::pages {

struct ReviewPageInput {
  const Campaign* campaign = nullptr;  // with its form, dated for the unit (effective deadline)
  const OrgUnit* unit = nullptr;
  const UnitReport* report = nullptr;
  nlohmann::json workflow;     // report_workflow_view of the report
  nlohmann::json plan_above;   // plan_above_view (with "href"), or null
  nlohmann::json plans;        // plan_links: the issued plans the unit works under
  std::string notice;          // a confirmation line after a decision
  nlohmann::json signed_copy;  // signed_copy_view, or null
  nlohmann::json evidence;     // evidence_list_view of the report, or null
};

nlohmann::json report_review_view(const ReviewPageInput& input);

// One value in words, as a reader reads it: "1.155", "Có", "05/10/2025", and a choice of the
// plan's content as "a) Tuyên truyền về tự học, …" rather than the bare letter. Empty when absent.
std::string value_in_words(const ReportForm& form, ItemType type, const nlohmann::json& value);

// The report's flags on `item` in words a clerk or reviewer reads under the item; a table cell's
// flag names its row and column ("Dòng 2, Ngày ban hành: …").
nlohmann::json flag_messages(const FormItem& item, const std::vector<ReportFlag>& flags);

}  // namespace llw::pages
