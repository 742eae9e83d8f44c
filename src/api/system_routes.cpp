#include <string_view>
#include <utility>
#include <vector>

#include "api/routes.h"
#include "core/json_writer.h"

namespace gongshu::api {

// Generated from src/api/assets/ by cmake/embed_files.cmake.
const std::vector<std::pair<std::string_view, std::string_view>>& EmbeddedAssets();

namespace {

std::string_view Asset(std::string_view name) {
  for (const auto& [n, data] : EmbeddedAssets()) {
    if (n == name) return data;
  }
  return {};
}

}  // namespace

void RegisterSystemRoutes(Router& router, AppContext& ctx) {
  router.Add(Route{HttpMethod::kGet, "/healthz",
                   [&ctx](HttpRequest&) -> Result<HttpResponse> {
                     std::string body;
                     JsonWriter w(body);
                     w.BeginObject().Field("status", "ok");
                     w.Field("resources", static_cast<int64_t>(ctx.catalog.Snapshot()->resources().size()));
                     w.EndObject();
                     auto r = HttpResponse::Json(std::move(body));
                     r.headers.Set("cache-control", "no-store");
                     return r;
                   },
                   BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kGet, "/metrics",
                   [&ctx](HttpRequest&) -> Result<HttpResponse> {
                     return HttpResponse::Text(ctx.metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
                   },
                   BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kGet, "/api/v1/openapi.json",
                   [](HttpRequest&) -> Result<HttpResponse> {
                     auto r = HttpResponse::Json(std::string(Asset("openapi.json")));
                     r.headers.Set("access-control-allow-origin", "*");
                     return r;
                   },
                   BodyKind::kNone, true});
}

}  // namespace gongshu::api
