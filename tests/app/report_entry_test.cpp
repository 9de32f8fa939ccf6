// Reports entered by a coordinator from a spreadsheet (Reports::entry_template / enter_reports):
// real XLSX files, the template downloaded and edited as a clerk would, written back by
// libxlsxwriter; every bad input refused with its sheet, row and column and nothing written;
// the aggregates after an upload equal a recount; the access matrix.
#include <random>

#include "app_fixture.h"
#include "documents/xlsx_parts.h"
#include "spreadsheet_files.h"

namespace llw::testing {
namespace {

using testing_support::SheetCells;
using testing_support::sheets_of;
using testing_support::xlsx_of;

class ReportEntryTest : public WorkflowCastTest {
 protected:
  std::vector<SheetCells> template_of(const User& actor, const std::string& node = "HP-X") {
    return sheets_of(app_->reports().entry_template(actor, campaign_.id, node).bytes);
  }

  ReportEntryResult upload(const std::vector<SheetCells>& sheets, const User* actor = nullptr,
                           const std::string& node = "HP-X") {
    return upload_bytes(xlsx_of(sheets), actor, node);
  }
  ReportEntryResult upload_bytes(const std::string& bytes, const User* actor = nullptr,
                                 const std::string& node = "HP-X") {
    return app_->reports().enter_reports(actor ? *actor : commune_, campaign_.id, node, bytes);
  }

  // Sets a unit's item in the template's sheet.
  static void put(std::vector<SheetCells>& sheets, const std::string& code, const std::string& key,
                  const std::string& text) {
    SheetCells& sheet = sheets.front();
    const int row = sheet.row_of(code);
    const int column = sheet.column_of(key);
    ASSERT_GT(row, 2) << code;
    ASSERT_GE(column, 2) << key;
    sheet.at(row, column) = text;
  }

  nlohmann::json summary(const std::string& node) {
    return nlohmann::json::parse(
        *app_->summaries().summary_json(system_admin(), campaign_.id, node));
  }

  // Every report's version and the node's summary, to show that a refused file wrote nothing.
  std::string state() {
    std::string text;
    for (const char* code : {"HP-X-A", "HP-X-B", "HP-X-V", "HP-Y-C"}) {
      const UnitReport r = app_->reports().get_report(system_admin(), campaign_.id, code);
      text += std::string(code) + ":" + std::to_string(r.version) + ":" + r.values.dump() + ";";
    }
    return text + summary("HP").dump();
  }

  static std::vector<std::string> places(const ReportEntryResult& result) {
    std::vector<std::string> out;
    for (const auto& p : result.problems) out.push_back(entry_problem_place(p) + ": " + p.message);
    return out;
  }
};

TEST_F(ReportEntryTest, TheTemplateListsTheSubtreesUnitsWithTheFormsItemsAndCurrentValues) {
  UnitReport a = app_->reports().get_report(reporter_, campaign_.id, "HP-X-A");
  app_->reports().save_draft(reporter_, campaign_.id, "HP-X-A", a.version, {{"banners", 4}});
  const auto sheets = template_of(commune_);
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].name, "Báo cáo");
  EXPECT_EQ(sheets[1].name, "Hướng dẫn");
  const SheetCells& sheet = sheets[0];
  EXPECT_EQ(sheet.rows[0][0], "Mã đơn vị");
  EXPECT_EQ(sheet.rows[1][0], "code");
  EXPECT_EQ(sheet.rows[1][1], "name");
  const int banners = sheet.column_of("banners");
  ASSERT_GT(banners, 1);
  EXPECT_EQ(sheet.rows[0][std::size_t(banners)], "Số pano, băng zôn tuyên truyền");
  // Scalar items only: the tables are entered on the report page.
  EXPECT_EQ(sheet.column_of("directives"), -1);
  EXPECT_GT(sheet.column_of("advantages"), 1);
  EXPECT_GT(sheet.column_of("flag_talk_held"), 1);
  // The commune's reporting units, none of the other commune.
  EXPECT_GT(sheet.row_of("HP-X-A"), 2);
  EXPECT_GT(sheet.row_of("HP-X-B"), 2);
  EXPECT_GT(sheet.row_of("HP-X-V"), 2);
  EXPECT_EQ(sheet.row_of("HP-Y-C"), 0);
  EXPECT_EQ(sheet.rows[std::size_t(sheet.row_of("HP-X-A")) - 1][std::size_t(banners)], "4");
  // The city's coordinator gets both communes' units.
  EXPECT_GT(template_of(city_, "HP")[0].row_of("HP-Y-C"), 2);
}

