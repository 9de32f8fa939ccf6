// Issue 18, item 3: every numeric figure of a summary beside last year's at the same node, per
// unit too. Two campaigns on two form versions (one item renamed, one new, a weighted rate), a
// commune merged from two old ones, and the previous figures this test sums itself from the
// reports it submits. Runs on SQLite and PostgreSQL (tests/app/CMakeLists.txt).

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "app/api_json.h"
#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/documents.h"
#include "app/units.h"
#include "app_fixture.h"
#include "document_text.h"
#include "documents/spooled_file.h"
#include "domain/text.h"
#include "domain/year_comparison.h"

namespace llw::testing {
namespace {

using nlohmann::json;
using testing_support::pdf_text;
using testing_support::squeeze_spaces;

constexpr Timestamp kYear = 365 * 86400;

// The DOCX's table rows, each a list of its cells' text (word/document.xml read back: the runs of
// each <w:tc> joined), in document order.
std::vector<std::vector<std::string>> docx_table_rows(const std::string& docx) {
  const std::string xml =
      testing_support::read_back(docx, ".docx", "unzip -p {} word/document.xml");
  const auto starts_element = [&](std::size_t at, const std::string& name) {
    const std::size_t after = at + name.size();
    return xml.compare(at, name.size(), name) == 0 && after < xml.size() &&
           (xml[after] == '>' || xml[after] == ' ');
  };
  std::vector<std::vector<std::string>> rows;
  for (std::size_t at = xml.find("<w:tr"); at != std::string::npos;
       at = xml.find("<w:tr", at + 1)) {
    if (!starts_element(at, "<w:tr")) continue;
    const std::size_t row_end = xml.find("</w:tr>", at);
    std::vector<std::string> cells;
    for (std::size_t i = at; i < row_end; ++i) {
      if (starts_element(i, "<w:tc")) cells.emplace_back();
      if (starts_element(i, "<w:t") && !cells.empty()) {
        const std::size_t text = xml.find('>', i) + 1;
        cells.back() += xml.substr(text, xml.find("</w:t>", text) - text);
      }
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}  // 5/10/2024 → 5/10/2025 (no 29 February between)

// The 2025 form as version `id`, with a weighted reading rate; `renamed`: banners renamed
// "posters" (previous key "banners") and a new item, "podcasts".
json form_version(const std::string& id, bool renamed) {
  std::ifstream in(std::filesystem::path(LLW_SOURCE_DIR) / "forms" / "llw-2025.json");
  json form = json::parse(in);
  form["id"] = id;
  auto& items = form["sections"][1]["items"];
  for (auto& item : items) {
    if (renamed && item["key"] == "banners") {
      item["key"] = "posters";
      item["label"] = "Số áp phích, pano tuyên truyền";
      item["previous_keys"] = json::array({"banners"});
    }
  }
  items.push_back({{"key", "reading_rate"},
                   {"label", "Tỷ lệ học sinh đọc sách"},
                   {"type", "percent"},
                   {"min", 0},
                   {"max", 100},
                   {"aggregate", "weighted_rate"},
                   {"weight_group", "students"}});
  if (renamed) {
    items.push_back({{"key", "podcasts"},
                     {"label", "Số chương trình phát thanh trực tuyến"},
                     {"type", "count"},
                     {"min", 0},
                     {"aggregate", "sum"}});
  }
  return form;
}

// One school's figures in one year.
struct Figures {
  std::string unit;
  int students = 0;  // the school's population of students (the rate's weight)
  int articles = 0;
  int banners = 0;  // "posters" in 2025
  int podcasts = 0;
  int participants = 0;
  double reading_rate = 0;
};

const std::vector<Figures> kLastYear = {{"HP-X-A", 200, 2, 3, 0, 100, 50},
                                        {"HP-X-B", 400, 5, 1, 0, 300, 80},
                                        {"HP-Y-C", 100, 1, 4, 0, 50, 20}};
const std::vector<Figures> kThisYear = {{"HP-X-A", 200, 4, 6, 2, 150, 60},
                                        {"HP-X-B", 400, 5, 1, 0, 300, 70},
                                        {"HP-M-S", 300, 3, 2, 1, 90, 40}};

// What the test expects of a node: the sums of the schools below it (by code prefix).
struct Expected {
  double articles = 0, banners = 0, podcasts = 0, participants = 0, rate = 0;
};
Expected sums(const std::vector<Figures>& rows, const std::vector<std::string>& prefixes) {
  Expected e;
  double weighted = 0, weights = 0;
  for (const Figures& f : rows) {
    bool below = false;
    for (const auto& p : prefixes) below = below || f.unit.rfind(p, 0) == 0;
    if (!below) continue;
    e.articles += f.articles;
    e.banners += f.banners;
    e.podcasts += f.podcasts;
    e.participants += f.participants;
    weighted += f.reading_rate * f.students;
    weights += f.students;
  }
  e.rate = weights > 0 ? weighted / weights : 0;
  return e;
}

class YearOverYearTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    // The commune merged in 2025 from An Hưng and Tân Tiến, with its school.
    store_->units().upsert_units({
        input("HP-M", "Xã An Tiến", UnitKind::commune, "HP"),
        input("HP-M-S", "Trường Tiểu học An Tiến", UnitKind::school, "HP-M",
              {{"students", 300}, {"staff", 30}}, SchoolLevel::primary),
    });
    for (const auto& [id, renamed] :
         {std::pair{std::string("yoy-2024"), false}, std::pair{std::string("yoy-2025"), true}}) {
      const FormUpload upload =
          app_->campaigns().add_form_version(system_admin(), form_version(id, renamed).dump());
      ASSERT_TRUE(upload.problems.empty()) << json(upload.problems).dump(1);
    }
    Campaign last = testing_support::week_campaign_2025();
    last.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2024";
    last.year = 2024;
    last.period_start = std::chrono::year{2024} / 10 / 1;
    last.period_end = std::chrono::year{2024} / 10 / 7;
    last.deadline = std::chrono::year{2024} / 10 / 12;
    last.lock_date = std::chrono::year{2024} / 10 / 31;
    last.form_id = "yoy-2024";
    last.issuer_code = last_issuer_;
    last.reporting_kinds = {UnitKind::school};
    now_ -= kYear;
    last_ = app_->campaigns().create_campaign(system_admin(), last);
    for (const Figures& f : kLastYear) {
      if (f.unit.rfind(last_issuer_, 0) != 0) continue;
      save_and_submit(last_.id, f.unit, values(f, "banners"));
    }
    now_ += kYear;
    Campaign current = testing_support::week_campaign_2025();
    current.form_id = "yoy-2025";
    current.issuer_code = "HP";
    current.reporting_kinds = {UnitKind::school};
    current_ = app_->campaigns().create_campaign(system_admin(), current);
    store_->campaigns().link_next_year(last_.id, current_.id);
    for (const Figures& f : kThisYear) save_and_submit(current_.id, f.unit, values(f, "posters"));
  }

  static json values(const Figures& f, const std::string& banners_key) {
    json v = {{"media_articles", f.articles},
              {banners_key, f.banners},
              {"participants_students", f.participants},
              {"reading_rate", f.reading_rate}};
    if (banners_key == "posters") v["podcasts"] = f.podcasts;
    return v;
  }

  static std::map<std::string, FigureComparison> by_id(const Summary& summary) {
    std::map<std::string, FigureComparison> figures;
    if (summary.previous_year) {
      for (const FigureComparison& f : summary.previous_year->figures) figures[f.id] = f;
    }
    return figures;
  }

  // The node's comparison against the sums this test makes of both years' reports.
  void expect_compared(const User& actor, const std::string& node,
                       const std::vector<std::string>& this_year,
                       const std::vector<std::string>& last_year) {
    const Summary summary = app_->summaries().summary(actor, current_.id, node);
    ASSERT_NE(summary.previous_year, nullptr) << node;
    EXPECT_EQ(summary.previous_year->year, 2024);
    EXPECT_EQ(summary.previous_year->campaign_id, last_.id);
    const auto figures = by_id(summary);
    const Expected now = sums(kThisYear, this_year);
    const Expected before = sums(kLastYear, last_year);
    EXPECT_EQ(figures.at("totals.media_articles").current, now.articles) << node;
    EXPECT_EQ(figures.at("totals.media_articles").previous, before.articles) << node;
    // Renamed: last year's banners are this year's posters.
    EXPECT_EQ(figures.at("totals.posters").current, now.banners) << node;
    EXPECT_EQ(figures.at("totals.posters").previous, before.banners) << node;
    EXPECT_EQ(figures.at("totals.posters").change, change_text(now.banners, before.banners, false));
    // New this year: no previous figure.
    EXPECT_EQ(figures.at("totals.podcasts").current, now.podcasts) << node;
    EXPECT_FALSE(figures.at("totals.podcasts").previous.has_value()) << node;
    EXPECT_EQ(figures.at("totals.podcasts").change, "—");
    // The weighted rate against last year's weighted rate.
    EXPECT_NEAR(figures.at("rates.reading_rate").current, now.rate, 1e-9) << node;
    EXPECT_NEAR(*figures.at("rates.reading_rate").previous, before.rate, 1e-9) << node;
    EXPECT_EQ(figures.at("rates.reading_rate").change, change_text(now.rate, before.rate, true));
    EXPECT_EQ(figures.at("participation.participants").previous, before.participants) << node;
  }

  // The annex table of `node`'s consolidated DOCX: its header and the rows below it.
  struct AnnexTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    std::string cell(const std::vector<std::string>& row, const std::string& heading) const {
      const auto column = std::find(header.begin(), header.end(), heading);
      EXPECT_NE(column, header.end()) << heading;
      const auto index = static_cast<std::size_t>(column - header.begin());
      return column == header.end() || index >= row.size() ? "?" : row[index];
    }
    // The row whose "Đơn vị" cell is `name` and the row after it (last year's).
    std::pair<std::vector<std::string>, std::vector<std::string>> years_of(
        const std::string& name) const {
      for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
        if (cell(rows[i], "Đơn vị") == name) return {rows[i], rows[i + 1]};
      }
      ADD_FAILURE() << "no row of " << name;
      return {};
    }
  };
  AnnexTable annex_table(const std::string& node) {
    const DocumentFile docx =
        app_->documents().summary_document(system_admin(), current_.id, node, DocumentFormat::docx);
    AnnexTable table;
    for (auto& row : docx_table_rows(docx.bytes)) {
      if (!table.header.empty()) {
        table.rows.push_back(std::move(row));
      } else if (std::find(row.begin(), row.end(), "Tình trạng báo cáo") != row.end()) {
        table.header = std::move(row);
      }
    }
    EXPECT_FALSE(table.header.empty()) << node << ": no annex table";
    return table;
  }
  // One year's row against the sums this test makes: news items (the articles and the new
  // podcasts), the banners under the form's own label, and the participants.
  static void expect_row(const AnnexTable& table, const std::vector<std::string>& row,
                         const std::string& year, const Expected& e) {
    EXPECT_EQ(table.cell(row, "Năm"), year);
    EXPECT_EQ(table.cell(row, "Tin, bài, phóng sự"),
              format_vietnamese_number(e.articles + e.podcasts))
        << year;
    EXPECT_EQ(table.cell(row, "Số áp phích, pano tuyên truyền"),
              format_vietnamese_number(e.banners))
        << year;
    EXPECT_EQ(table.cell(row, "Số người tham gia"), format_vietnamese_number(e.participants))
        << year;
  }

