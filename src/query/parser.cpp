#include "query/parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/strings.h"
#include "core/time_format.h"
#include "query/internal/query_error.h"
#include "query/lexer.h"
#include "query/query_limits.h"

namespace gongshu::query {

using internal::QueryError;
using internal::Quote;
using internal::SyntaxError;

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

constexpr std::string_view kReserved[] = {"and",  "or", "not", "in",   "between", "is",   "null",
                                          "like", "as", "asc", "desc", "true",    "false"};

bool IsReserved(const Token& t) {
  if (t.kind != TokenKind::kIdentifier) return false;
  return std::any_of(std::begin(kReserved), std::end(kReserved),
                     [&](std::string_view k) { return EqualsIgnoreCase(t.text, k); });
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view clause, std::vector<Token> tokens)
      : text_(text), clause_(clause), toks_(std::move(tokens)) {}

  Result<ExprPtr> Condition() {
    GS_ASSIGN_OR_RETURN(ExprPtr e, Or());
    GS_RETURN_IF_ERROR(ExpectEnd());
    return e;
  }

  Result<std::vector<SelectItem>> Select() {
    std::vector<SelectItem> items;
    for (;;) {
      SelectItem item;
      item.pos = Peek().pos;
      if (Peek().kind == TokenKind::kStar &&
          (Peek(1).kind == TokenKind::kComma || Peek(1).kind == TokenKind::kEnd)) {
        Advance();
        item.star = true;
      } else {
        GS_ASSIGN_OR_RETURN(item.expr, Or());
        GS_ASSIGN_OR_RETURN(item.alias, OptionalAlias());
      }
      items.push_back(std::move(item));
      if (items.size() > kMaxSelectItems)
        return TooMany("select items", "个查询项", kMaxSelectItems);
      if (!Accept(TokenKind::kComma)) break;
    }
    GS_RETURN_IF_ERROR(ExpectEnd());
    return items;
  }

  Result<std::vector<GroupItem>> GroupBy() {
    std::vector<GroupItem> items;
    for (;;) {
      GroupItem item;
      item.pos = Peek().pos;
      GS_ASSIGN_OR_RETURN(item.expr, Or());
      GS_ASSIGN_OR_RETURN(item.alias, OptionalAlias());
      items.push_back(std::move(item));
      if (items.size() > kMaxGroupKeys) return TooMany("group_by items", "个分组项", kMaxGroupKeys);
      if (!Accept(TokenKind::kComma)) break;
    }
    GS_RETURN_IF_ERROR(ExpectEnd());
    return items;
  }

  Result<std::vector<OrderItem>> OrderBy() {
    std::vector<OrderItem> items;
    for (;;) {
      OrderItem item;
      item.pos = Peek().pos;
      GS_ASSIGN_OR_RETURN(item.expr, Or());
      if (AcceptKeyword("desc")) {
        item.descending = true;
      } else {
        AcceptKeyword("asc");
      }
      items.push_back(std::move(item));
      if (items.size() > kMaxOrderKeys) return TooMany("order_by items", "个排序项", kMaxOrderKeys);
      if (!Accept(TokenKind::kComma)) break;
    }
    GS_RETURN_IF_ERROR(ExpectEnd());
    return items;
  }

 private:
  // ---- token helpers ----
  const Token& Peek(size_t ahead = 0) const {
    size_t i = std::min(pos_ + ahead, toks_.size() - 1);
    return toks_[i];
  }
  const Token& Advance() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool Accept(TokenKind k) {
    if (Peek().kind != k) return false;
    Advance();
    return true;
  }
  bool IsKeyword(const Token& t, std::string_view kw) const {
    return t.kind == TokenKind::kIdentifier && EqualsIgnoreCase(t.text, kw);
  }
  bool AcceptKeyword(std::string_view kw) {
    if (!IsKeyword(Peek(), kw)) return false;
    Advance();
    return true;
  }

