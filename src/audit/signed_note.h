#pragma once
// SignedNote: the C2SP signed-note format (https://c2sp.org/signed-note):
//
//   <text, ending in "\n">
//   "\n"
//   "— <key name> <base64(4-byte key id || signature)>\n"   (one or more lines)
//
// Parsing is strict so that the canonical serialization is the only accepted spelling:
// valid UTF-8, no control characters except newline, standard padded base64, at most
// kMaxNoteSignatures lines. ParseSignedNote(n)->Serialize() == n for every accepted n.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/note_verifier.h"
#include "core/result.h"

namespace gongshu::audit {

inline constexpr size_t kMaxNoteSignatures = 64;  // the spec requires accepting at least 16
inline constexpr std::string_view kEmDash = "\xe2\x80\x94";  // U+2014, starts signature lines

struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // the bytes after the key id

  std::string Line() const;  // "— name base64(...)\n"
  bool operator==(const NoteSignature&) const = default;
};

struct SignedNote {
  std::string text;  // includes the final newline
  std::vector<NoteSignature> signatures;

  std::string Serialize() const;
};

// Errors: ErrorKind::kInvalidArgument, code "audit.note_malformed".
Result<SignedNote> ParseSignedNote(std::string_view note);
// One signature line without its trailing newline.
Result<NoteSignature> ParseSignatureLine(std::string_view line);

// The C2SP verification rule: signatures whose (name, key id) match no verifier are ignored; a
// matching signature that fails rejects the note ("audit.note_signature_invalid"); at least
// one must verify ("audit.note_unverified"). Returns, per verifier, whether it verified.
Result<std::vector<bool>> VerifySignedNote(const SignedNote& note,
                                           std::span<const NoteVerifier> verifiers);

}  // namespace gongshu::audit