  std::string last_issuer_ = "HP";
  Campaign last_, current_;
};

TEST_F(YearOverYearTest, EveryNodeIsComparedWithTheSumsOfLastYearsReportsBelowIt) {
  expect_compared(system_admin(), "HP", {"HP-"}, {"HP-"});
  expect_compared(system_admin(), "HP-X", {"HP-X-"}, {"HP-X-"});
  expect_compared(system_admin(), "HP-X-A", {"HP-X-A"}, {"HP-X-A"});
}

TEST_F(YearOverYearTest, AMergedCommuneIsComparedWithTheSumOfItsPredecessors) {
  // Before its predecessors are recorded, the new commune has no previous year.
  EXPECT_EQ(app_->summaries().summary(system_admin(), current_.id, "HP-M").previous_year, nullptr);
  const auto stored = app_->units().set_predecessors(system_admin(), "HP-M", {"HP-X", "HP-Y"});
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].code, "HP-X");
  expect_compared(system_admin(), "HP-M", {"HP-M-"}, {"HP-X-", "HP-Y-"});
  // The change in words, as this test computes it: 3 articles against 8 of both old communes.
  const auto figures = by_id(app_->summaries().summary(system_admin(), current_.id, "HP-M"));
  EXPECT_EQ(figures.at("totals.media_articles").change, "giảm 5 (62,5%)");
}

