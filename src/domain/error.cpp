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
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace llw
