// The request-body checks on their own: size, UTF-8, nesting depth, JSON, typed members.

#include "web/request_body.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "domain/error.h"
#include "error_expectations.h"

namespace llw {
namespace {

using testing_support::error_kind_of;

TEST(RequestBodyTest, AcceptsVietnameseText) {
  const auto json =
      parse_json_body(R"({"name": "Trường Tiểu học Thị trấn — Đoàn Thị Ánh 😀"})", 1024);
  EXPECT_EQ(json["name"], "Trường Tiểu học Thị trấn — Đoàn Thị Ánh 😀");
}

TEST(RequestBodyTest, RejectsMalformedUtf8WithItsOwnMessage) {
  for (const std::string bytes : {"\xC3\x28", "\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                                  "\xF4\x90\x80\x80", "abc\xE1\xBB"}) {
    try {
      parse_json_body("{\"text\": \"" + bytes + "\"}", 1024);
      ADD_FAILURE() << "accepted invalid UTF-8";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::bad_input);
      EXPECT_EQ(error.message(), "Dữ liệu không phải UTF-8 hợp lệ.");
    }
  }
}

TEST(RequestBodyTest, MeasuresNestingOutsideStrings) {
  EXPECT_EQ(json_nesting_depth(R"({"a": [1, {"b": 2}]})", 32), 3);
  EXPECT_EQ(json_nesting_depth(R"({"a": "[[[[{{{{\"]]"})", 32), 1);
  EXPECT_EQ(json_nesting_depth("1", 32), 0);
  EXPECT_EQ(json_nesting_depth(std::string(1000, '['), 32), 33);  // stops at the limit
}

TEST(RequestBodyTest, ParsesJsonWithinTheLimits) {
  const auto json = parse_json_body(R"({"version": 3, "values": {"banners": 2}})", 1024);
  EXPECT_EQ(json["version"], 3);
  EXPECT_EQ(json["values"]["banners"], 2);
}

TEST(RequestBodyTest, EachBrokenBodyGetsItsKindOfError) {
  EXPECT_EQ(error_kind_of([] { parse_json_body(std::string(2000, ' '), 1024); }),
            ErrorKind::too_large);
  EXPECT_EQ(error_kind_of([] { parse_json_body("{\"a\": \"\xC3\x28\"}", 1024); }),
            ErrorKind::bad_input);
  EXPECT_EQ(error_kind_of([] { parse_json_body("{\"a\": ", 1024); }), ErrorKind::bad_input);
  EXPECT_EQ(error_kind_of([] { parse_json_body("", 1024); }), ErrorKind::bad_input);
  EXPECT_EQ(error_kind_of([] { parse_json_body("[1e400]", 1024); }), ErrorKind::bad_input);
  EXPECT_EQ(error_kind_of([] { parse_json_body("{\"a\": NaN}", 1024); }), ErrorKind::bad_input);
  EXPECT_EQ(
      error_kind_of([] { parse_json_body(std::string(33, '[') + std::string(33, ']'), 1024); }),
      ErrorKind::bad_input);
  // 32 levels are still fine.
  EXPECT_NO_THROW(parse_json_body(std::string(32, '[') + std::string(32, ']'), 1024));
}

TEST(RequestBodyTest, AnEmptyOptionalBodyIsNoBody) {
  EXPECT_FALSE(parse_optional_json_body("", 1024).has_value());
  EXPECT_FALSE(parse_optional_json_body(" \r\n", 1024).has_value());
  EXPECT_EQ((*parse_optional_json_body(R"({"version": 2})", 1024))["version"], 2);
}

TEST(RequestBodyTest, CountMembersMustBeNonNegativeIntegers) {
  const nlohmann::json body = nlohmann::json::parse(
      R"({"ok": 7, "negative": -1, "fraction": 2.5, "text": "3", "huge": 18446744073709551615})");
  EXPECT_EQ(count_member(body, "ok", true), 7);
  EXPECT_EQ(count_member(body, "absent", false), std::nullopt);
  for (const char* key : {"negative", "fraction", "text", "huge", "absent"}) {
    try {
      count_member(body, key, true);
      ADD_FAILURE() << key << " was accepted";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::bad_input);
      EXPECT_EQ(error.field(), key);
    }
  }
}

TEST(RequestBodyTest, UnknownMembersAreNamed) {
  const nlohmann::json body{{"version", 1}, {"valuez", {}}};
  try {
    reject_unknown_members(body, {"version", "values"});
    ADD_FAILURE() << "an unknown member was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::bad_input);
    EXPECT_EQ(error.field(), "valuez");
  }
}

TEST(RequestBodyTest, IntegerParametersAreCheckedAgainstTheirRange) {
  EXPECT_EQ(integer_parameter(std::nullopt, "missing_limit", 0, 100000, 200), 200);
  EXPECT_EQ(integer_parameter("0", "missing_limit", 0, 100000, 200), 0);
  EXPECT_EQ(integer_parameter("100000", "missing_limit", 0, 100000, 200), 100000);
  for (const char* text : {"", "-1", "100001", "abc", "5x", "1.5", " 5", "99999999999999"}) {
    try {
      integer_parameter(std::string(text), "missing_limit", 0, 100000, 200);
      ADD_FAILURE() << '"' << text << "\" was accepted";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::bad_input);
      EXPECT_EQ(error.field(), "missing_limit");
    }
  }
}

}  // namespace
}  // namespace llw
