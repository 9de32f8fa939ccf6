#include "domain/form.h"

#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/form_check.h"
#include "form_fixtures.h"

namespace llw {
namespace {

using nlohmann::json;
using testing::form_2025;

// A small valid form that each rejection test breaks in exactly one place.
json minimal_form() {
  return json::parse(R"({
    "id": "test-form",
    "title": "Đề cương thử",
    "population_groups": [{"key": "students", "label": "Học sinh"}],
    "directions": [{"key": "a", "label": "Tuyên truyền"}, {"key": "đ", "label": "Cuộc thi"}],
    "sections": [{"key": "I", "title": "I. Phần một", "items": [
      {"key": "banners", "label": "Số pano", "type": "count", "aggregate": "sum", "min": 0, "max": 100},
      {"key": "stem_held", "label": "Trải nghiệm STEM", "type": "yes_no", "activity": "stem",
       "measure": "held", "default_direction": "đ"},
      {"key": "stem_sessions", "label": "Số buổi", "type": "count", "activity": "stem",
       "measure": "sessions"},
      {"key": "kind", "label": "Loại", "type": "choice", "choices": ["x", "y"]},
      {"key": "rows", "label": "Bảng", "type": "table",
       "columns": [{"key": "name", "label": "Tên", "type": "short_text"}]},
      {"key": "advantages", "label": "Thuận lợi", "type": "narrative", "aggregate": "texts_by_unit"}
    ]}],
    "rules": [{"kind": "zero_unless_yes", "item": "stem_sessions", "other": "stem_held"}]
  })");
}

json& item_of(json& form, const std::string& key) {
  for (auto& item : form["sections"][0]["items"]) {
    if (item["key"] == key) return item;
  }
  throw std::runtime_error("no item " + key);
}

// Expects load_form to reject `definition` with bad_input and a message naming the file and
// every given fragment (the item and the problem).
void expect_rejected(const json& definition, const std::vector<std::string>& fragments) {
  try {
    load_form(definition, "forms/broken.json");
    FAIL() << "the form was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::bad_input);
    EXPECT_NE(e.message().find("forms/broken.json"), std::string::npos) << e.message();
    for (const auto& fragment : fragments) {
      EXPECT_NE(e.message().find(fragment), std::string::npos)
          << "message \"" << e.message() << "\" lacks \"" << fragment << "\"";
    }
  }
}

TEST(Form2025, LoadsWithEveryPartOfTheOutline) {
  const auto form = form_2025();
  EXPECT_EQ(form->id, "llw-2025");
  std::vector<std::string> sections;
  for (const auto& s : form->sections) sections.push_back(s.key);
  EXPECT_EQ(sections, (std::vector<std::string>{"I", "II.1", "II.2", "II.3", "III"}));
  for (const char* key : {"directives",
                          "media_articles",
                          "media_news",
                          "media_features",
                          "site_posts",
                          "school_radio",
                          "lll_articles",
                          "banners",
                          "other_activities",
                          "participants_students",
                          "participants_staff",
                          "participants_parents",
                          "participants_residents",
                          "awareness_students",
                          "awareness_community",
                          "emulation_movement",
                          "commend_collectives",
                          "commend_individuals",
                          "commend_forms",
                          "commend_notes",
                          "advantages",
                          "difficulties",
                          "next_plan",
                          "recommendations"}) {
    EXPECT_NE(form->find_item(key), nullptr) << key;
  }
}

TEST(Form2025, HasTheTwelveLearningActivitiesWithAllFourMeasures) {
  const auto form = form_2025();
  const std::vector<std::string> expected = {
      "flag_talk",   "extracurricular", "clubs",          "art_clubs",
      "stem",        "reading_day",     "new_books",      "reading_skills",
      "lll_contest", "it_application",  "online_experts", "digital_library"};
  std::vector<std::string> keys;
  for (const auto& a : form->activities()) {
    if (a.key != "other") keys.push_back(a.key);
    EXPECT_FALSE(a.label.empty());
  }
  EXPECT_EQ(keys, expected);
  for (const auto& key : expected) {
    const FormItem* held = form->find_item(key + "_held");
    ASSERT_NE(held, nullptr) << key;
    EXPECT_EQ(held->type, ItemType::yes_no);
    EXPECT_EQ(held->aggregate, AggregateRule::count_yes);
    EXPECT_EQ(held->summary, "activities." + key + ".units");
    EXPECT_FALSE(held->default_direction.empty());
    EXPECT_EQ(form->find_item(key + "_sessions")->summary, "activities." + key + ".sessions");
    EXPECT_EQ(form->find_item(key + "_participants")->summary,
              "activities." + key + ".participants");
    EXPECT_EQ(form->find_item(key + "_direction")->choices.size(), 6u);
  }
}

TEST(Form2025, DirectionsFollowVietnameseOrderWithDBar) {
  const auto form = form_2025();
  std::vector<std::string> keys;
  for (const auto& [key, label] : form->directions) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "c", "d", "đ", "e"}));
}

