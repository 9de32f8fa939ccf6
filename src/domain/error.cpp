#include "error.h"

namespace llw {

const char* error_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_input:
      return "bad_input";
    case ErrorKind::unauthenticated:
      return "unauthenticated";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::too_large:
      return "too_large";
    case ErrorKind::validation_failed:
      return "validation_failed";
    case ErrorKind::rate_limited:
      return "rate_limited";
    case ErrorKind::not_implemented:
      return "not_implemented";
    case ErrorKind::unavailable:
      return "unavailable";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

Error database_unavailable() {
  return Error(ErrorKind::unavailable,
               "Hệ thống tạm thời không kết nối được cơ sở dữ liệu (đang khởi động lại hoặc bảo "
               "trì). Những gì đã báo là đã lưu vẫn còn nguyên; hãy thử lại sau ít giây.");
}

}  // namespace llw
