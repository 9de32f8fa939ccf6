// parse_selected_values (storage/sql/selected_values.h): for every text, the wanted keys come out
// exactly as a full nlohmann parse gives them — same types, same values — and nothing else; a
// text simdjson refuses gets nlohmann's answer, errors included.

#include "storage/sql/selected_values.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace llw::sql {
namespace {

using nlohmann::json;

ReportValueKeys keys_of(std::initializer_list<const char*> names) {
  ReportValueKeys keys;
  keys.only.emplace();
  for (const char* name : names) keys.only->insert(name);
  return keys;
}

// What the selection must equal: the full parse, filtered.
json expected_of(const std::string& text, const ReportValueKeys& keys) {
  json whole = json::parse(text);
  if (!whole.is_object()) return whole;
  json selected = json::object();
  for (auto& [key, value] : whole.items()) {
    if (keys.wants(key)) selected[key] = value;
  }
  return selected;
}

// Equal and of the same JSON types all the way down (nlohmann's == says 5u == 5 == 5.0).
void expect_same(const json& got, const json& want) {
  ASSERT_EQ(got.type(), want.type()) << got.dump() << " vs " << want.dump();
  EXPECT_EQ(got.dump(), want.dump());
  if (got.is_object()) {
    for (const auto& [key, value] : want.items()) {
      ASSERT_TRUE(got.contains(key)) << key;
      expect_same(got.at(key), value);
    }
  } else if (got.is_array()) {
    for (std::size_t i = 0; i < want.size(); ++i) expect_same(got.at(i), want.at(i));
  }
}

TEST(SelectedValuesTest, WantedKeysComeOutAsAFullParseGivesThem) {
  const ReportValueKeys keys =
      keys_of({"banners", "clubs_held", "clubs_direction", "rate", "negative", "big", "directives",
               "note", "missing", "nothing", "nested", "emoji"});
  const std::vector<std::string> texts = {
      R"({"banners":6,"clubs_held":true,"clubs_direction":"đ","advantages":"Được sự quan tâm"})",
      R"({"rate":12.5,"negative":-3,"big":18446744073709551615,"zero":0,"exp":1e3})",
      R"({"directives":[{"date":"2025-10-01","number":"1000/KH-BGDĐT"}],"note":"a\"b\\c\n\u00e1"})",
      R"({"nothing":null,"nested":{"a":[1,2,{"b":false}]},"emoji":"\ud83d\ude00 Hà Nội"})",
      R"({"banners":1,"banners":2})",  // the last one wins, as in nlohmann
      R"({})",
      R"(  {"banners" : 0 , "rate": -0.0}  )",
      R"({"big":99999999999999999999,"banners":7})",  // beyond 64 bits: nlohmann decides
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    expect_same(parse_selected_values(text, keys), expected_of(text, keys));
  }
}

TEST(SelectedValuesTest, UnwantedKeysAreLeftOut) {
  const json got = parse_selected_values(
      R"({"banners":6,"advantages":"dài","directives":[1,2],"clubs_held":false})",
      keys_of({"banners", "clubs_held"}));
  EXPECT_EQ(got, json({{"banners", 6}, {"clubs_held", false}}));
  EXPECT_EQ(parse_selected_values(R"({"a":1})", keys_of({})), json::object());
}

TEST(SelectedValuesTest, TextThatIsNotAnObjectGetsNlohmannsAnswer) {
  const ReportValueKeys keys = keys_of({"a"});
  EXPECT_EQ(parse_selected_values("[1,2]", keys), json::parse("[1,2]"));
  EXPECT_THROW(parse_selected_values(R"({"a":1)", keys), json::parse_error);
  EXPECT_THROW(parse_selected_values("", keys), json::parse_error);
  EXPECT_THROW(parse_selected_values("{\"a\":\"\xff\"}", keys), json::parse_error);
  // Deeper than simdjson's limit: still parsed.
  const std::string deep = "{\"a\":" + std::string(2000, '[') + std::string(2000, ']') + "}";
  EXPECT_EQ(parse_selected_values(deep, keys), json::parse(deep));
}

}  // namespace
}  // namespace llw::sql
