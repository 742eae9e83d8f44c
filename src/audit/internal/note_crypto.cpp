#include "audit/internal/note_crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

#include "audit/note_key.h"

namespace gongshu::audit::internal {
namespace {

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Error CryptoError(const std::string& what) {
  unsigned long code = ERR_get_error();
  char buf[256] = "";
  if (code != 0) ERR_error_string_n(code, buf, sizeof buf);
  ERR_clear_error();
  return MakeError(ErrorKind::kInternal, "audit.crypto_failed", what + ": " + buf,
                   "密码运算失败: " + what);
}

Error BadKey(const std::string& what) {
  ERR_clear_error();
  return MakeError(ErrorKind::kInvalidArgument, "audit.key_invalid", "invalid key: " + what,
                   "密钥无效: " + what);
}

// Starts an SM2 sign/verify: the distinguishing ID must reach the signature provider before
// the first update, which is where SM2 hashes Z = SM3(ENTL || ID || curve || public key).
bool Sm2Init(EVP_MD_CTX* mctx, EVP_PKEY_CTX* pctx, EVP_PKEY* key, bool sign) {
  if (EVP_PKEY_CTX_set1_id(pctx, kSm2DistinguishingId.data(),
                           static_cast<int>(kSm2DistinguishingId.size())) != 1) {
    return false;
  }
  EVP_MD_CTX_set_pkey_ctx(mctx, pctx);  // mctx borrows pctx (freed after mctx, see callers)
  return sign ? EVP_DigestSignInit(mctx, nullptr, EVP_sm3(), nullptr, key) == 1
              : EVP_DigestVerifyInit(mctx, nullptr, EVP_sm3(), nullptr, key) == 1;
}

}  // namespace

Result<EvpPkeyPtr> Ed25519FromSeed(std::string_view seed) {
  if (seed.size() != 32) return BadKey("Ed25519 seed must be 32 bytes");
  EvpPkeyPtr key(
      EVP_PKEY_new_raw_private_key_ex(nullptr, "ED25519", nullptr, U(seed), seed.size()));
  if (!key) return BadKey("Ed25519 private key rejected");
  return key;
}

Result<EvpPkeyPtr> Ed25519FromPublic(std::string_view public_key) {
  if (public_key.size() != 32) return BadKey("Ed25519 public key must be 32 bytes");
  EvpPkeyPtr key(EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, U(public_key),
                                                public_key.size()));
  if (!key) return BadKey("Ed25519 public key rejected");
  return key;
}

std::string Ed25519PublicKey(EVP_PKEY* key) {
  std::string out(32, '\0');
  size_t len = out.size();
  if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(out.data()), &len) != 1) {
    return {};
  }
  out.resize(len);
  return out;
}

Result<EvpPkeyPtr> Sm2Generate() {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_generate(ctx.get(), &raw) != 1) {
    return CryptoError("SM2 key generation");
  }
  return EvpPkeyPtr(raw);
}

Status Sm2Export(EVP_PKEY* key, std::string* private_scalar, std::string* public_point) {
  unsigned char pub[65];
  size_t pub_len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &pub_len) !=
          1 ||
      pub_len != 65 || pub[0] != 0x04) {
    return CryptoError("SM2 public key export");
  }
  public_point->assign(reinterpret_cast<char*>(pub), pub_len);
  if (private_scalar != nullptr) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &raw) != 1) {
      return CryptoError("SM2 private key export");
    }
    BignumPtr bn(raw);
    private_scalar->assign(32, '\0');
    if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(private_scalar->data()), 32) !=
        32) {
      return CryptoError("SM2 private key export");
    }
  }
  return Ok();
}

