#include "audit/note_verifier.h"

#include <cstdio>

#include "audit/internal/bytes.h"
#include "audit/internal/note_crypto.h"
#include "audit/internal/strict_text.h"
#include "core/encoding.h"

namespace gongshu::audit {
namespace {

Error BadVkey(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInvalidArgument, "audit.key_invalid", "invalid verifier key: " + en,
                   "验证公钥无效: " + zh);
}

std::string KeyIdHex(uint32_t id) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", id);
  return buf;
}

}  // namespace

std::string CosignatureMessage(std::string_view checkpoint_text, uint64_t timestamp) {
  std::string msg = "cosignature/v1\ntime " + std::to_string(timestamp) + "\n";
  msg.append(checkpoint_text);
  return msg;
}

Result<NoteVerifier> NoteVerifier::FromPublicKey(std::string name, NoteKeyType type,
                                                 std::string public_key) {
  if (!internal::IsValidKeyName(name))
    return BadVkey("bad key name '" + name + "'", "密钥名称无效");
  NoteVerifier v;
  if (type == NoteKeyType::kSm2) {
    GS_ASSIGN_OR_RETURN(auto key, internal::Sm2FromPublic(public_key));
    v.key_.reset(key.release(), EVP_PKEY_free);
  } else {
    GS_ASSIGN_OR_RETURN(auto key, internal::Ed25519FromPublic(public_key));
    v.key_.reset(key.release(), EVP_PKEY_free);
  }
  v.key_id_ = ComputeNoteKeyId(name, type, public_key);
  v.name_ = std::move(name);
  v.type_ = type;
  v.public_key_ = std::move(public_key);
  return v;
}

Result<NoteVerifier> NoteVerifier::Parse(std::string_view vkey) {
  // <name>+<hash>+<base64>; the base64 may itself contain '+', so split at the first two.
  const size_t p1 = vkey.find('+');
  const size_t p2 = p1 == std::string_view::npos ? p1 : vkey.find('+', p1 + 1);
  if (p2 == std::string_view::npos)
    return BadVkey("expected name+hash+key", "格式应为 名称+哈希+密钥");
  const std::string name(vkey.substr(0, p1));
  const std::string_view hash_hex = vkey.substr(p1 + 1, p2 - p1 - 1);
  auto material = internal::DecodeCanonicalBase64(vkey.substr(p2 + 1));
  if (!material || material->empty())
    return BadVkey("key material is not base64", "密钥不是 base64");
  std::optional<NoteKeyType> type;
  for (auto t : {NoteKeyType::kEd25519, NoteKeyType::kCosignatureV1, NoteKeyType::kSm2}) {
    if (material->starts_with(NoteKeyTypeBytes(t))) type = t;
  }
  if (!type) return BadVkey("unsupported key type", "不支持的密钥类型");
  GS_ASSIGN_OR_RETURN(NoteVerifier v,
                      FromPublicKey(name, *type, material->substr(NoteKeyTypeBytes(*type).size())));
  if (hash_hex != KeyIdHex(v.key_id_)) {
    return BadVkey(
        "key id " + std::string(hash_hex) + " does not match the key (" + KeyIdHex(v.key_id_) + ")",
        "密钥编号与密钥不符");
  }
  return v;
}

std::string NoteVerifier::VerifierKey() const {
  std::string material(NoteKeyTypeBytes(type_));
  material.append(public_key_);
  return name_ + "+" + KeyIdHex(key_id_) + "+" + Base64Encode(material);
}

std::optional<uint64_t> NoteVerifier::CosignatureTimestamp(std::string_view signature) {
  if (signature.size() != 8 + 64) return std::nullopt;
  return internal::LoadU64(signature.data());
}

bool NoteVerifier::Verify(std::string_view text, std::string_view signature) const {
  switch (type_) {
    case NoteKeyType::kEd25519:
      return internal::Ed25519Verify(key_.get(), text, signature);
    case NoteKeyType::kCosignatureV1: {
      auto ts = CosignatureTimestamp(signature);
      // tlog-cosignature: the timestamp MUST NOT exceed 2^63 - 1.
      if (!ts || *ts > static_cast<uint64_t>(INT64_MAX)) return false;
      return internal::Ed25519Verify(key_.get(), CosignatureMessage(text, *ts),
                                     signature.substr(8));
    }
    case NoteKeyType::kSm2:
      return internal::Sm2Verify(key_.get(), text, signature);
  }
  return false;
}

}  // namespace gongshu::audit