TEST_F(ReportEntryTest, AFilledTemplateIsEnteredAsAcceptedWithItsHistoryAndExactAggregates) {
  auto sheets = template_of(commune_);
  put(sheets, "HP-X-A", "media_articles", "5");
  put(sheets, "HP-X-A", "banners", "2");
  put(sheets, "HP-X-A", "flag_talk_held", "Có");
  put(sheets, "HP-X-A", "flag_talk_sessions", "3");
  put(sheets, "HP-X-A", "participants_students", "150");
  put(sheets, "HP-X-A", "advantages", "Thuận lợi ghi trên giấy");
  put(sheets, "HP-X-V", "media_articles", "1");
  put(sheets, "HP-X-V", "flag_talk_held", "Không");
  const ReportEntryResult result = upload(sheets);
  ASSERT_TRUE(result.problems.empty()) << places(result).front();
  EXPECT_EQ(result.entered, 2);

  const UnitReport a = app_->reports().get_report(system_admin(), campaign_.id, "HP-X-A");
  EXPECT_EQ(a.status, ReportStatus::accepted);
  EXPECT_EQ(a.values.at("media_articles"), 5);
  EXPECT_EQ(a.values.at("flag_talk_held"), true);
  EXPECT_EQ(a.values.at("advantages"), "Thuận lợi ghi trên giấy");
  const auto history = app_->reports().report_history(system_admin(), campaign_.id, "HP-X-A");
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.front().action, "file_entry");
  EXPECT_EQ(history.front().by, commune_.id);
  EXPECT_EQ(app_->reports().get_report(system_admin(), campaign_.id, "HP-X-B").status,
            ReportStatus::not_started);
  EXPECT_EQ(summary("HP-X")["totals"]["media_articles"], 6);
  EXPECT_EQ(summary("HP")["totals"]["banners"], 2);
  expect_summaries_match_a_full_rebuild(campaign_.id);

  // The same file again changes nothing; a corrected figure replaces the old one, never adds.
  const ReportEntryResult again = upload(sheets);
  ASSERT_TRUE(again.problems.empty()) << places(again).front();
  EXPECT_EQ(again.entered, 0);
  EXPECT_EQ(again.unchanged, 2);
  put(sheets, "HP-X-A", "media_articles", "7");
  const ReportEntryResult corrected = upload(sheets);
  ASSERT_TRUE(corrected.problems.empty()) << places(corrected).front();
  EXPECT_EQ(corrected.entered, 1);
  EXPECT_EQ(summary("HP-X")["totals"]["media_articles"], 8);
  expect_summaries_match_a_full_rebuild(campaign_.id);
  // An emptied cell clears the item (a row emptied entirely is a unit not entered: left as is).
  put(sheets, "HP-X-V", "media_articles", "");
  ASSERT_TRUE(upload(sheets).problems.empty());
  EXPECT_FALSE(app_->reports()
                   .get_report(system_admin(), campaign_.id, "HP-X-V")
                   .values.contains("media_articles"));
  expect_summaries_match_a_full_rebuild(campaign_.id);
}

