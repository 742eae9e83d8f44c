#pragma once
// A signed-in browser session. The client holds a random 256-bit id in the gs_session cookie; the
// server keeps only its SHA-256, so a copy of the database cannot be replayed as a cookie.
#include <cstdint>
#include <string>

namespace gongshu::identity {

struct WebSession {
  std::string id_hash;   // hex SHA-256 of the cookie value
  std::string user_id;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;  // idle expiry counts from here
  int64_t expires_at = 0;    // absolute expiry
  std::string client_address;
};

}  // namespace gongshu::identity