TEST(Form2025, HasCrossRulesForHeldActivitiesAndPopulation) {
  const auto form = form_2025();
  int zero_unless_yes = 0;
  std::set<std::string> groups;
  for (const auto& rule : form->rules) {
    if (rule.kind == CrossRule::Kind::zero_unless_yes) ++zero_unless_yes;
    if (rule.kind == CrossRule::Kind::at_most_population) groups.insert(rule.group);
  }
  EXPECT_EQ(zero_unless_yes, 24);
  EXPECT_EQ(groups, (std::set<std::string>{"students", "staff", "parents", "residents"}));
}

TEST(Form2025, ParticipantsAndCommendationsLandInTheirSummaryPaths) {
  const auto form = form_2025();
  EXPECT_EQ(form->find_item("participants_staff")->summary, "participation.participants");
  EXPECT_EQ(form->find_item("commend_collectives")->summary, "commendations.collectives");
  EXPECT_EQ(form->find_item("commend_individuals")->summary, "commendations.individuals");
  EXPECT_EQ(form->find_item("media_articles")->summary, "totals.media_articles");
  EXPECT_EQ(form->find_item("next_plan")->summary, "narratives.next_plan");
}

TEST(FormLoading, ToJsonRoundTrips) {
  const auto form = form_2025();
  const json once = form->to_json();
  const auto again = load_form(once, "roundtrip.json");
  EXPECT_EQ(again->to_json(), once);
  EXPECT_EQ(again->items().size(), form->items().size());
}

TEST(Form2025, EveryParticipantCountNamesItsPopulationGroup) {
  const auto form = form_2025();
  EXPECT_EQ(form->find_item("participants_students")->population_group, "students");
  EXPECT_EQ(form->find_item("participants_residents")->population_group, "residents");
  EXPECT_EQ(form->find_item("banners")->population_group, "");
}

TEST(FormLoading, AnOlderFormNamesTheGroupThroughItsPopulationRule) {
  json f = minimal_form();
  f["sections"][0]["items"].push_back({{"key", "participants_students"},
                                       {"label", "Số học sinh tham gia"},
                                       {"type", "count"},
                                       {"aggregate", "sum"},
                                       {"summary", "participation.participants"}});
  f["rules"].push_back(
      {{"kind", "at_most_population"}, {"item", "participants_students"}, {"group", "students"}});
  const auto form = load_form(f, "forms/old.json");
  EXPECT_EQ(form->find_item("participants_students")->population_group, "students");
  // Written back explicitly, so the stored form no longer depends on the rule.
  EXPECT_EQ(form->to_json()["sections"][0]["items"].back()["population_group"], "students");
}

TEST(FormLoading, AcceptsTheMinimalForm) {
  const auto form = load_form(minimal_form(), "forms/min.json");
  EXPECT_EQ(form->items().size(), 6u);
  EXPECT_EQ(form->find_item("banners")->summary, "totals.banners");
  EXPECT_EQ(form->find_item("stem_held")->aggregate, AggregateRule::count_yes);
  EXPECT_EQ(form->find_item("stem_sessions")->summary, "activities.stem.sessions");
}

// One way of breaking the minimal form in exactly one place, and what the refusal must name.
struct BrokenForm {
  std::string name;
  std::function<void(json&)> breaks;
  std::vector<std::string> fragments;
};

void PrintTo(const BrokenForm& broken, std::ostream* out) { *out << broken.name; }

