#include "api/authenticator.h"

#include "core/strings.h"

namespace gongshu::api {

namespace {

bool IsStateChanging(HttpMethod m) {
  return m == HttpMethod::kPost || m == HttpMethod::kPut || m == HttpMethod::kPatch || m == HttpMethod::kDelete;
}

Error Csrf() {
  return MakeError(ErrorKind::kForbidden, "auth.csrf",
                   "Cross-site request refused: changes made with the session cookie must come from the portal "
                   "itself (same-origin Origin header). Machines should use an API token.",
                   "已拒绝跨站请求：使用会话Cookie的修改操作必须来自本平台页面（同源 Origin 请求头）。程序调用请使用API令牌。");
}

}  // namespace

Result<std::string> Authenticator::SessionCookieValue(const HttpRequest& req) {
  std::string value;
  int found = 0;
  for (const auto& [name, header] : req.headers.entries()) {
    if (name != "cookie") continue;
    for (std::string_view pair : Split(header, ';')) {
      pair = Trim(pair);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != kSessionCookie) continue;
      value = std::string(Trim(pair.substr(eq + 1)));
      ++found;
    }
  }
  if (found > 1) {
    return MakeError(ErrorKind::kUnauthenticated, "auth.session_invalid",
                     "Several session cookies were sent; please sign in again.", "请求包含多个会话Cookie，请重新登录。");
  }
  return value;
}

std::string Authenticator::SessionCookie(std::string_view value, int64_t max_age_seconds) const {
  std::string c = std::string(kSessionCookie) + "=" + std::string(value) +
                  "; Path=/; Max-Age=" + std::to_string(max_age_seconds) + "; HttpOnly; SameSite=Strict";
  if (secure_cookies_) c += "; Secure";
  return c;
}

std::string Authenticator::ClearSessionCookie() const {
  std::string c = std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (secure_cookies_) c += "; Secure";
  return c;
}

Status Authenticator::CheckSameOrigin(const HttpRequest& req, bool required) const {
  const std::string* origin = req.headers.Get("origin");
  if (origin == nullptr) {
    // Browsers send Origin on every cross-origin POST; Sec-Fetch-Site covers older same-origin forms.
    if (!required || req.headers.GetOr("sec-fetch-site", "") == "same-origin") return Ok();
    return Csrf();
  }
  const std::string* host = req.headers.Get("host");
  if (host == nullptr) return Csrf();
  std::string o = AsciiLower(Trim(*origin));
  std::string_view authority;
  if (StartsWith(o, "https://")) {
    authority = std::string_view(o).substr(8);
  } else if (StartsWith(o, "http://") && !secure_cookies_) {
    authority = std::string_view(o).substr(7);
  } else {
    return Csrf();  // "null", other schemes, or plain http when the platform is behind TLS
  }
  if (authority.empty() || authority != AsciiLower(Trim(*host))) return Csrf();
  return Ok();
}

Result<policy::Principal> Authenticator::Resolve(HttpRequest& req) const {
  if (const std::string* auth = req.headers.Get("authorization")) {
    std::string_view value = Trim(*auth);
    if (!StartsWith(AsciiLower(value.substr(0, 7)), "bearer ")) {
      return MakeError(ErrorKind::kUnauthenticated, "auth.unsupported_scheme",
                       "Unsupported Authorization scheme; use 'Bearer <API token>'.", "不支持的认证方式，请使用“Bearer <API令牌>”。");
    }
    return identity_.AuthenticateToken(Trim(value.substr(7)), req.remote_address);
  }
  GS_ASSIGN_OR_RETURN(std::string cookie, SessionCookieValue(req));
  if (!cookie.empty()) {
    GS_ASSIGN_OR_RETURN(policy::Principal p, identity_.AuthenticateSession(cookie, req.remote_address));
    if (IsStateChanging(req.method)) GS_RETURN_IF_ERROR(CheckSameOrigin(req, true));
    return p;
  }
  return policy::Principal::Anonymous(req.remote_address);
}

Result<policy::Principal> Authenticator::Authenticate(HttpRequest& req) const {
  Result<policy::Principal> p = Resolve(req);
  if (!p.ok()) {
    // Failed credentials count against the address, so guessing tokens hits the quota too.
    req.principal_id = "anonymous";
    GS_RETURN_IF_ERROR(quotas_.AdmitRequest(policy::Principal::Anonymous(req.remote_address)));
    return p;
  }
  req.principal_id = p->id;
  GS_RETURN_IF_ERROR(quotas_.AdmitRequest(*p));
  return p;
}

}  // namespace gongshu::api
