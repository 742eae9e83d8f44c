#include "query/internal/query_error.h"

#include "core/utf8.h"

namespace gongshu::query::internal {

Error QueryError(ErrorKind kind, std::string code, std::string message, std::string message_zh) {
  return MakeError(kind, std::move(code), std::move(message), std::move(message_zh));
}

size_t CharIndex(std::string_view text, size_t byte_offset) {
  size_t chars = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < byte_offset && i < text.size()) {
    size_t n = Utf8SequenceLength(p + i, text.size() - i);
    i += n == 0 ? 1 : n;
    ++chars;
  }
  return chars + 1;
}

Error SyntaxError(std::string_view clause, std::string_view text, size_t pos,
                  const std::string& what, const std::string& what_zh) {
  std::string at = std::to_string(CharIndex(text, pos));
  return QueryError(ErrorKind::kInvalidArgument, "query.syntax",
                    "Invalid " + std::string(clause) + " at character " + at + ": " + what,
                    std::string(clause) + " 第 " + at + " 个字符处有误：" + what_zh);
}

std::string Quote(std::string_view text) {
  std::string out = "`";
  size_t chars = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    if (++chars > 64) {
      out += "…";
      break;
    }
    size_t n = Utf8SequenceLength(p + i, text.size() - i);
    if (n == 0) {
      out += "\\x";
      static constexpr char kHex[] = "0123456789abcdef";
      out.push_back(kHex[p[i] >> 4]);
      out.push_back(kHex[p[i] & 0xF]);
      ++i;
      continue;
    }
    if (n == 1 && (p[i] < 0x20 || p[i] == 0x7F)) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[p[i] >> 4]);
      out.push_back(kHex[p[i] & 0xF]);
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  out += "`";
  return out;
}

}  // namespace gongshu::query::internal
