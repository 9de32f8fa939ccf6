#pragma once
// The reporting workflow as a state machine: which event may happen to a report in which state,
// and the state it leads to. Pure; who may cause an event is the access policy's (access.h).
//
//   not_started ─save→ draft ─submit→ submitted ─accept→ accepted
//        │              ↑ save          │  ↑                │
//        └──submit──────┼───────────────┘  │submit          │ reopen (by the level above,
//                       │                  │                │  with a reason)
//                    returned ←─return─────┘←───────────────┘
//                    (with a comment)
//
// A returned report is edited (save → draft) or submitted again; a reopened accepted report
// becomes returned, its reason shown like a return comment.

#include <optional>
#include <string>
#include <string_view>

#include "access.h"
#include "report.h"

namespace llw {

enum class ReportEvent { save, submit, return_report, accept, reopen };

// "save", "submit", "return", "accept", "reopen": the action names of the report history and
// the audit log.
std::string_view to_string(ReportEvent event);
// The event a client names ("return", …): the inverse of to_string. Error{bad_input, "action"}
// for a name that is none of them.
ReportEvent report_event_named(std::string_view name);

// The state `event` leads to from `from`; nullopt when the event is out of order there.
std::optional<ReportStatus> next_status(ReportStatus from, ReportEvent event);

// next_status, or Error{conflict, field "status"} with a Vietnamese message naming the current
// state and what can be done instead.
ReportStatus require_transition(ReportStatus from, ReportEvent event);

// The access-policy action an event needs: save and submit are the unit's own (write_report);
// return, accept and reopen belong to the level above (review_report).
Action required_action(ReportEvent event);

// Events that need a non-empty comment (return) or reason (reopen).
bool needs_comment(ReportEvent event);

// "chưa bắt đầu", "đang soạn", "đã nộp", "bị trả lại", "đã duyệt": the one wording of the states,
// inside a sentence.
std::string_view vietnamese_status(ReportStatus status);

// The same as a label (capitalized), with "(muộn)"/"(nộp muộn)" for a late report that is
// submitted or accepted: "Chưa bắt đầu", "Đã nộp (muộn)", "Đã duyệt (nộp muộn)". Pages and
// documents alike.
std::string status_label(ReportStatus status, bool late = false);

// Timeliness follows the first completion (as DHIS2 counts it): a report's first submission
// fixes its submission time and whether it was late, and a resubmission after a return or a
// reopen keeps both, so returning a report never turns an on-time unit into a late one. The
// report history keeps every later submission.
struct Timeliness {
  Timestamp submitted_at = 0;
  bool late = false;
};
Timeliness timeliness_of_submission(std::optional<Timestamp> first_submitted_at, bool was_late,
                                    Timestamp now, Timestamp deadline_end);

// Longest comment or reason accepted, in bytes.
constexpr std::size_t max_comment_bytes = 2000;

// The comment of a return or the reason of a reopen, trimmed: required, valid UTF-8, at most
// max_comment_bytes, no control characters but line breaks and tabs. Throws Error
// {validation_failed or bad_input, field "comment" or "reason"} with a Vietnamese message.
std::string checked_comment(ReportEvent event, const std::string& text);

}  // namespace llw
