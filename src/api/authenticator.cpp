#include "api/authenticator.h"

#include "core/crypto.h"
#include "core/strings.h"

namespace gongshu::api {

Result<policy::Principal> Authenticator::Authenticate(HttpRequest& req) const {
  const std::string* auth = req.headers.Get("authorization");
  if (auth == nullptr) {
    req.principal_id = "anonymous";
    return policy::Principal::Anonymous(req.remote_address);
  }
  std::string_view value = Trim(*auth);
  if (!StartsWith(AsciiLower(value.substr(0, 7)), "bearer ")) {
    return MakeError(ErrorKind::kUnauthenticated, "auth.unsupported_scheme",
                     "Unsupported Authorization scheme; use 'Bearer <token>'.", "不支持的认证方式，请使用“Bearer <令牌>”。");
  }
  std::string_view token = Trim(value.substr(7));
  if (!admin_token_.empty() && ConstantTimeEquals(token, admin_token_)) {
    req.principal_id = "admin";
    policy::Principal p;
    p.kind = policy::PrincipalKind::kAdministrator;
    p.id = "admin";
    p.client_address = req.remote_address;
    return p;
  }
  return MakeError(ErrorKind::kUnauthenticated, "auth.invalid_token", "The access token is invalid or expired.",
                   "访问令牌无效或已过期。");
}

}  // namespace gongshu::api
