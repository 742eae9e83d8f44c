#include "api/router.h"

#include "core/strings.h"

namespace gongshu::api {

namespace {

std::vector<std::string> PathSegments(std::string_view path) {
  std::vector<std::string> out;
  for (auto part : Split(path, '/')) {
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

bool IsParam(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

}  // namespace

void Router::Add(Route route) {
  route.segments = PathSegments(route.pattern);
  routes_.push_back(std::move(route));
}

RouteMatch Router::Match(HttpMethod method, std::string_view path, HttpRequest* req) const {
  RouteMatch result;
  auto segs = PathSegments(path);
  HttpMethod want = method == HttpMethod::kHead ? HttpMethod::kGet : method;
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      ok = IsParam(r.segments[i]) || r.segments[i] == segs[i];
    }
    if (!ok) continue;
    if (r.method != want) {
      result.method_mismatch = true;
      result.allowed.emplace_back(MethodName(r.method));
      continue;
    }
    result.route = &r;
    result.method_mismatch = false;
    if (req != nullptr) {
      req->path_params.clear();
      for (size_t i = 0; i < segs.size(); ++i) {
        if (IsParam(r.segments[i])) req->path_params[r.segments[i].substr(1, r.segments[i].size() - 2)] = segs[i];
      }
    }
    return result;
  }
  return result;
}

}  // namespace gongshu::api
