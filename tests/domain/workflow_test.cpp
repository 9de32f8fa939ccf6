#include "domain/workflow.h"

#include <gtest/gtest.h>

#include <vector>

#include "domain/error.h"

namespace llw {
namespace {

using S = ReportStatus;
using E = ReportEvent;

constexpr S kStates[] = {S::not_started, S::draft, S::submitted, S::returned, S::accepted};
constexpr E kEvents[] = {E::save, E::submit, E::return_report, E::accept, E::reopen};

struct Row {
  S from;
  E event;
  std::optional<S> to;
};

// Every (state, event) pair, written out so a reviewer checks each cell against the diagram in
// workflow.h.
const std::vector<Row> kTable = {
    {S::not_started, E::save, S::draft},
    {S::not_started, E::submit, S::submitted},
    {S::not_started, E::return_report, {}},
    {S::not_started, E::accept, {}},
    {S::not_started, E::reopen, {}},
    {S::draft, E::save, S::draft},
    {S::draft, E::submit, S::submitted},
    {S::draft, E::return_report, {}},
    {S::draft, E::accept, {}},
    {S::draft, E::reopen, {}},
    {S::submitted, E::save, {}},
    {S::submitted, E::submit, {}},
    {S::submitted, E::return_report, S::returned},
    {S::submitted, E::accept, S::accepted},
    {S::submitted, E::reopen, {}},
    {S::returned, E::save, S::draft},
    {S::returned, E::submit, S::submitted},
    {S::returned, E::return_report, {}},
    {S::returned, E::accept, {}},
    {S::returned, E::reopen, {}},
    {S::accepted, E::save, {}},
    {S::accepted, E::submit, {}},
    {S::accepted, E::return_report, {}},
    {S::accepted, E::accept, {}},
    {S::accepted, E::reopen, S::returned},
};

TEST(Workflow, EveryStateAndEventLeadsWhereTheDiagramSays) {
  ASSERT_EQ(kTable.size(), std::size(kStates) * std::size(kEvents));
  for (const Row& row : kTable) {
    EXPECT_EQ(next_status(row.from, row.event), row.to)
        << to_string(row.from) << " + " << to_string(row.event);
  }
}

TEST(Workflow, OutOfOrderEventsAreConflictsNamingTheCurrentStateInVietnamese) {
  for (const Row& row : kTable) {
    if (row.to) {
      EXPECT_EQ(require_transition(row.from, row.event), *row.to);
      continue;
    }
    try {
      require_transition(row.from, row.event);
      ADD_FAILURE() << to_string(row.from) << " + " << to_string(row.event) << " did not throw";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::conflict);
      EXPECT_EQ(e.field(), "status");
      EXPECT_NE(e.message().find(std::string(vietnamese_status(row.from))), std::string::npos)
          << e.message();
    }
  }
}

TEST(Workflow, AcceptedReportCanOnlyBeReopenedAndThatNeedsAReason) {
  EXPECT_EQ(next_status(S::accepted, E::reopen), S::returned);
  EXPECT_TRUE(needs_comment(E::reopen));
  EXPECT_TRUE(needs_comment(E::return_report));
  EXPECT_FALSE(needs_comment(E::accept));
  EXPECT_FALSE(needs_comment(E::submit));
}

TEST(Workflow, ReviewEventsNeedTheReviewPermissionAndEditsTheWritePermission) {
  EXPECT_EQ(required_action(E::save), Action::write_report);
  EXPECT_EQ(required_action(E::submit), Action::write_report);
  EXPECT_EQ(required_action(E::return_report), Action::review_report);
  EXPECT_EQ(required_action(E::accept), Action::review_report);
  EXPECT_EQ(required_action(E::reopen), Action::review_report);
}

TEST(Workflow, EventNamesAreTheHistoryActionNames) {
  EXPECT_EQ(to_string(E::save), "save");
  EXPECT_EQ(to_string(E::submit), "submit");
  EXPECT_EQ(to_string(E::return_report), "return");
  EXPECT_EQ(to_string(E::accept), "accept");
  EXPECT_EQ(to_string(E::reopen), "reopen");
  for (const S s : kStates) EXPECT_FALSE(vietnamese_status(s).empty());
}

TEST(StatusLabelTest, LabelsAreTheSentenceWordsCapitalizedWithLatenessWhereItApplies) {
  EXPECT_EQ(status_label(S::not_started), "Chưa bắt đầu");
  EXPECT_EQ(status_label(S::not_started, true), "Chưa bắt đầu");
  EXPECT_EQ(status_label(S::draft), "Đang soạn");
  EXPECT_EQ(status_label(S::submitted), "Đã nộp");
  EXPECT_EQ(status_label(S::submitted, true), "Đã nộp (muộn)");
  EXPECT_EQ(status_label(S::returned), "Bị trả lại");
  EXPECT_EQ(status_label(S::accepted, true), "Đã duyệt (nộp muộn)");
  for (const S s : kStates) {
    // The label is the sentence word with its first letter capitalized.
    const std::string label = status_label(s);
    const std::string word(vietnamese_status(s));
    EXPECT_EQ(label.substr(label.find(' ')), word.substr(word.find(' '))) << label;
  }
}

TEST(ReportEventNamedTest, ReadsTheNamesToStringWritesAndRefusesOthers) {
  for (const E e : kEvents) EXPECT_EQ(report_event_named(to_string(e)), e);
  for (const char* name : {"", "Return", "extend", "return "}) {
    try {
      report_event_named(name);
      ADD_FAILURE() << name;
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::bad_input);
      EXPECT_EQ(error.field(), "action");
    }
  }
}

}  // namespace
}  // namespace llw