TEST_F(ReportEntryTest, EveryBadCellIsListedWithItsSheetRowAndColumnAndNothingIsSaved) {
  auto sheets = template_of(commune_);
  put(sheets, "HP-X-V", "media_articles", "2");  // a good row: not saved either
  put(sheets, "HP-X-A", "media_articles", "mười");
  put(sheets, "HP-X-B", "banners", "-3");
  put(sheets, "HP-X-B", "flag_talk_sessions", "=1+2");
  put(sheets, "HP-X-A", "participants_students", "900");  // above the school's 200 students
  SheetCells& sheet = sheets.front();
  const int last = int(sheet.rows.size());
  const int col = sheet.column_of("banners");
  sheet.at(last + 1, 0) = "HP-Y-C";  // the other commune's school
  sheet.at(last + 1, col) = "1";
  sheet.at(last + 2, 0) = "KHONG-CO";
  sheet.at(last + 2, col) = "1";
  sheet.at(last + 3, 0) = "HP-X-V";  // twice
  sheet.at(last + 3, col) = "1";
  const std::string before = state();
  const ReportEntryResult result = upload(sheets);
  EXPECT_EQ(result.entered, 0);
  const auto listed = places(result);
  ASSERT_EQ(listed.size(), 7u) << ::testing::PrintToString(listed);
  const auto letter = [&](const std::string& key) {
    return documents::xlsx::column_letters(std::size_t(sheet.column_of(key)));
  };
  const auto has = [&](const std::string& prefix) {
    for (const auto& line : listed) {
      if (line.rfind(prefix, 0) == 0) return true;
    }
    ADD_FAILURE() << prefix << " not in " << ::testing::PrintToString(listed);
    return false;
  };
  const std::string a = std::to_string(sheet.row_of("HP-X-A"));
  const std::string b = std::to_string(sheet.row_of("HP-X-B"));
  const auto column = [&](const std::string& key) {
    const int c = sheet.column_of(key);
    return letter(key) + " (" + sheet.rows[0][std::size_t(c)] + ")";
  };
  has("Trang “Báo cáo”, dòng " + a + ", cột " + column("media_articles") +
      ": Hãy nhập một số nguyên không âm");
  has("Trang “Báo cáo”, dòng " + b + ", cột " + column("banners") + ": Số lượng không được âm");
  has("Trang “Báo cáo”, dòng " + b + ", cột " + letter("flag_talk_sessions"));
  has("Trang “Báo cáo”, dòng " + a + ", cột " + letter("participants_students"));
  has("Trang “Báo cáo”, dòng " + std::to_string(last + 1) + ", cột A (Mã đơn vị): Đơn vị");
  has("Trang “Báo cáo”, dòng " + std::to_string(last + 2) + ", cột A (Mã đơn vị): Không có đơn vị");
  has("Trang “Báo cáo”, dòng " + std::to_string(last + 3) +
      ", cột A (Mã đơn vị): Đơn vị HP-X-V đã có");
  EXPECT_EQ(state(), before);
}

TEST_F(ReportEntryTest, AChangedHeaderAJunkSheetABrokenFileAndTenMegabytesOfJunkAreRefused) {
  const std::string before = state();
  {
    auto sheets = template_of(commune_);
    put(sheets, "HP-X-A", "banners", "2");
    const int col = sheets.front().column_of("banners");
    sheets.front().at(1, col) = "Số băng rôn";    // a renamed header
    sheets.front().at(2, col + 1) = "something";  // a changed key
    const ReportEntryResult result = upload(sheets);
    const auto listed = places(result);
    ASSERT_EQ(listed.size(), 2u) << ::testing::PrintToString(listed);
    EXPECT_EQ(
        listed[0].rfind(
            "Trang “Báo cáo”, dòng 1, cột " + documents::xlsx::column_letters(std::size_t(col)), 0),
        0u)
        << listed[0];
    EXPECT_EQ(listed[1].rfind("Trang “Báo cáo”, dòng 2, cột ", 0), 0u) << listed[1];
  }
  {
    auto sheets = template_of(commune_);
    put(sheets, "HP-X-A", "banners", "2");
    SheetCells junk{"Sheet3", {}};
    junk.at(4, 2) = "rác";
    sheets.push_back(junk);
    const auto listed = places(upload(sheets));
    ASSERT_EQ(listed.size(), 1u) << ::testing::PrintToString(listed);
    EXPECT_EQ(listed[0].rfind("Trang “Sheet3”, dòng 4, cột C: Trang tính này không thuộc", 0), 0u)
        << listed[0];
  }
  {
    const auto listed = places(upload_bytes(std::string("PK\x03\x04", 4) + "không phải zip"));
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].rfind("Cả tệp: Tệp Excel bị hỏng", 0), 0u) << listed[0];
  }
  {
    std::string junk(10 * 1024 * 1024, '\0');
    std::mt19937 random(7);
    for (char& c : junk) c = char(random());
    const auto listed = places(upload_bytes(junk));
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].rfind("Cả tệp: ", 0), 0u) << listed[0];
  }
  {
    // A workbook without the template's sheet.
    SheetCells other{"Sheet1", {}};
    other.at(1, 0) = "code";
    const auto listed = places(upload({other}));
    ASSERT_EQ(listed.size(), 2u) << ::testing::PrintToString(listed);
    EXPECT_EQ(listed[0].rfind("Cả tệp: Tệp không có trang “Báo cáo”", 0), 0u) << listed[0];
  }
  EXPECT_EQ(state(), before);
}

