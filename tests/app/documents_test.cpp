// Documents and data exports built from a real SQLite store after real saves and submits, read
// back by real consumers: pdftotext for the PDF, LibreOffice Calc for the XLSX. The consolidated
// figures must be the summary API's, to the unit.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/reporting_up.h"
#include "app/reports.h"
#include "app/summaries.h"
#include "app/units.h"
#include "app_fixture.h"
#include "demo/demo_data.h"
#include "document_text.h"
#include "documents/builders.h"
#include "documents/data_table.h"

namespace llw::testing {
namespace {

using nlohmann::json;

std::string run(const std::string& command) { return testing_support::command_output(command); }

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs of spaces and line breaks collapsed, so columns laid out by pdftotext compare as words.
std::string squeeze(const std::string& text) { return testing_support::squeeze_spaces(text); }

// 6240 → "6.240", the way Vietnamese documents group thousands.
std::string vietnamese_number(std::int64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

using testing_support::parse_csv;

class DocumentsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    store_->units().upsert_units({
        input("HP", "Thành phố Hải Phòng", UnitKind::province, ""),
        input("HP-X", "Xã An Hưng", UnitKind::commune, "HP"),
        input("HP-X-A", "Trường Tiểu học An Hưng", UnitKind::school, "HP-X",
              {{"students", 2000}, {"staff", 120}, {"parents", 1900}}, SchoolLevel::primary),
        input("HP-X-B", "Trường THCS An Hưng", UnitKind::school, "HP-X",
              {{"students", 3000}, {"staff", 150}}, SchoolLevel::lower_secondary),
        input("HP-X-V", "Thôn Đông", UnitKind::village, "HP-X", {{"residents", 5000}}),
        input("HP-Y", "Xã Tân Tiến", UnitKind::commune, "HP"),
        input("HP-Y-C", "Trường Mầm non Tân Tiến", UnitKind::school, "HP-Y", {{"students", 100}},
              SchoolLevel::preschool),
    });
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_code = "HP-X";
    c.plan = seed_plan(2025);
    campaign_ = app_->campaigns().create_campaign(system_admin(), c);
  }

  json values_a() {
    return {{"media_articles", 1200},
            {"banners", 345},
            {"reading_day_held", true},
            {"reading_day_sessions", 12},
            {"reading_day_participants", 1500},
            {"participants_students", 1800},
            {"participants_staff", 100},
            {"participants_parents", 1500},
            {"commend_collectives", 2},
            {"commend_individuals", 1250},
            {"advantages", "Ban giám hiệu và phụ huynh quan tâm, ủng hộ."}};
  }
  json values_b() {
    return {{"media_articles", 34},
            {"banners", 1000},
            {"stem_held", true},
            {"stem_sessions", 8},
            {"stem_participants", 2500},
            {"stem_direction", "đ"},
            {"participants_students", 2700},
            {"participants_staff", 140},
            {"advantages", "Học sinh hào hứng với các hoạt động STEM."}};
  }

  void save(const std::string& code, const json& values, bool submit) {
    UnitReport current = app_->reports().get_report(system_admin(), campaign_.id, code);
    UnitReport saved =
        app_->reports().save_draft(system_admin(), campaign_.id, code, current.version, values);
    if (submit) app_->reports().submit(system_admin(), campaign_.id, code, saved.version);
  }

  // A and B submitted, the village only saved a draft.
  void fill_reports() {
    save("HP-X-A", values_a(), true);
    save("HP-X-B", values_b(), true);
    save("HP-X-V", {{"banners", 7}}, false);
  }

  // The summary exactly as GET …/summary/{unit} serves it.
  json summary_api(const std::string& code) {
    return json::parse(*app_->summaries().summary_json(system_admin(), campaign_.id, code));
  }

  std::filesystem::path write(const std::string& name, const DocumentFile& file) {
    const auto path = dir_ / name;
    write_file(path, file.contents());
    return path;
  }

  std::string pdf_text(const DocumentFile& file) {
    const auto path = write("document.pdf", file);
    return run("pdftotext -layout '" + path.string() + "' - 2>/dev/null");
  }

