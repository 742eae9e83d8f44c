#pragma once
// Thin, allocation-light wrappers over OpenSSL for hashing, HMAC and secure randomness.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace gongshu {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);

// HMAC-SHA-256(key, data), raw 32 bytes.
std::string HmacSha256(std::string_view key, std::string_view data);

// Cryptographically secure random bytes (OpenSSL RAND_bytes); aborts if the CSPRNG fails.
std::string RandomBytes(size_t n);
uint64_t RandomU64();

// Constant-time comparison for secrets and MACs.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Incremental SHA-256 for streams (checksums of uploaded files and exported data).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(std::string_view data);
  std::string FinishHex();

 private:
  void* ctx_;  // EVP_MD_CTX*
};

}  // namespace gongshu
