#include <fstream>
#include <sstream>

#include "api/error_response.h"
#include "api/routes.h"
#include "core/strings.h"

namespace gongshu::api {

namespace {

std::string ContentType(const std::filesystem::path& p) {
  std::string ext = AsciiLower(p.extension().string());
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> ReadWhole(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Serves the built portal; unknown paths without an extension get index.html (client routing).
Result<HttpResponse> ServeStatic(const AppContext& ctx, const HttpRequest& req) {
  auto not_found = MakeError(ErrorKind::kNotFound, "http.not_found", "Not found: " + req.path, "未找到：" + req.path);
  if (ctx.web_root.empty()) return not_found;
  std::filesystem::path rel;
  for (auto seg : Split(req.path, '/')) {
    if (seg.empty()) continue;
    if (seg == ".." || seg == "." || seg.find('\\') != std::string_view::npos) return not_found;
    rel /= std::string(seg);
  }
  std::filesystem::path file = ctx.web_root / rel;
  std::error_code ec;
  bool is_file = !rel.empty() && std::filesystem::is_regular_file(file, ec);
  if (!is_file) {
    if (rel.has_extension()) return not_found;
    file = ctx.web_root / "index.html";
  }
  auto content = ReadWhole(file);
  if (!content) return not_found;
  HttpResponse r = HttpResponse::Text(std::move(*content), ContentType(file));
  // Vite puts content hashes in asset names: cache them for long; never cache the HTML shell.
  bool hashed = rel.string().starts_with("assets/");
  r.headers.Set("cache-control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.extension() == ".html") {
    r.headers.Set("content-security-policy",
                  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                  "script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
    r.headers.Set("x-frame-options", "DENY");
    r.headers.Set("referrer-policy", "same-origin");
  }
  return r;
}

}  // namespace

void RegisterStaticFiles(Router& router, AppContext& ctx) {
  router.SetFallback([&ctx](HttpRequest& req) { return ServeStatic(ctx, req); });
}

}  // namespace gongshu::api