  Campaign campaign_;
};

TEST_F(DocumentsTest, ConsolidatedReportPrintsEveryTotalOfTheSummaryApiInVietnameseFormat) {
  fill_reports();
  const json api = summary_api("HP-X");
  const DocumentFile file =
      app_->documents().summary_document(system_admin(), campaign_.id, "HP-X", DocumentFormat::pdf);
  EXPECT_EQ(file.content_type, "application/pdf");
  EXPECT_EQ(file.file_name, "bao-cao-tong-hop-xa-an-hung-2025.pdf");
  const std::string text = squeeze(pdf_text(file));
  ASSERT_FALSE(text.empty()) << "pdftotext could not read the PDF";

  EXPECT_NE(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
  EXPECT_NE(text.find("BÁO CÁO"), std::string::npos);
  EXPECT_NE(text.find("Kính gửi"), std::string::npos);
  EXPECT_NE(text.find("Ủy ban nhân dân thành phố Hải Phòng"), std::string::npos);

  // The figures a reader checks, each as the API says and formatted the Vietnamese way.
  const std::int64_t participants = api.at("participation").at("participants");
  const std::int64_t population = api.at("participation").at("population");
  ASSERT_EQ(participants, 1800 + 100 + 1500 + 2700 + 140);
  ASSERT_EQ(population, 2000 + 120 + 1900 + 3000 + 150);
  EXPECT_NE(text.find(vietnamese_number(participants)), std::string::npos) << text;
  EXPECT_NE(text.find(vietnamese_number(population)), std::string::npos);
  const Summary summary = app_->summaries().summary(system_admin(), campaign_.id, "HP-X");
  EXPECT_NE(text.find(documents::format_percent(summary.participation_rate)), std::string::npos);
  // Every total of 1,000 or more (where grouping shows) is printed as the API has it.
  int checked = 0;
  for (const auto& [key, value] : api.at("totals").items()) {
    const auto amount = value.get<double>();
    if (amount < 1000 || key.rfind("participants_", 0) == 0) continue;
    ++checked;
    EXPECT_NE(text.find(vietnamese_number(std::llround(amount))), std::string::npos)
        << key << " = " << amount;
  }
  EXPECT_GE(checked, 3);  // media_articles 1.234, banners 1.345, commend_individuals 1.250
  EXPECT_NE(text.find("1.234"), std::string::npos);
  EXPECT_NE(text.find("1.345"), std::string::npos);
  // The annex lists each unit that must report, the missing one by name.
  EXPECT_NE(text.find("Phụ lục"), std::string::npos);
  EXPECT_NE(text.find("Trường THCS An Hưng"), std::string::npos);
  EXPECT_NE(text.find("Thôn Đông"), std::string::npos);
  EXPECT_NE(text.find("đã báo cáo: 2/3"), std::string::npos);
  // The narrative falls back to the units' own texts.
  EXPECT_NE(text.find("Học sinh hào hứng với các hoạt động STEM."), std::string::npos);
}

TEST_F(DocumentsTest, ConsolidatedReportCarriesTheCoordinatorsNarrativeWhereWritten) {
  fill_reports();
  app_->reporting_up().save_consolidated_narrative(
      system_admin(), campaign_.id, "HP-X", 0,
      {{"advantages", "Các trường chủ động, phụ huynh phối hợp tích cực."}, {"difficulties", ""}});
  const std::string text = squeeze(pdf_text(app_->documents().summary_document(
      system_admin(), campaign_.id, "HP-X", DocumentFormat::pdf)));
  ASSERT_FALSE(text.empty());
  // The written part replaces the units' texts; an empty part still falls back to them.
  EXPECT_NE(text.find("Các trường chủ động, phụ huynh phối hợp tích cực."), std::string::npos)
      << text;
  EXPECT_EQ(text.find("Học sinh hào hứng với các hoạt động STEM."), std::string::npos);
}

TEST_F(DocumentsTest, XlsxTotalsSheetEqualsTheSummaryApiCellByCellInLibreOffice) {
  fill_reports();
  const json api = summary_api("HP-X");
  const Summary summary = app_->summaries().summary(system_admin(), campaign_.id, "HP-X");
  const DocumentFile file =
      app_->documents().data_export(system_admin(), campaign_.id, "HP-X", DocumentFormat::xlsx);
  EXPECT_EQ(file.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(file.file_name, "so-lieu-xa-an-hung-2025.xlsx");
  const auto path = write("data.xlsx", file);
  const auto out = dir_ / "csv";
  std::filesystem::create_directories(out);
  // Every sheet to its own CSV (sheet -1), raw values rather than as shown (token 9 false).
  run("cd '" + dir_.string() +
      "' && timeout 120 soffice --headless --norestore -env:UserInstallation=file://" +
      (dir_ / "lo-profile").string() +
      " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,"
      "false,-1' --outdir '" +
      out.string() + "' '" + path.string() + "' >/dev/null 2>&1");
  const auto totals_csv = out / "data-Tổng hợp.csv";
  ASSERT_TRUE(std::filesystem::exists(totals_csv)) << "LibreOffice did not convert the XLSX";
  const auto rows = parse_csv(read_file(totals_csv));
  // The consolidated line, an empty row, and the cut-off.
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[3][0].rfind("Số liệu tính đến ", 0), 0u) << rows[3][0];

  const auto form = app_->campaigns().form("llw-2025");
  const auto columns = documents::data_columns(*form);
  ASSERT_EQ(rows[0].size(), columns.size());
  ASSERT_EQ(rows[1].size(), columns.size());
  int compared = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    EXPECT_EQ(rows[0][c], columns[c].label);
    const std::string& key = columns[c].key;
    const std::string& cell = rows[1][c];
    if (api.at("totals").contains(key)) {
      ASSERT_FALSE(cell.empty()) << key;
      EXPECT_EQ(std::stod(cell), api.at("totals").at(key).get<double>()) << key;
      ++compared;
    } else if (key == "participation_rate") {
      // Calc writes a percent-formatted cell as its percent figure (87.03 for 0.8703).
      const double rate = std::stod(cell) / 100;
      EXPECT_NEAR(rate, summary.participation_rate, 1e-12);
      EXPECT_NEAR(rate, api.at("participation").at("rate").get<double>(), 5e-5);
    } else if (key == "unit_code") {
      EXPECT_EQ(cell, "HP-X");
    } else if (key == "status") {
      EXPECT_EQ(cell, "Đã báo cáo 2/3");
    }
  }
  EXPECT_EQ(compared, static_cast<int>(api.at("totals").size()));

  // The schools' sheet holds the two schools, in tree order, with their own figures.
  const auto schools = parse_csv(read_file(out / "data-Trường học.csv"));
  ASSERT_EQ(schools.size(), 3u);
  EXPECT_EQ(schools[1][0], "HP-X-A");
  EXPECT_EQ(schools[2][0], "HP-X-B");
  const auto banners = std::find_if(columns.begin(), columns.end(),
                                    [](const auto& col) { return col.key == "banners"; }) -
                       columns.begin();
  EXPECT_EQ(schools[1][banners], "345");
  EXPECT_EQ(schools[2][banners], "1000");
  const auto villages = parse_csv(read_file(out / "data-Thôn.csv"));
  ASSERT_EQ(villages.size(), 2u);
  EXPECT_EQ(villages[1][banners], "7");  // a draft's values are data, though not in the totals
}

TEST_F(DocumentsTest, CsvListsEveryReportingUnitOnceUnderOneHeaderWithAByteOrderMark) {
  fill_reports();
  const DocumentFile file =
      app_->documents().data_export(system_admin(), campaign_.id, "HP-X", DocumentFormat::csv);
  EXPECT_EQ(file.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(file.file_name, "so-lieu-xa-an-hung-2025.csv");
  ASSERT_EQ(file.contents().rfind("\xEF\xBB\xBF", 0), 0u);
  const auto rows = parse_csv(file.contents());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "Cấp");
  EXPECT_EQ(rows[0][1], "Mã đơn vị");
  std::vector<std::string> codes;
  for (std::size_t r = 1; r < rows.size(); ++r) codes.push_back(rows[r][1]);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"HP-X-A", "HP-X-B", "HP-X-V"}));
  for (std::size_t r = 1; r < rows.size(); ++r) EXPECT_EQ(rows[r].size(), rows[0].size());
}

