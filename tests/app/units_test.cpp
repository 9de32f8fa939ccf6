// Creating, listing and importing org units through the Application.
#include "app/units.h"

#include <xlsxwriter.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "app/accounts.h"
#include "app/reports.h"
#include "app/summaries.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

const char* const csv_type = "text/csv";

class UnitsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
  }
};

TEST_F(UnitsTest, ChildrenAreSortedInVietnameseOrder) {
  for (const auto& [code, name] :
       std::vector<std::pair<std::string, std::string>>{{"HP-X-D1", "Đông"},
                                                        {"HP-X-D2", "Dương"},
                                                        {"HP-X-D3", "Ánh"},
                                                        {"HP-X-D4", "Bình"},
                                                        {"HP-X-D5", "An"}}) {
    app_->units().create_unit(system_admin(), input(code, name, UnitKind::village, "HP-X"));
  }
  std::vector<std::string> names;
  for (const OrgUnit& u : app_->units().list_children(system_admin(), "HP-X")) {
    if (u.code.rfind("HP-X-D", 0) == 0) names.push_back(u.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"An", "Ánh", "Bình", "Dương", "Đông"}));
}

TEST_F(UnitsTest, CoordinatorCreatesUnitsOnlyInItsSubtree) {
  User coordinator = make_user("xa.anhung", Role::coordinator, "HP-X");
  EXPECT_NO_THROW(app_->units().create_unit(
      coordinator, input("HP-X-N", "Thôn Nam", UnitKind::village, "HP-X")));
  EXPECT_EQ(error_kind_of([&] {
              app_->units().create_unit(coordinator,
                                        input("HP-Y-N", "Thôn Nam", UnitKind::village, "HP-Y"));
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->units().create_unit(coordinator, input("ROOT2", "Gốc", UnitKind::country, ""));
            }),
            ErrorKind::forbidden);
  EXPECT_FALSE(store_->units().find_unit("HP-Y-N"));
}

TEST_F(UnitsTest, NewUnitBelowAnIssuerJoinsItsCampaign) {
  Campaign campaign = make_campaign("HP");
  EXPECT_EQ(app_->summaries().summary(system_admin(), campaign.id, "HP").expected, 4);
  app_->units().create_unit(
      system_admin(), input("HP-X-N", "Thôn Nam", UnitKind::village, "HP-X", {{"residents", 900}}));
  EXPECT_EQ(app_->summaries().summary(system_admin(), campaign.id, "HP").expected, 5);
  EXPECT_EQ(app_->summaries().summary(system_admin(), campaign.id, "HP-X").expected, 4);
  EXPECT_EQ(app_->reports().get_report(system_admin(), campaign.id, "HP-X-N").status,
            ReportStatus::not_started);
}

TEST_F(UnitsTest, ImportWithAnyBadRowWritesNothingAndNamesEveryRow) {
  const std::int64_t before = store_->units().count_units();
  const std::string csv =
      "code,name,kind,level,parent,email,pop_students\n"
      "HP-X-T1,Trường Tiểu học Số 1,school,primary,HP-X,t1@anhung.edu.vn,300\n"  // row 2: fine
      "HP-X-T2,,school,primary,HP-X,,200\n"                                      // row 3: no name
      "HP-X-T3,Trường Số 3,school,primary,HP-KHONG,,200\n"                       // row 4: no parent
      "HP-X-T1,Trường trùng mã,school,primary,HP-X,,100\n"                       // row 5: duplicate
      "HP-X-T5,Trường Số 5,shop,,HP-X,,100\n"                                    // row 6: bad kind
      "HP-X-T6,Trường Số 6,school,primary,HP-X,,-4\n";                           // row 7: negative
  ImportResult result = app_->units().import_units(system_admin(), csv, csv_type);
  EXPECT_EQ(result.created, 0);
  std::set<int> rows;
  std::map<int, std::set<std::string>> columns;
  for (const ImportProblem& problem : result.errors) {
    rows.insert(problem.row);
    columns[problem.row].insert(problem.column);
    EXPECT_FALSE(problem.message.empty());
  }
  EXPECT_EQ(rows, (std::set<int>{3, 4, 5, 6, 7}));
  // Each problem names the column to fix, as the template heads it.
  EXPECT_EQ(columns[3], (std::set<std::string>{"Tên"}));
  EXPECT_EQ(columns[4], (std::set<std::string>{"Đơn vị cấp trên"}));
  EXPECT_EQ(columns[5], (std::set<std::string>{"Mã"}));
  EXPECT_EQ(columns[6], (std::set<std::string>{"Loại"}));
  EXPECT_EQ(columns[7], (std::set<std::string>{"Số học sinh"}));
  EXPECT_EQ(store_->units().count_units(), before);
  EXPECT_FALSE(store_->units().find_unit("HP-X-T1"));
}

