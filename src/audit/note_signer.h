#pragma once
// NoteSigner: a private key that signs C2SP signed notes — the log's checkpoint key (Ed25519 by
// default, SM2 as an option) or a witness's cosignature key (cosignature/v1).
//
// Keys live in files (e.g. DATA_DIR/keys/audit-log.key) in the Go sumdb/note signer format
// "PRIVATE+KEY+<name>+<key id>+<base64>", mode 0600, with the public vkey beside them in
// "<file>.vkey". LoadOrCreate generates the key on first start.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "audit/internal/openssl_handles.h"
#include "audit/note_key.h"
#include "audit/note_verifier.h"
#include "core/result.h"

namespace gongshu::audit {

class NoteSigner {
 public:
  static Result<NoteSigner> Generate(std::string name, NoteKeyType type = NoteKeyType::kEd25519);
  // Parses "PRIVATE+KEY+…" (errors: "audit.key_invalid").
  static Result<NoteSigner> Parse(std::string_view private_key);
  // Loads the key file, or creates it (mode 0600, parent directory 0700) with a fresh key when
  // missing. Refuses a key file that group or others can access ("audit.key_permissions") and
  // one whose name or type differs from the request ("audit.key_mismatch").
  static Result<NoteSigner> LoadOrCreate(const std::filesystem::path& file, std::string name,
                                         NoteKeyType type = NoteKeyType::kEd25519);

  NoteSigner(NoteSigner&&) noexcept = default;
  NoteSigner& operator=(NoteSigner&&) noexcept = default;
  ~NoteSigner();

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  NoteKeyType type() const { return type_; }

  std::string PrivateKey() const;  // secret: the "PRIVATE+KEY+…" string
  std::string VerifierKey() const;
  NoteVerifier Verifier() const;

  // The signature that follows the key id in a signature line. kCosignatureV1 signs the
  // cosignature/v1 message for `timestamp` (POSIX seconds) and returns timestamp || signature.
  Result<std::string> Sign(std::string_view text, uint64_t timestamp = 0) const;
  // A complete signature line: "— <name> base64(key id || signature)\n".
  Result<std::string> SignatureLine(std::string_view text, uint64_t timestamp = 0) const;

 private:
  NoteSigner() = default;
  static Result<NoteSigner> FromMaterial(std::string name, NoteKeyType type,
                                         std::string_view private_material);

  std::string name_;
  NoteKeyType type_ = NoteKeyType::kEd25519;
  uint32_t key_id_ = 0;
  std::string public_key_;
  std::string private_material_;  // wiped on destruction
  internal::EvpPkeyPtr key_;
};

}  // namespace gongshu::audit
