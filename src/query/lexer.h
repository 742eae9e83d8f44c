#pragma once
// Lexer of the records query language (ODSQL-style). It rejects, with a positioned 400 error,
// everything that is not a token of the language: statement separators, SQL comments, NUL bytes,
// invalid UTF-8, unterminated quotes, stray characters. Tokens carry decoded text (string escapes
// and doubled backquotes resolved), never SQL.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gongshu::query {

enum class TokenKind {
  kEnd,
  kIdentifier,        // bare: letters (incl. CJK), digits, '_'; keywords are bare identifiers
  kQuotedIdentifier,  // `any name` (`` doubles a backquote); never a keyword or function
  kNumber,            // 12, 1.5, 2e10 (text kept; parsed by the parser)
  kString,            // 'single' or "double" quoted, decoded
  kLParen,
  kRParen,
  kComma,
  kStar,
  kPlus,
  kMinus,
  kSlash,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // identifier name, decoded string, number text, operator spelling
  size_t pos = 0;    // byte offset in the clause
};

// Splits one clause into tokens (the last is kEnd). `clause` ("where", "select", …) names it in
// errors. Enforces kMaxClauseBytes, valid UTF-8 and the absence of NUL bytes first.
Result<std::vector<Token>> Tokenize(std::string_view text, std::string_view clause);

// Spelling of a token kind for messages.
std::string_view TokenKindName(TokenKind kind);

}  // namespace gongshu::query