TEST_F(YearOverYearTest, PredecessorsAreCheckedAndABadListChangesNothing) {
  const User city = make_user("coord.haiphong", Role::coordinator, "HP");
  const User commune = make_user("coord.anhung", Role::coordinator, "HP-X");
  app_->units().set_predecessors(city, "HP-M", {"HP-X"});
  const auto refused = [&](const User& actor, const std::string& unit,
                           const std::vector<std::string>& codes) {
    return error_kind_of([&] { app_->units().set_predecessors(actor, unit, codes); });
  };
  EXPECT_EQ(refused(city, "HP-M", {"HP-NONE"}), ErrorKind::validation_failed);
  EXPECT_EQ(refused(city, "HP-M", {"HP-M"}), ErrorKind::validation_failed);
  EXPECT_EQ(refused(city, "HP-M", {"HP-Y", "HP-Y"}), ErrorKind::validation_failed);
  // HP-X would be merged from HP-M, which is merged from HP-X: a cycle.
  EXPECT_EQ(refused(city, "HP-X", {"HP-M"}), ErrorKind::validation_failed);
  // A commune's coordinator manages neither the merged commune nor another commune.
  EXPECT_EQ(refused(commune, "HP-M", {"HP-Y"}), ErrorKind::forbidden);
  EXPECT_EQ(refused(commune, "HP-X-A", {"HP-Y-C"}), ErrorKind::forbidden);
  const auto kept = app_->units().predecessors(city, "HP-M");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].code, "HP-X");
  EXPECT_TRUE(app_->units().predecessors(city, "HP-X").empty());
  // An empty list removes them.
  EXPECT_TRUE(app_->units().set_predecessors(city, "HP-M", {}).empty());
}

