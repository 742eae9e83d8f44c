#pragma once
// The one error envelope of the API and the one table mapping error kinds to HTTP statuses:
// {"error":{"code":"...","message":"...","message_zh":"..."}}
#include "api/http_types.h"
#include "core/error.h"

namespace gongshu::api {

int HttpStatusFor(ErrorKind kind);
HttpResponse ErrorResponse(const Error& error, std::string_view request_id = {});

// Convenience constructors for errors raised by the API layer itself.
Error BadRequest(std::string code, std::string message, std::string message_zh);

}  // namespace gongshu::api