TEST_F(UnitsTest, ImportCreatesAndUpdatesAndAddsReportingUnitsToCampaigns) {
  Campaign campaign = make_campaign("HP");
  const std::string csv =
      "\xEF\xBB\xBF"
      "code;name;kind;level;parent;email;pop_students;pop_staff\n"
      "HP-Z;Xã Mới;commune;;HP;;;\n"
      "HP-Z-T;\"Trường Tiểu học \"\"Mới\"\"; cơ sở 1\";school;primary;HP-Z;;320;25\n"
      "HP-X-A;Trường Tiểu học An Hưng;school;primary;HP-X;;250;20\n";
  ImportResult result = app_->units().import_units(system_admin(), csv, "text/csv; charset=utf-8");
  ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
  EXPECT_EQ(result.created, 2);
  EXPECT_EQ(result.updated, 1);
  OrgUnit t = unit("HP-Z-T");
  EXPECT_EQ(t.name, "Trường Tiểu học \"Mới\"; cơ sở 1");
  EXPECT_EQ(t.parent_code, "HP-Z");
  EXPECT_EQ(t.population.at("students"), 320);
  EXPECT_EQ(unit("HP-X-A").population.at("students"), 250);
  EXPECT_EQ(app_->summaries().summary(system_admin(), campaign.id, "HP").expected, 5);
  EXPECT_EQ(app_->summaries().summary(system_admin(), campaign.id, "HP-Z").expected, 1);
}

TEST_F(UnitsTest, CoordinatorImportStaysInsideItsSubtree) {
  User coordinator = make_user("xa.anhung", Role::coordinator, "HP-X");
  const std::string csv =
      "code,name,kind,parent\n"
      "HP-X-N,Thôn Nam,village,HP-X\n"
      "HP-Y-N,Thôn Nam,village,HP-Y\n";
  ImportResult result = app_->units().import_units(coordinator, csv, csv_type);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].row, 3);
  EXPECT_EQ(result.errors[0].column, "Đơn vị cấp trên");
  EXPECT_FALSE(store_->units().find_unit("HP-X-N"));
  User reporter = make_user("th.anhung", Role::reporter, "HP-X-A");
  EXPECT_EQ(error_kind_of([&] { app_->units().import_units(reporter, csv, csv_type); }),
            ErrorKind::forbidden);
}

TEST_F(UnitsTest, AFileThatCannotBeReadIsOneProblemOfTheWholeFileAndWritesNothing) {
  const std::int64_t before = store_->units().count_units();
  std::string big = "code,name,kind,parent\n";
  for (int i = 0; i < 5001; ++i) {
    big += "HP-X-V" + std::to_string(i) + ",Thôn " + std::to_string(i) + ",village,HP-X\n";
  }
  const std::vector<std::pair<std::string, std::string>> files = {
      {"code,name,kind\nA,\xC3\x28,school\n", csv_type},  // not UTF-8
      {"PK\x03\x04garbage", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"x", "application/pdf"},  // a type that is no spreadsheet
      {"", csv_type},            // empty
      {"\n\n", csv_type},        // blank lines only
      {"code,name,kind\nA,\"unclosed,village\n", csv_type},
      {big, csv_type}};  // more rows than one import takes
  for (const auto& [body, type] : files) {
    const ImportResult result = app_->units().import_units(system_admin(), body, type);
    ASSERT_EQ(result.errors.size(), 1u) << body.substr(0, 40);
    EXPECT_EQ(result.errors[0].row, 0);
    EXPECT_FALSE(result.errors[0].message.empty());
    EXPECT_EQ(result.created + result.updated, 0);
  }
  EXPECT_EQ(store_->units().count_units(), before);
  EXPECT_NE(import_refusal_message({{0, "", "x"}}).find("Không đọc được tệp"), std::string::npos);
}