TEST_F(DocumentsTest, AUnitsReportShowsItsFiguresAndIsItsOwnOrItsSuperiorsToRead) {
  fill_reports();
  const User reporter_a = make_user("truong.a", Role::reporter, "HP-X-A");
  const DocumentFile file =
      app_->documents().report_document(reporter_a, campaign_.id, "HP-X-A", DocumentFormat::pdf);
  EXPECT_EQ(file.file_name, "bao-cao-truong-tieu-hoc-an-hung-2025.pdf");
  const std::string text = squeeze(pdf_text(file));
  // The unit's header under its parent agency, its name whole on one line.
  EXPECT_NE(text.find("UBND XÃ AN HƯNG"), std::string::npos) << text;
  EXPECT_NE(text.find("TRƯỜNG TIỂU HỌC AN HƯNG"), std::string::npos);
  // The number is left for the pen, not made of the internal code "HP-X-A".
  EXPECT_NE(text.find("Số: /BC- "), std::string::npos);
  EXPECT_EQ(text.find("/BC-A"), std::string::npos);
  EXPECT_NE(text.find("1.200"), std::string::npos);  // media_articles
  EXPECT_NE(text.find("1.250"), std::string::npos);  // commend_individuals

  // A sibling's report, and the commune's consolidated figures, are not the reporter's to read.
  EXPECT_EQ(error_kind_of([&] {
              app_->documents().report_document(reporter_a, campaign_.id, "HP-X-B",
                                                DocumentFormat::docx);
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->documents().summary_document(reporter_a, campaign_.id, "HP-X",
                                                 DocumentFormat::pdf);
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] {
              app_->documents().data_export(reporter_a, campaign_.id, "HP-X", DocumentFormat::xlsx);
            }),
            ErrorKind::forbidden);
  // The commune's coordinator reads every report of its subtree.
  const User coordinator = make_user("xa.anhung", Role::coordinator, "HP-X");
  EXPECT_FALSE(app_->documents()
                   .report_document(coordinator, campaign_.id, "HP-X-B", DocumentFormat::docx)
                   .bytes.empty());
  EXPECT_EQ(error_kind_of([&] {
              app_->documents().report_document(coordinator, campaign_.id, "HP-X-NOPE",
                                                DocumentFormat::pdf);
            }),
            ErrorKind::not_found);
}

