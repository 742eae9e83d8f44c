#pragma once
// 用户: a person who signs in to the platform, acting for one organisation with some roles.
#include <cstdint>
#include <string>
#include <vector>

#include "policy/principal.h"

namespace gongshu::identity {

enum class UserStatus { kActive, kDisabled };

struct User {
  std::string id;              // "u_" + random
  std::string username;        // lowercase, unique
  std::string display_name;
  std::string organisation_id;
  std::vector<policy::Role> roles;  // each valid for the organisation's kind
  UserStatus status = UserStatus::kActive;
  std::string password_hash;   // argon2id string (crypto_pwhash_str); never leaves the service
  int64_t created_at = 0;      // micros since the epoch
  int64_t updated_at = 0;
  int64_t password_changed_at = 0;
  int64_t last_login_at = 0;   // 0 = never

  bool active() const { return status == UserStatus::kActive; }
};

}  // namespace gongshu::identity