TEST_F(YearOverYearTest, ASchoolReadsItsOwnPreviousFiguresAndNoOtherUnits) {
  const User reporter = make_user("reporter.a", Role::reporter, "HP-X-A");
  expect_compared(reporter, "HP-X-A", {"HP-X-A"}, {"HP-X-A"});
  EXPECT_EQ(error_kind_of([&] { app_->summaries().summary(reporter, current_.id, "HP-X-B"); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->summaries().summary_json(reporter, current_.id, "HP-X"); }),
            ErrorKind::forbidden);
}

TEST_F(YearOverYearTest, TheSummaryApiCarriesLastYearsFigures) {
  const json api =
      json::parse(*app_->summaries().summary_json(system_admin(), current_.id, "HP-X"));
  ASSERT_TRUE(api.at("previous").is_object()) << api.dump(1);
  EXPECT_EQ(api["previous"]["year"], 2024);
  EXPECT_EQ(api["previous"]["campaign_id"], last_.id);
  std::map<std::string, json> figures;
  for (const json& f : api["previous"]["figures"]) figures[f["id"]] = f;
  const Expected before = sums(kLastYear, {"HP-X-"});
  EXPECT_EQ(figures.at("totals.posters")["previous"], before.banners);
  EXPECT_EQ(figures.at("totals.posters")["change"], "tăng 3 (75,0%)");
  EXPECT_TRUE(figures.at("totals.podcasts")["previous"].is_null());
  EXPECT_EQ(figures.at("totals.podcasts")["change"], "—");
  EXPECT_EQ(figures.at("rates.reading_rate")["rate"], true);
  // 66,7% against 70,0%.
  EXPECT_EQ(figures.at("rates.reading_rate")["change"], "giảm 3,3 điểm %");
  // A campaign without a previous year says so.
  const json old = json::parse(*app_->summaries().summary_json(system_admin(), last_.id, "HP-X"));
  EXPECT_TRUE(old.at("previous").is_null());
}

