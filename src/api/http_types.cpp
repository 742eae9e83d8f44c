#include "api/http_types.h"

#include "core/strings.h"

namespace gongshu::api {

std::string_view MethodName(HttpMethod m) {
  switch (m) {
    case HttpMethod::kGet: return "GET";
    case HttpMethod::kHead: return "HEAD";
    case HttpMethod::kPost: return "POST";
    case HttpMethod::kPut: return "PUT";
    case HttpMethod::kPatch: return "PATCH";
    case HttpMethod::kDelete: return "DELETE";
    case HttpMethod::kOptions: return "OPTIONS";
    case HttpMethod::kOther: return "OTHER";
  }
  return "OTHER";
}

void Headers::Set(std::string_view name, std::string value) {
  std::string key = AsciiLower(name);
  for (auto& [k, v] : entries_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(key), std::move(value));
}

void Headers::Add(std::string_view name, std::string value) { entries_.emplace_back(AsciiLower(name), std::move(value)); }

const std::string* Headers::Get(std::string_view name) const {
  std::string key = AsciiLower(name);
  for (const auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string_view Headers::GetOr(std::string_view name, std::string_view fallback) const {
  const std::string* v = Get(name);
  return v != nullptr ? std::string_view(*v) : fallback;
}

std::optional<std::string_view> HttpRequest::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::vector<std::string> HttpRequest::QueryList(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query) {
    if (k != name) continue;
    for (auto part : Split(v, ',')) {
      part = Trim(part);
      if (!part.empty()) out.emplace_back(part);
    }
  }
  return out;
}

std::string_view HttpRequest::PathParam(std::string_view name) const {
  auto it = path_params.find(name);
  return it == path_params.end() ? std::string_view() : std::string_view(it->second);
}

HttpResponse HttpResponse::Json(std::string body, int status) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.Set("content-type", "application/json; charset=utf-8");
  return r;
}

HttpResponse HttpResponse::Text(std::string body, std::string content_type, int status) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.Set("content-type", std::move(content_type));
  return r;
}

}  // namespace gongshu::api
