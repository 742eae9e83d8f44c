#pragma once
// Who is asking: an anonymous caller, the start-up administrator, or (identity issue) a user or
// API token acting for an organisation with roles.
#include <string>
#include <vector>

namespace gongshu::policy {

enum class PrincipalKind { kAnonymous, kAdministrator };

struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string id;               // "anonymous", "admin", or a user/token id
  std::string organisation_id;  // empty for anonymous
  std::string client_address;   // for per-IP quotas of anonymous callers

  bool IsAnonymous() const { return kind == PrincipalKind::kAnonymous; }
  bool IsAdministrator() const { return kind == PrincipalKind::kAdministrator; }

  static Principal Anonymous(std::string address) {
    return Principal{PrincipalKind::kAnonymous, "anonymous", "", std::move(address)};
  }
};

}  // namespace gongshu::policy
