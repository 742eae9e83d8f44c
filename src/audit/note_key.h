#pragma once
// Key types and key encodings of C2SP signed notes (https://c2sp.org/signed-note), shared by
// NoteSigner and NoteVerifier.
//
// Encodings (compatible with golang.org/x/mod/sumdb/note for Ed25519):
//   verifier key (vkey):  <name>+<key id, 8 hex>+<base64(type bytes || public key)>
//   signer key file:      PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(type bytes || private key)>
//   key id:               SHA-256(name || 0x0A || type bytes || public key)[:4], big-endian
//
// Type bytes and key material:
//   kEd25519        0x01                     public 32 bytes; private = 32-byte seed (RFC 8032)
//   kCosignatureV1  0x04                     same as Ed25519 (c2sp.org/tlog-cosignature)
//   kSm2            0xFF "gongshu/sm2-sm3"   public = 65-byte uncompressed point;
//                                            private = 32-byte scalar || 65-byte public point
// SM2 uses the signed-note escape byte 0xFF followed by a long identifier, as the spec
// recommends for types it does not assign.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongshu::audit {

enum class NoteKeyType {
  kEd25519,        // Ed25519 over the note text (log checkpoints, default)
  kCosignatureV1,  // timestamped Ed25519 witness cosignature (tlog-cosignature)
  kSm2,            // 国密 SM2 with SM3 and distinguishing ID "1234567812345678" (GM/T 0009-2012)
};

std::string_view NoteKeyTypeName(NoteKeyType type);  // "ed25519" | "cosignature/v1" | "sm2"
std::optional<NoteKeyType> ParseNoteKeyType(std::string_view name);

// The type identifier bytes that prefix the key material and enter the key id.
std::string_view NoteKeyTypeBytes(NoteKeyType type);

// SHA-256(name || "\n" || type bytes || public key)[:4] as a big-endian integer.
uint32_t ComputeNoteKeyId(std::string_view name, NoteKeyType type, std::string_view public_key);

// GM/T 0009-2012 default SM2 distinguishing identifier, set explicitly on every SM2 operation
// (OpenSSL versions differ in their implicit default).
inline constexpr std::string_view kSm2DistinguishingId = "1234567812345678";

}  // namespace gongshu::audit
