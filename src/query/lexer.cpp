#include "query/lexer.h"

#include <cstdint>

#include "core/utf8.h"
#include "query/internal/query_error.h"
#include "query/query_limits.h"

namespace gongshu::query {

using internal::QueryError;
using internal::Quote;
using internal::SyntaxError;

namespace {

// Decodes the code point at p (valid UTF-8 guaranteed by the caller's up-front check).
uint32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  size_t n = Utf8SequenceLength(p, s.size() - i);
  if (n == 0) n = 1;
  *len = n;
  switch (n) {
    case 1:
      return p[0];
    case 2:
      return (uint32_t{p[0]} & 0x1F) << 6 | (p[1] & 0x3F);
    case 3:
      return (uint32_t{p[0]} & 0x0F) << 12 | (uint32_t{p[1]} & 0x3F) << 6 | (p[2] & 0x3F);
    default:
      return (uint32_t{p[0]} & 0x07) << 18 | (uint32_t{p[1]} & 0x3F) << 12 |
             (uint32_t{p[2]} & 0x3F) << 6 | (p[3] & 0x3F);
  }
}

// Non-ASCII characters that may appear in bare identifiers: everything except the punctuation,
// symbol and space blocks a Chinese input method produces (（），＝ etc.) so that those get a
// clear "unexpected character" instead of becoming part of a field name.
bool IsIdentifierCodePoint(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  }
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;            // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;            // CJK symbols and punctuation
  if (cp >= 0xFE10 && cp <= 0xFE1F) return false;            // vertical forms
  if (cp >= 0xFE30 && cp <= 0xFE6F) return false;            // CJK compatibility forms
  if (cp == 0xFEFF) return false;                            // BOM / zero-width space
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;            // full-width ！＂＃…／
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;            // ：；＜＝＞？＠
  if (cp >= 0xFF3B && cp <= 0xFF40) return false;            // ［＼］＾＿｀
  if (cp >= 0xFF5B && cp <= 0xFF65) return false;            // ｛｜｝～ …
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Lexer {
 public:
  Lexer(std::string_view text, std::string_view clause) : s_(text), clause_(clause) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> out;
    for (;;) {
      SkipSpace();
      if (i_ >= s_.size()) break;
      GS_ASSIGN_OR_RETURN(Token t, Next());
      out.push_back(std::move(t));
    }
    out.push_back(Token{TokenKind::kEnd, "", s_.size()});
    return out;
  }

