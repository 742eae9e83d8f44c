#pragma once
// Maps (method, path) to handlers. Patterns are literal segments and {param} segments, e.g.
// "/api/v1/resources/{id}/records". The pattern doubles as the route's metrics label.
#include <functional>
#include <string>
#include <vector>

#include "api/http_types.h"

namespace gongshu::api {

enum class BodyKind {
  kNone,    // no request body expected (a small one is read and discarded)
  kSmall,   // JSON or form body held in memory (limit: ServerOptions::max_body_bytes)
  kUpload,  // streamed to a file in the staging directory (limit: ServerOptions::max_upload_bytes)
};

using Handler = std::function<Result<HttpResponse>(HttpRequest&)>;

struct Route {
  HttpMethod method = HttpMethod::kGet;
  std::string pattern;
  Handler handler;
  BodyKind body = BodyKind::kNone;
  // Cheap in-memory handlers run on the I/O thread; everything else on the worker pool.
  bool run_inline = false;
  std::vector<std::string> segments;  // split pattern
};

struct RouteMatch {
  const Route* route = nullptr;      // nullptr: no route
  bool method_mismatch = false;      // the path exists with other methods (405)
  std::vector<std::string> allowed;  // methods allowed on the path
};

class Router {
 public:
  void Add(Route route);
  // Matches a decoded path; fills path params into `req` when found.
  RouteMatch Match(HttpMethod method, std::string_view path, HttpRequest* req) const;
  // Fallback for GET requests no API route matches (the web portal's static files).
  void SetFallback(Handler fallback) { fallback_ = std::move(fallback); }
  const Handler& fallback() const { return fallback_; }

 private:
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace gongshu::api
