#include "query/ast.h"

#include "core/json_writer.h"
#include "query/lexer.h"

namespace gongshu::query {

bool Literal::operator==(const Literal& o) const {
  if (kind != o.kind) return false;
  switch (kind) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return b == o.b;
    case Kind::kInt:
      return i == o.i;
    case Kind::kDouble:
      return d == o.d;
    case Kind::kString:
      return s == o.s;
    case Kind::kDate:
      return days == o.days;
    case Kind::kTimestamp:
      return micros == o.micros;
  }
  return false;
}

bool SameExpr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.args.size() != b.args.size() || a.negated != b.negated) return false;
  switch (a.kind) {
    case ExprKind::kLiteral:
      if (!(a.literal == b.literal)) return false;
      break;
    case ExprKind::kField:
    case ExprKind::kCall:
      if (a.name != b.name) return false;
      break;
    case ExprKind::kCompare:
      if (a.cmp != b.cmp) return false;
      break;
    case ExprKind::kArith:
      if (a.arith != b.arith) return false;
      break;
    default:
      break;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!SameExpr(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

std::string_view CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "!=";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
  }
  return "?";
}

std::string DisplayIdentifier(const std::string& name) {
  auto tokens = Tokenize(name, "name");
  if (tokens.ok() && tokens->size() == 2 && (*tokens)[0].kind == TokenKind::kIdentifier &&
      (*tokens)[0].text == name) {
    return name;
  }
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  out.push_back('`');
  return out;
}

namespace {

std::string DisplayLiteral(const Literal& l) {
  std::string out;
  switch (l.kind) {
    case Literal::Kind::kNull:
      return "null";
    case Literal::Kind::kBool:
      return l.b ? "true" : "false";
    case Literal::Kind::kInt:
      return std::to_string(l.i);
    case Literal::Kind::kDouble:
      JsonWriter::AppendDouble(out, l.d);
      return out;
    case Literal::Kind::kString:
      JsonWriter::AppendQuoted(out, l.s);
      return out;
    case Literal::Kind::kDate:
      return "date'" + l.s + "'";
    case Literal::Kind::kTimestamp:
      return "timestamp'" + l.s + "'";
  }
  return out;
}

std::string Joined(const std::vector<ExprPtr>& args, size_t from, std::string_view sep) {
  std::string out;
  for (size_t i = from; i < args.size(); ++i) {
    if (i > from) out += sep;
    out += DisplayExpr(*args[i]);
  }
  return out;
}

}  // namespace

std::string DisplayExpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      return DisplayLiteral(e.literal);
    case ExprKind::kField:
      return DisplayIdentifier(e.name);
    case ExprKind::kStar:
      return "*";
    case ExprKind::kNot:
      return "not " + DisplayExpr(*e.args[0]);
    case ExprKind::kNegate:
      return "-" + DisplayExpr(*e.args[0]);
    case ExprKind::kAnd:
      return "(" + Joined(e.args, 0, " and ") + ")";
    case ExprKind::kOr:
      return "(" + Joined(e.args, 0, " or ") + ")";
    case ExprKind::kCompare:
      return DisplayExpr(*e.args[0]) + " " + std::string(CompareOpText(e.cmp)) + " " +
             DisplayExpr(*e.args[1]);
    case ExprKind::kArith: {
      static constexpr std::string_view kOps[] = {" + ", " - ", " * ", " / "};
      return "(" + DisplayExpr(*e.args[0]) + std::string(kOps[static_cast<int>(e.arith)]) +
             DisplayExpr(*e.args[1]) + ")";
    }
    case ExprKind::kIn:
      return DisplayExpr(*e.args[0]) + (e.negated ? " not in (" : " in (") +
             Joined(e.args, 1, ", ") + ")";
    case ExprKind::kBetween:
      return DisplayExpr(*e.args[0]) + (e.negated ? " not between " : " between ") +
             DisplayExpr(*e.args[1]) + " and " + DisplayExpr(*e.args[2]);
    case ExprKind::kIsNull:
      return DisplayExpr(*e.args[0]) + (e.negated ? " is not null" : " is null");
    case ExprKind::kLike:
      return DisplayExpr(*e.args[0]) + (e.negated ? " not like " : " like ") +
             DisplayExpr(*e.args[1]);
    case ExprKind::kCall:
      return e.name + "(" + Joined(e.args, 0, ", ") + ")";
  }
  return "?";
}

}  // namespace gongshu::query