TEST_F(DocumentsTest, EmptyItemsAreLeftOutOrMarkedAsAsked) {
  save("HP-X-V", {{"banners", 7}}, false);
  const std::string plain = squeeze(pdf_text(app_->documents().report_document(
      system_admin(), campaign_.id, "HP-X-V", DocumentFormat::pdf)));
  ReportDocumentOptions marked;
  marked.mark_empty = true;
  const std::string with_marks = squeeze(pdf_text(app_->documents().report_document(
      system_admin(), campaign_.id, "HP-X-V", DocumentFormat::pdf, marked)));
  EXPECT_EQ(plain.find("Không có số liệu"), std::string::npos);
  EXPECT_NE(with_marks.find("Không có số liệu"), std::string::npos);
}

TEST_F(DocumentsTest, DocumentsAndDataRefuseEachOthersFormats) {
  EXPECT_EQ(error_kind_of([&] {
              app_->documents().summary_document(system_admin(), campaign_.id, "HP-X",
                                                 DocumentFormat::xlsx);
            }),
            ErrorKind::bad_input);
  EXPECT_EQ(error_kind_of([&] {
              app_->documents().data_export(system_admin(), campaign_.id, "HP-X",
                                            DocumentFormat::pdf);
            }),
            ErrorKind::bad_input);
  EXPECT_EQ(error_kind_of([&] {
              app_->documents().plan_document(system_admin(), campaign_.id, DocumentFormat::csv);
            }),
            ErrorKind::bad_input);
}

TEST_F(DocumentsTest, ThePlanIsEditedByTheCoordinatorAndTheDocumentFollows) {
  const User coordinator = make_user("xa.anhung", Role::coordinator, "HP-X");
  const std::int64_t revision = *store_->campaigns().campaign_revision(campaign_.id);
  json plan = seed_plan(2025);
  plan["number"] = "99/KH-UBND";
  const Campaign updated = app_->campaigns().update_campaign_plan(coordinator, campaign_.id, plan);
  EXPECT_EQ(updated.plan.at("number"), "99/KH-UBND");
  EXPECT_EQ(*store_->campaigns().campaign_revision(campaign_.id), revision + 1);

  // Anyone concerned by the campaign reads the plan, a unit that must report included.
  const User reporter = make_user("truong.a", Role::reporter, "HP-X-A");
  const DocumentFile file =
      app_->documents().plan_document(reporter, campaign_.id, DocumentFormat::pdf);
  EXPECT_EQ(file.file_name, "ke-hoach-99-kh-ubnd-2025.pdf");
  const std::string text = squeeze(pdf_text(file));
  EXPECT_NE(text.find("Số: 99/KH-UBND"), std::string::npos) << text.substr(0, 600);
  EXPECT_NE(text.find("KẾ HOẠCH"), std::string::npos);
  EXPECT_NE(text.find("ĐỀ CƯƠNG"), std::string::npos);

  // A school in another commune has nothing to do with this campaign.
  const User outsider = make_user("truong.c", Role::reporter, "HP-Y-C");
  EXPECT_EQ(error_kind_of([&] {
              app_->documents().plan_document(outsider, campaign_.id, DocumentFormat::docx);
            }),
            ErrorKind::forbidden);
}

