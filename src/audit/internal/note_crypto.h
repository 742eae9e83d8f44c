#pragma once
// OpenSSL 3.0 operations behind NoteSigner / NoteVerifier: Ed25519 (RFC 8032) and SM2 with SM3
// (GB/T 32918, distinguishing ID set explicitly through EVP_PKEY_CTX_set1_id).
#include <string>
#include <string_view>

#include "audit/internal/openssl_handles.h"
#include "core/result.h"

namespace gongshu::audit::internal {

Result<EvpPkeyPtr> Ed25519FromSeed(std::string_view seed);          // 32 bytes
Result<EvpPkeyPtr> Ed25519FromPublic(std::string_view public_key);  // 32 bytes
std::string Ed25519PublicKey(EVP_PKEY* key);

Result<EvpPkeyPtr> Sm2Generate();
// 32-byte big-endian private scalar and 65-byte uncompressed public point.
Status Sm2Export(EVP_PKEY* key, std::string* private_scalar, std::string* public_point);
Result<EvpPkeyPtr> Sm2FromKeyPair(std::string_view private_scalar, std::string_view public_point);
Result<EvpPkeyPtr> Sm2FromPublic(std::string_view public_point);

Result<std::string> Ed25519Sign(EVP_PKEY* key, std::string_view message);  // 64 bytes
bool Ed25519Verify(EVP_PKEY* key, std::string_view message, std::string_view signature);
Result<std::string> Sm2Sign(EVP_PKEY* key, std::string_view message);  // DER (r, s)
bool Sm2Verify(EVP_PKEY* key, std::string_view message, std::string_view signature);

}  // namespace gongshu::audit::internal
