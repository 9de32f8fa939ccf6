#pragma once
// The audit log as a CSV file (UTF-8 with a byte order mark, so spreadsheet programs show the
// Vietnamese text), shared by GET /api/v1/audit?format=csv and the audit page's "Xuất CSV".

#include <string>
#include <vector>

#include "domain/workflow_records.h"

namespace llw {

// One line per entry under a Vietnamese header; a value a spreadsheet would run as a formula
// (= + - @ first) is prefixed with an apostrophe.
std::string audit_csv(const std::vector<AuditEntry>& entries);

}  // namespace llw