TEST_F(DocumentsTest, OnlyTheIssuersManagersEditThePlanAndBadPlansChangeNothing) {
  const User reporter = make_user("truong.a", Role::reporter, "HP-X-A");
  const json before = store_->campaigns().find_campaign(campaign_.id)->plan;
  EXPECT_EQ(error_kind_of([&] {
              app_->campaigns().update_campaign_plan(reporter, campaign_.id, {{"number", "1/KH"}});
            }),
            ErrorKind::forbidden);
  const User coordinator = make_user("xa.anhung", Role::coordinator, "HP-X");
  json bad = before;
  bad["issued_on"] = "01/10/2025";
  try {
    app_->campaigns().update_campaign_plan(coordinator, campaign_.id, bad);
    FAIL() << "expected validation_failed";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    EXPECT_TRUE(e.fields().count("plan.issued_on")) << e.message();
  }
  EXPECT_EQ(
      error_kind_of([&] {
        app_->campaigns().update_campaign_plan(coordinator, campaign_.id, json::array({1, 2}));
      }),
      ErrorKind::bad_input);
  EXPECT_EQ(error_kind_of([&] {
              app_->campaigns().update_campaign_plan(coordinator, campaign_.id + 50, before);
            }),
            ErrorKind::not_found);
  EXPECT_EQ(store_->campaigns().find_campaign(campaign_.id)->plan, before);
}

