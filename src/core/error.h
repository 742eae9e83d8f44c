#pragma once
// Domain errors as values. Every error carries a kind (which the API maps to an HTTP status in
// one table, api/error_response.cpp), a stable machine code, and a message in English and Chinese.
#include <cstdint>
#include <string>
#include <utility>

namespace gongshu {

enum class ErrorKind {
  kInvalidArgument,    // 400: malformed input
  kUnauthenticated,    // 401
  kForbidden,          // 403: authenticated (or anonymous) but not allowed
  kNotFound,           // 404
  kMethodNotAllowed,   // 405
  kConflict,           // 409: state conflict, duplicate, illegal transition
  kPayloadTooLarge,    // 413
  kUnsupportedMedia,   // 415
  kUnprocessable,      // 422: well-formed but semantically invalid (unknown field, bad CSV row)
  kTooManyRequests,    // 429
  kRequestTimeout,     // 408
  kInternal,           // 500
  kUnavailable,        // 503: cannot serve safely now (e.g. audit log unwritable)
  kDeadlineExceeded,   // 504: query ran past its deadline
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;        // stable machine code, e.g. "where.syntax"
  std::string message;     // English, for people
  std::string message_zh;  // 中文, for people
  int64_t retry_after_seconds = 0;  // > 0: sent as Retry-After (throttling, quotas)
};

inline Error MakeError(ErrorKind kind, std::string code, std::string message, std::string message_zh) {
  return Error{kind, std::move(code), std::move(message), std::move(message_zh)};
}

}  // namespace gongshu