  std::string Describe(const Token& t) const {
    switch (t.kind) {
      case TokenKind::kEnd:
        return "end of input";
      case TokenKind::kIdentifier:
      case TokenKind::kQuotedIdentifier:
        return Quote(t.text);
      case TokenKind::kNumber:
        return "number " + t.text;
      case TokenKind::kString:
        return "a string";
      default:
        return std::string(TokenKindName(t.kind));
    }
  }

  Error Syntax(const Token& at, const std::string& en, const std::string& zh) const {
    return SyntaxError(clause_, text_, at.pos, en, zh);
  }
  Error Unexpected(const Token& at, const std::string& expected,
                   const std::string& expected_zh) const {
    return Syntax(at, "expected " + expected + ", found " + Describe(at),
                  "此处应为" + expected_zh + "，实际为 " + Describe(at));
  }

  Status Expect(TokenKind k, const std::string& what, const std::string& what_zh) {
    if (Peek().kind != k) return Unexpected(Peek(), what, what_zh);
    Advance();
    return Ok();
  }

  Status ExpectEnd() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kEnd) return Ok();
    if (t.kind == TokenKind::kRParen) {
      return Syntax(t, "unbalanced ')' (no matching '(')", "括号不匹配：多余的“)”");
    }
    return Syntax(t, "unexpected " + Describe(t) + " (missing operator or ','?)",
                  "多余的内容 " + Describe(t) + "（是否缺少运算符或“,”？）");
  }

  Error TooMany(const std::string& what, const std::string& what_zh, size_t max) const {
    return QueryError(
        ErrorKind::kInvalidArgument, "query.too_many_items",
        std::string(clause_) + ": too many " + what + " (at most " + std::to_string(max) + ")",
        std::string(clause_) + "：最多 " + std::to_string(max) + what_zh);
  }

  Error TooDeep() const {
    return QueryError(ErrorKind::kInvalidArgument, "query.too_deep",
                      std::string(clause_) + ": expression nested too deeply (at most " +
                          std::to_string(kMaxExpressionDepth) + " levels)",
                      std::string(clause_) + "：表达式嵌套过深（最多 " +
                          std::to_string(kMaxExpressionDepth) + " 层）");
  }

  // Guards recursion (parentheses, NOT, unary minus) before any node is built.
  class Nest {
   public:
    explicit Nest(int& n) : n_(n) { ++n_; }
    ~Nest() { --n_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    int& n_;
  };

  Result<ExprPtr> Node(ExprKind kind, size_t pos, std::vector<ExprPtr> args) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->pos = pos;
    int d = 0;
    for (const auto& a : args) d = std::max(d, a->depth);
    e->depth = d + 1;
    e->args = std::move(args);
    if (e->depth > kMaxExpressionDepth) return TooDeep();
    return e;
  }

  Result<std::string> OptionalAlias() {
    if (!AcceptKeyword("as")) return std::string();
    const Token& t = Peek();
    if (t.kind == TokenKind::kQuotedIdentifier ||
        (t.kind == TokenKind::kIdentifier && !IsReserved(t))) {
      return Advance().text;
    }
    return Unexpected(t, "a name after AS", "AS 之后的名称");
  }

  // ---- expressions ----
  Result<ExprPtr> Or() {
    Nest nest(nesting_);
    if (nesting_ > kMaxExpressionDepth) return TooDeep();
    size_t pos = Peek().pos;
    std::vector<ExprPtr> terms;
    GS_ASSIGN_OR_RETURN(ExprPtr first, And());
    terms.push_back(std::move(first));
    while (AcceptKeyword("or")) {
      GS_ASSIGN_OR_RETURN(ExprPtr next, And());
      terms.push_back(std::move(next));
    }
    if (terms.size() == 1) return std::move(terms[0]);
    return Node(ExprKind::kOr, pos, std::move(terms));
  }

  Result<ExprPtr> And() {
    size_t pos = Peek().pos;
    std::vector<ExprPtr> terms;
    GS_ASSIGN_OR_RETURN(ExprPtr first, Not());
    terms.push_back(std::move(first));
    while (AcceptKeyword("and")) {
      GS_ASSIGN_OR_RETURN(ExprPtr next, Not());
      terms.push_back(std::move(next));
    }
    if (terms.size() == 1) return std::move(terms[0]);
    return Node(ExprKind::kAnd, pos, std::move(terms));
  }

  Result<ExprPtr> Not() {
    if (IsKeyword(Peek(), "not")) {
      Nest nest(nesting_);
      if (nesting_ > kMaxExpressionDepth) return TooDeep();
      size_t pos = Advance().pos;
      GS_ASSIGN_OR_RETURN(ExprPtr inner, Not());
      std::vector<ExprPtr> args;
      args.push_back(std::move(inner));
      return Node(ExprKind::kNot, pos, std::move(args));
    }
    return Predicate();
  }

  static bool CompareOpOf(TokenKind k, CompareOp* op) {
    switch (k) {
      case TokenKind::kEq:
        *op = CompareOp::kEq;
        return true;
      case TokenKind::kNe:
        *op = CompareOp::kNe;
        return true;
      case TokenKind::kLt:
        *op = CompareOp::kLt;
        return true;
      case TokenKind::kLe:
        *op = CompareOp::kLe;
        return true;
      case TokenKind::kGt:
        *op = CompareOp::kGt;
        return true;
      case TokenKind::kGe:
        *op = CompareOp::kGe;
        return true;
      default:
        return false;
    }
  }

  Result<ExprPtr> Predicate() {
    GS_ASSIGN_OR_RETURN(ExprPtr left, Sum());
    const Token& t = Peek();
    CompareOp op{};
    if (CompareOpOf(t.kind, &op)) {
      size_t pos = Advance().pos;
      GS_ASSIGN_OR_RETURN(ExprPtr right, Sum());
      std::vector<ExprPtr> args;
      args.push_back(std::move(left));
      args.push_back(std::move(right));
      GS_ASSIGN_OR_RETURN(ExprPtr e, Node(ExprKind::kCompare, pos, std::move(args)));
      e->cmp = op;
      return e;
    }
    bool negated = false;
    if (IsKeyword(t, "not") &&
        (IsKeyword(Peek(1), "in") || IsKeyword(Peek(1), "between") || IsKeyword(Peek(1), "like"))) {
      Advance();
      negated = true;
    }
    const Token& kw = Peek();
    if (IsKeyword(kw, "in")) return In(std::move(left), negated);
    if (IsKeyword(kw, "between")) return Between(std::move(left), negated);
    if (IsKeyword(kw, "like")) {
      size_t pos = Advance().pos;
      GS_ASSIGN_OR_RETURN(ExprPtr pattern, Sum());
      std::vector<ExprPtr> args;
      args.push_back(std::move(left));
      args.push_back(std::move(pattern));
      GS_ASSIGN_OR_RETURN(ExprPtr e, Node(ExprKind::kLike, pos, std::move(args)));
      e->negated = negated;
      return e;
    }
    if (IsKeyword(kw, "is")) {
      size_t pos = Advance().pos;
      bool is_not = AcceptKeyword("not");
      if (!AcceptKeyword("null"))
        return Unexpected(Peek(), "NULL after IS [NOT]", "IS [NOT] 之后的 NULL");
      std::vector<ExprPtr> args;
      args.push_back(std::move(left));
      GS_ASSIGN_OR_RETURN(ExprPtr e, Node(ExprKind::kIsNull, pos, std::move(args)));
      e->negated = is_not;
      return e;
    }
    return left;
  }

  Result<ExprPtr> In(ExprPtr left, bool negated) {
    size_t pos = Advance().pos;
    GS_RETURN_IF_ERROR(Expect(TokenKind::kLParen, "'(' after IN", "IN 之后的“(”"));
    std::vector<ExprPtr> args;
    args.push_back(std::move(left));
    for (;;) {
      const Token& at = Peek();
      GS_ASSIGN_OR_RETURN(ExprPtr v, Unary());
      if (v->kind != ExprKind::kLiteral) {
        return Syntax(at, "IN (...) takes literal values only", "IN (...) 中只能是字面值");
      }
      args.push_back(std::move(v));
      if (args.size() - 1 > kMaxInListValues) {
        return QueryError(
            ErrorKind::kInvalidArgument, "query.too_many_values",
            std::string(clause_) + ": an IN list has at most " + std::to_string(kMaxInListValues) +
                " values",
            std::string(clause_) + "：IN 列表最多 " + std::to_string(kMaxInListValues) + " 个值");
      }
      if (Accept(TokenKind::kComma)) continue;
      GS_RETURN_IF_ERROR(
          Expect(TokenKind::kRParen, "',' or ')' in the IN list", "IN 列表中的“,”或“)”"));
      break;
    }
    GS_ASSIGN_OR_RETURN(ExprPtr e, Node(ExprKind::kIn, pos, std::move(args)));
    e->negated = negated;
    return e;
  }

  Result<ExprPtr> Between(ExprPtr left, bool negated) {
    size_t pos = Advance().pos;
    GS_ASSIGN_OR_RETURN(ExprPtr lo, Sum());
    if (!AcceptKeyword("and"))
      return Unexpected(Peek(), "AND in BETWEEN ... AND ...", "BETWEEN ... AND ... 中的 AND");
    GS_ASSIGN_OR_RETURN(ExprPtr hi, Sum());
    std::vector<ExprPtr> args;
    args.push_back(std::move(left));
    args.push_back(std::move(lo));
    args.push_back(std::move(hi));
    GS_ASSIGN_OR_RETURN(ExprPtr e, Node(ExprKind::kBetween, pos, std::move(args)));
    e->negated = negated;
    return e;
  }

  Result<ExprPtr> Sum() {
    GS_ASSIGN_OR_RETURN(ExprPtr left, Product());
    for (;;) {
      TokenKind k = Peek().kind;
      if (k != TokenKind::kPlus && k != TokenKind::kMinus) return left;
      size_t pos = Advance().pos;
      GS_ASSIGN_OR_RETURN(ExprPtr right, Product());
      std::vector<ExprPtr> args;
      args.push_back(std::move(left));
      args.push_back(std::move(right));
      GS_ASSIGN_OR_RETURN(left, Node(ExprKind::kArith, pos, std::move(args)));
      left->arith = k == TokenKind::kPlus ? ArithOp::kAdd : ArithOp::kSub;
    }
  }

  Result<ExprPtr> Product() {
    GS_ASSIGN_OR_RETURN(ExprPtr left, Unary());
    for (;;) {
      TokenKind k = Peek().kind;
      if (k != TokenKind::kStar && k != TokenKind::kSlash) return left;
      size_t pos = Advance().pos;
      GS_ASSIGN_OR_RETURN(ExprPtr right, Unary());
      std::vector<ExprPtr> args;
      args.push_back(std::move(left));
      args.push_back(std::move(right));
      GS_ASSIGN_OR_RETURN(left, Node(ExprKind::kArith, pos, std::move(args)));
      left->arith = k == TokenKind::kStar ? ArithOp::kMul : ArithOp::kDiv;
    }
  }

  Result<ExprPtr> Unary() {
    if (Peek().kind != TokenKind::kMinus) return Primary();
    Nest nest(nesting_);
    if (nesting_ > kMaxExpressionDepth) return TooDeep();
    const Token& minus = Advance();
    if (Peek().kind == TokenKind::kNumber) return NumberLiteral(Advance(), /*negative=*/true);
    GS_ASSIGN_OR_RETURN(ExprPtr inner, Unary());
    if (inner->kind == ExprKind::kLiteral && inner->literal.kind == Literal::Kind::kInt) {
      if (inner->literal.i == INT64_MIN) return OutOfRange(minus);
      inner->literal.i = -inner->literal.i;
      inner->pos = minus.pos;
      return inner;
    }
    if (inner->kind == ExprKind::kLiteral && inner->literal.kind == Literal::Kind::kDouble) {
      inner->literal.d = -inner->literal.d;
      inner->pos = minus.pos;
      return inner;
    }
    std::vector<ExprPtr> args;
    args.push_back(std::move(inner));
    return Node(ExprKind::kNegate, minus.pos, std::move(args));
  }

  Error OutOfRange(const Token& t) const {
    return QueryError(ErrorKind::kInvalidArgument, "query.number_out_of_range",
                      std::string(clause_) + ": number " + Quote(t.text) +
                          " is out of range (integers are 64-bit, decimals finite doubles)",
                      std::string(clause_) + "：数字 " + Quote(t.text) +
                          " 超出范围（整数为 64 位，小数须为有限的双精度数）");
  }

  Result<ExprPtr> NumberLiteral(const Token& t, bool negative) {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kLiteral;
    e->pos = t.pos;
    std::string text = negative ? "-" + t.text : t.text;
    const char* b = text.data();
    const char* end = b + text.size();
    bool is_int = text.find_first_of(".eE") == std::string::npos;
    if (is_int) {
      int64_t v = 0;
      auto r = std::from_chars(b, end, v);
      if (r.ec != std::errc() || r.ptr != end) return OutOfRange(t);
      e->literal.kind = Literal::Kind::kInt;
      e->literal.i = v;
    } else {
      double v = 0;
      auto r = std::from_chars(b, end, v);
      if (r.ec != std::errc() || r.ptr != end || !std::isfinite(v)) return OutOfRange(t);
      e->literal.kind = Literal::Kind::kDouble;
      e->literal.d = v;
    }
    return e;
  }

  Result<ExprPtr> Primary() {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kNumber:
        return NumberLiteral(Advance(), false);
      case TokenKind::kString: {
        auto e = std::make_unique<Expr>();
        e->pos = t.pos;
        e->literal.kind = Literal::Kind::kString;
        e->literal.s = Advance().text;
        return e;
      }
      case TokenKind::kLParen: {
        Advance();
        GS_ASSIGN_OR_RETURN(ExprPtr inner, Or());
        if (Peek().kind != TokenKind::kRParen) {
          if (Peek().kind == TokenKind::kEnd) {
            return Syntax(Peek(), "unbalanced '(' (missing ')')", "括号不匹配：缺少“)”");
          }
          return Unexpected(Peek(), "')'", "“)”");
        }
        Advance();
        return inner;
      }
      case TokenKind::kQuotedIdentifier: {
        auto e = std::make_unique<Expr>();
        e->kind = ExprKind::kField;
        e->pos = t.pos;
        e->quoted = true;
        e->name = Advance().text;
        if (Peek().kind == TokenKind::kLParen) {
          return Syntax(Peek(), "a backquoted name cannot be called as a function",
                        "反引号名称不能作为函数调用");
        }
        return e;
      }
      case TokenKind::kIdentifier:
        return NamedPrimary();
      case TokenKind::kStar:
        return Syntax(t, "'*' is only allowed as a select item or in count(*)",
                      "“*”只能用作查询项或 count(*)");
      case TokenKind::kEnd:
        return Unexpected(t, "a value, field or '('", "值、字段或“(”");
      default:
        return Unexpected(t, "a value, field or '('", "值、字段或“(”");
    }
  }

  Result<ExprPtr> NamedPrimary() {
    const Token& t = Peek();
    const std::string lower = AsciiLower(t.text);
    if (lower == "true" || lower == "false" || lower == "null") {
      auto e = std::make_unique<Expr>();
      e->pos = Advance().pos;
      if (lower == "null") {
        e->literal.kind = Literal::Kind::kNull;
      } else {
        e->literal.kind = Literal::Kind::kBool;
        e->literal.b = lower == "true";
      }
      return e;
    }
    if ((lower == "date" || lower == "timestamp" || lower == "datetime") &&
        Peek(1).kind == TokenKind::kString) {
      return TypedLiteral(lower);
    }
    if (Peek(1).kind == TokenKind::kLParen) return Call();
    if (IsReserved(t)) {
      return Syntax(t,
                    "unexpected keyword " + Quote(t.text) + " (backquote a field with this name)",
                    "此处不应出现关键字 " + Quote(t.text) + "（同名字段请用反引号）");
    }
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kField;
    e->pos = t.pos;
    e->name = Advance().text;
    return e;
  }

  Result<ExprPtr> TypedLiteral(const std::string& kind) {
    Advance();
    const Token& s = Advance();
    auto e = std::make_unique<Expr>();
    e->pos = s.pos;
    e->literal.s = s.text;
    if (kind == "date") {
      auto days = ParseIsoDate(s.text);
      if (!days) return BadLiteral(s, "date", "日期", "YYYY-MM-DD");
      e->literal.kind = Literal::Kind::kDate;
      e->literal.days = *days;
    } else {
      auto micros = ParseIsoTimestamp(s.text);
      if (!micros) return BadLiteral(s, "timestamp", "时间戳", "YYYY-MM-DDTHH:MM:SS");
      e->literal.kind = Literal::Kind::kTimestamp;
      e->literal.micros = *micros;
    }
    return e;
  }

  Error BadLiteral(const Token& t, const std::string& what, const std::string& what_zh,
                   const std::string& format) const {
    return QueryError(ErrorKind::kInvalidArgument, "query.invalid_literal",
                      std::string(clause_) + ": " + Quote(t.text) + " is not a valid " + what +
                          " (expected " + format + ")",
                      std::string(clause_) + "：" + Quote(t.text) + " 不是有效的" + what_zh +
                          "（格式应为 " + format + "）");
  }

  Result<ExprPtr> Call() {
    Nest nest(nesting_);
    if (nesting_ > kMaxExpressionDepth) return TooDeep();
    const Token& name = Advance();
    Advance();  // '('
    std::vector<ExprPtr> args;
    if (!Accept(TokenKind::kRParen)) {
      for (;;) {
        if (Peek().kind == TokenKind::kStar &&
            (Peek(1).kind == TokenKind::kRParen || Peek(1).kind == TokenKind::kComma)) {
          auto star = std::make_unique<Expr>();
          star->kind = ExprKind::kStar;
          star->pos = Advance().pos;
          args.push_back(std::move(star));
        } else {
          GS_ASSIGN_OR_RETURN(ExprPtr a, Or());
          args.push_back(std::move(a));
        }
        if (Accept(TokenKind::kComma)) continue;
        if (Peek().kind == TokenKind::kEnd) {
          return Syntax(Peek(), "unbalanced '(' (missing ')')", "括号不匹配：缺少“)”");
        }
        GS_RETURN_IF_ERROR(
            Expect(TokenKind::kRParen, "',' or ')' in the argument list", "参数列表中的“,”或“)”"));
        break;
      }
    }
    GS_ASSIGN_OR_RETURN(ExprPtr e, Node(ExprKind::kCall, name.pos, std::move(args)));
    e->name = AsciiLower(name.text);
    return e;
  }

  std::string_view text_;
  std::string_view clause_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  int nesting_ = 0;
};

template <typename T, typename Fn>
Result<T> Run(std::string_view text, std::string_view clause, Fn fn) {
  GS_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text, clause));
  if (tokens.size() == 1) {
    return SyntaxError(clause, text, 0, "the clause is empty", "子句为空");
  }
  Parser p(text, clause, std::move(tokens));
  return fn(p);
}

}  // namespace

bool IsBlank(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

Result<ExprPtr> ParseCondition(std::string_view text) {
  return Run<ExprPtr>(text, "where", [](Parser& p) { return p.Condition(); });
}

Result<std::vector<SelectItem>> ParseSelect(std::string_view text) {
  return Run<std::vector<SelectItem>>(text, "select", [](Parser& p) { return p.Select(); });
}

Result<std::vector<GroupItem>> ParseGroupBy(std::string_view text) {
  return Run<std::vector<GroupItem>>(text, "group_by", [](Parser& p) { return p.GroupBy(); });
}

Result<std::vector<OrderItem>> ParseOrderBy(std::string_view text) {
  return Run<std::vector<OrderItem>>(text, "order_by", [](Parser& p) { return p.OrderBy(); });
}

}  // namespace gongshu::query
