// Year over year (issue 18): the change text's one rule, last year's slots renamed to this year's
// form, the items carried over, and the figures compared — checked against sums made by hand.

#include "domain/year_comparison.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/form_check.h"
#include "form_fixtures.h"

namespace llw::testing {
namespace {

using nlohmann::json;

TEST(ChangeTextTest, CountsSayTheChangeAndItsPercentOfLastYear) {
  EXPECT_EQ(change_text(225, 200.0, false), "tăng 25 (12,5%)");
  EXPECT_EQ(change_text(57, 60.0, false), "giảm 3 (5,0%)");
  EXPECT_EQ(change_text(12000, 2000.0, false), "tăng 10.000 (500,0%)");
  EXPECT_EQ(change_text(40, 40.0, false), "không đổi");
}

TEST(ChangeTextTest, GrowthFromNothingHasNoPercent) {
  EXPECT_EQ(change_text(4, 0.0, false), "tăng 4");
}

TEST(ChangeTextTest, RatesCompareInPercentagePointsAsShown) {
  EXPECT_EQ(change_text(65.0, 62.5, true), "tăng 2,5 điểm %");
  EXPECT_EQ(change_text(61.7, 62.5, true), "giảm 0,8 điểm %");
  // 62,54% and 62,46% both show as 62,5%: no change is claimed.
  EXPECT_EQ(change_text(62.54, 62.46, true), "không đổi");
}

TEST(ChangeTextTest, NoPreviousFigureIsADash) {
  EXPECT_EQ(change_text(10, std::nullopt, false), "—");
  EXPECT_EQ(change_text(10, std::nullopt, true), "—");
}

// The 2025 form with banners renamed "posters" (previous key "banners") and a new item.
json renamed_form() {
  json form = read_json_file(form_2025_path());
  form["id"] = "llw-renamed";
  for (auto& section : form["sections"]) {
    for (auto& item : section["items"]) {
      if (item["key"] == "banners") {
        item["key"] = "posters";
        item["previous_keys"] = json::array({"banners"});
      }
    }
  }
  form["sections"][1]["items"].push_back({{"key", "podcasts"},
                                          {"label", "Số chương trình phát thanh trực tuyến"},
                                          {"type", "count"},
                                          {"min", 0},
                                          {"aggregate", "sum"}});
  return form;
}

TEST(RenamedToFormTest, OldKeysBecomeThisYearsKeysAndOthersStay) {
  const auto form = load_form(renamed_form(), "renamed.json");
  const Contribution last_year{{"totals.banners", 7},
                               {"totals.media_articles", 3},
                               {"expected", 2},
                               {"activities.stem.held", 1}};
  const Contribution renamed = renamed_to_form(last_year, *form);
  EXPECT_EQ(renamed, (Contribution{{"totals.posters", 7},
                                   {"totals.media_articles", 3},
                                   {"expected", 2},
                                   {"activities.stem.held", 1}}));
}

TEST(KeysCarriedOverTest, ARenamedItemIsCarriedAndANewOneIsNot) {
  const auto form = load_form(renamed_form(), "renamed.json");
  const std::set<std::string> carried = keys_carried_over(*form, *form_2025());
  EXPECT_EQ(carried.count("posters"), 1u);
  EXPECT_EQ(carried.count("media_articles"), 1u);
  EXPECT_EQ(carried.count("podcasts"), 0u);
}

TEST(CompareYearsTest, EveryNumericFigureBesideLastYearsWithItsChange) {
  Campaign campaign = campaign_2025();
  campaign.form = load_form(renamed_form(), "renamed.json");
  OrgUnit node;
  node.code = "X";
  node.name = "Xã";
  const Summary now = summary_from_aggregate(campaign, node,
                                             {{"totals.posters", 9},
                                              {"totals.podcasts", 4},
                                              {"totals.media_articles", 3},
                                              {"participation.participants", 300},
                                              {"participation.population", 400}});
  const Summary before =
      summary_from_aggregate(campaign, node,
                             renamed_to_form({{"totals.banners", 6},
                                              {"totals.media_articles", 3},
                                              {"participation.participants", 250},
                                              {"participation.population", 400}},
                                             *campaign.form));
  const YearComparison comparison =
      compare_years(*campaign.form, now, before, keys_carried_over(*campaign.form, *form_2025()));
  std::map<std::string, FigureComparison> by_id;
  for (const FigureComparison& f : comparison.figures) by_id[f.id] = f;
  EXPECT_EQ(by_id.at("totals.posters").previous, 6);
  EXPECT_EQ(by_id.at("totals.posters").change, "tăng 3 (50,0%)");
  EXPECT_EQ(by_id.at("totals.media_articles").change, "không đổi");
  EXPECT_FALSE(by_id.at("totals.podcasts").previous.has_value());
  EXPECT_EQ(by_id.at("totals.podcasts").change, "—");
  // 300/400 = 75,0% against 250/400 = 62,5%.
  EXPECT_TRUE(by_id.at("participation.rate").rate);
  EXPECT_EQ(by_id.at("participation.rate").change, "tăng 12,5 điểm %");
  EXPECT_EQ(by_id.at("participation.participants").change, "tăng 50 (20,0%)");
  EXPECT_EQ(by_id.count("activities.stem.held"), 1u);
}

TEST(PreviousKeysTest, TheFormLoaderRefusesMappingsThatCollide) {
  json taken = renamed_form();
  taken["sections"][1]["items"][0]["previous_keys"] = json::array({"posters"});  // a key now
  json twice = renamed_form();
  twice["sections"][1]["items"][0]["previous_keys"] = json::array({"banners"});  // posters' too
  json self = renamed_form();
  self["sections"][1]["items"][0]["previous_keys"] =
      json::array({self["sections"][1]["items"][0]["key"]});
  json bad = renamed_form();
  bad["sections"][1]["items"][0]["previous_keys"] = "banners";
  for (const auto& [definition, words] :
       std::vector<std::pair<json, std::string>>{{taken, "đang là khóa của một mục khác"},
                                                 {twice, "đã được mục"},
                                                 {self, "không ghi chính khóa"},
                                                 {bad, "phải là danh sách"}}) {
    const FormCheck check = check_form(definition, "tải lên");
    EXPECT_EQ(check.form, nullptr);
    EXPECT_TRUE(
        std::any_of(check.problems.begin(), check.problems.end(),
                    [&](const std::string& p) { return p.find(words) != std::string::npos; }))
        << words << ": " << json(check.problems).dump(1);
  }
}

TEST(PreviousKeysTest, AreKeptInTheFormsJson) {
  const auto form = load_form(renamed_form(), "renamed.json");
  EXPECT_EQ(form->find_item("posters")->previous_keys, std::vector<std::string>{"banners"});
  EXPECT_EQ(load_form(form->to_json(), "again.json")->find_item("posters")->previous_keys,
            std::vector<std::string>{"banners"});
}

}  // namespace
}  // namespace llw::testing
