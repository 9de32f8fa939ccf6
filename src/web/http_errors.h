#pragma once
// The one place where failures become HTTP: ErrorKind → status, and the error body
// {"error": {"code", "message", "field", "fields"?}} of api.md.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <utility>

#include "domain/error.h"
#include "domain/report.h"
#include "web/http_message.h"

namespace llw {

// What a client is told to wait after a 429; the application's default failed-login window.
constexpr int default_retry_after_seconds = 900;
// What a client is told to wait after a 503 (the database restarting): a PostgreSQL restart takes
// seconds.
constexpr int unavailable_retry_after_seconds = 5;

int http_status(ErrorKind kind);

// A JSON response with the given status; strings that are not valid UTF-8 are replaced rather
// than failing the response.
HttpResponse json_response(int status, const nlohmann::json& body);
// 204 No Content: a done action with nothing to return.
HttpResponse no_content();

// The response for an expected failure. `extra` (an object) is merged into the "error" object,
// e.g. {"current_version": 7} for a stale version.
HttpResponse error_response(const Error& error, const nlohmann::json& extra = nullptr,
                            int retry_after_seconds = default_retry_after_seconds);

// A conflict of a report action (a unit's report or a consolidated report) with what a client
// needs to reload and retry: `current()` reads the report's version and state, added as
// current_version, current_status and current_status_label; left out when reading fails.
HttpResponse conflict_response(
    const Error& error, const std::function<std::pair<std::int64_t, ReportStatus>()>& current);

// A failure of the HTTP request itself rather than of a use case, in the same error shape:
// 414 uri_too_long, 415 unsupported_media_type, 431 headers_too_large.
HttpResponse protocol_error_response(int status, const std::string& message,
                                     const std::string& field);

// The response for anything unexpected: a generic Vietnamese message, never the detail (which
// the caller logs).
HttpResponse internal_error_response();

}  // namespace llw
