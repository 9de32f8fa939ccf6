#include "app/api_json.h"

#include <gtest/gtest.h>

#include "domain/error.h"

namespace llw {
namespace {

using nlohmann::json;

TEST(ApiJson, SummaryHasTheApiShapeWithIntegersAndARoundedRate) {
  Summary s;
  s.unit_code = "HP-ANHUNG";
  s.unit_name = "Xã An Hưng";
  s.expected = 40;
  s.submitted = 37;
  s.on_time = 33;
  s.late = 4;
  s.missing = {"HP-ANHUNG-THON03"};
  s.missing_count = 3;
  s.totals = {{"media_articles", 12.0}, {"banners", 57.0}};
  s.activities["reading_day"] = {21, 25, 5120, 21};
  s.directions["đ"] = {2, 3, 40};
  s.participants = 9120;
  s.population = 10400;
  s.participation_rate = 9120.0 / 10400.0;
  s.commendations = {{"collectives", 6}, {"individuals", 41}};
  s.narratives["advantages"] = {{"HP-ANHUNG-TH1", "Trường Tiểu học An Hưng", "Thuận lợi"}};
  json j = to_json(s);
  EXPECT_EQ(j["unit"], "HP-ANHUNG");
  EXPECT_EQ(j["expected"], 40);
  EXPECT_EQ(j["missing"], json::array({"HP-ANHUNG-THON03"}));
  EXPECT_EQ(j["missing_count"], 3);
  EXPECT_TRUE(j["totals"]["media_articles"].is_number_integer());
  EXPECT_EQ(j["totals"]["banners"], 57);
  EXPECT_EQ(j["activities"]["reading_day"],
            json({{"units", 21}, {"held", 21}, {"sessions", 25}, {"participants", 5120}}));
  EXPECT_EQ(j["directions"]["đ"]["participants"], 40);
  EXPECT_EQ(j["participation"]["participants"], 9120);
  EXPECT_EQ(j["participation"]["population"], 10400);
  EXPECT_DOUBLE_EQ(j["participation"]["rate"].get<double>(), 0.8769);
  EXPECT_EQ(j["commendations"]["individuals"], 41);
  EXPECT_EQ(j["narratives"]["advantages"][0], json({{"unit", "HP-ANHUNG-TH1"},
                                                    {"name", "Trường Tiểu học An Hưng"},
                                                    {"text", "Thuận lợi"}}));
  // No cut-off known (a summary built by hand): null; else the moment in Vietnam's time.
  EXPECT_TRUE(j["figures_at"].is_null());
  s.figures_at = 1760259600;  // 2025-10-12T09:00:00Z
  EXPECT_EQ(to_json(s)["figures_at"], "2025-10-12T16:00:00+07:00");
}

TEST(ApiJson, ReportTimestampsAreVietnamTime) {
  UnitReport r;
  r.unit_code = "A";
  r.status = ReportStatus::submitted;
  r.version = 3;
  r.values = {{"banners", 2}};
  r.submitted_at = 1760149800;  // 2025-10-11T02:30:00Z
  json j = to_json(r);
  EXPECT_EQ(j["status"], "submitted");
  EXPECT_EQ(j["version"], 3);
  EXPECT_EQ(j["submitted_at"], "2025-10-11T09:30:00+07:00");
  EXPECT_EQ(j["late"], false);
  EXPECT_TRUE(j["history"].is_array());
}

TEST(ApiJson, UnitInputRejectsWrongTypesNamingTheField) {
  auto field_of = [](const json& body) {
    try {
      unit_input_from_json(body);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::bad_input);
      return e.field();
    }
    return std::string("(none)");
  };
  EXPECT_EQ(field_of(json::array()), "");
  EXPECT_EQ(field_of({{"code", 5}, {"name", "A"}, {"kind", "school"}}), "code");
  EXPECT_EQ(field_of({{"code", "A"}, {"name", "A"}, {"kind", "trường"}}), "kind");
  EXPECT_EQ(
      field_of(
          {{"code", "A"}, {"name", "A"}, {"kind", "school"}, {"population", {{"students", "x"}}}}),
      "population.students");
  UnitInput ok = unit_input_from_json({{"code", "A"},
                                       {"name", "Trường A"},
                                       {"kind", "school"},
                                       {"level", "primary"},
                                       {"parent", "P"},
                                       {"population", {{"students", 300}}}});
  EXPECT_EQ(ok.level, SchoolLevel::primary);
  EXPECT_EQ(ok.parent_code, "P");
  EXPECT_EQ(ok.population.at("students"), 300);
}

TEST(ApiJson, CampaignRoundTripsThroughItsJson) {
  json body = {{"name", "Tuần lễ 2026"},
               {"issuer", "HP-ANHUNG"},
               {"period_start", "2026-10-01"},
               {"period_end", "2026-10-07"},
               {"deadline", "2026-10-12"},
               {"lock_date", "2026-10-31"},
               {"reporting_kinds", {"school", "village"}},
               {"plan", {{"number", "90/KH-UBND"}}}};
  Campaign c = campaign_from_json(body);
  EXPECT_EQ(c.year, 2026);
  EXPECT_EQ(c.deadline, std::chrono::year{2026} / 10 / 12);
  EXPECT_EQ(c.reporting_kinds.size(), 2u);
  json again = to_json(c, false);
  Campaign d = campaign_from_json(again);
  EXPECT_EQ(d.name, c.name);
  EXPECT_EQ(d.lock_date, c.lock_date);
  EXPECT_EQ(d.plan, c.plan);
  body["deadline"] = "2026-02-30";
  EXPECT_THROW(campaign_from_json(body), Error);
}

}  // namespace
}  // namespace llw