namespace {

Result<EvpPkeyPtr> Sm2FromData(std::string_view private_scalar, std::string_view public_point) {
  if (public_point.size() != 65 || public_point[0] != 0x04) {
    return BadKey("SM2 public key must be a 65-byte uncompressed point");
  }
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  BignumPtr priv;
  if (!bld) return CryptoError("SM2 key import");
  bool ok = OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) == 1 &&
            OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                             public_point.data(), public_point.size()) == 1;
  if (ok && !private_scalar.empty()) {
    if (private_scalar.size() != 32) return BadKey("SM2 private key must be 32 bytes");
    priv.reset(BN_bin2bn(U(private_scalar), 32, nullptr));
    ok = priv && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) == 1;
  }
  ParamPtr params(ok ? OSSL_PARAM_BLD_to_param(bld.get()) : nullptr);
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  EVP_PKEY* raw = nullptr;
  const int selection = private_scalar.empty() ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, selection, params.get()) != 1) {
    return BadKey("SM2 key rejected");
  }
  EvpPkeyPtr key(raw);
  // fromdata does not check that the point is on the curve or matches the scalar.
  EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  const int valid = !check                   ? 0
                    : private_scalar.empty() ? EVP_PKEY_public_check(check.get())
                                             : EVP_PKEY_pairwise_check(check.get());
  if (valid != 1) return BadKey("SM2 key fails validation");
  return key;
}

}  // namespace

Result<EvpPkeyPtr> Sm2FromKeyPair(std::string_view private_scalar, std::string_view public_point) {
  if (private_scalar.size() != 32) return BadKey("SM2 private key must be 32 bytes");
  return Sm2FromData(private_scalar, public_point);
}

Result<EvpPkeyPtr> Sm2FromPublic(std::string_view public_point) {
  return Sm2FromData({}, public_point);
}

Result<std::string> Ed25519Sign(EVP_PKEY* key, std::string_view message) {
  EvpMdCtxPtr mctx(EVP_MD_CTX_new());
  std::string sig(64, '\0');
  size_t len = sig.size();
  if (!mctx ||
      EVP_DigestSignInit_ex(mctx.get(), nullptr, nullptr, nullptr, nullptr, key, nullptr) != 1 ||
      EVP_DigestSign(mctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, U(message),
                     message.size()) != 1 ||
      len != 64) {
    return CryptoError("Ed25519 signing");
  }
  return sig;
}

bool Ed25519Verify(EVP_PKEY* key, std::string_view message, std::string_view signature) {
  if (signature.size() != 64) return false;
  EvpMdCtxPtr mctx(EVP_MD_CTX_new());
  bool ok =
      mctx &&
      EVP_DigestVerifyInit_ex(mctx.get(), nullptr, nullptr, nullptr, nullptr, key, nullptr) == 1 &&
      EVP_DigestVerify(mctx.get(), U(signature), signature.size(), U(message), message.size()) == 1;
  ERR_clear_error();
  return ok;
}

Result<std::string> Sm2Sign(EVP_PKEY* key, std::string_view message) {
  EvpPkeyCtxPtr pctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));  // outlives mctx
  EvpMdCtxPtr mctx(EVP_MD_CTX_new());
  size_t len = 0;
  if (!pctx || !mctx || !Sm2Init(mctx.get(), pctx.get(), key, true) ||
      EVP_DigestSignUpdate(mctx.get(), message.data(), message.size()) != 1 ||
      EVP_DigestSignFinal(mctx.get(), nullptr, &len) != 1) {
    return CryptoError("SM2 signing");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSignFinal(mctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len) != 1) {
    return CryptoError("SM2 signing");
  }
  sig.resize(len);
  return sig;
}

bool Sm2Verify(EVP_PKEY* key, std::string_view message, std::string_view signature) {
  if (signature.empty() || signature.size() > 80) return false;
  EvpPkeyCtxPtr pctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  EvpMdCtxPtr mctx(EVP_MD_CTX_new());
  bool ok = pctx && mctx && Sm2Init(mctx.get(), pctx.get(), key, false) &&
            EVP_DigestVerifyUpdate(mctx.get(), message.data(), message.size()) == 1 &&
            EVP_DigestVerifyFinal(mctx.get(), U(signature), signature.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace gongshu::audit::internal
