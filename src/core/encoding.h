#pragma once
// Byte encodings: hex and base64 (standard and URL-safe, RFC 4648).
#include <optional>
#include <string>
#include <string_view>

namespace gongshu {

std::string HexEncode(std::string_view bytes);
std::optional<std::string> HexDecode(std::string_view hex);

std::string Base64Encode(std::string_view bytes, bool url_safe = false, bool pad = true);
// Accepts both alphabets; padding optional. nullopt on any invalid character.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace gongshu
