#pragma once
// `gongshu demo`: one user for each role, with a random password, so that every console of the
// portal can be tried at once. The credentials are printed at the end of demo loading and written
// to DATA_DIR/keys/demo-users.txt (mode 0600).
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "identity/identity_service.h"

namespace gongshu::identity {

struct DemoCredential {
  std::string role;  // role code
  std::string username;
  std::string password;
  std::string organisation_id;
};

// Creates the users (and the "public" organisation for the public user) in the demo
// organisations, which must exist; writes `credentials_file`.
Result<std::vector<DemoCredential>> SeedDemoUsers(IdentityService& identity,
                                                  const std::filesystem::path& credentials_file);

}  // namespace gongshu::identity
