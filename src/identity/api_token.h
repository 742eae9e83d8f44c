#pragma once
// An API token for machines: "gst_" + base64url(32 random bytes), shown once at creation and stored
// as its SHA-256. It acts for its user, within the user's organisation, with a subset of the user's
// roles and optionally only on some resources, until it expires or is revoked.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "policy/principal.h"

namespace gongshu::identity {

inline constexpr std::string_view kTokenPrefix = "gst_";

struct ApiToken {
  std::string id;                 // "tok_" + random: names the token in lists and revocation
  std::string token_hash;         // hex SHA-256 of the token
  std::string user_id;
  std::string organisation_id;
  std::string name;
  std::string prefix;             // "gst_" + the first 6 characters, to recognise it
  std::vector<policy::Role> roles;
  std::vector<std::string> resource_scope;  // empty = not narrowed
  int64_t created_at = 0;
  int64_t expires_at = 0;
  int64_t last_used_at = 0;       // 0 = never
  int64_t revoked_at = 0;         // 0 = live

  bool revoked() const { return revoked_at != 0; }
};

}  // namespace gongshu::identity
