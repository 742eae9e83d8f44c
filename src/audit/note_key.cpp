#include "audit/note_key.h"

#include "core/crypto.h"

namespace gongshu::audit {

std::string_view NoteKeyTypeName(NoteKeyType type) {
  switch (type) {
    case NoteKeyType::kEd25519:
      return "ed25519";
    case NoteKeyType::kCosignatureV1:
      return "cosignature/v1";
    case NoteKeyType::kSm2:
      return "sm2";
  }
  return "unknown";
}

std::optional<NoteKeyType> ParseNoteKeyType(std::string_view name) {
  for (auto t : {NoteKeyType::kEd25519, NoteKeyType::kCosignatureV1, NoteKeyType::kSm2}) {
    if (NoteKeyTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view NoteKeyTypeBytes(NoteKeyType type) {
  switch (type) {
    case NoteKeyType::kEd25519:
      return "\x01";  // c2sp.org/signed-note
    case NoteKeyType::kCosignatureV1:
      return "\x04";  // c2sp.org/tlog-cosignature
    case NoteKeyType::kSm2:
      return "\xff"
             "gongshu/sm2-sm3";  // 0xFF + identifier
  }
  return {};
}

uint32_t ComputeNoteKeyId(std::string_view name, NoteKeyType type, std::string_view public_key) {
  std::string input(name);
  input.push_back('\n');
  input.append(NoteKeyTypeBytes(type));
  input.append(public_key);
  const Sha256Digest d = Sha256(input);
  return uint32_t{d[0]} << 24 | uint32_t{d[1]} << 16 | uint32_t{d[2]} << 8 | uint32_t{d[3]};
}

}  // namespace gongshu::audit