TEST_F(UnitsTest, EveryHeaderProblemIsListedOnRowOneAndNoRowIsRead) {
  const ImportResult result = app_->units().import_units(
      system_admin(), "Mã,code,Màu,Loại\nHP-X-Q,HP-X-Q,đỏ,village\n", csv_type);
  std::set<std::string> columns;
  for (const ImportProblem& problem : result.errors) {
    EXPECT_EQ(problem.row, 1);
    columns.insert(problem.column);
  }
  // "code" repeats "Mã", "Màu" is no column of ours, and "Tên" is missing.
  EXPECT_EQ(columns, (std::set<std::string>{"code", "Màu", "Tên"}));
  EXPECT_FALSE(store_->units().find_unit("HP-X-Q"));
}

TEST_F(UnitsTest, TheImportTemplateReadsBackAndImportsAsItIsInBothFormats) {
  const User coordinator = make_user("xa.mau", Role::coordinator, "HP-X");
  const DocumentFile xlsx = app_->units().import_template(coordinator, DocumentFormat::xlsx);
  EXPECT_EQ(xlsx.file_name, "mau-nhap-don-vi.xlsx");
  const ParsedUnits from_xlsx = parse_units(xlsx.bytes, xlsx.content_type);
  ASSERT_TRUE(from_xlsx.errors.empty()) << from_xlsx.errors.front().message;
  ASSERT_EQ(from_xlsx.rows.size(), 2u);
  // Each example row as the importer reads it: code, kind, level, parent, population.
  const auto read_back = [](const UnitInput& unit) {
    std::string text = unit.code + " " + std::string(to_string(unit.kind)) + " " +
                       std::string(to_string(unit.level)) + " " + unit.parent_code;
    for (const auto& [group, n] : unit.population) text += " " + group + "=" + std::to_string(n);
    return text;
  };
  EXPECT_EQ(read_back(from_xlsx.rows[0].input),
            "HP-X-TH-MAU school primary HP-X parents=340 staff=28 students=350");
  EXPECT_EQ(read_back(from_xlsx.rows[1].input), "HP-X-THON-MAU village none HP-X residents=420");

  const DocumentFile csv = app_->units().import_template(coordinator, DocumentFormat::csv);
  EXPECT_EQ(csv.bytes.rfind("\xEF\xBB\xBFMã,Tên,Loại,Cấp học,Đơn vị cấp trên", 0), 0u) << csv.bytes;
  const ImportResult imported = app_->units().import_units(coordinator, csv.bytes, csv_type);
  ASSERT_TRUE(imported.errors.empty()) << imported.errors.front().message;
  EXPECT_EQ(imported.created, 2);
  EXPECT_EQ(unit("HP-X-THON-MAU").name, "Thôn Mẫu");

  const User reporter = make_user("th.mau", Role::reporter, "HP-X-A");
  EXPECT_EQ(error_kind_of([&] { app_->units().import_template(reporter, DocumentFormat::xlsx); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->units().import_template(coordinator, DocumentFormat::pdf); }),
            ErrorKind::not_found);
}

