#pragma once
// Framework-neutral request/response types: handlers see these, never Beast (which stays inside
// http_server.cpp so that its heavy headers are compiled once).
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace gongshu::api {

enum class HttpMethod { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view MethodName(HttpMethod m);

// Case-insensitive header map (names are stored lowercased).
class Headers {
 public:
  void Set(std::string_view name, std::string value);
  void Add(std::string_view name, std::string value);
  const std::string* Get(std::string_view name) const;
  std::string_view GetOr(std::string_view name, std::string_view fallback) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string target;                 // as received: path + query
  std::string path;                   // decoded path
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order (repeats kept)
  Headers headers;
  std::string body;                   // small bodies (JSON)
  std::filesystem::path body_file;    // streamed uploads (deleted after the handler returns)
  uint64_t body_size = 0;
  std::string remote_address;
  std::string request_id;
  std::map<std::string, std::string, std::less<>> path_params;
  std::string principal_id;           // set by authentication, for the access log

  // First value of a query parameter.
  std::optional<std::string_view> Query(std::string_view name) const;
  // All values of a repeated parameter, also splitting comma-separated values.
  std::vector<std::string> QueryList(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;
};

// A response body produced piece by piece on a worker thread (exports, large files).
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // Appends the next piece to `out`; returns false after the last piece. An error after the
  // headers were sent aborts the connection (the client sees a truncated chunked body).
  virtual Result<bool> Next(std::string& out) = 0;
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  std::unique_ptr<BodyStream> stream;  // when set, sent with chunked transfer encoding

  static HttpResponse Json(std::string body, int status = 200);
  static HttpResponse Text(std::string body, std::string content_type, int status = 200);
};

}  // namespace gongshu::api
