#pragma once
// Turns request credentials into a Principal. Until the identity issue adds users, sessions and
// API tokens, the only credential is the administrator token configured at start-up
// (`Authorization: Bearer <token>`). A credential that is present but wrong is an error (401),
// never a silent fall-back to anonymous.
#include <string>

#include "api/http_types.h"
#include "core/result.h"
#include "policy/principal.h"

namespace gongshu::api {

class Authenticator {
 public:
  explicit Authenticator(std::string admin_token) : admin_token_(std::move(admin_token)) {}
  Result<policy::Principal> Authenticate(HttpRequest& req) const;

 private:
  std::string admin_token_;
};

}  // namespace gongshu::api
