#pragma once
// What the exit (退出) of an operation authorization needs from identity: every credential of the
// operator organisation — web sessions and API tokens — stops working at once. The application
// wires it to identity's IdentityService::RevokeOrganisationCredentials; there is no no-op.
#include <string>

#include "core/result.h"

namespace gongshu::workflow {

class CredentialRevoker {
 public:
  virtual ~CredentialRevoker() = default;
  virtual Status RevokeOrganisation(const std::string& org_id) = 0;
};

}  // namespace gongshu::workflow
