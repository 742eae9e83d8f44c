#include "audit/note_signer.h"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>

#include "audit/internal/bytes.h"
#include "audit/internal/file_io.h"
#include "audit/internal/note_crypto.h"
#include "audit/internal/strict_text.h"
#include "audit/signed_note.h"
#include "core/crypto.h"
#include "core/encoding.h"

namespace gongshu::audit {
namespace {

constexpr std::string_view kPrivatePrefix = "PRIVATE+KEY+";

Error BadKey(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInvalidArgument, "audit.key_invalid", "invalid signing key: " + en,
                   "签名私钥无效: " + zh);
}

std::string KeyIdHex(uint32_t id) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", id);
  return buf;
}

}  // namespace

NoteSigner::~NoteSigner() {
  if (!private_material_.empty())
    OPENSSL_cleanse(private_material_.data(), private_material_.size());
}

Result<NoteSigner> NoteSigner::FromMaterial(std::string name, NoteKeyType type,
                                            std::string_view material) {
  if (!internal::IsValidKeyName(name)) return BadKey("bad key name '" + name + "'", "密钥名称无效");
  NoteSigner s;
  if (type == NoteKeyType::kSm2) {
    if (material.size() != 32 + 65)
      return BadKey("SM2 key material must be 97 bytes", "SM2 密钥长度错误");
    GS_ASSIGN_OR_RETURN(s.key_,
                        internal::Sm2FromKeyPair(material.substr(0, 32), material.substr(32)));
    s.public_key_.assign(material.substr(32));
  } else {
    GS_ASSIGN_OR_RETURN(s.key_, internal::Ed25519FromSeed(material));
    s.public_key_ = internal::Ed25519PublicKey(s.key_.get());
  }
  s.private_material_.assign(material);
  s.key_id_ = ComputeNoteKeyId(name, type, s.public_key_);
  s.name_ = std::move(name);
  s.type_ = type;
  return s;
}

Result<NoteSigner> NoteSigner::Generate(std::string name, NoteKeyType type) {
  if (type == NoteKeyType::kSm2) {
    GS_ASSIGN_OR_RETURN(auto key, internal::Sm2Generate());
    std::string priv, pub;
    GS_RETURN_IF_ERROR(internal::Sm2Export(key.get(), &priv, &pub));
    std::string material = priv + pub;
    OPENSSL_cleanse(priv.data(), priv.size());
    auto signer = FromMaterial(std::move(name), type, material);
    OPENSSL_cleanse(material.data(), material.size());
    return signer;
  }
  std::string seed = RandomBytes(32);
  auto signer = FromMaterial(std::move(name), type, seed);
  OPENSSL_cleanse(seed.data(), seed.size());
  return signer;
}

Result<NoteSigner> NoteSigner::Parse(std::string_view text) {
  if (!text.starts_with(kPrivatePrefix))
    return BadKey("missing PRIVATE+KEY+ prefix", "缺少 PRIVATE+KEY+ 前缀");
  text.remove_prefix(kPrivatePrefix.size());
  const size_t p1 = text.find('+');
  const size_t p2 = p1 == std::string_view::npos ? p1 : text.find('+', p1 + 1);
  if (p2 == std::string_view::npos)
    return BadKey("expected name+hash+key", "格式应为 名称+哈希+密钥");
  std::string name(text.substr(0, p1));
  const std::string_view hash_hex = text.substr(p1 + 1, p2 - p1 - 1);
  auto material = internal::DecodeCanonicalBase64(text.substr(p2 + 1));
  if (!material || material->empty())
    return BadKey("key material is not base64", "密钥不是 base64");
  std::optional<NoteKeyType> type;
  for (auto t : {NoteKeyType::kEd25519, NoteKeyType::kCosignatureV1, NoteKeyType::kSm2}) {
    if (material->starts_with(NoteKeyTypeBytes(t))) type = t;
  }
  if (!type) {
    OPENSSL_cleanse(material->data(), material->size());
    return BadKey("unsupported key type", "不支持的密钥类型");
  }
  auto signer = FromMaterial(std::move(name), *type,
                             std::string_view(*material).substr(NoteKeyTypeBytes(*type).size()));
  OPENSSL_cleanse(material->data(), material->size());
  if (signer.ok() && hash_hex != KeyIdHex(signer->key_id_)) {
    return BadKey("key id does not match the key", "密钥编号与密钥不符");
  }
  return signer;
}

