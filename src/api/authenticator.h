#pragma once
// Turns a request's credentials into a Principal and admits it:
//   Authorization: Bearer gst_…   → the API token's principal (kApiToken)
//   Cookie: gs_session=…          → the signed-in user's principal (kUser)
//   neither                       → anonymous
// A credential that is present but wrong, expired or revoked is an error (401), never a silent
// fall-back to anonymous. A cookie-authenticated change (POST, PUT, PATCH, DELETE) must come from
// the portal itself — a same-origin Origin header, or Sec-Fetch-Site: same-origin — else 403
// auth.csrf; bearer tokens are not sent by browsers on their own and are exempt. Each admitted
// request counts against the caller's request quota (429 quota.exceeded).
#include <optional>
#include <string>
#include <string_view>

#include "api/http_types.h"
#include "core/result.h"
#include "identity/identity_service.h"
#include "policy/principal.h"
#include "policy/quota_limiter.h"

namespace gongshu::api {

inline constexpr std::string_view kSessionCookie = "gs_session";

class Authenticator {
 public:
  Authenticator(identity::IdentityService& identity, policy::QuotaLimiter& quotas, bool secure_cookies)
      : identity_(identity), quotas_(quotas), secure_cookies_(secure_cookies) {}

  Result<policy::Principal> Authenticate(HttpRequest& req) const;

  // The gs_session value, "" when there is none; an error when several are sent.
  static Result<std::string> SessionCookieValue(const HttpRequest& req);
  // Set-Cookie values: HttpOnly, SameSite=Strict, Path=/, Secure when behind TLS.
  std::string SessionCookie(std::string_view value, int64_t max_age_seconds) const;
  std::string ClearSessionCookie() const;
  // 403 auth.csrf unless the request comes from this origin. `required`: a missing Origin (and
  // missing Sec-Fetch-Site: same-origin) is refused too.
  Status CheckSameOrigin(const HttpRequest& req, bool required) const;

 private:
  Result<policy::Principal> Resolve(HttpRequest& req) const;

  identity::IdentityService& identity_;
  policy::QuotaLimiter& quotas_;
  bool secure_cookies_;
};

}  // namespace gongshu::api
