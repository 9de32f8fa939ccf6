#include "web/api_family.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "app/sign_in.h"
#include "domain/error.h"

namespace llw {

namespace {

constexpr const char* kNotBuiltMessage = "Chức năng này đang được xây dựng.";

}  // namespace

std::optional<std::string> ApiFamily::query_value(const HttpRequest& request,
                                                  const std::string& name) {
  const auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

std::string ApiFamily::bearer_token(const HttpRequest& request) {
  const std::string& header = request.authorization;
  constexpr std::string_view scheme = "bearer ";
  const bool is_bearer =
      header.size() > scheme.size() &&
      std::equal(scheme.begin(), scheme.end(), header.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
  if (!is_bearer) {
    throw Error(ErrorKind::unauthenticated,
                "Bạn cần đăng nhập. Hãy gửi mã truy cập trong tiêu đề "
                "\"Authorization: Bearer <mã>\" (lấy từ POST /api/v1/auth/token).",
                "authorization");
  }
  std::string token = header.substr(scheme.size());
  token.erase(0, token.find_first_not_of(' '));
  token.erase(token.find_last_not_of(' ') + 1);
  return token;
}

User ApiFamily::authenticate(const HttpRequest& request) {
  User user = sign_in_.sign_in().authenticate(bearer_token(request));
  if (user.must_change_password) {
    throw Error(ErrorKind::forbidden,
                "Tài khoản này đang dùng mật khẩu do người khác đặt (mật khẩu dùng một lần). Hãy "
                "đặt mật khẩu riêng trước: POST /api/v1/me/password với current_password và "
                "new_password, hoặc đăng nhập trang web.",
                "password");
  }
  return user;
}

HttpResponse ApiFamily::not_built_yet(const HttpRequest& request, const Params&) {
  authenticate(request);
  throw Error(ErrorKind::not_implemented, kNotBuiltMessage);
}

}  // namespace llw
