#include "audit/internal/strict_text.h"

#include <limits>

#include "core/encoding.h"

namespace gongshu::audit::internal {

std::optional<uint64_t> ParseCanonicalU64(std::string_view s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

std::optional<std::string> DecodeCanonicalBase64(std::string_view s) {
  // core's decoder also accepts the URL-safe alphabet and missing padding; re-encoding and
  // comparing rejects every non-canonical spelling in one step.
  auto decoded = Base64Decode(s);
  if (!decoded || Base64Encode(*decoded) != s) return std::nullopt;
  return decoded;
}

}  // namespace gongshu::audit::internal

namespace gongshu::audit::internal {

bool IsValidKeyName(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  for (char c : name) {
    if (c <= 0x20 || c >= 0x7f || c == '+') return false;
  }
  return true;
}

}  // namespace gongshu::audit::internal
