#pragma once
// The one place where failures become HTTP: ErrorKind → status, and the error body
// {"error": {"code", "message", "field", "fields"?}} of api.md.

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "web/http_message.h"

namespace llw {

// What a client is told to wait after a 429; the application's default failed-login window.
constexpr int default_retry_after_seconds = 900;

int http_status(ErrorKind kind);

// A JSON response with the given status; strings that are not valid UTF-8 are replaced rather
// than failing the response.
HttpResponse json_response(int status, const nlohmann::json& body);

// The response for an expected failure. `extra` (an object) is merged into the "error" object,
// e.g. {"current_version": 7} for a stale version.
HttpResponse error_response(const Error& error, const nlohmann::json& extra = nullptr,
                            int retry_after_seconds = default_retry_after_seconds);

// The response for anything unexpected: a generic Vietnamese message, never the detail (which
// the caller logs).
HttpResponse internal_error_response();

}  // namespace llw
