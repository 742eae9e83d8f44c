#pragma once
// Hashing rules of the RFC 6962 / RFC 9162 Merkle tree, for SHA-256 (default) or SM3.
//
// A log's hash algorithm is chosen when the log is created and never changes: it is recorded in
// the log's identity file and in every segment header.
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongshu::audit {

// SHA-256 and SM3 (GB/T 32905-2016) both produce 32 bytes, so one fixed-size type serves both.
using Hash = std::array<uint8_t, 32>;

enum class HashAlgorithm : uint8_t {
  kSha256 = 1,
  kSm3 = 2,  // 国密 SM3, via OpenSSL 3.0 EVP "SM3"
};

std::string_view HashAlgorithmName(HashAlgorithm algorithm);  // "sha256" | "sm3"
std::optional<HashAlgorithm> ParseHashAlgorithm(std::string_view name);

inline std::string_view AsBytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}
std::optional<Hash> HashFromBytes(std::string_view bytes);  // exactly 32 bytes
std::string HashToHex(const Hash& h);

class TreeHasher {
 public:
  explicit TreeHasher(HashAlgorithm algorithm = HashAlgorithm::kSha256);

  HashAlgorithm algorithm() const { return algorithm_; }

  // Plain H(data).
  Hash Digest(std::string_view data) const;
  // RFC 6962 §2.1: MTH({}) = H(""), the root of the empty tree.
  Hash EmptyRoot() const { return Digest({}); }
  // RFC 6962 §2.1: leaf hash = H(0x00 || entry).
  Hash HashLeaf(std::string_view entry) const;
  // RFC 6962 §2.1: interior node = H(0x01 || left || right).
  Hash HashChildren(const Hash& left, const Hash& right) const;

 private:
  HashAlgorithm algorithm_;
  const EVP_MD* md_;  // fetched once per process and never freed
};

}  // namespace gongshu::audit