TEST_F(YearOverYearTest, TheConsolidatedDocumentShowsBothYears) {
  const DocumentFile file =
      app_->documents().summary_document(system_admin(), current_.id, "HP-X", DocumentFormat::pdf);
  const std::string text = squeeze_spaces(pdf_text(file.bytes));
  ASSERT_FALSE(text.empty()) << "pdftotext could not read the PDF";
  EXPECT_NE(text.find("So sánh với Tuần lễ"), std::string::npos) << text;
  EXPECT_NE(text.find("Năm trước (2024)"), std::string::npos) << text;
  EXPECT_NE(text.find("tăng 3 (75,0%)"), std::string::npos) << text;
  EXPECT_NE(text.find("giảm 3,3 điểm %"), std::string::npos) << text;
  const DocumentFile docx =
      app_->documents().summary_document(system_admin(), current_.id, "HP-X", DocumentFormat::docx);
  const std::string words = squeeze_spaces(testing_support::docx_text(docx.bytes));
  EXPECT_NE(words.find("tăng 3 (75,0%)"), std::string::npos);
  EXPECT_NE(words.find("Năm trước (2024)"), std::string::npos);
}

TEST_F(YearOverYearTest, TheAnnexShowsEachUnitsLastYearBelowThisYearUnderTheFormsLabels) {
  const AnnexTable table = annex_table("HP-X");
  // The banners' column is headed by the pinned form's label of the renamed item, the
  // commendations' by theirs; the 2025 form's words are not hardcoded.
  for (const std::string& heading :
       {std::string("Năm"), std::string("Số áp phích, pano tuyên truyền"),
        std::string("Số tập thể được khen thưởng"), std::string("Số cá nhân được khen thưởng")}) {
    EXPECT_NE(std::find(table.header.begin(), table.header.end(), heading), table.header.end())
        << heading;
  }
  EXPECT_EQ(std::find(table.header.begin(), table.header.end(), "Pano, băng zôn"),
            table.header.end());
  for (const std::string& unit : {std::string("HP-X-A"), std::string("HP-X-B")}) {
    const auto [now, before] =
        table.years_of(unit == "HP-X-A" ? "Trường Tiểu học An Hưng" : "Trường THCS An Hưng");
    expect_row(table, now, "2025", sums(kThisYear, {unit}));
    expect_row(table, before, "2024", sums(kLastYear, {unit}));
  }
  // The total row of each year: this year's sums, and the node's own last year.
  const auto [total, total_before] = table.years_of("Tổng cộng");
  expect_row(table, total, "2025", sums(kThisYear, {"HP-X-"}));
  expect_row(table, total_before, "2024", sums(kLastYear, {"HP-X-"}));
}