const std::vector<BrokenForm>& broken_forms() {
  static const std::vector<BrokenForm> cases{
      {"UnknownType",
       [](json& f) { item_of(f, "banners")["type"] = "integer"; },
       {"'banners'", "integer"}},
      {"UnknownAggregate",
       [](json& f) { item_of(f, "banners")["aggregate"] = "average"; },
       {"'banners'", "average"}},
      {"DuplicateKey",
       [](json& f) {
         json copy = item_of(f, "banners");
         f["sections"][0]["items"].push_back(copy);
       },
       {"'banners'", "trùng"}},
      {"KeyWithBadCharacters",
       [](json& f) { item_of(f, "banners")["key"] = "Băng-rôn"; },
       {"Băng-rôn", "khóa"}},
      {"MinGreaterThanMax",
       [](json& f) {
         item_of(f, "banners")["min"] = 10;
         item_of(f, "banners")["max"] = 5;
       },
       {"'banners'", "min lớn hơn max"}},
      {"ChoiceWithoutChoices",
       [](json& f) { item_of(f, "kind").erase("choices"); },
       {"'kind'", "choices"}},
      {"TableWithoutColumns",
       [](json& f) { item_of(f, "rows")["columns"] = json::array(); },
       {"'rows'", "columns"}},
      {"SumSummaryPathNotAllowedForTheRule",
       [](json& f) { item_of(f, "banners")["summary"] = "narratives.banners"; },
       {"'banners'", "narratives.banners", "sum"}},
      {"TextSummaryPathNotAllowedForTheRule",
       [](json& f) { item_of(f, "advantages")["summary"] = "totals.advantages"; },
       {"'advantages'", "texts_by_unit"}},
      {"SumOnTextItem",
       [](json& f) { item_of(f, "advantages")["aggregate"] = "sum"; },
       {"'advantages'", "sum"}},
      {"CrossRuleNamingAnUnknownItem",
       [](json& f) { f["rules"][0]["other"] = "stem_hold"; },
       {"stem_sessions", "'stem_hold'"}},
      {"ZeroUnlessYesAgainstANonYesNoItem",
       [](json& f) { f["rules"][0]["other"] = "banners"; },
       {"stem_sessions", "yes_no"}},
      {"PopulationRuleWithUnknownGroup",
       [](json& f) {
         f["rules"].push_back(
             {{"kind", "at_most_population"}, {"item", "banners"}, {"group", "pupils"}});
       },
       {"banners", "population_groups"}},
      {"ActivityWithoutHeldItem",
       [](json& f) {
         auto& items = f["sections"][0]["items"];
         items.erase(items.begin() + 1);  // stem_held
         f["rules"] = json::array();
       },
       {"'stem'", "held"}},
      {"ActivityMeasureWithWrongType",
       [](json& f) { item_of(f, "stem_sessions")["type"] = "number"; },
       {"'stem_sessions'", "count"}},
      {"TwoHeldItemsForOneActivity",
       [](json& f) {
         json second = item_of(f, "stem_held");
         second["key"] = "stem_held_again";
         f["sections"][0]["items"].push_back(second);
       },
       {"'stem_held_again'", "stem"}},
      {"DefaultDirectionNotInDirections",
       [](json& f) { item_of(f, "stem_held")["default_direction"] = "g"; },
       {"'stem_held'", "default_direction"}},
      {"ActivityPathOnAnItemOfAnotherActivity",
       [](json& f) { item_of(f, "banners")["summary"] = "activities.stem.sessions"; },
       {"'banners'", "activities.stem.sessions"}},
      {"WeightedRateWithoutGroup",
       [](json& f) {
         f["sections"][0]["items"].push_back({{"key", "rate"},
                                              {"label", "Tỷ lệ"},
                                              {"type", "percent"},
                                              {"aggregate", "weighted_rate"}});
       },
       {"'rate'", "weight_group"}},
      {"MisspelledField",
       [](json& f) { item_of(f, "banners")["agregate"] = "sum"; },
       {"'banners'", "agregate"}},
      {"MissingLabel",
       [](json& f) { item_of(f, "banners").erase("label"); },
       {"'banners'", "label"}},
      {"ParticipantCountWithoutPopulationGroup",
       [](json& f) {
         f["sections"][0]["items"].push_back({{"key", "participants_students"},
                                              {"label", "Số học sinh tham gia"},
                                              {"type", "count"},
                                              {"aggregate", "sum"},
                                              {"summary", "participation.participants"}});
       },
       {"'participants_students'", "population_group"}},
      {"PopulationGroupNotInTheForm",
       [](json& f) {
         f["sections"][0]["items"].push_back({{"key", "participants_pupils"},
                                              {"label", "Số học sinh tham gia"},
                                              {"type", "count"},
                                              {"aggregate", "sum"},
                                              {"summary", "participation.participants"},
                                              {"population_group", "pupils"}});
       },
       {"'participants_pupils'", "pupils"}},
      {"PopulationGroupOnAnItemThatIsNotAParticipantCount",
       [](json& f) { item_of(f, "banners")["population_group"] = "students"; },
       {"'banners'", "population_group"}},
      {"WithinOnAnItemThatIsNotADate",
       [](json& f) { item_of(f, "banners")["within"] = "week"; },
       {"'banners'", "within"}},
      {"UnknownWithin",
       [](json& f) {
         f["sections"][0]["items"].push_back(
             {{"key", "held_on"}, {"label", "Ngày"}, {"type", "date"}, {"within", "year"}});
       },
       {"'held_on'", "year"}},
      {"QuantityWithoutUnitOfMeasure",
       [](json& f) {
         item_of(f, "rows")["columns"].push_back(
             {{"key", "n"}, {"label", "Số lượng"}, {"type", "number"}, {"measure", "quantity"}});
       },
       {"'rows'", "unit_of_measure"}},
      {"UnitOfMeasureThatIsNotAChoice",
       [](json& f) {
         item_of(f, "rows")["columns"].push_back(
             {{"key", "n"}, {"label", "Số lượng"}, {"type", "number"}, {"measure", "quantity"}});
         item_of(f, "rows")["columns"].push_back({{"key", "u"},
                                                  {"label", "Đơn vị tính"},
                                                  {"type", "short_text"},
                                                  {"measure", "unit_of_measure"}});
       },
       {"'u'", "choice"}},
  };
  return cases;
}

