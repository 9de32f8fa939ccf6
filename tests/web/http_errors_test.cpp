// The one translation of failures into HTTP.

#include "web/http_errors.h"

#include <gtest/gtest.h>

namespace llw {
namespace {

TEST(HttpErrorsTest, EachErrorKindHasItsStatus) {
  EXPECT_EQ(http_status(ErrorKind::bad_input), 400);
  EXPECT_EQ(http_status(ErrorKind::unauthenticated), 401);
  EXPECT_EQ(http_status(ErrorKind::forbidden), 403);
  EXPECT_EQ(http_status(ErrorKind::not_found), 404);
  EXPECT_EQ(http_status(ErrorKind::conflict), 409);
  EXPECT_EQ(http_status(ErrorKind::too_large), 413);
  EXPECT_EQ(http_status(ErrorKind::validation_failed), 422);
  EXPECT_EQ(http_status(ErrorKind::rate_limited), 429);
  EXPECT_EQ(http_status(ErrorKind::not_implemented), 501);
  EXPECT_EQ(http_status(ErrorKind::internal), 500);
}

TEST(HttpErrorsTest, ErrorBodyCarriesCodeMessageAndField) {
  const HttpResponse response =
      error_response(Error(ErrorKind::not_found, "Không tìm thấy đơn vị HP-X.", "unit"));
  EXPECT_EQ(response.status, 404);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "not_found");
  EXPECT_EQ(body["error"]["message"], "Không tìm thấy đơn vị HP-X.");
  EXPECT_EQ(body["error"]["field"], "unit");
  EXPECT_FALSE(body["error"].contains("fields"));
}

TEST(HttpErrorsTest, ValidationFailureListsFieldsAndNamesTheFirst) {
  const HttpResponse response = error_response(
      Error(ErrorKind::validation_failed, "Dữ liệu chưa hợp lệ.", "",
            {{"banners", "Số pano phải ≥ 0."}, {"media_news", "Phải là số nguyên."}}));
  EXPECT_EQ(response.status, 422);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["field"], "banners");
  EXPECT_EQ(body["error"]["fields"]["media_news"], "Phải là số nguyên.");
  EXPECT_EQ(body["error"]["fields"].size(), 2u);
}

TEST(HttpErrorsTest, ExtraMembersJoinTheErrorObject) {
  const HttpResponse response =
      error_response(Error(ErrorKind::conflict, "Báo cáo vừa được người khác lưu.", "version"),
                     {{"current_version", 7}});
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["current_version"], 7);
}

TEST(HttpErrorsTest, UnauthenticatedAndRateLimitedCarryTheirHeaders) {
  const auto has_header = [](const HttpResponse& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return !value.empty();
    }
    return false;
  };
  EXPECT_TRUE(has_header(error_response(Error(ErrorKind::unauthenticated, "Hãy đăng nhập.")),
                         "WWW-Authenticate"));
  const HttpResponse limited = error_response(Error(ErrorKind::rate_limited, "Thử lại sau."));
  EXPECT_TRUE(has_header(limited, "Retry-After"));
  EXPECT_EQ(limited.status, 429);
}

TEST(HttpErrorsTest, InternalErrorsHideTheirDetail) {
  const HttpResponse response =
      error_response(Error(ErrorKind::internal, "SQLITE_CORRUPT at /var/lib/llw/llw.db"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("SQLITE"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "internal");
}

TEST(HttpErrorsTest, InvalidUtf8InAMessageDoesNotBreakTheResponse) {
  const HttpResponse response =
      error_response(Error(ErrorKind::not_found, "Không tìm thấy \xC3\x28.", "unit"));
  EXPECT_TRUE(nlohmann::json::accept(response.body));
}

}  // namespace
}  // namespace llw
