#pragma once
// The page that asks once more before a report is submitted (a step of its own, so it works
// without JavaScript): what is still unanswered — the activities with neither "Có" nor "Không"
// (domain/report_completeness.h) and the required items still empty — and a "Vẫn nộp" button
// that submits the version just saved.

#include <nlohmann/json.hpp>
#include <string>

#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/report.h"

namespace llw::pages {

// `form_href` is the report form's address (the "Quay lại sửa" link and the form's action).
nlohmann::json report_submit_confirm_view(const Campaign& campaign, const OrgUnit& unit,
                                          const UnitReport& saved, const std::string& form_href);

}  // namespace llw::pages
