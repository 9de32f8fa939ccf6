// Account pages: the list of accounts with the add form (/quan-tri/tai-khoan), one account's page
// (role, unit, password reset, disable and enable), and every user's change of their own password
// (/doi-mat-khau). Access is the Application's (domain/access.h); a failed POST shows the form
// again with what was typed (never passwords) and a message next to each wrong field.

#include "web/pages/user_pages.h"

#include <algorithm>

#include "app/accounts.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/pages/user_view.h"

namespace llw {
namespace {

constexpr std::size_t kListLimit = 200;

// The messages of an expected failure, per field of the form (the message itself when the
// failure names no field the form has).
pages::FormEcho echo_of(const Error& error, const std::vector<std::string>& form_fields) {
  pages::FormEcho echo;
  auto fields = error.fields();
  if (fields.empty() && !error.field().empty()) fields[error.field()] = error.message();
  for (const auto& [field, message] : fields) {
    if (std::find(form_fields.begin(), form_fields.end(), field) != form_fields.end()) {
      echo.errors[field] = message;
    }
  }
  if (echo.errors.empty() || error.kind() != ErrorKind::validation_failed) {
    echo.message = error.message();
  } else {
    echo.message = "Chưa lưu được. Hãy sửa các ô được đánh dấu bên dưới rồi gửi lại.";
  }
  return echo;
}

bool shows_on_form(const Error& error) {
  return error.kind() == ErrorKind::validation_failed || error.kind() == ErrorKind::conflict ||
         error.kind() == ErrorKind::not_found || error.kind() == ErrorKind::rate_limited;
}

const char* const kBadRole = "Hãy chọn một vai trò trong danh sách.";
const char* const kPasswordsDiffer =
    "Hai lần nhập mật khẩu mới không giống nhau. Hãy nhập lại cho khớp.";

// What the account page says after a change (Post/Redirect/Get: ?ok=…).
std::string saved_message(const std::string& code) {
  if (code == "tao")
    return "Đã tạo tài khoản. Người dùng đăng nhập bằng mật khẩu ban đầu rồi đổi mật khẩu riêng.";
  if (code == "sua") return "Đã lưu vai trò và đơn vị.";
  if (code == "mat-khau") {
    return "Đã đặt mật khẩu mới. Các phiên đăng nhập cũ của tài khoản này đã bị đăng xuất.";
  }
  if (code == "khoa") return "Đã khóa tài khoản. Người dùng không đăng nhập được nữa.";
  if (code == "mo") return "Đã mở khóa tài khoản.";
  return {};
}

}  // namespace

HttpResponse UserPages::admin_users(Context& context, const Params&) {
  const auto q = context.request.query.find("q");
  const std::string search = q == context.request.query.end() ? "" : q->second;
  const auto users =
      app_.accounts().list_users(context.user, "", search.substr(0, 200), kListLimit);
  return page(context, 200, "admin_users",
              pages::users_view(context.user, users, search, kListLimit, {}));
}

HttpResponse UserPages::admin_users_post(Context& context, const Params&) {
  const auto& form = context.form;
  NewUser input;
  input.username = form.value("username");
  input.display_name = form.value("name");
  input.unit_code = form.value("unit");
  input.password = form.value("password");
  pages::FormEcho echo;
  echo.values = {{"username", input.username},
                 {"name", input.display_name},
                 {"unit", input.unit_code},
                 {"role", form.value("role")}};
  const auto role = role_from_string(form.value("role"));
  if (!role) echo.errors["role"] = kBadRole;
  if (input.password != form.value("password2")) echo.errors["password2"] = kPasswordsDiffer;
  int status = 422;
  if (echo.errors.empty()) {
    input.role = *role;
    try {
      const User created = app_.accounts().create_user(
          context.user, input, RequestContext{context.request.client_address});
      return redirect("/quan-tri/tai-khoan/" + pages::url_encode(created.username) + "?ok=tao");
    } catch (const Error& error) {
      if (!shows_on_form(error)) throw;
      const auto values = echo.values;
      echo = echo_of(error, {"username", "name", "role", "unit", "password", "password2"});
      echo.values = values;
      status = http_status(error.kind());
    }
  } else {
    echo.message = "Chưa tạo được tài khoản. Hãy sửa các ô được đánh dấu bên dưới.";
  }
  const auto users = app_.accounts().list_users(context.user, "", "", kListLimit);
  return page(context, status, "admin_users",
              pages::users_view(context.user, users, "", kListLimit, echo));
}

HttpResponse UserPages::admin_user(Context& context, const Params& params) {
  const User user = app_.accounts().get_user(context.user, params[0]);
  pages::FormEcho echo;
  if (const auto ok = context.request.query.find("ok"); ok != context.request.query.end()) {
    const std::string message = saved_message(ok->second);
    if (!message.empty()) echo.values["saved"] = message;
  }
  return page(context, 200, "admin_users",
              {{"edit", pages::user_edit_view(context.user, user, echo)},
               {"title", "Tài khoản " + user.username}});
}

HttpResponse UserPages::admin_user_post(Context& context, const Params& params) {
  const auto& form = context.form;
  const std::string& action = form.value("action");
  const RequestContext request{context.request.client_address};
  pages::FormEcho echo;
  std::string done;
  try {
    if (action == "sua") {
      echo.values = {{"name", form.value("name")}, {"unit", form.value("unit")}};
      UserChange change;
      change.display_name = form.value("name");
      change.unit_code = form.value("unit");
      change.role = role_from_string(form.value("role"));
      if (!change.role) {
        echo.errors["role"] = kBadRole;
      } else {
        app_.accounts().update_user(context.user, params[0], change, request);
        done = "sua";
      }
    } else if (action == "dat-mat-khau") {
      if (form.value("password") != form.value("password2")) {
        echo.errors["password2"] = kPasswordsDiffer;
      } else {
        app_.accounts().reset_password(context.user, params[0], form.value("password"), request);
        done = "mat-khau";
      }
    } else if (action == "khoa" || action == "mo-khoa") {
      UserChange change;
      change.disabled = action == "khoa";
      app_.accounts().update_user(context.user, params[0], change, request);
      done = action == "khoa" ? "khoa" : "mo";
    } else {
      throw Error(ErrorKind::bad_input,
                  "Thao tác không hợp lệ. Hãy tải lại trang tài khoản rồi chọn lại.", "action");
    }
  } catch (const Error& error) {
    if (!shows_on_form(error)) throw;
    const auto values = echo.values;
    echo = echo_of(error, {"name", "role", "unit", "password", "password2"});
    echo.values = values;
    const User user = app_.accounts().get_user(context.user, params[0]);
    return page(context, http_status(error.kind()), "admin_users",
                {{"edit", pages::user_edit_view(context.user, user, echo)},
                 {"title", "Tài khoản " + user.username}});
  }
  if (!done.empty()) {
    return redirect("/quan-tri/tai-khoan/" + pages::url_encode(params[0]) + "?ok=" + done);
  }
  echo.message = "Chưa lưu được. Hãy sửa các ô được đánh dấu bên dưới.";
  const User user = app_.accounts().get_user(context.user, params[0]);
  return page(context, 422, "admin_users",
              {{"edit", pages::user_edit_view(context.user, user, echo)},
               {"title", "Tài khoản " + user.username}});
}

HttpResponse UserPages::change_password_form(Context& context, const Params&) {
  pages::FormEcho echo;
  if (context.request.query.count("ok")) {
    echo.values["saved"] =
        "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn (máy khác, trình duyệt khác) đã bị "
        "đăng xuất.";
  }
  return page(
      context, 200, "change_password",
      pages::change_password_view(app_.accounts().must_change_password(context.user), echo));
}

HttpResponse UserPages::change_password_post(Context& context, const Params&) {
  const auto& form = context.form;
  pages::FormEcho echo;
  int status = 422;
  if (form.value("current_password").empty()) {
    echo.errors["current_password"] = "Hãy nhập mật khẩu hiện tại.";
  }
  if (form.value("new_password").empty()) {
    echo.errors["new_password"] = "Hãy nhập mật khẩu mới.";
  } else if (form.value("new_password") != form.value("new_password2")) {
    echo.errors["new_password2"] = kPasswordsDiffer;
  }
  if (echo.errors.empty()) {
    try {
      app_.accounts().change_password(context.user, context.session_token,
                                      form.value("current_password"), form.value("new_password"),
                                      RequestContext{context.request.client_address});
      return redirect("/doi-mat-khau?ok=1");
    } catch (const Error& error) {
      if (!shows_on_form(error)) throw;
      echo = echo_of(error, {"current_password", "new_password", "new_password2"});
      status = http_status(error.kind());
    }
  } else {
    echo.message = "Chưa đổi được mật khẩu. Hãy sửa các ô được đánh dấu bên dưới.";
  }
  return page(
      context, status, "change_password",
      pages::change_password_view(app_.accounts().must_change_password(context.user), echo));
}

std::vector<PageRoute> UserPages::routes() {
  return {
      {"GET", {"quan-tri", "tai-khoan"}, bind(&UserPages::admin_users)},
      {"POST", {"quan-tri", "tai-khoan"}, bind(&UserPages::admin_users_post)},
      {"GET", {"quan-tri", "tai-khoan", "{}"}, bind(&UserPages::admin_user)},
      {"POST", {"quan-tri", "tai-khoan", "{}"}, bind(&UserPages::admin_user_post)},
      {"GET", {"doi-mat-khau"}, bind(&UserPages::change_password_form), false, true},
      {"POST", {"doi-mat-khau"}, bind(&UserPages::change_password_post), false, true},
  };
}

}  // namespace llw
