// Issue 18, item 2: a form version uploaded as an XLSX laid out like ODK's XLSForm (app/xlsform.h):
// the 2025 form written as an XLSForm by this test (libxlsxwriter) converts to the very form its
// JSON defines; every problem of a bad workbook is listed with its sheet and row, and nothing is
// stored.
#include <fstream>
#include <random>

#include "app/campaigns.h"
#include "app_fixture.h"
#include "spreadsheet_files.h"

namespace llw::testing {
namespace {

using nlohmann::json;
using testing_support::SheetCells;
using testing_support::xlsx_of;

json form_2025() {
  std::ifstream in(std::string(LLW_SOURCE_DIR) + "/forms/llw-2025.json");
  return json::parse(in);
}

std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  return value.dump();
}

// A form definition (JSON) written as an XLSForm workbook's sheets.
class XlsFormWriter {
 public:
  std::vector<SheetCells> sheets(const json& form) {
    SheetCells settings{"settings", {{"form_id", "form_title", "version"}}};
    settings.rows.push_back(
        {text_of(form["id"]), text_of(form["title"]), text_of(form.value("version", 1))});
    survey_.rows.push_back(kSurveyColumns);
    choices_.rows.push_back({"list_name", "name", "label"});
    for (const json& section : form["sections"]) {
      row({{"type", "begin_group"},
           {"name", text_of(section["key"])},
           {"label", text_of(section["title"])}});
      for (const json& item : section["items"]) add_item(item);
      row({{"type", "end_group"}});
    }
    std::vector<SheetCells> book{settings, survey_, choices_};
    for (const char* name : {"population_groups", "directions"}) {
      SheetCells pairs{name, {{"key", "label"}}};
      for (const json& pair : form.value(name, json::array())) {
        pairs.rows.push_back({text_of(pair["key"]), text_of(pair["label"])});
      }
      book.push_back(pairs);
    }
    SheetCells rules{"rules", {{"kind", "item", "other", "group", "message"}}};
    for (const json& rule : form.value("rules", json::array())) {
      rules.rows.push_back({rule.value("kind", ""), rule.value("item", ""), rule.value("other", ""),
                            rule.value("group", ""), rule.value("message", "")});
    }
    book.push_back(rules);
    return book;
  }

  SheetCells survey_{"survey", {}};
  SheetCells choices_{"choices", {}};

 private:
  const std::vector<std::string> kSurveyColumns = {"type",
                                                   "name",
                                                   "label",
                                                   "hint",
                                                   "required",
                                                   "appearance",
                                                   "min",
                                                   "max",
                                                   "aggregate",
                                                   "summary",
                                                   "activity",
                                                   "measure",
                                                   "default_direction",
                                                   "population_group",
                                                   "weight_group",
                                                   "within",
                                                   "max_rows"};

  void row(const std::map<std::string, std::string>& cells) {
    std::vector<std::string> out(kSurveyColumns.size());
    for (std::size_t c = 0; c < kSurveyColumns.size(); ++c) {
      if (const auto it = cells.find(kSurveyColumns[c]); it != cells.end()) out[c] = it->second;
    }
    survey_.rows.push_back(out);
  }

  std::map<std::string, std::string> cells_of(const json& item, const std::string& list_prefix) {
    std::map<std::string, std::string> cells;
    const std::string type = text_of(item["type"]);
    static const std::map<std::string, std::string> types = {
        {"count", "integer"},           {"number", "decimal"}, {"percent", "percent"},
        {"short_text", "text"},         {"narrative", "text"}, {"date", "date"},
        {"yes_no", "select_one yes_no"}};
    if (type == "choice") {
      const std::string list = list_prefix + text_of(item["key"]);
      cells["type"] = "select_one " + list;
      for (const json& choice : item["choices"]) {
        choices_.rows.push_back({list, text_of(choice), text_of(choice)});
      }
    } else if (type == "table") {
      cells["type"] = "begin_repeat";
    } else {
      cells["type"] = types.at(type);
    }
    if (type == "narrative") cells["appearance"] = "multiline";
    cells["name"] = text_of(item["key"]);
    cells["label"] = text_of(item["label"]);
    if (item.contains("help")) cells["hint"] = text_of(item["help"]);
    for (const auto& [field, value] : item.items()) {
      if (field == "required") cells["required"] = text_of(value);
      if (field == "min" || field == "max" || field == "aggregate" || field == "summary" ||
          field == "activity" || field == "measure" || field == "default_direction" ||
          field == "population_group" || field == "weight_group" || field == "within" ||
          field == "max_rows") {
        cells[field] = text_of(value);
      }
    }
    return cells;
  }