TEST_F(ReportEntryTest, AReportTheUnitSubmittedItselfIsNotOverwritten) {
  save_and_submit(campaign_.id, "HP-X-B", {{"banners", 1}});
  auto sheets = template_of(commune_);
  put(sheets, "HP-X-A", "banners", "2");
  put(sheets, "HP-X-B", "banners", "9");
  const std::string before = state();
  const auto listed = places(upload(sheets));
  ASSERT_EQ(listed.size(), 1u) << ::testing::PrintToString(listed);
  EXPECT_NE(listed[0].find("đã tự nộp báo cáo"), std::string::npos) << listed[0];
  EXPECT_EQ(state(), before);
  // Its row left as the template had it is no change, and the others go in.
  put(sheets, "HP-X-B", "banners", "1");
  const ReportEntryResult result = upload(sheets);
  ASSERT_TRUE(result.problems.empty()) << places(result).front();
  EXPECT_EQ(result.entered, 1);
}

TEST_F(ReportEntryTest, OnlyCoordinatorsOfTheNodeOrAboveMayEnterReports) {
  auto sheets = template_of(commune_);
  put(sheets, "HP-X-A", "banners", "2");
  const std::string file = xlsx_of(sheets);
  const std::string before = state();
  // A school's reporter, the other commune's coordinator, a viewer, and a commune's coordinator
  // asking for the city.
  for (const auto& attempt : std::vector<std::pair<User, std::string>>{{reporter_, "HP-X"},
                                                                       {other_commune_, "HP-X"},
                                                                       {viewer_, "HP-X"},
                                                                       {commune_, "HP"},
                                                                       {reporter_, "HP-X-A"}}) {
    const User& actor = attempt.first;
    const std::string& node = attempt.second;
    EXPECT_EQ(error_kind_of([&] { app_->reports().entry_template(actor, campaign_.id, node); }),
              ErrorKind::forbidden)
        << actor.username << " " << node;
    EXPECT_EQ(error_kind_of([&] { upload_bytes(file, &actor, node); }), ErrorKind::forbidden)
        << actor.username << " " << node;
  }
  EXPECT_EQ(state(), before);
  // The city's coordinator may enter the commune's file.
  EXPECT_EQ(upload_bytes(file, &city_, "HP-X").entered, 1);
}

TEST_F(ReportEntryTest, LastYearsFiguresAreEnteredInAPastCampaignAfterItsLockDate) {
  Campaign last = testing_support::week_campaign_2025();
  last.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2024";
  last.year = 2024;
  using std::chrono::year;
  last.period_start = year{2024} / 10 / 1;
  last.period_end = year{2024} / 10 / 7;
  last.deadline = year{2024} / 10 / 12;
  last.lock_date = year{2024} / 10 / 31;
  last.issuer_code = "HP";
  last.reporting_kinds = campaign_.reporting_kinds;
  last = app_->campaigns().create_campaign(system_admin(), last);
  auto sheets = sheets_of(app_->reports().entry_template(commune_, last.id, "HP-X").bytes);
  put(sheets, "HP-X-A", "media_articles", "4");
  put(sheets, "HP-X-B", "media_articles", "6");
  const ReportEntryResult result =
      app_->reports().enter_reports(commune_, last.id, "HP-X", xlsx_of(sheets));
  ASSERT_TRUE(result.problems.empty()) << places(result).front();
  EXPECT_EQ(result.entered, 2);
  const auto figures =
      nlohmann::json::parse(*app_->summaries().summary_json(system_admin(), last.id, "HP-X"));
  EXPECT_EQ(figures["totals"]["media_articles"], 10);
  // This year's campaign is untouched.
  EXPECT_EQ(summary("HP-X")["totals"].value("media_articles", 0), 0);
}

}  // namespace
}  // namespace llw::testing
