#pragma once
// The report form page's view data, generated from the form definition: one entry per item with
// its type flag (the template has no logic, only sections), the value to show, and the message
// next to it; and the reverse direction, the posted form fields back to report values.
//
// Field names: "f.<item>" for a single item, "t.<item>.<row>.<column>" for a table cell, and
// "n.<item>" for a table's number of rows. Buttons: name "action", value "save", "submit",
// "add_row:<item>" or "remove_row:<item>:<row>".

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/level_plans.h"
#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/report.h"
#include "domain/store.h"
#include "domain/workflow.h"

namespace llw::pages {

struct ReportFormInput {
  const Campaign* campaign = nullptr;  // with its form
  const OrgUnit* unit = nullptr;
  const UnitReport* report = nullptr;         // the saved report (status, version, dates)
  nlohmann::json values;                      // the values to show: saved ones, or the posted ones
  std::map<std::string, std::string> errors;  // item key or "item[row].column" → message
  bool editable = false;                      // the user may save and the report is a draft
  std::string notice;                         // a confirmation line ("Đã lưu bản nháp.")
  // Set when a save met a newer version: the saved report and who saved it.
  const UnitReport* theirs = nullptr;
  std::string theirs_by;
  // The report's history, newest first (shown under the form).
  std::vector<ReportVersion> history;
};

nlohmann::json report_form_view(const ReportFormInput& input);

// The plan a unit works under (the latest issued edition of `sheet`, its commune's plan) and the
// unit's own tasks picked out of its assignments, for the report page.
nlohmann::json plan_above_view(const LevelPlanSheet& sheet, const OrgUnit& unit);

struct PostedValues {
  nlohmann::json values = nlohmann::json::object();  // typed; tables keep blank rows
  std::map<std::string, std::string> errors;         // fields that are not numbers, dates, …
};

// Reads the posted fields of every item of the form. Unknown fields are ignored (the form
// defines what exists); a table has the rows "n.<item>" says, at most its max_rows.
PostedValues values_from_fields(const ReportForm& form,
                                const std::map<std::string, std::string>& fields);

// The values without the fields `errors` names as unreadable (a scalar item "key" or a table cell
// "key[row].column"), so the rules can be checked on the rest in the same round.
nlohmann::json without_unreadable(const nlohmann::json& values,
                                  const std::map<std::string, std::string>& errors);

// The values as they are saved: table rows with every cell empty dropped, empty tables removed.
nlohmann::json values_for_saving(const ReportForm& form, const nlohmann::json& values);

// Required items (and required table columns) that are empty, as their labels, for the submit
// confirmation.
std::vector<std::string> empty_required_items(const ReportForm& form, const nlohmann::json& values);

// Vietnamese name of a report history action ("save" → "Lưu bản nháp", "return" → "Trả lại").
std::string action_label(const std::string& action);

// A value as read-only text: "1.155", "87,5%", "Có", "05/10/2025"; empty when absent.
std::string display_value(ItemType type, const nlohmann::json& value);

}  // namespace llw::pages
