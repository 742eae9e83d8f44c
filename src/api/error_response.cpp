#include "api/error_response.h"

#include "core/json_writer.h"

namespace gongshu::api {

int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kMethodNotAllowed: return 405;
    case ErrorKind::kRequestTimeout: return 408;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kPayloadTooLarge: return 413;
    case ErrorKind::kUnsupportedMedia: return 415;
    case ErrorKind::kUnprocessable: return 422;
    case ErrorKind::kTooManyRequests: return 429;
    case ErrorKind::kInternal: return 500;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kDeadlineExceeded: return 504;
  }
  return 500;
}

HttpResponse ErrorResponse(const Error& error, std::string_view request_id) {
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Key("error").BeginObject();
  w.Field("code", error.code).Field("message", error.message).Field("message_zh", error.message_zh);
  if (!request_id.empty()) w.Field("request_id", request_id);
  w.EndObject().EndObject();
  HttpResponse r = HttpResponse::Json(std::move(body), HttpStatusFor(error.kind));
  r.headers.Set("cache-control", "no-store");
  if (error.retry_after_seconds > 0) r.headers.Set("retry-after", std::to_string(error.retry_after_seconds));
  // A stale session cookie would make every later request fail: tell the browser to drop it.
  if (error.code == "auth.session_invalid") {
    r.headers.Set("set-cookie", "gs_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  }
  return r;
}

Error BadRequest(std::string code, std::string message, std::string message_zh) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(message), std::move(message_zh));
}

}  // namespace gongshu::api