  void add_item(const json& item) {
    row(cells_of(item, "list_"));
    if (item["type"] != "table") return;
    for (const json& column : item["columns"]) {
      row(cells_of(column, "list_" + text_of(item["key"]) + "_"));
    }
    row({{"type", "end_repeat"}});
  }
};

class XlsFormTest : public AppTest {
 protected:
  FormUpload upload(const std::vector<SheetCells>& sheets) {
    return app_->campaigns().add_form_version(system_admin(), xlsx_of(sheets));
  }
  bool stored(const std::string& id) {
    try {
      app_->campaigns().form(id);
      return true;
    } catch (const Error&) {
      return false;
    }
  }
};

TEST_F(XlsFormTest, TheFormWrittenAsAnXlsFormIsTheSameFormAsItsJson) {
  json form = form_2025();
  form["id"] = "llw-2026-xls";
  XlsFormWriter writer;
  const FormUpload result = upload(writer.sheets(form));
  ASSERT_TRUE(result.problems.empty()) << result.problems.front();
  EXPECT_TRUE(result.created);
  EXPECT_EQ(result.form->to_json(), load_form(form, "llw-2026-xls.json")->to_json());
  EXPECT_EQ(app_->campaigns().form("llw-2026-xls")->to_json(), result.form->to_json());
}

TEST_F(XlsFormTest, EveryProblemOfABadWorkbookIsListedWithItsSheetAndRowAndNothingIsStored) {
  json form = form_2025();
  form["id"] = "llw-bad-xls";
  XlsFormWriter writer;
  auto sheets = writer.sheets(form);
  SheetCells& survey = sheets[1];
  // A duplicate key, an unknown type, and a rule naming an item that does not exist, at the end
  // of the first group.
  std::size_t at = 0;
  while (survey.rows[at][0] != "end_group") ++at;
  survey.rows.insert(survey.rows.begin() + long(at),
                     std::vector<std::string>{"integer", "banners", "Lần nữa"});
  survey.rows.insert(survey.rows.begin() + long(at) + 1,
                     std::vector<std::string>{"geopoint", "where", "Vị trí"});
  const std::string geopoint_row = std::to_string(at + 2);
  SheetCells& rules = sheets.back();
  rules.rows.push_back({"at_most_item", "banners", "posters"});
  const FormUpload result = upload(sheets);
  EXPECT_FALSE(stored("llw-bad-xls"));
  ASSERT_EQ(result.problems.size(), 3u) << ::testing::PrintToString(result.problems);
  EXPECT_NE(result.problems[0].find("trang 'survey', dòng " + geopoint_row + ": kiểu 'geopoint'"),
            std::string::npos)
      << result.problems[0];
  // The form check's own problems are placed at their survey rows too.
  bool duplicate = false, rule = false;
  for (const std::string& problem : result.problems) {
    duplicate = duplicate || (problem.find("khóa bị trùng") != std::string::npos &&
                              problem.find("(trang 'survey', dòng ") != std::string::npos);
    rule = rule || problem.find("'posters'") != std::string::npos;
  }
  EXPECT_TRUE(duplicate) << ::testing::PrintToString(result.problems);
  EXPECT_TRUE(rule) << ::testing::PrintToString(result.problems);
}

TEST_F(XlsFormTest, ABrokenWorkbookJunkAndAWorkbookWithoutItsSheetsAreRefused) {
  const auto problems = [&](const std::string& bytes) {
    return app_->campaigns().add_form_version(system_admin(), bytes).problems;
  };
  const auto broken = problems(std::string("PK\x03\x04", 4) + "hỏng");
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_NE(broken[0].find("Tệp Excel bị hỏng"), std::string::npos) << broken[0];
  std::string junk(10 * 1024 * 1024, '\0');
  std::mt19937 random(11);
  for (char& c : junk) c = char(random());
  const auto refused = problems(junk);
  ASSERT_EQ(refused.size(), 1u);
  SheetCells other{"Sheet1", {{"type", "name"}}};
  const auto missing = problems(xlsx_of({other}));
  ASSERT_EQ(missing.size(), 2u) << ::testing::PrintToString(missing);
  EXPECT_NE(missing[0].find("thiếu trang 'settings'"), std::string::npos) << missing[0];
  EXPECT_NE(missing[1].find("thiếu trang 'survey'"), std::string::npos) << missing[1];
}

}  // namespace
}  // namespace llw::testing