TEST_F(DocumentsTest, HostileTextInReportsAndPlanNeverBreaksADocument) {
  json values = values_a();
  // Control characters never get in (the one text rule, domain/text.h)…
  values["advantages"] = std::string("<w:p> \x01\x02");
  EXPECT_EQ(error_kind_of([&] { save("HP-X-A", values, false); }), ErrorKind::validation_failed);
  // …and markup, bidi overrides and length never break a document.
  values["advantages"] = std::string("<w:p>&amp; ]]> \u200F\u202E") + std::string(9000, 'x');
  values["difficulties"] = "\"><script>alert(1)</script> & < >";
  save("HP-X-A", values, true);
  CampaignSettings settings{campaign_.name,       campaign_.period_start,
                            campaign_.period_end, campaign_.deadline,
                            campaign_.lock_date,  std::nullopt,
                            std::nullopt,         "</w:t></w:r><w:r><w:t>ĐÃ SỬA</w:t> ]]> &"};
  app_->campaigns().update_campaign_settings(system_admin(), campaign_.id, settings);
  for (DocumentFormat format : {DocumentFormat::docx, DocumentFormat::pdf}) {
    const DocumentFile summary =
        app_->documents().summary_document(system_admin(), campaign_.id, "HP-X", format);
    const DocumentFile report =
        app_->documents().report_document(system_admin(), campaign_.id, "HP-X-A", format);
    const DocumentFile plan_file =
        app_->documents().plan_document(system_admin(), campaign_.id, format);
    for (const DocumentFile* file : {&summary, &report, &plan_file}) {
      ASSERT_GT(file->bytes.size(), 1000u);
      if (format == DocumentFormat::pdf) {
        EXPECT_EQ(file->bytes.rfind("%PDF-", 0), 0u);
        EXPECT_FALSE(pdf_text(*file).empty()) << file->file_name;
      } else {
        EXPECT_EQ(file->bytes.rfind("PK", 0), 0u);
      }
    }
  }
  const std::string text = squeeze(pdf_text(app_->documents().report_document(
      system_admin(), campaign_.id, "HP-X-A", DocumentFormat::pdf)));
  EXPECT_NE(text.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(text.find("ĐÃ SỬA</w:t> ]]> &"), std::string::npos) << text;  // the theme, as typed
}

TEST_F(DocumentsTest, TheUnitsSignerFromItsSettingsSignsItsReportAndItsConsolidatedReport) {
  fill_reports();
  UnitChanges school;
  school.signer = UnitSigner{"", "KT. HIỆU TRƯỞNG", "Phó hiệu trưởng", "Nguyễn Thị Hồng Vân"};
  app_->units().update_unit(system_admin(), "HP-X-A", school);
  const std::string report = squeeze(pdf_text(app_->documents().report_document(
      system_admin(), campaign_.id, "HP-X-A", DocumentFormat::pdf)));
  EXPECT_NE(report.find("Nguyễn Thị Hồng Vân"), std::string::npos) << report;
  EXPECT_NE(report.find("PHÓ HIỆU TRƯỞNG"), std::string::npos) << report;  // capitals, as ND30
  EXPECT_NE(report.find("KT. HIỆU TRƯỞNG"), std::string::npos) << report;

  UnitChanges commune;
  commune.signer =
      UnitSigner{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"};
  app_->units().update_unit(system_admin(), "HP-X", commune);
  const std::string consolidated = squeeze(pdf_text(app_->documents().summary_document(
      system_admin(), campaign_.id, "HP-X", DocumentFormat::pdf)));
  EXPECT_NE(consolidated.find("Trần Văn Bình"), std::string::npos) << consolidated;
  EXPECT_NE(consolidated.find("PHÓ CHỦ TỊCH"), std::string::npos);
  EXPECT_NE(consolidated.find("TM. ỦY BAN NHÂN DÂN"), std::string::npos);

  // A unit without a signer keeps the default block of its kind.
  const std::string other = squeeze(pdf_text(app_->documents().report_document(
      system_admin(), campaign_.id, "HP-X-B", DocumentFormat::pdf)));
  EXPECT_EQ(other.find("Nguyễn Thị Hồng Vân"), std::string::npos);
  EXPECT_NE(other.find("HIỆU TRƯỞNG"), std::string::npos);
}

// One count of activities everywhere: the unit's report, the consolidated report, its annex and
// the summary API agree that two rows of "other activities" and a reading day are 3 activities.
TEST_F(DocumentsTest, TheUnitsReportTheAnnexAndTheApiCountActivitiesAlike) {
  json a = values_a();
  a["other_activities"] = {
      {{"name", "Ngày hội đọc sách"}, {"direction", "d"}, {"sessions", 2}, {"participants", 300}},
      {{"name", "Tọa đàm kỹ năng số"}, {"direction", "b"}, {"sessions", 1}, {"participants", 60}}};
  save("HP-X-A", a, true);
  const std::string unit = squeeze(pdf_text(app_->documents().report_document(
      system_admin(), campaign_.id, "HP-X-A", DocumentFormat::pdf)));
  EXPECT_NE(unit.find("Tổ chức các hoạt động học tập: 3 hoạt động, 15 buổi, lớp"),
            std::string::npos)
      << unit;
  const json api = summary_api("HP-X");
  EXPECT_EQ(api.at("activities").at("other").at("units"), 1);
  EXPECT_EQ(api.at("activities").at("other").at("held"), 2);
  EXPECT_EQ(api.at("activities").at("reading_day").at("held"), 1);

  const DocumentFile docx = app_->documents().summary_document(system_admin(), campaign_.id, "HP-X",
                                                               DocumentFormat::docx);
  const auto docx_path = write("summary.docx", docx);
  const std::string xml = run("unzip -p '" + docx_path.string() + "' word/document.xml");
  ASSERT_FALSE(xml.empty());
  EXPECT_NE(xml.find("3 hoạt động, 15 buổi, lớp"), std::string::npos);
  // The annex: one measure per column, the school's row counting 3 activities; the columns of
  // single items headed by the form's labels.
  EXPECT_NE(xml.find("Số pano, băng zôn tuyên truyền"), std::string::npos);
  EXPECT_NE(xml.find("Số tập thể được khen thưởng"), std::string::npos);
  EXPECT_NE(xml.find("Số tập thể được khen"), std::string::npos);
  EXPECT_NE(xml.find("Số cá nhân được khen"), std::string::npos);
  EXPECT_EQ(xml.find("Số tập thể, cá nhân được khen"), std::string::npos);
  const std::string pdf = squeeze(pdf_text(app_->documents().summary_document(
      system_admin(), campaign_.id, "HP-X", DocumentFormat::pdf)));
  // TT, name, status, articles 1.200, banners 345, activities 3, sessions 15.
  EXPECT_NE(pdf.find("Trường Tiểu học An Hưng Đã nộp 1.200 345 3 15"), std::string::npos) << pdf;
}

// The consolidated report's section I states the commune's own plan, and its heading for the
// next plan speaks of the commune, not of "đơn vị, nhà trường".
TEST_F(DocumentsTest, TheConsolidatedReportStatesTheCommunesOwnDirectionWork) {
  fill_reports();
  app_->reporting_up().save_consolidated_narrative(
      system_admin(), campaign_.id, "HP-X", 0,
      {{"direction", "Ban hành Công văn số 120/UBND-VHXH ngày 02/10/2025 hướng dẫn các trường."}});
  const std::string text = squeeze(pdf_text(app_->documents().summary_document(
      system_admin(), campaign_.id, "HP-X", DocumentFormat::pdf)));
  const auto plan = text.find("Ủy ban nhân dân xã An Hưng đã ban hành Kế hoạch số");
  const auto directive = text.find("Ban hành Công văn số 120/UBND-VHXH");
  const auto completeness = text.find("Tổng số đơn vị phải báo cáo");
  ASSERT_NE(plan, std::string::npos) << text;
  ASSERT_NE(directive, std::string::npos);
  EXPECT_LT(plan, completeness);
  EXPECT_LT(directive, completeness);
  EXPECT_EQ(text.find("của đơn vị, nhà trường"), std::string::npos);
  EXPECT_NE(text.find("Kế hoạch tiếp theo của địa phương"), std::string::npos);
}

// Issue 18, item 5: the consolidated report says when its figures were taken, in Vietnam time by
// the application's clock, in the DOCX and the PDF alike (and its annex, printed on its own).
TEST_F(DocumentsTest, TheConsolidatedReportStatesWhenItsFiguresWereTaken) {
  fill_reports();
  now_ = vietnam_time(10, 12, 17, 0);
  const std::string cutoff = "Số liệu tính đến 17 giờ 00 ngày 12/10/2025";
  const std::string pdf = squeeze(pdf_text(app_->documents().summary_document(
      system_admin(), campaign_.id, "HP-X", DocumentFormat::pdf)));
  EXPECT_NE(pdf.find(cutoff + "."), std::string::npos) << pdf;
  EXPECT_NE(pdf.find("số liệu tính đến 17 giờ 00 ngày 12/10/2025)"), std::string::npos) << pdf;
  const std::string docx = testing_support::docx_text(
      app_->documents()
          .summary_document(system_admin(), campaign_.id, "HP-X", DocumentFormat::docx)
          .contents());
  EXPECT_NE(docx.find(cutoff + "."), std::string::npos) << docx;

  // Nothing counted changed: the summary served again is the same, and its figures are as true
  // at 17:05 as they were at 17:00, so the document says 17:05.
  now_ = vietnam_time(10, 12, 17, 5);
  const Summary later = app_->summaries().summary(system_admin(), campaign_.id, "HP-X");
  EXPECT_EQ(later.figures_at, vietnam_time(10, 12, 17, 5));
  EXPECT_NE(squeeze(pdf_text(app_->documents().summary_document(system_admin(), campaign_.id,
                                                                "HP-X", DocumentFormat::pdf)))
                .find("Số liệu tính đến 17 giờ 05 ngày 12/10/2025."),
            std::string::npos);

  // A report submitted at 17:20 is in the figures read at 17:20, and in none read before.
  now_ = vietnam_time(10, 12, 17, 20);
  save("HP-X-V", {{"banners", 7}}, true);
  const Summary after = app_->summaries().summary(system_admin(), campaign_.id, "HP-X");
  EXPECT_EQ(after.submitted, 3);
  EXPECT_EQ(after.figures_at, vietnam_time(10, 12, 17, 20));
  EXPECT_EQ(figures_cutoff_text(after), "Số liệu tính đến 17 giờ 20 ngày 12/10/2025");
}

}  // namespace
}  // namespace llw::testing
