#include "core/utf8.h"

#include <cstring>

namespace gongshu {

size_t Utf8SequenceLength(const unsigned char* p, size_t available) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  auto cont = [&](size_t i) { return i < available && (p[i] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (available < 3 || !cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (available < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] > 0x8F) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

size_t FirstInvalidUtf8(std::string_view s, bool incomplete_tail_ok) {
  const auto* base = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, base + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (base[i] < 0x80) {
      ++i;
      continue;
    }
    size_t len = Utf8SequenceLength(base + i, n - i);
    if (len == 0) {
      if (incomplete_tail_ok && n - i < 4) {
        // A sequence cut by the buffer end is fine if its lead byte announces more than remains.
        unsigned char c = base[i];
        size_t need = c > 0xF4 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        bool prefix_ok = need > n - i;
        for (size_t k = 1; prefix_ok && k < n - i; ++k) prefix_ok = (base[i + k] & 0xC0) == 0x80;
        if (prefix_ok && need > 0) return n;
      }
      return i;
    }
    i += len;
  }
  return n;
}

bool IsValidUtf8(std::string_view s) { return FirstInvalidUtf8(s) == s.size(); }

}  // namespace gongshu
