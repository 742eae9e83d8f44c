#pragma once
// Canonical parsers for the audit module's text formats (checkpoints, notes, archives).
// Each accepts exactly one spelling of a value, so a single changed byte can never decode to
// the same value: no leading zeros or signs in decimals, standard base64 with padding only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongshu::audit::internal {

// ASCII decimal without sign or leading zeros ("0" itself is allowed); nullopt on overflow.
std::optional<uint64_t> ParseCanonicalU64(std::string_view s);

// RFC 4648 §4 standard base64 with padding, and only the canonical encoding of its value.
std::optional<std::string> DecodeCanonicalBase64(std::string_view s);

}  // namespace gongshu::audit::internal

namespace gongshu::audit::internal {

// C2SP signed-note key names (and our log origins): non-empty, no spaces, no '+'. We further
// restrict them to printable ASCII so no Unicode space (e.g. U+3000) can slip in.
bool IsValidKeyName(std::string_view name);

}  // namespace gongshu::audit::internal
