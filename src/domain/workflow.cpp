#include "workflow.h"

#include "error.h"
#include "text.h"

namespace llw {

std::string_view to_string(ReportEvent event) {
  switch (event) {
    case ReportEvent::save:
      return "save";
    case ReportEvent::submit:
      return "submit";
    case ReportEvent::return_report:
      return "return";
    case ReportEvent::accept:
      return "accept";
    case ReportEvent::reopen:
      return "reopen";
  }
  return "save";
}

ReportEvent report_event_named(std::string_view name) {
  for (const ReportEvent event :
       {ReportEvent::save, ReportEvent::submit, ReportEvent::return_report, ReportEvent::accept,
        ReportEvent::reopen}) {
    if (to_string(event) == name) return event;
  }
  throw Error(ErrorKind::bad_input, "Không rõ thao tác cần làm. Hãy bấm một nút trên trang.",
              "action");
}

std::optional<ReportStatus> next_status(ReportStatus from, ReportEvent event) {
  using S = ReportStatus;
  switch (event) {
    case ReportEvent::save:
      if (from == S::not_started || from == S::draft || from == S::returned) return S::draft;
      return std::nullopt;
    case ReportEvent::submit:
      if (from == S::not_started || from == S::draft || from == S::returned) return S::submitted;
      return std::nullopt;
    case ReportEvent::return_report:
      if (from == S::submitted) return S::returned;
      return std::nullopt;
    case ReportEvent::accept:
      if (from == S::submitted) return S::accepted;
      return std::nullopt;
    case ReportEvent::reopen:
      if (from == S::accepted) return S::returned;
      return std::nullopt;
  }
  return std::nullopt;
}

std::string_view vietnamese_status(ReportStatus status) {
  switch (status) {
    case ReportStatus::not_started:
      return "chưa bắt đầu";
    case ReportStatus::draft:
      return "đang soạn";
    case ReportStatus::submitted:
      return "đã nộp";
    case ReportStatus::returned:
      return "bị trả lại";
    case ReportStatus::accepted:
      return "đã duyệt";
  }
  return "";
}

std::string status_label(ReportStatus status, bool late) {
  switch (status) {
    case ReportStatus::not_started:
      return "Chưa bắt đầu";
    case ReportStatus::draft:
      return "Đang soạn";
    case ReportStatus::returned:
      return "Bị trả lại";
    case ReportStatus::submitted:
      return late ? "Đã nộp (muộn)" : "Đã nộp";
    case ReportStatus::accepted:
      return late ? "Đã duyệt (nộp muộn)" : "Đã duyệt";
  }
  return "";
}

namespace {

// What the user is told when `event` is out of order in state `from`: the current state, and
// the step that makes sense from there.
std::string out_of_order_message(ReportStatus from, ReportEvent event) {
  const std::string state =
      "Báo cáo đang ở trạng thái \"" + std::string(vietnamese_status(from)) + "\"";
  switch (event) {
    case ReportEvent::save:
    case ReportEvent::submit:
      if (from == ReportStatus::accepted) {
        return state +
               " nên không thể sửa hoặc nộp lại. Nếu cần sửa, hãy đề nghị đơn vị cấp trên "
               "mở lại báo cáo.";
      }
      return state +
             " nên không thể sửa hoặc nộp lại. Nếu cần sửa, hãy đề nghị đơn vị cấp trên "
             "trả lại báo cáo.";
    case ReportEvent::return_report:
    case ReportEvent::accept:
      if (from == ReportStatus::accepted) {
        return state + "; muốn đơn vị sửa lại thì hãy dùng \"Mở lại\" và ghi lý do.";
      }
      return state + "; chỉ trả lại hoặc duyệt được báo cáo đã nộp. Hãy chờ đơn vị nộp báo cáo.";
    case ReportEvent::reopen:
      return state + "; chỉ mở lại được báo cáo đã duyệt.";
  }
  return state + ".";
}

}  // namespace

ReportStatus require_transition(ReportStatus from, ReportEvent event) {
  if (auto to = next_status(from, event)) return *to;
  throw Error(ErrorKind::conflict, out_of_order_message(from, event), "status");
}

Action required_action(ReportEvent event) {
  switch (event) {
    case ReportEvent::save:
    case ReportEvent::submit:
      return Action::write_report;
    case ReportEvent::return_report:
    case ReportEvent::accept:
    case ReportEvent::reopen:
      return Action::review_report;
  }
  return Action::review_report;
}

bool needs_comment(ReportEvent event) {
  return event == ReportEvent::return_report || event == ReportEvent::reopen;
}

std::string checked_comment(ReportEvent event, const std::string& text) {
  const bool reopen = event == ReportEvent::reopen;
  const char* field = reopen ? "reason" : "comment";
  if (!is_clean_text(text, TextShape::paragraphs)) {
    throw Error(ErrorKind::bad_input,
                unclean_text_message("Nội dung ghi chú", TextShape::paragraphs), field);
  }
  std::string trimmed = text;
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  trimmed.erase(trimmed.find_last_not_of(" \t\r\n") + 1);
  if (trimmed.empty()) {
    throw Error(ErrorKind::validation_failed,
                reopen ? "Hãy ghi lý do mở lại báo cáo để đơn vị biết cần sửa gì."
                       : "Hãy ghi nhận xét khi trả lại báo cáo để đơn vị biết cần sửa gì.",
                field);
  }
  if (trimmed.size() > max_comment_bytes) {
    throw Error(
        ErrorKind::validation_failed,
        "Ghi chú dài quá " + std::to_string(max_comment_bytes) + " byte; hãy viết ngắn gọn hơn.",
        field);
  }
  for (unsigned char c : trimmed) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
      throw Error(ErrorKind::bad_input, "Ghi chú chứa ký tự điều khiển không hợp lệ.", field);
    }
  }
  return trimmed;
}

Timeliness timeliness_of_submission(std::optional<Timestamp> first_submitted_at, bool was_late,
                                    Timestamp now, Timestamp deadline_end) {
  if (first_submitted_at) return {*first_submitted_at, was_late};
  return {now, now > deadline_end};
}

}  // namespace llw