class FormRejection : public ::testing::TestWithParam<BrokenForm> {};

TEST_P(FormRejection, NamesTheFileTheItemAndTheProblem) {
  json f = minimal_form();
  GetParam().breaks(f);
  expect_rejected(f, GetParam().fragments);
}

INSTANTIATE_TEST_SUITE_P(FormLoading, FormRejection, ::testing::ValuesIn(broken_forms()),
                         [](const auto& info) { return "Rejects" + info.param.name; });

TEST(FormLoading, RejectsANonObjectDefinition) { expect_rejected(json::array(), {}); }

}  // namespace
}  // namespace llw

namespace llw {
namespace {

// Issue 18: an uploaded form version is checked completely, every problem listed with its
// place, and refused as a whole.
TEST(FormCheck, ListsEveryProblemOfADefinitionNotOnlyTheFirst) {
  json f = minimal_form();
  auto& items = f["sections"][0]["items"];
  items.push_back({{"key", "banners"}, {"label", "Lần nữa"}, {"type", "count"}});  // duplicate
  items.push_back({{"key", "mood"}, {"label", "Tâm trạng"}, {"type", "emoji"}});   // unknown type
  f["rules"].push_back({{"kind", "at_most_item"}, {"item", "banners"}, {"other", "posters"}});
  const FormCheck check = check_form(f, "tải lên");
  EXPECT_EQ(check.form, nullptr);
  ASSERT_EQ(check.problems.size(), 3u) << json(check.problems).dump(1);
  EXPECT_NE(check.problems[0].find("mục 'banners': khóa bị trùng"), std::string::npos);
  EXPECT_NE(check.problems[1].find("mục 'mood'"), std::string::npos);
  EXPECT_NE(check.problems[1].find("'emoji'"), std::string::npos);
  EXPECT_NE(check.problems[2].find("mục 'posters' không có trong đề cương"), std::string::npos)
      << check.problems[2];
  for (const auto& problem : check.problems) EXPECT_EQ(problem.rfind("tải lên: ", 0), 0u);
  // load_form refuses the same definition at its first problem.
  EXPECT_THROW(load_form(f, "tải lên"), Error);
}

TEST(FormCheck, AcceptsAGoodDefinitionAndRefusesWhatIsNotAnObject) {
  const FormCheck good = check_form(minimal_form(), "tải lên");
  ASSERT_NE(good.form, nullptr);
  EXPECT_TRUE(good.problems.empty());
  EXPECT_EQ(good.form->to_json(), load_form(minimal_form(), "x")->to_json());
  for (const json& junk : {json::array({1, 2}), json("chuỗi"), json(nullptr), json::object()}) {
    const FormCheck check = check_form(junk, "tải lên");
    EXPECT_EQ(check.form, nullptr) << junk.dump();
    EXPECT_FALSE(check.problems.empty()) << junk.dump();
  }
}

}  // namespace
}  // namespace llw
