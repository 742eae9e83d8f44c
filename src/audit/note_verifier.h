#pragma once
// NoteVerifier: a public key that checks C2SP signed-note signatures (log checkpoint signatures
// and witness cosignatures). Built from a vkey string, e.g.
//   "gongshu.example/audit+1a2b3c4d+AcW3…" (see note_key.h for the encodings).
#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "audit/note_key.h"
#include "core/result.h"

namespace gongshu::audit {

class NoteVerifier {
 public:
  // Parses a vkey and checks that its key id matches the key (errors: "audit.key_invalid").
  static Result<NoteVerifier> Parse(std::string_view vkey);
  static Result<NoteVerifier> FromPublicKey(std::string name, NoteKeyType type,
                                            std::string public_key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  NoteKeyType type() const { return type_; }
  const std::string& public_key() const { return public_key_; }
  std::string VerifierKey() const;

  // `signature` is what follows the 4-byte key id in the signature line. For kCosignatureV1 it
  // is the 8-byte timestamp then the Ed25519 signature over "cosignature/v1\ntime T\n" + text.
  bool Verify(std::string_view text, std::string_view signature) const;

  // The timestamp carried by a cosignature/v1 signature (not verified by this call).
  static std::optional<uint64_t> CosignatureTimestamp(std::string_view signature);

 private:
  NoteVerifier() = default;
  std::string name_;
  NoteKeyType type_ = NoteKeyType::kEd25519;
  uint32_t key_id_ = 0;
  std::string public_key_;
  std::shared_ptr<EVP_PKEY> key_;  // immutable; shared by copies of this verifier
};

// The message a cosignature/v1 signs (c2sp.org/tlog-cosignature §Ed25519 signed message).
std::string CosignatureMessage(std::string_view checkpoint_text, uint64_t timestamp);

}  // namespace gongshu::audit