 private:
  void SkipSpace() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i_;
        continue;
      }
      // U+3000 IDEOGRAPHIC SPACE, typed by Chinese input methods.
      if (s_.compare(i_, 3, "\xE3\x80\x80") == 0) {
        i_ += 3;
        continue;
      }
      break;
    }
  }

  Error Syntax(size_t pos, const std::string& en, const std::string& zh) const {
    return SyntaxError(clause_, s_, pos, en, zh);
  }

  Token Simple(TokenKind kind, size_t len) {
    Token t{kind, std::string(s_.substr(i_, len)), i_};
    i_ += len;
    return t;
  }

  Result<Token> Next() {
    const size_t start = i_;
    const char c = s_[i_];
    const char next = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
    switch (c) {
      case '(':
        return Simple(TokenKind::kLParen, 1);
      case ')':
        return Simple(TokenKind::kRParen, 1);
      case ',':
        return Simple(TokenKind::kComma, 1);
      case '*':
        return Simple(TokenKind::kStar, 1);
      case '+':
        return Simple(TokenKind::kPlus, 1);
      case '=':
        return Simple(TokenKind::kEq, next == '=' ? 2 : 1);
      case '-':
        if (next == '-') {
          return Syntax(start, "comments ('--') are not part of the query language",
                        "查询语言不支持注释（“--”）");
        }
        return Simple(TokenKind::kMinus, 1);
      case '/':
        if (next == '*') {
          return Syntax(start, "comments ('/* */') are not part of the query language",
                        "查询语言不支持注释（“/* */”）");
        }
        return Simple(TokenKind::kSlash, 1);
      case '!':
        if (next == '=') return Simple(TokenKind::kNe, 2);
        return Syntax(start, "'!' must be followed by '=' (use NOT for negation)",
                      "“!”后必须是“=”（取反请用 NOT）");
      case '<':
        if (next == '=') return Simple(TokenKind::kLe, 2);
        if (next == '>') return Simple(TokenKind::kNe, 2);
        return Simple(TokenKind::kLt, 1);
      case '>':
        if (next == '=') return Simple(TokenKind::kGe, 2);
        return Simple(TokenKind::kGt, 1);
      case ';':
        return Syntax(start, "';' is not allowed: a clause is one expression, not statements",
                      "不允许使用“;”：每个子句只能是一个表达式，不能包含语句");
      case '\'':
      case '"':
        return String(c);
      case '`':
        return QuotedIdentifier();
      default:
        break;
    }
    if (IsDigit(c)) return Number();
    size_t len = 0;
    uint32_t cp = DecodeAt(s_, i_, &len);
    if (IsIdentifierCodePoint(cp)) return Identifier();
    return Syntax(start, "unexpected character " + Quote(s_.substr(i_, len)),
                  "无法识别的字符 " + Quote(s_.substr(i_, len)));
  }

  Result<Token> Identifier() {
    const size_t start = i_;
    while (i_ < s_.size()) {
      size_t len = 0;
      uint32_t cp = DecodeAt(s_, i_, &len);
      if (!IsIdentifierCodePoint(cp)) break;
      i_ += len;
    }
    return Token{TokenKind::kIdentifier, std::string(s_.substr(start, i_ - start)), start};
  }

  Result<Token> QuotedIdentifier() {
    const size_t start = i_++;
    std::string name;
    for (;;) {
      if (i_ >= s_.size()) {
        return Syntax(start, "unterminated backquoted name (missing closing '`')",
                      "反引号名称未闭合（缺少“`”）");
      }
      char c = s_[i_++];
      if (c == '`') {
        if (i_ < s_.size() && s_[i_] == '`') {
          name.push_back('`');
          ++i_;
          continue;
        }
        break;
      }
      name.push_back(c);
    }
    if (name.empty()) return Syntax(start, "empty backquoted name", "反引号名称为空");
    return Token{TokenKind::kQuotedIdentifier, std::move(name), start};
  }

  Result<Token> Number() {
    const size_t start = i_;
    while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (i_ >= s_.size() || !IsDigit(s_[i_])) {
        return Syntax(start, "a decimal point must be followed by digits", "小数点后必须有数字");
      }
      while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      size_t j = i_ + 1;
      if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
      if (j < s_.size() && IsDigit(s_[j])) {
        i_ = j;
        while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
      }
    }
    if (i_ < s_.size()) {
      size_t len = 0;
      uint32_t cp = DecodeAt(s_, i_, &len);
      if (cp == '.' || IsIdentifierCodePoint(cp)) {
        return Syntax(start, "malformed number " + Quote(s_.substr(start, i_ + len - start)),
                      "数字格式错误 " + Quote(s_.substr(start, i_ + len - start)));
      }
    }
    if (i_ - start > kMaxNumberLength) {
      return QueryError(ErrorKind::kInvalidArgument, "query.number_out_of_range",
                        std::string(clause_) + ": number literal too long",
                        std::string(clause_) + "：数字字面量过长");
    }
    return Token{TokenKind::kNumber, std::string(s_.substr(start, i_ - start)), start};
  }

  Result<Token> String(char quote) {
    const size_t start = i_++;
    std::string value;
    for (;;) {
      if (i_ >= s_.size()) {
        return Syntax(start, std::string("unterminated string (missing closing ") + quote + ")",
                      std::string("字符串未闭合（缺少 ") + quote + "）");
      }
      char c = s_[i_++];
      if (c == quote) {
        if (i_ < s_.size() && s_[i_] == quote) {  // doubled quote
          value.push_back(quote);
          ++i_;
          continue;
        }
        break;
      }
      if (c != '\\') {
        value.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) continue;  // reported as unterminated on the next iteration
      const size_t esc = i_ - 1;
      char e = s_[i_++];
      switch (e) {
        case '\\':
          value.push_back('\\');
          break;
        case '\'':
          value.push_back('\'');
          break;
        case '"':
          value.push_back('"');
          break;
        case '/':
          value.push_back('/');
          break;
        case 'n':
          value.push_back('\n');
          break;
        case 'r':
          value.push_back('\r');
          break;
        case 't':
          value.push_back('\t');
          break;
        case 'b':
          value.push_back('\b');
          break;
        case 'f':
          value.push_back('\f');
          break;
        case 'u': {
          GS_ASSIGN_OR_RETURN(uint32_t cp, Hex4(esc));
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.compare(i_, 2, "\\u") != 0) return BadEscape(esc);
            i_ += 2;
            GS_ASSIGN_OR_RETURN(uint32_t lo, Hex4(esc));
            if (lo < 0xDC00 || lo > 0xDFFF) return BadEscape(esc);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return BadEscape(esc);
          }
          if (cp == 0) {
            return QueryError(ErrorKind::kInvalidArgument, "query.invalid_text",
                              std::string(clause_) + ": NUL characters are not allowed",
                              std::string(clause_) + "：不允许 NUL 字符");
          }
          AppendUtf8(value, cp);
          break;
        }
        default:
          return BadEscape(esc);
      }
    }
    return Token{TokenKind::kString, std::move(value), start};
  }

  Result<uint32_t> Hex4(size_t esc) {
    if (i_ + 4 > s_.size()) return BadEscape(esc);
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      int h = HexValue(s_[i_ + k]);
      if (h < 0) return BadEscape(esc);
      v = v << 4 | static_cast<uint32_t>(h);
    }
    i_ += 4;
    return v;
  }

  Error BadEscape(size_t pos) const {
    return Syntax(pos,
                  "invalid escape in string (allowed: \\\\ \\' \\\" \\n \\r \\t \\uXXXX, or double "
                  "the quote)",
                  "字符串中的转义无效（可用 \\\\ \\' \\\" \\n \\r \\t \\uXXXX，或重复引号）");
  }

  std::string_view s_;
  std::string_view clause_;
  size_t i_ = 0;
};

}  // namespace

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kIdentifier:
      return "name";
    case TokenKind::kQuotedIdentifier:
      return "backquoted name";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kString:
      return "string";
    case TokenKind::kLParen:
      return "'('";
    case TokenKind::kRParen:
      return "')'";
    case TokenKind::kComma:
      return "','";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kSlash:
      return "'/'";
    case TokenKind::kEq:
      return "'='";
    case TokenKind::kNe:
      return "'!='";
    case TokenKind::kLt:
      return "'<'";
    case TokenKind::kLe:
      return "'<='";
    case TokenKind::kGt:
      return "'>'";
    case TokenKind::kGe:
      return "'>='";
  }
  return "token";
}

Result<std::vector<Token>> Tokenize(std::string_view text, std::string_view clause) {
  const std::string c(clause);
  if (text.size() > kMaxClauseBytes) {
    return QueryError(ErrorKind::kInvalidArgument, "query.too_long",
                      c + " is too long: " + std::to_string(text.size()) + " bytes, at most " +
                          std::to_string(kMaxClauseBytes),
                      c + " 过长：" + std::to_string(text.size()) + " 字节，上限 " +
                          std::to_string(kMaxClauseBytes) + " 字节");
  }
  if (text.find('\0') != std::string_view::npos) {
    return QueryError(ErrorKind::kInvalidArgument, "query.invalid_text",
                      c + ": NUL characters are not allowed", c + "：不允许 NUL 字符");
  }
  size_t bad = FirstInvalidUtf8(text);
  if (bad != text.size()) {
    return QueryError(ErrorKind::kInvalidArgument, "query.invalid_text",
                      c + ": invalid UTF-8 at byte " + std::to_string(bad + 1),
                      c + "：第 " + std::to_string(bad + 1) + " 字节不是有效的 UTF-8");
  }
  return Lexer(text, clause).Run();
}

}  // namespace gongshu::query
