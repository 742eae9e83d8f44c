#pragma once
// UTF-8 validation (RFC 3629: no overlongs, no surrogates, max U+10FFFF).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gongshu {

// Length of the valid UTF-8 sequence starting at p (1..4), or 0 if invalid.
size_t Utf8SequenceLength(const unsigned char* p, size_t available);

// True when the whole buffer is valid UTF-8.
bool IsValidUtf8(std::string_view s);

// Offset of the first invalid byte, or s.size() when valid. `incomplete_tail_ok` accepts a
// truncated sequence at the very end (for validating a stream buffer by buffer).
size_t FirstInvalidUtf8(std::string_view s, bool incomplete_tail_ok = false);

}  // namespace gongshu
