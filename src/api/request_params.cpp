#include "api/request_params.h"

#include <charconv>

#include "api/error_response.h"

namespace gongshu::api {

Result<std::optional<int64_t>> IntParam(const HttpRequest& req, std::string_view name, int64_t min, int64_t max) {
  auto v = req.Query(name);
  if (!v) return std::optional<int64_t>();
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || ptr != v->data() + v->size() || v->empty()) {
    return BadRequest("param.not_integer", "Parameter '" + std::string(name) + "' must be an integer.",
                      "参数“" + std::string(name) + "”必须为整数。");
  }
  if (n < min || n > max) {
    return BadRequest("param.out_of_range",
                      "Parameter '" + std::string(name) + "' must be between " + std::to_string(min) + " and " +
                          std::to_string(max) + ".",
                      "参数“" + std::string(name) + "”须在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间。");
  }
  return std::optional<int64_t>(n);
}

Result<bool> BoolParam(const HttpRequest& req, std::string_view name, bool fallback) {
  auto v = req.Query(name);
  if (!v) return fallback;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  return BadRequest("param.not_boolean", "Parameter '" + std::string(name) + "' must be true or false.",
                    "参数“" + std::string(name) + "”必须为 true 或 false。");
}

Status OnlyParams(const HttpRequest& req, std::initializer_list<std::string_view> allowed) {
  for (const auto& [k, v] : req.query) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == k;
    if (!ok) {
      return BadRequest("param.unknown", "Unknown query parameter '" + k + "'.", "未知的查询参数“" + k + "”。");
    }
  }
  return Ok();
}

}  // namespace gongshu::api