TEST_F(YearOverYearTest, TheMergedCommunesAnnexComparesItsTotalWithItsPredecessors) {
  app_->units().set_predecessors(system_admin(), "HP-M", {"HP-X", "HP-Y"});
  const AnnexTable table = annex_table("HP-M");
  // The school is new: last year's row says so in every figure.
  const auto [school, school_before] = table.years_of("Trường Tiểu học An Tiến");
  expect_row(table, school, "2025", sums(kThisYear, {"HP-M-"}));
  EXPECT_EQ(table.cell(school_before, "Năm"), "2024");
  EXPECT_EQ(table.cell(school_before, "Số người tham gia"), "—");
  EXPECT_EQ(table.cell(school_before, "Số áp phích, pano tuyên truyền"), "—");
  // The commune's last year: both old communes' reports, summed here.
  const auto [total, total_before] = table.years_of("Tổng cộng");
  expect_row(table, total, "2025", sums(kThisYear, {"HP-M-"}));
  expect_row(table, total_before, "2024", sums(kLastYear, {"HP-X-", "HP-Y-"}));
}

TEST_F(YearOverYearTest, TheAnnexOfACampaignWithoutAPreviousYearHasOneRowPerUnit) {
  const DocumentFile docx =
      app_->documents().summary_document(system_admin(), last_.id, "HP-X", DocumentFormat::docx);
  for (const auto& row : docx_table_rows(docx.bytes)) {
    if (std::find(row.begin(), row.end(), "Tình trạng báo cáo") == row.end()) continue;
    EXPECT_EQ(std::find(row.begin(), row.end(), "Năm"), row.end());
    // Last year's form has the item under its old key and its own label.
    EXPECT_NE(std::find(row.begin(), row.end(), "Số pano, băng zôn tuyên truyền"), row.end());
  }
}

TEST_F(YearOverYearTest, TheXlsxTotalsSheetEndsWithTheComparison) {
  const DocumentFile file =
      app_->documents().data_export(system_admin(), current_.id, "HP-X", DocumentFormat::xlsx);
  ASSERT_NE(file.spooled, nullptr);
  const std::string sheet = testing_support::read_back(file.spooled->read_all(), ".xlsx",
                                                       "unzip -p {} xl/worksheets/sheet1.xml");
  for (const std::string& words :
       {std::string("So sánh với năm 2024"), std::string("Năm 2025"), std::string("Năm 2024"),
        std::string("Thay đổi"), std::string("tăng 3 (75,0%)"), std::string("giảm 3,3 điểm %"),
        std::string("Tỷ lệ học sinh đọc sách (%)")}) {
    EXPECT_NE(sheet.find(words), std::string::npos) << words;
  }
}

// Last year's campaign issued by another commune: who cannot see that campaign sees no previous
// figures, even of a node it reads and right after someone who can (the caches keep them apart).
class YearOverYearOtherIssuerTest : public YearOverYearTest {
 protected:
  void SetUp() override {
    last_issuer_ = "HP-Y";
    YearOverYearTest::SetUp();
  }
};

TEST_F(YearOverYearOtherIssuerTest, OnlyReadersWhoMaySeeLastYearsCampaignGetItsFigures) {
  app_->units().set_predecessors(system_admin(), "HP-X-A", {"HP-Y-C"});
  const Summary admin = app_->summaries().summary(system_admin(), current_.id, "HP-X-A");
  ASSERT_NE(admin.previous_year, nullptr);
  EXPECT_EQ(by_id(admin).at("totals.media_articles").previous, 1);
  const User commune = make_user("coord.anhung", Role::coordinator, "HP-X");
  EXPECT_EQ(app_->summaries().summary(commune, current_.id, "HP-X-A").previous_year, nullptr);
  EXPECT_TRUE(json::parse(*app_->summaries().summary_json(commune, current_.id, "HP-X-A"))
                  .at("previous")
                  .is_null());
  const User other = make_user("coord.tantien", Role::coordinator, "HP-Y");
  EXPECT_NE(app_->summaries().summary(other, current_.id, "HP-Y").previous_year, nullptr);
}

}  // namespace
}  // namespace llw::testing
