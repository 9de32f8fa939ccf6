// Each kind of bad input of issue 2, sent over HTTP against a report that already holds a saved
// draft. Every rejection must carry the Vietnamese message and the field, and leave the stored
// report exactly as it was.

#include <string>

#include "web_fixture.h"

namespace llw::test {
namespace {

const std::string kUnit = "HP-AH-THTT";  // the reporter's school: 450 students

class BadInputTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    const HttpReply saved =
        save_draft(kUnit, {{"media_articles", 3}, {"site_posts", 2}, {"advantages", "Ổn định"}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    original_ = report_of(kUnit);
    ASSERT_EQ(original_.value("version", 0), 1);
  }

  // PUT a raw body on the reporter's own report.
  HttpReply put_raw(const std::string& body) {
    return put(report_path(kUnit), token(kReporter), body);
  }
  // PUT {"version": <current>, "values": <values>} with values given as raw JSON text.
  HttpReply put_values(const std::string& values_json) {
    return put_raw(R"({"version": 1, "values": )" + values_json + "}");
  }
  void expect_unchanged() { EXPECT_EQ(report_of(kUnit), original_); }

  nlohmann::json original_;
};

TEST_F(BadInputTest, MalformedJsonIsRejected) {
  for (const std::string body :
       {R"({"version": 1, "values": {)", R"({'version': 1})", "version=1", "{\"version\": 1,}",
        R"({"version": 1, "values": {"banners": 01}})", "\"just a string\"", "null"}) {
    const HttpReply reply = put_raw(body);
    EXPECT_EQ(reply.status, 400) << body << " → " << reply.body;
    EXPECT_FALSE(reply.json()["error"].value("message", "").empty()) << body;
    EXPECT_FALSE(reply.json()["error"]["field"].is_null()) << body;
  }
  expect_unchanged();
}

TEST_F(BadInputTest, WrongTypesAreRejectedNamingTheField) {
  expect_error(put_raw(R"({"version": "1", "values": {}})"), 400, "bad_input", "version");
  expect_error(put_raw(R"({"version": 1, "values": [1, 2]})"), 400, "bad_input", "values");
  expect_error(put_raw(R"({"version": 1})"), 400, "bad_input", "values");
  expect_error(put_raw(R"([{"version": 1, "values": {}}])"), 400, "bad_input", "body");
  expect_error(put_values(R"({"media_articles": "nhiều"})"), 422, "validation_failed",
               "media_articles");
  expect_error(put_values(R"({"reading_day_held": "có"})"), 422, "validation_failed",
               "reading_day_held");
  expect_error(put_values(R"({"advantages": 42})"), 422, "validation_failed", "advantages");
  expect_error(put_values(R"({"directives": {"number": "1"}})"), 422, "validation_failed",
               "directives");
  expect_unchanged();
}

TEST_F(BadInputTest, NegativeAndFractionalCountsAreRejected) {
  const HttpReply negative = put_values(R"({"media_articles": -1})");
  expect_error(negative, 422, "validation_failed", "media_articles");
  EXPECT_TRUE(negative.json()["error"]["fields"].contains("media_articles")) << negative.body;
  expect_error(put_values(R"({"banners": 2.5})"), 422, "validation_failed", "banners");
  expect_error(put_raw(R"({"version": -1, "values": {}})"), 400, "bad_input", "version");
  expect_error(put_raw(R"({"version": 1.5, "values": {}})"), 400, "bad_input", "version");
  expect_unchanged();
}

TEST_F(BadInputTest, NumbersBeyondRangeAndNonFiniteAreRejected) {
  expect_error(put_values(R"({"media_articles": 1e400})"), 400, "bad_input", "body");
  expect_error(put_values(R"({"media_articles": 1e300})"), 422, "validation_failed",
               "media_articles");
  expect_error(put_values(R"({"media_articles": 18446744073709551616})"), 422, "validation_failed",
               "media_articles");
  expect_error(put_values(R"({"media_articles": 9007199254740993})"), 422, "validation_failed",
               "media_articles");
  expect_error(put_values(R"({"media_articles": NaN})"), 400, "bad_input", "body");
  expect_error(put_values(R"({"media_articles": Infinity})"), 400, "bad_input", "body");
  expect_error(put_values(R"({"media_articles": -Infinity})"), 400, "bad_input", "body");
  expect_error(put_raw(R"({"version": 99999999999999999999999, "values": {}})"), 400, "bad_input",
               "version");
  expect_unchanged();
}

TEST_F(BadInputTest, ParticipantsAbovePopulationAreRejected) {
  const HttpReply reply = put_values(R"({"participants_students": 451})");
  expect_error(reply, 422, "validation_failed", "participants_students");
  // The message says what the limit is.
  EXPECT_NE(reply.json()["error"]["fields"].value("participants_students", "").find("450"),
            std::string::npos)
      << reply.body;
  expect_unchanged();
  // Exactly the population is fine.
  EXPECT_EQ(put_values(R"({"participants_students": 450})").status, 200);
}

TEST_F(BadInputTest, UnknownKeysAreRejected) {
  expect_error(put_values(R"({"no_such_item": 1})"), 422, "validation_failed", "no_such_item");
  expect_error(put_raw(R"({"version": 1, "values": {}, "status": "accepted"})"), 400, "bad_input",
               "status");
  expect_unchanged();
}

TEST_F(BadInputTest, InvalidUtf8IsRejected) {
  for (const std::string bytes : {"\xC3\x28", "\xC0\xAF", "\xED\xA0\x80", "\xFF", "abc\xE1\xBB"}) {
    const HttpReply reply = put_values("{\"advantages\": \"" + bytes + "\"}");
    expect_error(reply, 400, "bad_input", "body");
    EXPECT_EQ(reply.json()["error"].value("message", ""), "Dữ liệu không phải UTF-8 hợp lệ.");
  }
  // An escaped lone surrogate is valid UTF-8 text but not a character.
  EXPECT_EQ(put_values(R"({"advantages": "\ud800"})").status, 400);
  expect_unchanged();
}

TEST_F(BadInputTest, ControlCharactersAreRefusedInEveryTypedText) {
  for (const char* value : {R"("a\u0000b")", R"("a\u001b[31m")", R"("a\u007f")", R"("a\rb")"}) {
    expect_error(put_values(std::string(R"({"advantages": )") + value + "}"), 422,
                 "validation_failed", "advantages");
  }
  expect_unchanged();
  // A unit name is one line.
  const std::string unit = R"({"code": "HP-AH-MOI", "name": "Thôn\r\nMới", "kind": "village",
                               "parent": "HP-AH"})";
  expect_error(post("/api/v1/units", token(kAdmin), unit), 422, "validation_failed", "name");
  // Line breaks are what paragraphs are made of.
  EXPECT_EQ(put_values(R"({"advantages": "Dòng một\nDòng hai"})").status, 200);
}

TEST_F(BadInputTest, BodyOverTheLimitGets413) {
  const std::string padding(kMaxBody, 'a');
  const HttpReply reply = put_values("{\"advantages\": \"" + padding + "\"}");
  expect_error(reply, 413, "too_large", "body");
  // Far over the limit (past transport_body_limit, a little over the 10 MB of an evidence file):
  // the connection is closed at its headers, before the body is read into memory; RESTinio
  // cannot answer at that point.
  const HttpReply huge = put_values("{\"advantages\": \"" + std::string(11 << 20, 'b') + "\"}");
  EXPECT_EQ(huge.status, 0);
  // The server still serves the next request.
  expect_unchanged();
}

TEST_F(BadInputTest, DeeplyNestedJsonIsRejected) {
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  expect_error(put_values("{\"directives\": " + deep + "}"), 400, "bad_input", "body");
  const std::string objects = [] {
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "{\"a\":";
    text += "1";
    for (int i = 0; i < 1000; ++i) text += "}";
    return text;
  }();
  expect_error(put_values(objects), 400, "bad_input", "body");
  expect_unchanged();
}

TEST_F(BadInputTest, AStaleVersionGets409AndKeepsTheOtherSave) {
  // The coordinator saves first, from version 1 …
  const HttpReply first = put(report_path(kUnit), token(kCoordinator),
                              R"({"version": 1, "values": {"media_articles": 10, "banners": 4}})");
  ASSERT_EQ(first.status, 200) << first.body;
  const nlohmann::json after_first = report_of(kUnit);
  EXPECT_EQ(after_first.value("version", 0), 2);
  // … then the reporter saves from the same version 1: refused, nothing overwritten.
  const HttpReply stale = put_values(R"({"media_articles": 99})");
  expect_error(stale, 409, "conflict", "version");
  EXPECT_EQ(stale.json()["error"].value("current_version", 0), 2) << stale.body;
  EXPECT_EQ(report_of(kUnit), after_first);
  EXPECT_EQ(after_first["values"].value("media_articles", 0), 10);
  // Submitting against the stale version is refused too.
  expect_error(post(report_path(kUnit) + "/submit", token(kReporter), R"({"version": 1})"), 409,
               "conflict", "version");
  EXPECT_EQ(report_of(kUnit), after_first);
}

TEST_F(BadInputTest, AnUnknownUnitOrCampaignGets404) {
  expect_error(get(report_path("KHONG-CO"), token(kAdmin)), 404, "not_found");
  expect_error(put(report_path("KHONG-CO"), token(kAdmin), R"({"version": 0, "values": {}})"), 404,
               "not_found");
  expect_error(get("/api/v1/units/KHONG-CO", token(kAdmin)), 404, "not_found");
  expect_error(get(summary_path("KHONG-CO"), token(kAdmin)), 404, "not_found");
  expect_error(get(report_path(kUnit, 424242), token(kAdmin)), 404, "not_found");
  expect_unchanged();
}

TEST_F(BadInputTest, AnotherUnitsReportGets403) {
  const nlohmann::json before = report_of("HP-AH-MN");
  expect_error(put(report_path("HP-AH-MN"), token(kReporter),
                   R"({"version": 0, "values": {"media_articles": 5}})"),
               403, "forbidden");
  expect_error(post(report_path("HP-AH-MN") + "/submit", token(kReporter)), 403, "forbidden");
  expect_error(get(report_path("HP-AH-MN"), token(kReporter)), 403, "forbidden");
  EXPECT_EQ(report_of("HP-AH-MN"), before);
  expect_unchanged();
}

TEST_F(BadInputTest, NoOrExpiredTokenGets401) {
  const std::string body = R"({"version": 1, "values": {"media_articles": 50}})";
  expect_error(http_->send("PUT", report_path(kUnit), body, {"Content-Type: application/json"}),
               401, "unauthenticated", "authorization");
  const std::string bearer = token(kReporter);
  advance_clock(kSessionSeconds + 1);
  expect_error(put(report_path(kUnit), bearer, body), 401, "unauthenticated");
  advance_clock(-(kSessionSeconds + 1));
  expect_unchanged();
}

TEST_F(BadInputTest, SqlAndHtmlMetacharactersAreStoredVerbatim) {
  const std::string text =
      "'; DROP TABLE reports; -- \" OR 1=1 <script>alert('x')</script> &amp; %s \\ Đ 😀";
  const nlohmann::json values{{"advantages", text}, {"commend_forms", "<b>Giấy khen</b>"}};
  const HttpReply saved = save_draft(kUnit, values);
  ASSERT_EQ(saved.status, 200) << saved.body;
  const nlohmann::json stored = report_of(kUnit);
  EXPECT_EQ(stored["values"].value("advantages", ""), text);
  EXPECT_EQ(stored["values"].value("commend_forms", ""), "<b>Giấy khen</b>");

  // In a unit name too, and the tables are all still there.
  const nlohmann::json unit{{"code", "HP-AH-X"},
                            {"name", "Thôn <i>Mới</i>'); DELETE FROM units; --"},
                            {"kind", "village"},
                            {"parent", "HP-AH"}};
  ASSERT_EQ(post("/api/v1/units", token(kCoordinator), unit.dump()).status, 201);
  EXPECT_EQ(get("/api/v1/units/HP-AH-X", token(kAdmin)).json().value("name", ""),
            unit.value("name", ""));
  EXPECT_EQ(get("/api/v1/units/HP-AH-THTT", token(kAdmin)).status, 200);

  // Submitted, the text reaches the summary unchanged.
  ASSERT_EQ(post(report_path(kUnit) + "/submit", token(kReporter)).status, 200);
  const nlohmann::json summary = get(summary_path("HP-AH"), token(kCoordinator)).json();
  ASSERT_FALSE(summary["narratives"]["advantages"].empty()) << summary.dump();
  EXPECT_EQ(summary["narratives"]["advantages"][0].value("text", ""), text);
}

}  // namespace
}  // namespace llw::test
