#pragma once
// Error constructors shared by the query lexer, parser, compiler and cursor codec. Every error
// names the clause and, for syntax errors, the character position, in English and Chinese.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gongshu::query::internal {

Error QueryError(ErrorKind kind, std::string code, std::string message, std::string message_zh);

// Syntax error in `clause` at byte offset `pos` of `text` (reported as a 1-based character index).
Error SyntaxError(std::string_view clause, std::string_view text, size_t pos,
                  const std::string& what, const std::string& what_zh);

// 1-based character (code point) index of a byte offset.
size_t CharIndex(std::string_view text, size_t byte_offset);

// Renders user text for a message: at most 64 characters, control characters escaped.
std::string Quote(std::string_view text);

}  // namespace gongshu::query::internal
