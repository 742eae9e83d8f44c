#pragma once
// Syntax tree of the records query language. The parser builds it from tokens; the compiler
// resolves names against the QueryScope, checks types and turns it into SQL with bound values.
// Nothing in the tree is SQL text.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gongshu::query {

struct Literal {
  enum class Kind { kNull, kBool, kInt, kDouble, kString, kDate, kTimestamp };
  Kind kind = Kind::kNull;
  bool b = false;
  int64_t i = 0;       // kInt
  double d = 0;        // kDouble
  std::string s;       // kString (decoded); kDate/kTimestamp: the text as written
  int32_t days = 0;    // kDate
  int64_t micros = 0;  // kTimestamp (UTC)
  bool operator==(const Literal& o) const;
};

enum class ExprKind {
  kLiteral,
  kField,    // name (bare or backquoted identifier)
  kStar,     // '*' as the argument of count(*)
  kNot,      // args[0]
  kNegate,   // unary minus of a non-literal: args[0]
  kAnd,      // n-ary: args (flattened)
  kOr,       // n-ary: args (flattened)
  kCompare,  // args[0] op args[1]
  kArith,    // args[0] op args[1]
  kIn,       // args[0] [NOT] IN (args[1..]), all literals
  kBetween,  // args[0] [NOT] BETWEEN args[1] AND args[2]
  kIsNull,   // args[0] IS [NOT] NULL
  kLike,     // args[0] [NOT] LIKE args[1]
  kCall,     // name(args): lower-case function name
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };
enum class ArithOp { kAdd, kSub, kMul, kDiv };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  size_t pos = 0;       // byte offset in the clause, for messages
  int depth = 1;        // height of this subtree
  Literal literal;      // kLiteral
  std::string name;     // kField: field name; kCall: lower-case function name
  bool quoted = false;  // kField: written with backquotes (never an alias keyword)
  CompareOp cmp = CompareOp::kEq;
  ArithOp arith = ArithOp::kAdd;
  bool negated = false;  // kIn, kBetween, kIsNull, kLike: the NOT form
  std::vector<ExprPtr> args;
};

// Structural equality (positions ignored), used to match select/order items to group keys.
bool SameExpr(const Expr& a, const Expr& b);

// Canonical text of an expression, used as the output name of unaliased select items
// ("count(*)", "year(date)", "price * 2").
std::string DisplayExpr(const Expr& e);

// Renders an identifier as a user would type it: bare when possible, else backquoted.
std::string DisplayIdentifier(const std::string& name);

std::string_view CompareOpText(CompareOp op);

// A select item: '*' or an expression with an optional alias.
struct SelectItem {
  bool star = false;
  ExprPtr expr;
  std::string alias;  // "" when none
  size_t pos = 0;
};

// A group_by item: an expression with an optional alias.
struct GroupItem {
  ExprPtr expr;
  std::string alias;
  size_t pos = 0;
};

// An order_by item.
struct OrderItem {
  ExprPtr expr;
  bool descending = false;
  size_t pos = 0;
};

}  // namespace gongshu::query
