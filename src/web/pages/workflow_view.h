#pragma once
// View data of the review workflow's pages: the workflow part of a unit's report page (state,
// the level above's return comment, the lock-date message, review actions, exports, history
// link), the history page with the difference between two versions, the audit log page and the
// notifications page. Pure functions of their inputs; the handlers live in workflow_pages.cpp.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/application.h"
#include "app/evidence.h"
#include "app/reports.h"
#include "app/sign_in.h"
#include "domain/campaign.h"
#include "domain/org_unit.h"
#include "domain/report.h"
#include "domain/store.h"

namespace llw::pages {

// What a review form sent back when it was refused, shown again beside the message.
struct ReviewEcho {
  std::string action;  // "return", "reopen", "extend"
  std::string message;
  std::string comment;
  std::string until;
};

struct ReportWorkflowInput {
  const Campaign* campaign = nullptr;
  const OrgUnit* unit = nullptr;
  const UnitReport* report = nullptr;
  std::string base;                   // "/dot/3/bao-cao/HP-AH-THTT"
  bool can_review = false;            // the actor is the level above (or an admin)
  std::optional<std::string> closed;  // why the unit may no longer save (lock date)
  std::optional<ReportExtension> extension;
  Timestamp now = 0;
  ReviewEcho echo;
};

// The "workflow" object of the report page.
nlohmann::json report_workflow_view(const ReportWorkflowInput& input);

struct HistoryInput {
  const Campaign* campaign = nullptr;  // with its form (labels, item types)
  const OrgUnit* unit = nullptr;
  std::string base;                     // the report page's path
  std::vector<ReportVersion> versions;  // newest first
  std::int64_t from = 0;                // the compared versions; none when `compared` is false
  std::int64_t to = 0;
  bool compared = false;
  bool chosen = false;      // the reader chose the two versions (else the default comparison)
  bool every_save = false;  // list every autosave instead of one row per editing session
  std::vector<ItemChange> changes;
  // Every attachment the report ever had (Evidence::history): each row lists those attached and
  // removed since the row before it, and the page those changed after the newest version.
  std::vector<EvidenceItem> evidence;
};

// The comparison a history page opens with (versions newest first): the content now against the
// last submitted version — or, when nothing changed since that submission, the submission against
// the one before it (a resubmitted report) — or against the empty report (version 0) when the
// unit never submitted. nullopt when there is no version.
struct DefaultComparison {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::string basis;  // what `from` is, in words ("lần nộp gần nhất (phiên bản 3)")
};
std::optional<DefaultComparison> default_comparison(const std::vector<ReportVersion>& versions);

// Saves that belong to one editing session: consecutive "save" versions by the same person, each
// within this long of the one before it. The history lists a session as one row.
constexpr Timestamp kEditingSessionGap = 30 * 60;

// Who made a version, in words: the account's name, or "Hệ thống" for versions no account made
// (imported or demo data).
std::string version_author(const ReportVersion& version);

nlohmann::json history_view(const HistoryInput& input);

// The filters of the audit page as typed (kept in the form and in the paging and CSV links).
struct AuditFilters {
  std::string unit;
  std::string user;
  std::string from;  // dd/mm/yyyy
  std::string to;
  std::string action;
  int page = 1;
};

// The filters as a query string ("don-vi=HP-AH&tu-ngay=01%2F10%2F2025"), without the page.
std::string audit_query_string(const AuditFilters& filters);

// The audit page counts this many matching entries at most; more are "hơn 10.000".
inline constexpr std::int64_t kAuditCountLimit = 10000;

struct AuditPageInput {
  AuditFilters filters;
  std::vector<AuditEntry> entries;  // this page's, at most page_size
  std::int64_t total = 0;  // entries matching the filters (kAuditCountLimit + 1: more than that)
  int page_size = 50;
  std::string error;  // a filter that could not be read
};

nlohmann::json audit_view(const AuditPageInput& input);

// `sign_in_warning`: failed sign-ins at the account before this session (shown on top, with a
// link to change the password); `continue_to`: where the sign-in was going (a "Tiếp tục" link).
nlohmann::json notifications_view(const std::vector<Notification>& notifications,
                                  const std::string& notice,
                                  const std::optional<SignInWarning>& sign_in_warning = {},
                                  const std::string& continue_to = {});

}  // namespace llw::pages
