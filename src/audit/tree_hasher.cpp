#include "audit/tree_hasher.h"

#include <cstdlib>
#include <cstring>

#include "audit/internal/openssl_handles.h"
#include "core/encoding.h"

namespace gongshu::audit {
namespace {

// RFC 6962 §2.1 domain separation prefixes (second-preimage resistance).
constexpr unsigned char kLeafPrefix = 0x00;
constexpr unsigned char kNodePrefix = 0x01;

// Explicit fetches: OpenSSL 3.0 re-fetches implicitly on every EVP_sha256() digest call, which
// costs more than hashing a 64-byte node. The handles live for the process.
const EVP_MD* FetchDigest(HashAlgorithm algorithm) {
  static const EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  static const EVP_MD* const kSm3 = EVP_MD_fetch(nullptr, "SM3", nullptr);
  const EVP_MD* md = algorithm == HashAlgorithm::kSm3 ? kSm3 : kSha256;
  if (md == nullptr) std::abort();  // the default provider always has both; nothing to fall back to
  return md;
}

// One digest context per thread, reused for every hash (no allocation per call).
EVP_MD_CTX* ThreadContext() {
  thread_local internal::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (ctx == nullptr) std::abort();
  return ctx.get();
}

Hash Run(const EVP_MD* md, const void* prefix, size_t prefix_len, const void* a, size_t a_len,
         const void* b, size_t b_len) {
  EVP_MD_CTX* ctx = ThreadContext();
  Hash out{};
  unsigned int len = 0;
  bool ok = EVP_DigestInit_ex2(ctx, md, nullptr) == 1 &&
            (prefix_len == 0 || EVP_DigestUpdate(ctx, prefix, prefix_len) == 1) &&
            (a_len == 0 || EVP_DigestUpdate(ctx, a, a_len) == 1) &&
            (b_len == 0 || EVP_DigestUpdate(ctx, b, b_len) == 1) &&
            EVP_DigestFinal_ex(ctx, out.data(), &len) == 1 && len == out.size();
  if (!ok) std::abort();  // only on allocation failure inside OpenSSL
  return out;
}

}  // namespace

std::string_view HashAlgorithmName(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::kSm3 ? "sm3" : "sha256";
}

std::optional<HashAlgorithm> ParseHashAlgorithm(std::string_view name) {
  if (name == "sha256") return HashAlgorithm::kSha256;
  if (name == "sm3") return HashAlgorithm::kSm3;
  return std::nullopt;
}

std::optional<Hash> HashFromBytes(std::string_view bytes) {
  if (bytes.size() != Hash{}.size()) return std::nullopt;
  Hash h{};
  std::memcpy(h.data(), bytes.data(), h.size());
  return h;
}

std::string HashToHex(const Hash& h) { return HexEncode(AsBytes(h)); }

TreeHasher::TreeHasher(HashAlgorithm algorithm)
    : algorithm_(algorithm), md_(FetchDigest(algorithm)) {}

Hash TreeHasher::Digest(std::string_view data) const {
  return Run(md_, nullptr, 0, data.data(), data.size(), nullptr, 0);
}

Hash TreeHasher::HashLeaf(std::string_view entry) const {
  return Run(md_, &kLeafPrefix, 1, entry.data(), entry.size(), nullptr, 0);
}

Hash TreeHasher::HashChildren(const Hash& left, const Hash& right) const {
  return Run(md_, &kNodePrefix, 1, left.data(), left.size(), right.data(), right.size());
}

}  // namespace gongshu::audit