TEST_F(UnitsTest, UnitsAreFoundByNameOrCodeWithoutMarksWithinTheActorsSubtree) {
  const auto codes = [](const std::vector<OrgUnit>& units) {
    std::set<std::string> out;
    for (const OrgUnit& unit : units) out.insert(unit.code);
    return out;
  };
  const User coordinator = make_user("xa.tim", Role::coordinator, "HP-X");
  const std::set<std::string> found =
      codes(app_->units().find_units(system_admin(), "an hung", 50));
  EXPECT_TRUE(found.count("HP-X-A")) << "Trường Tiểu học An Hưng, typed without marks";
  EXPECT_EQ(codes(app_->units().find_units(system_admin(), "hp-x-a", 50)).count("HP-X-A"), 1u);
  // A coordinator finds nothing outside its subtree; wildcards and bad bytes find nothing.
  for (const OrgUnit& unit : app_->units().find_units(coordinator, "", 50))
    ADD_FAILURE() << unit.code;
  for (const char* hostile : {"%", "_", "\\", "\xFF\xFE", "' OR 1=1 --"}) {
    EXPECT_TRUE(app_->units().find_units(coordinator, hostile, 50).empty()) << hostile;
  }
  for (const OrgUnit& unit : app_->units().find_units(coordinator, "h", 200)) {
    EXPECT_EQ(unit.code.rfind("HP-X", 0), 0u) << unit.code;
  }
  EXPECT_EQ(app_->units().find_units(system_admin(), "h", 1).size(), 1u);
  const User reporter = make_user("th.tim", Role::reporter, "HP-X-A");
  EXPECT_EQ(error_kind_of([&] { app_->units().find_units(reporter, "an", 5); }),
            ErrorKind::forbidden);
}

TEST_F(UnitsTest, ReportingUnitsWithoutAReporterAccountAreNamed) {
  make_user("bcv.a", Role::reporter, "HP-X-A");
  make_user("xem.b", Role::viewer, "HP-X-B");  // a viewer is no reporter
  const std::vector<OrgUnit> children = app_->units().list_children(system_admin(), "HP-X");
  EXPECT_EQ(app_->accounts().units_without_reporter(system_admin(), children),
            (std::set<std::string>{"HP-X-B", "HP-X-V"}));
  // A commune is no reporting unit; someone who manages no accounts learns nothing.
  EXPECT_TRUE(app_->accounts().units_without_reporter(system_admin(), {unit("HP-X")}).empty());
  const User reporter = make_user("bcv.v", Role::reporter, "HP-X-V");
  EXPECT_TRUE(app_->accounts().units_without_reporter(reporter, children).empty());
  EXPECT_EQ(app_->accounts().units_without_reporter(system_admin(), children),
            (std::set<std::string>{"HP-X-B"}));
}

TEST_F(UnitsTest, ImportReadsARealXlsxWorkbook) {
  const std::string path = (dir_ / "units.xlsx").string();
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Đơn vị");
  const char* header[] = {"code", "name", "kind", "level", "parent", "pop_students", "pop_staff"};
  for (int c = 0; c < 7; ++c) worksheet_write_string(sheet, 0, lxw_col_t(c), header[c], nullptr);
  worksheet_write_string(sheet, 1, 0, "HP-X-MN", nullptr);
  worksheet_write_string(sheet, 1, 1, "Trường Mầm non Hoa Sen", nullptr);
  worksheet_write_string(sheet, 1, 2, "school", nullptr);
  worksheet_write_string(sheet, 1, 3, "preschool", nullptr);
  worksheet_write_string(sheet, 1, 4, "HP-X", nullptr);
  worksheet_write_number(sheet, 1, 5, 215, nullptr);
  worksheet_write_number(sheet, 1, 6, 31, nullptr);
  worksheet_write_string(sheet, 3, 0, "HP-X-DOAN", nullptr);  // row 4, after an empty row
  worksheet_write_string(sheet, 3, 1, "Đoàn Thanh niên xã An Hưng", nullptr);
  worksheet_write_string(sheet, 3, 2, "organization", nullptr);
  worksheet_write_string(sheet, 3, 4, "HP-X", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();

  ImportResult result = app_->units().import_units(
      system_admin(), bytes.str(),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
  EXPECT_EQ(result.created, 2);
  OrgUnit mn = unit("HP-X-MN");
  EXPECT_EQ(mn.name, "Trường Mầm non Hoa Sen");
  EXPECT_EQ(mn.level, SchoolLevel::preschool);
  EXPECT_EQ(mn.population.at("students"), 215);
  EXPECT_EQ(mn.population.at("staff"), 31);
  EXPECT_EQ(unit("HP-X-DOAN").kind, UnitKind::organization);
}

}  // namespace
}  // namespace llw::testing