Result<NoteSigner> NoteSigner::LoadOrCreate(const std::filesystem::path& file, std::string name,
                                            NoteKeyType type) {
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0) {
    if ((st.st_mode & 077) != 0) {
      return MakeError(
          ErrorKind::kInternal, "audit.key_permissions",
          "key file " + file.string() + " is accessible by group or others; chmod 600 it",
          "密钥文件 " + file.string() + " 可被其他用户访问，请设置权限为 600");
    }
    GS_ASSIGN_OR_RETURN(std::string text, internal::ReadWholeFile(file));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    auto signer = Parse(text);
    OPENSSL_cleanse(text.data(), text.size());
    if (!signer.ok()) return signer.error();
    if (signer->name() != name || signer->type() != type) {
      return MakeError(ErrorKind::kInternal, "audit.key_mismatch",
                       "key file " + file.string() + " holds a " +
                           std::string(NoteKeyTypeName(signer->type())) + " key named '" +
                           signer->name() + "', expected " + std::string(NoteKeyTypeName(type)) +
                           " '" + name + "'",
                       "密钥文件 " + file.string() + " 中的密钥名称或类型与配置不符");
    }
    return signer;
  }
  if (errno != ENOENT) {
    int err = errno;
    return MakeError(ErrorKind::kUnavailable, "audit.file_unreadable",
                     "cannot stat " + file.string() + ": " + internal::ErrnoText(err),
                     "无法访问 " + file.string() + ": " + internal::ErrnoText(err));
  }
  GS_ASSIGN_OR_RETURN(NoteSigner signer, Generate(std::move(name), type));
  if (file.has_parent_path())
    GS_RETURN_IF_ERROR(internal::EnsureDirectory(file.parent_path(), 0700));
  std::string secret = signer.PrivateKey() + "\n";
  Status written = internal::WriteFileAtomic(file, secret, 0600);
  OPENSSL_cleanse(secret.data(), secret.size());
  GS_RETURN_IF_ERROR(written);
  std::filesystem::path pub = file;
  pub += ".vkey";
  GS_RETURN_IF_ERROR(internal::WriteFileAtomic(pub, signer.VerifierKey() + "\n", 0644));
  return signer;
}

std::string NoteSigner::PrivateKey() const {
  std::string material(NoteKeyTypeBytes(type_));
  material.append(private_material_);
  std::string out =
      std::string(kPrivatePrefix) + name_ + "+" + KeyIdHex(key_id_) + "+" + Base64Encode(material);
  OPENSSL_cleanse(material.data(), material.size());
  return out;
}

std::string NoteSigner::VerifierKey() const { return Verifier().VerifierKey(); }

NoteVerifier NoteSigner::Verifier() const {
  // Cannot fail: the public key was derived from a valid private key.
  return NoteVerifier::FromPublicKey(name_, type_, public_key_).value();
}

Result<std::string> NoteSigner::Sign(std::string_view text, uint64_t timestamp) const {
  switch (type_) {
    case NoteKeyType::kEd25519:
      return internal::Ed25519Sign(key_.get(), text);
    case NoteKeyType::kCosignatureV1: {
      GS_ASSIGN_OR_RETURN(std::string sig,
                          internal::Ed25519Sign(key_.get(), CosignatureMessage(text, timestamp)));
      std::string out;
      internal::PutU64(out, timestamp);
      return out + sig;
    }
    case NoteKeyType::kSm2:
      return internal::Sm2Sign(key_.get(), text);
  }
  return BadKey("unknown key type", "未知密钥类型");
}

Result<std::string> NoteSigner::SignatureLine(std::string_view text, uint64_t timestamp) const {
  GS_ASSIGN_OR_RETURN(std::string sig, Sign(text, timestamp));
  return NoteSignature{name_, key_id_, std::move(sig)}.Line();
}

}  // namespace gongshu::audit
