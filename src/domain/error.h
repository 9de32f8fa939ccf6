#pragma once
// Expected failures of an operation, as values the web layer maps to HTTP exactly once.

#include <map>
#include <stdexcept>
#include <string>

namespace llw {

enum class ErrorKind {
  bad_input,          // 400: malformed request (JSON, types, encoding)
  unauthenticated,    // 401: no, wrong or expired credentials
  forbidden,          // 403: the role or the subtree does not allow it
  not_found,          // 404: unknown unit, campaign, report
  conflict,           // 409: stale version or state conflict
  too_large,          // 413: body over the limit
  validation_failed,  // 422: values break the form's rules (see `fields`)
  rate_limited,       // 429: too many failed sign-ins
  not_implemented,    // 501: an endpoint another issue provides
  unavailable,        // 503: the database cannot be reached right now (a restart); retry soon
  internal,           // 500: anything unexpected
};

// The one exception type that crosses layers. `message` is Vietnamese and tells the user what to
// do; `field` names the offending input when there is one; `fields` holds per-item messages for
// validation failures.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::string field = {},
        std::map<std::string, std::string> fields = {})
      : std::runtime_error(message),
        kind_(kind),
        message_(std::move(message)),
        field_(std::move(field)),
        fields_(std::move(fields)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::map<std::string, std::string>& fields() const { return fields_; }

 private:
  ErrorKind kind_;
  std::string message_;
  std::string field_;
  std::map<std::string, std::string> fields_;
};

// A stable machine code for the kind ("bad_input", "conflict", …) used in API error bodies.
const char* error_code(ErrorKind kind);

// The database cannot be reached right now (PostgreSQL restarting, the network to it down): the
// request changed nothing that was not answered as saved, and may be sent again shortly.
Error database_unavailable();

}  // namespace llw
