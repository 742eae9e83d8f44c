#include "query/records_compiler.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/crypto.h"
#include "core/time_format.h"
#include "privacy/masking.h"
#include "query/ast.h"
#include "query/cursor.h"
#include "query/internal/query_error.h"
#include "query/parser.h"
#include "query/query_limits.h"
#include "storage/engine.h"

namespace gongshu::query {

using internal::QueryError;
using internal::Quote;
using storage::Value;

namespace {

// ---------------------------------------------------------------------------------------------
// Types of the language (the catalog's field types plus the null literal).
enum class VType { kNull, kBoolean, kInteger, kNumber, kString, kDate, kDatetime, kTime, kOther };

VType FromCatalogType(std::string_view t) {
  if (t == "string") return VType::kString;
  if (t == "integer") return VType::kInteger;
  if (t == "number") return VType::kNumber;
  if (t == "boolean") return VType::kBoolean;
  if (t == "date") return VType::kDate;
  if (t == "datetime") return VType::kDatetime;
  if (t == "time") return VType::kTime;
  return VType::kOther;
}

std::string TypeName(VType t) {
  switch (t) {
    case VType::kNull:
      return "null";
    case VType::kBoolean:
      return "boolean";
    case VType::kInteger:
      return "integer";
    case VType::kNumber:
      return "number";
    case VType::kString:
      return "string";
    case VType::kDate:
      return "date";
    case VType::kDatetime:
      return "datetime";
    case VType::kTime:
      return "time";
    case VType::kOther:
      return "other";
  }
  return "other";
}

bool IsNumeric(VType t) { return t == VType::kInteger || t == VType::kNumber; }
bool IsDateLike(VType t) { return t == VType::kDate || t == VType::kDatetime; }

// Types that compare with each other.
int TypeClass(VType t) {
  switch (t) {
    case VType::kInteger:
    case VType::kNumber:
      return 1;
    case VType::kString:
      return 2;
    case VType::kBoolean:
      return 3;
    case VType::kDate:
    case VType::kDatetime:
      return 4;
    case VType::kTime:
      return 5;
    default:
      return 0;  // null, other: comparable with nothing
  }
}
bool Comparable(VType a, VType b) { return TypeClass(a) != 0 && TypeClass(a) == TypeClass(b); }

struct Typed {
  std::string sql;
  VType type = VType::kOther;
};

// Numbers the bound parameters; every value is cast to an explicit type so that the SQL text
// alone fixes the statement's types (stable prepared-statement cache, no type guessing).
class Binder {
 public:
  std::string Bind(Value v, std::string_view sql_type) {
    params_.push_back(std::move(v));
    return "CAST($" + std::to_string(params_.size()) + " AS " + std::string(sql_type) + ")";
  }
  storage::Params& params() { return params_; }

 private:
  storage::Params params_;
};

std::string_view SqlTypeOfValue(const Value& v) {
  if (v.is_bool()) return "BOOLEAN";
  if (v.is_int()) return "BIGINT";
  if (v.is_double()) return "DOUBLE";
  if (v.is_date()) return "DATE";
  if (v.is_timestamp()) return "TIMESTAMP";
  return "VARCHAR";
}

enum class Clause { kSelect, kWhere, kGroupBy, kOrderBy };

std::string ClauseName(Clause c) {
  switch (c) {
    case Clause::kSelect:
      return "select";
    case Clause::kWhere:
      return "where";
    case Clause::kGroupBy:
      return "group_by";
    case Clause::kOrderBy:
      return "order_by";
  }
  return "query";
}

Error Semantic(ErrorKind kind, const std::string& code, Clause c, const std::string& en,
               const std::string& zh) {
  return QueryError(kind, code, ClauseName(c) + ": " + en, ClauseName(c) + "：" + zh);
}

Error PagingError(const std::string& code, const std::string& en, const std::string& zh) {
  return QueryError(ErrorKind::kInvalidArgument, code, en, zh);
}

// "(a + b)" → "a + b" for output names.
std::string DisplayName(const Expr& e) {
  std::string s = DisplayExpr(e);
  if ((e.kind == ExprKind::kArith || e.kind == ExprKind::kAnd || e.kind == ExprKind::kOr) &&
      s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    s = s.substr(1, s.size() - 2);
  }
  return s;
}

bool IsAggregateName(std::string_view n) {
  return n == "count" || n == "count_distinct" || n == "sum" || n == "avg" || n == "min" ||
         n == "max";
}

bool ContainsAggregate(const Expr& e) {
  if (e.kind == ExprKind::kCall && IsAggregateName(e.name)) return true;
  return std::any_of(e.args.begin(), e.args.end(),
                     [](const ExprPtr& a) { return ContainsAggregate(*a); });
}

bool ValidTimeText(std::string_view s) {
  // HH:MM[:SS[.f{1,6}]]
  auto digits = [&](size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 2) || s.size() < 5 || s[2] != ':' || !digits(3, 2)) return false;
  int hh = (s[0] - '0') * 10 + (s[1] - '0');
  int mm = (s[3] - '0') * 10 + (s[4] - '0');
  if (hh > 23 || mm > 59) return false;
  if (s.size() == 5) return true;
  if (s[5] != ':' || !digits(6, 2)) return false;
  int ss = (s[6] - '0') * 10 + (s[7] - '0');
  if (ss > 59) return false;
  if (s.size() == 8) return true;
  if (s[8] != '.' || s.size() < 10 || s.size() > 15) return false;
  return digits(9, s.size() - 9);
}

struct DateUnit {
  std::string_view name;
  bool to_date;  // day or coarser: the result is a date
};
constexpr DateUnit kDateUnits[] = {{"year", true}, {"quarter", true}, {"month", true},
                                   {"week", true}, {"day", true},     {"hour", false}};

constexpr std::string_view kFunctionList =
    "year, month, day, hour, minute, date_trunc, lower, upper, length, abs, round, search, "
    "startswith, count, count_distinct, sum, avg, min, max";

// ---------------------------------------------------------------------------------------------

struct FieldInfo {
  const ScopedField* field = nullptr;
  privacy::MaskKind mask = privacy::MaskKind::kNone;
  VType type = VType::kOther;  // after masking (masked values are strings)
  std::string sql;             // quoted column, through its mask
};

struct GroupKey {
  const Expr* expr = nullptr;
  std::string alias;
  Typed typed;
};

struct OutItem {
  std::string name;
  Typed typed;
  const Expr* expr = nullptr;  // nullptr for fields expanded from '*'
  std::string alias;           // explicit alias, if any
};

struct OrderKey {
  std::string sql;
  bool descending = false;
  const Expr* expr = nullptr;
};

class RequestCompiler {
 public:
  RequestCompiler(const RecordsRequest& req, const QueryScope& scope, bool export_mode)
      : req_(req), scope_(scope), export_(export_mode) {}

  Result<CompiledQuery> Run() {
    GS_RETURN_IF_ERROR(PrepareScope());
    GS_RETURN_IF_ERROR(CheckPaging());
    GS_RETURN_IF_ERROR(ParseAll());

    aggregate_ = !group_items_.empty();
    for (const auto& s : select_items_) {
      if (!s.star && ContainsAggregate(*s.expr)) aggregate_ = true;
    }
    if (scope_.aggregate_only && !aggregate_) {
      return QueryError(
          ErrorKind::kForbidden, "query.aggregate_only",
          "Only aggregate queries are allowed on this resource: use group_by and/or "
          "aggregates such as count(*), sum(), avg() in select.",
          "该资源仅允许聚合查询：请使用 group_by 和/或 count(*)、sum()、avg() 等聚合函数。");
    }
    if (!req_.cursor.empty() && aggregate_) {
      return PagingError("query.cursor_not_allowed",
                         "A cursor cannot be used with group_by or aggregates; use offset.",
                         "分组或聚合查询不能使用游标，请使用 offset。");
    }

    CompiledQuery q;
    q.aggregate = aggregate_;
    Binder b;

    // Group keys first: select and order items are matched against them.
    GS_ASSIGN_OR_RETURN(groups_, CompileGroups(b));
    GS_RETURN_IF_ERROR(CompileSelect(b));
    GS_ASSIGN_OR_RETURN(std::vector<std::string> conditions, CompileConditions(b));
    GS_ASSIGN_OR_RETURN(std::vector<OrderKey> order, CompileOrder(b));

    const bool paged = !export_;
    const bool keyset = paged && !aggregate_;

    // SELECT list.
    std::string select_sql;
    for (size_t i = 0; i < outputs_.size(); ++i) {
      if (i > 0) select_sql += ", ";
      select_sql += outputs_[i].typed.sql + " AS \"_gs_" + std::to_string(i) + "\"";
      q.columns.push_back(OutputColumn{outputs_[i].name, TypeName(outputs_[i].typed.type)});
    }
    if (keyset) {
      for (size_t k = 0; k < order.size(); ++k) {
        select_sql += ", " + order[k].sql + " AS \"_gs_k" + std::to_string(k) + "\"";
      }
      select_sql += ", rowid AS \"_gs_rowid\"";
      q.hidden_columns = order.size() + 1;
    }

    // ORDER BY: the caller's keys, then a tiebreaker that makes the order total.
    std::vector<std::string> order_terms;
    for (const auto& k : order) {
      order_terms.push_back(k.sql + (k.descending ? " DESC" : " ASC") + " NULLS LAST");
    }
    if (!aggregate_ && (paged || !order.empty())) {
      order_terms.push_back("rowid ASC");  // version tables are immutable: rowid is stable
    } else if (aggregate_ && (paged || !order.empty())) {
      for (const auto& g : groups_) {
        bool present = std::any_of(order.begin(), order.end(), [&](const OrderKey& k) {
          return k.expr != nullptr && SameExpr(*k.expr, *g.expr);
        });
        if (!present) order_terms.push_back(g.typed.sql + " ASC NULLS LAST");
      }
    }

    std::string base = "SELECT " + select_sql + " FROM " + scope_.table;
    std::string where_sql = JoinConditions(conditions);
    std::string tail;
    if (!groups_.empty()) {
      tail += " GROUP BY ";
      for (size_t i = 0; i < groups_.size(); ++i) {
        if (i > 0) tail += ", ";
        tail += groups_[i].typed.sql;
      }
    }
    std::string order_sql;
    if (!order_terms.empty()) {
      order_sql = " ORDER BY ";
      for (size_t i = 0; i < order_terms.size(); ++i) {
        if (i > 0) order_sql += ", ";
        order_sql += order_terms[i];
      }
    }

    // Cursors are bound to everything that decides which rows come in which order.
    if (keyset) {
      std::string binding_input = "table\x1f" + scope_.table + "\x1fsql\x1f" + base + where_sql +
                                  tail + order_sql + "\x1fparams";
      for (const auto& p : b.params()) {
        binding_input +=
            "\x1f" + std::string(SqlTypeOfValue(p)) + (p.is_null() ? "~" : ":") + p.ToString();
      }
      Sha256Digest d = Sha256(binding_input);
      q.cursor_binding.assign(reinterpret_cast<const char*>(d.data()), kCursorBindingBytes);
    }

    if (keyset && !req_.cursor.empty()) {
      GS_ASSIGN_OR_RETURN(std::string after, KeysetCondition(q.cursor_binding, order, b));
      where_sql += (where_sql.empty() ? " WHERE " : " AND ") + after;
    }

    q.sql = base + where_sql + tail + order_sql;
    if (paged) {
      // One row more than the page: its presence tells that a next page exists.
      int64_t fetch = aggregate_ ? limit_ : limit_ + 1;
      // Separate statements: the order of Bind() calls fixes the parameter numbers.
      q.sql += " LIMIT " + b.Bind(Value::Int(fetch), "BIGINT");
      q.sql += " OFFSET " + b.Bind(Value::Int(offset_), "BIGINT");
    } else {
      if (limit_ >= 0) q.sql += " LIMIT " + b.Bind(Value::Int(limit_), "BIGINT");
      if (offset_ > 0) q.sql += " OFFSET " + b.Bind(Value::Int(offset_), "BIGINT");
    }
    q.params = std::move(b.params());
    q.limit = limit_;
    q.offset = offset_;

    if (paged && req_.include_total) GS_RETURN_IF_ERROR(CompileCount(q));
    return q;
  }

 private:
  struct Ctx {
    Clause clause = Clause::kWhere;
    bool aggregate_query = false;  // group keys and aggregates are the only things allowed
    bool in_aggregate = false;
    Binder* binder = nullptr;
    const std::vector<GroupKey>* groups = nullptr;
  };

  // ---- setup ----

  Status PrepareScope() {
    if (scope_.table.empty()) {
      return QueryError(ErrorKind::kInternal, "query.scope_invalid", "Query scope has no table.",
                        "查询范围缺少数据表。");
    }
    fields_.reserve(scope_.fields.size());
    for (const auto& f : scope_.fields) {
      auto mask = privacy::ParseMaskKind(f.mask);
      if (!mask) {
        // Fail closed: a mask the compiler does not know must not turn into raw output.
        return QueryError(ErrorKind::kInternal, "query.scope_invalid",
                          "Unknown mask '" + f.mask + "' for field '" + f.name + "'.",
                          "字段“" + f.name + "”的脱敏方式“" + f.mask + "”未知。");
      }
      FieldInfo info;
      info.field = &f;
      info.mask = *mask;
      std::string quoted = storage::QuoteIdentifier(f.name);
      info.sql = privacy::MaskSql(*mask, quoted);
      info.type = *mask == privacy::MaskKind::kNone ? FromCatalogType(f.type) : VType::kString;
      fields_.emplace(f.name, std::move(info));
    }
    return Ok();
  }

  Status CheckPaging() {
    // Fail closed: a scope that allows no rows (max_limit <= 0) allows limit=0 only.
    int64_t max_limit = std::clamp<int64_t>(scope_.max_limit, 0, INT64_MAX - 1);
    if (!export_) {
      limit_ = req_.limit.value_or(std::min(kDefaultLimit, max_limit));
      if (limit_ < 0 || limit_ > max_limit) {
        return PagingError("query.invalid_limit",
                           "limit must be between 0 and " + std::to_string(max_limit) + " (got " +
                               std::to_string(limit_) +
                               "); use the export endpoint for whole datasets.",
                           "limit 须在 0 到 " + std::to_string(max_limit) + " 之间（实际为 " +
                               std::to_string(limit_) + "）；获取全量数据请使用导出接口。");
      }
    } else {
      limit_ = req_.limit.value_or(-1);
      if (req_.limit && limit_ < 0) {
        return PagingError("query.invalid_limit", "limit must not be negative.",
                           "limit 不能为负数。");
      }
    }
    offset_ = req_.offset.value_or(0);
    if (offset_ < 0) {
      return PagingError("query.invalid_offset", "offset must not be negative.",
                         "offset 不能为负数。");
    }
    if (!export_ && offset_ > kMaxOffset) {
      return PagingError("query.offset_too_large",
                         "offset must be at most " + std::to_string(kMaxOffset) +
                             "; page deeper with next_cursor, or use the export endpoint.",
                         "offset 最大为 " + std::to_string(kMaxOffset) +
                             "；更深的翻页请使用 next_cursor，或使用导出接口。");
    }
    if (!req_.cursor.empty()) {
      if (export_) {
        return PagingError("query.cursor_not_allowed", "Exports do not take a cursor.",
                           "导出不接受游标。");
      }
      if (offset_ != 0) {
        return PagingError("query.cursor_with_offset", "Use either cursor or offset, not both.",
                           "cursor 与 offset 不能同时使用。");
      }
    }
    return Ok();
  }

  Status ParseAll() {
    if (!IsBlank(req_.select)) {
      GS_ASSIGN_OR_RETURN(select_items_, ParseSelect(req_.select));
    }
    if (!IsBlank(req_.where)) {
      GS_ASSIGN_OR_RETURN(where_, ParseCondition(req_.where));
    }
    if (!IsBlank(req_.group_by)) {
      GS_ASSIGN_OR_RETURN(group_items_, ParseGroupBy(req_.group_by));
    }
    if (!IsBlank(req_.order_by)) {
      GS_ASSIGN_OR_RETURN(order_items_, ParseOrderBy(req_.order_by));
    }
    return Ok();
  }

  // ---- names ----

  Result<const FieldInfo*> ResolveField(const Expr& e, Clause clause) {
    auto it = fields_.find(e.name);
    if (it == fields_.end()) {
      std::string names;
      size_t n = 0;
      for (const auto& f : scope_.fields) {
        if (n++ == 20) {
          names += ", …";
          break;
        }
        if (!names.empty()) names += ", ";
        names += DisplayIdentifier(f.name);
      }
      return Semantic(ErrorKind::kUnprocessable, "query.unknown_field", clause,
                      "unknown field " + Quote(e.name) + " (fields: " + names + ")",
                      "字段 " + Quote(e.name) + " 不存在（可用字段：" + names + "）");
    }
    if (clause != Clause::kSelect && !it->second.field->filterable) {
      return Semantic(
          ErrorKind::kForbidden, "query.field_not_filterable", clause,
          "field " + Quote(e.name) + " may be read but not used to filter, group or sort",
          "字段 " + Quote(e.name) + " 仅可查看，不可用于筛选、分组或排序");
    }
    return &it->second;
  }

  // Checks that every field an expression reads may steer results (order_by through an alias).
  Status CheckFilterable(const Expr& e, Clause clause) {
    if (e.kind == ExprKind::kField && fields_.count(e.name) != 0) {
      auto r = ResolveField(e, clause);
      if (!r.ok()) return std::move(r).error();
    }
    for (const auto& a : e.args) GS_RETURN_IF_ERROR(CheckFilterable(*a, clause));
    return Ok();
  }

  // ---- literals ----

  Typed BindNative(const Literal& l, Binder& b) {
    switch (l.kind) {
      case Literal::Kind::kNull:
        return {"NULL", VType::kNull};
      case Literal::Kind::kBool:
        return {b.Bind(Value::Bool(l.b), "BOOLEAN"), VType::kBoolean};
      case Literal::Kind::kInt:
        return {b.Bind(Value::Int(l.i), "BIGINT"), VType::kInteger};
      case Literal::Kind::kDouble:
        return {b.Bind(Value::Double(l.d), "DOUBLE"), VType::kNumber};
      case Literal::Kind::kString:
        return {b.Bind(Value::Text(l.s), "VARCHAR"), VType::kString};
      case Literal::Kind::kDate:
        return {b.Bind(Value::Date(l.days), "DATE"), VType::kDate};
      case Literal::Kind::kTimestamp:
        return {b.Bind(Value::Timestamp(l.micros), "TIMESTAMP"), VType::kDatetime};
    }
    return {"NULL", VType::kNull};
  }

  static std::string LiteralKindName(const Literal& l) {
    switch (l.kind) {
      case Literal::Kind::kNull:
        return "null";
      case Literal::Kind::kBool:
        return "boolean";
      case Literal::Kind::kInt:
        return "integer";
      case Literal::Kind::kDouble:
        return "number";
      case Literal::Kind::kString:
        return "string";
      case Literal::Kind::kDate:
        return "date";
      case Literal::Kind::kTimestamp:
        return "timestamp";
    }
    return "value";
  }

  Error Mismatch(Clause c, const Expr& lit, VType target, const std::string& hint,
                 const std::string& hint_zh) {
    return Semantic(ErrorKind::kUnprocessable, "query.type_mismatch", c,
                    "cannot compare a " + TypeName(target) + " with the " +
                        LiteralKindName(lit.literal) + " " + Quote(DisplayExpr(lit)) + hint,
                    TypeName(target) + " 类型不能与" + LiteralKindName(lit.literal) + "值 " +
                        Quote(DisplayExpr(lit)) + " 比较" + hint_zh);
  }

  // A literal used where a value of type `target` is expected: parsed and bound as that type.
  Result<Typed> Coerce(const Expr& lit, VType target, Ctx& ctx) {
    const Literal& l = lit.literal;
    Binder& b = *ctx.binder;
    if (l.kind == Literal::Kind::kNull) {
      return Semantic(ErrorKind::kUnprocessable, "query.type_mismatch", ctx.clause,
                      "null cannot be compared; use IS NULL / IS NOT NULL",
                      "null 不能参与比较，请使用 IS NULL / IS NOT NULL");
    }
    switch (target) {
      case VType::kNull:
        return BindNative(l, b);
      case VType::kBoolean:
        if (l.kind == Literal::Kind::kBool) return BindNative(l, b);
        return Mismatch(ctx.clause, lit, target, " (use true or false)",
                        "（请使用 true 或 false）");
      case VType::kInteger:
      case VType::kNumber:
        if (l.kind == Literal::Kind::kInt || l.kind == Literal::Kind::kDouble)
          return BindNative(l, b);
        return Mismatch(ctx.clause, lit, target, " (write numbers without quotes)",
                        "（数字不要加引号）");
      case VType::kString:
        if (l.kind == Literal::Kind::kString) return BindNative(l, b);
        return Mismatch(ctx.clause, lit, target, " (quote text values: \"...\")",
                        "（文本值请加引号：\"...\"）");
      case VType::kDate:
      case VType::kDatetime:
        if (l.kind == Literal::Kind::kDate || l.kind == Literal::Kind::kTimestamp) {
          return BindNative(l, b);
        }
        if (l.kind == Literal::Kind::kString) {
          if (target == VType::kDate) {
            auto days = ParseIsoDate(l.s);
            if (!days) return BadTemporal(ctx.clause, lit, "date", "日期", "YYYY-MM-DD");
            return Typed{b.Bind(Value::Date(*days), "DATE"), VType::kDate};
          }
          auto micros = ParseIsoTimestamp(l.s);
          if (!micros) {
            return BadTemporal(ctx.clause, lit, "datetime", "日期时间", "YYYY-MM-DDTHH:MM:SS");
          }
          return Typed{b.Bind(Value::Timestamp(*micros), "TIMESTAMP"), VType::kDatetime};
        }
        return Mismatch(ctx.clause, lit, target, " (write dates as date'YYYY-MM-DD')",
                        "（日期请写作 date'YYYY-MM-DD'）");
      case VType::kTime:
        if (l.kind == Literal::Kind::kString) {
          if (!ValidTimeText(l.s)) return BadTemporal(ctx.clause, lit, "time", "时间", "HH:MM:SS");
          return Typed{b.Bind(Value::Text(l.s), "TIME"), VType::kTime};
        }
        return Mismatch(ctx.clause, lit, target, " (write times as \"HH:MM:SS\")",
                        "（时间请写作 \"HH:MM:SS\"）");
      case VType::kOther:
        break;
    }
    return Mismatch(ctx.clause, lit, target, "", "");
  }

  Error BadTemporal(Clause c, const Expr& lit, const std::string& what, const std::string& what_zh,
                    const std::string& format) {
    return Semantic(ErrorKind::kInvalidArgument, "query.invalid_literal", c,
                    Quote(lit.literal.s) + " is not a valid " + what + " (expected " + format + ")",
                    Quote(lit.literal.s) + " 不是有效的" + what_zh + "（格式应为 " + format + "）");
  }

  Error TypeError(Clause c, const Expr& e, const std::string& expected,
                  const std::string& expected_zh, VType got) {
    return Semantic(
        ErrorKind::kUnprocessable, "query.type_mismatch", c,
        Quote(DisplayName(e)) + " must be " + expected + " (it is " + TypeName(got) + ")",
        Quote(DisplayName(e)) + " 必须是" + expected_zh + "（实际为 " + TypeName(got) + "）");
  }

  // Compiles operands that must be mutually comparable. Literals take the type of the first
  // non-literal operand (so "2024-01-31" compared with a date field is bound as a date).
  Result<std::vector<Typed>> Operands(const std::vector<const Expr*>& ops, Ctx& ctx) {
    std::vector<Typed> out(ops.size());
    int anchor = -1;
    for (size_t i = 0; i < ops.size(); ++i) {
      if (ops[i]->kind != ExprKind::kLiteral) {
        anchor = static_cast<int>(i);
        break;
      }
    }
    VType target = VType::kNull;
    if (anchor >= 0) {
      GS_ASSIGN_OR_RETURN(out[anchor], Compile(*ops[anchor], ctx));
      target = out[anchor].type;
      if (TypeClass(target) == 0) {
        return Semantic(
            ErrorKind::kUnprocessable, "query.type_mismatch", ctx.clause,
            Quote(DisplayName(*ops[anchor])) + " (" + TypeName(target) + ") cannot be compared",
            Quote(DisplayName(*ops[anchor])) + "（" + TypeName(target) + "）不能比较");
      }
    }
    for (size_t i = 0; i < ops.size(); ++i) {
      if (static_cast<int>(i) == anchor) continue;
      const Expr& e = *ops[i];
      if (e.kind == ExprKind::kLiteral) {
        GS_ASSIGN_OR_RETURN(out[i], Coerce(e, target, ctx));
        if (target == VType::kNull) target = out[i].type;
        continue;
      }
      GS_ASSIGN_OR_RETURN(out[i], Compile(e, ctx));
      if (!Comparable(out[i].type, target)) {
        return Semantic(ErrorKind::kUnprocessable, "query.type_mismatch", ctx.clause,
                        "cannot compare " + Quote(DisplayName(*ops[anchor])) + " (" +
                            TypeName(target) + ") with " + Quote(DisplayName(e)) + " (" +
                            TypeName(out[i].type) + ")",
                        Quote(DisplayName(*ops[anchor])) + "（" + TypeName(target) + "）不能与 " +
                            Quote(DisplayName(e)) + "（" + TypeName(out[i].type) + "）比较");
      }
    }
    if (anchor < 0) {
      // Only literals: they must still be comparable with each other.
      for (size_t i = 1; i < out.size(); ++i) {
        if (!Comparable(out[0].type, out[i].type)) {
          return Semantic(
              ErrorKind::kUnprocessable, "query.type_mismatch", ctx.clause,
              "cannot compare " + Quote(DisplayExpr(*ops[0])) + " with " +
                  Quote(DisplayExpr(*ops[i])),
              Quote(DisplayExpr(*ops[0])) + " 不能与 " + Quote(DisplayExpr(*ops[i])) + " 比较");
        }
      }
    }
    return out;
  }

  // ---- expressions ----

  Result<Typed> Compile(const Expr& e, Ctx& ctx) {
    // In an aggregate query, anything outside an aggregate must be a group key.
    if (ctx.aggregate_query && !ctx.in_aggregate && ctx.groups != nullptr &&
        e.kind != ExprKind::kLiteral) {
      for (const auto& g : *ctx.groups) {
        if (SameExpr(e, *g.expr)) return g.typed;
      }
    }
    switch (e.kind) {
      case ExprKind::kLiteral:
        return BindNative(e.literal, *ctx.binder);
      case ExprKind::kField:
        return CompileField(e, ctx);
      case ExprKind::kStar:
        return Semantic(ErrorKind::kInvalidArgument, "query.syntax", ctx.clause,
                        "'*' is only allowed in count(*)", "“*”只能用于 count(*)");
      case ExprKind::kNot: {
        GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
        if (a.type != VType::kBoolean)
          return TypeError(ctx.clause, *e.args[0], "a condition", "条件", a.type);
        return Typed{"(NOT " + a.sql + ")", VType::kBoolean};
      }
      case ExprKind::kNegate: {
        GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
        if (!IsNumeric(a.type))
          return TypeError(ctx.clause, *e.args[0], "a number", "数值", a.type);
        return Typed{"(- " + a.sql + ")", a.type};
      }
      case ExprKind::kAnd:
      case ExprKind::kOr: {
        std::string sql = "(";
        for (size_t i = 0; i < e.args.size(); ++i) {
          GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[i], ctx));
          if (a.type != VType::kBoolean) {
            return TypeError(ctx.clause, *e.args[i], "a condition", "条件", a.type);
          }
          if (i > 0) sql += e.kind == ExprKind::kAnd ? " AND " : " OR ";
          sql += a.sql;
        }
        return Typed{sql + ")", VType::kBoolean};
      }
      case ExprKind::kCompare: {
        for (const auto& a : e.args) {
          if (a->kind == ExprKind::kLiteral && a->literal.kind == Literal::Kind::kNull) {
            return Semantic(ErrorKind::kUnprocessable, "query.type_mismatch", ctx.clause,
                            "null cannot be compared; use IS NULL / IS NOT NULL",
                            "null 不能参与比较，请使用 IS NULL / IS NOT NULL");
          }
        }
        GS_ASSIGN_OR_RETURN(std::vector<Typed> ops,
                            Operands({e.args[0].get(), e.args[1].get()}, ctx));
        static constexpr std::string_view kSql[] = {" = ", " <> ", " < ", " <= ", " > ", " >= "};
        return Typed{
            "(" + ops[0].sql + std::string(kSql[static_cast<int>(e.cmp)]) + ops[1].sql + ")",
            VType::kBoolean};
      }
      case ExprKind::kArith:
        return CompileArith(e, ctx);
      case ExprKind::kIn: {
        std::vector<const Expr*> ops;
        for (const auto& a : e.args) {
          if (a->kind == ExprKind::kLiteral && a->literal.kind == Literal::Kind::kNull) {
            return Semantic(ErrorKind::kUnprocessable, "query.type_mismatch", ctx.clause,
                            "null cannot be in an IN list; use IS NULL",
                            "IN 列表中不能有 null，请使用 IS NULL");
          }
          ops.push_back(a.get());
        }
        GS_ASSIGN_OR_RETURN(std::vector<Typed> t, Operands(ops, ctx));
        std::string sql = "(" + t[0].sql + (e.negated ? " NOT IN (" : " IN (");
        for (size_t i = 1; i < t.size(); ++i) {
          if (i > 1) sql += ", ";
          sql += t[i].sql;
        }
        return Typed{sql + "))", VType::kBoolean};
      }
      case ExprKind::kBetween: {
        for (const auto& a : e.args) {
          if (a->kind == ExprKind::kLiteral && a->literal.kind == Literal::Kind::kNull) {
            return Semantic(ErrorKind::kUnprocessable, "query.type_mismatch", ctx.clause,
                            "null cannot be a BETWEEN bound", "BETWEEN 的边界不能是 null");
          }
        }
        GS_ASSIGN_OR_RETURN(std::vector<Typed> t,
                            Operands({e.args[0].get(), e.args[1].get(), e.args[2].get()}, ctx));
        return Typed{"(" + t[0].sql + (e.negated ? " NOT BETWEEN " : " BETWEEN ") + t[1].sql +
                         " AND " + t[2].sql + ")",
                     VType::kBoolean};
      }
      case ExprKind::kIsNull: {
        GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
        return Typed{"(" + a.sql + (e.negated ? " IS NOT NULL)" : " IS NULL)"), VType::kBoolean};
      }
      case ExprKind::kLike: {
        GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
        if (a.type != VType::kString)
          return TypeError(ctx.clause, *e.args[0], "text", "文本", a.type);
        const Expr& p = *e.args[1];
        if (p.kind != ExprKind::kLiteral || p.literal.kind != Literal::Kind::kString) {
          return Semantic(ErrorKind::kUnprocessable, "query.type_mismatch", ctx.clause,
                          "LIKE takes a quoted pattern, e.g. name LIKE \"张%\"",
                          "LIKE 之后须为带引号的模式，例如 name LIKE \"张%\"");
        }
        std::string pat = ctx.binder->Bind(Value::Text(p.literal.s), "VARCHAR");
        return Typed{"(" + a.sql + (e.negated ? " NOT LIKE " : " LIKE ") + pat + ")",
                     VType::kBoolean};
      }
      case ExprKind::kCall:
        return CompileCall(e, ctx);
    }
    return Semantic(ErrorKind::kInvalidArgument, "query.syntax", ctx.clause,
                    "unsupported expression", "不支持的表达式");
  }

  Result<Typed> CompileField(const Expr& e, Ctx& ctx) {
    if (ctx.aggregate_query && !ctx.in_aggregate && ctx.groups != nullptr) {
      for (const auto& g : *ctx.groups) {
        if (!g.alias.empty() && g.alias == e.name) return g.typed;
      }
    }
    GS_ASSIGN_OR_RETURN(const FieldInfo* f, ResolveField(e, ctx.clause));
    if (ctx.aggregate_query && !ctx.in_aggregate) {
      return Semantic(ErrorKind::kUnprocessable, "query.not_grouped", ctx.clause,
                      "field " + Quote(e.name) +
                          " must be a group_by key or inside an aggregate such as count(), "
                          "sum(), min()",
                      "字段 " + Quote(e.name) +
                          " 必须是 group_by 分组项，或位于 count()、sum()、"
                          "min() 等聚合函数内");
    }
    return Typed{f->sql, f->type};
  }

  Result<Typed> CompileArith(const Expr& e, Ctx& ctx) {
    Typed t[2];
    for (int i = 0; i < 2; ++i) {
      const Expr& a = *e.args[i];
      if (a.kind == ExprKind::kLiteral && a.literal.kind != Literal::Kind::kInt &&
          a.literal.kind != Literal::Kind::kDouble) {
        return TypeError(ctx.clause, a, "a number", "数值", VType::kString);
      }
      GS_ASSIGN_OR_RETURN(t[i], Compile(a, ctx));
      if (!IsNumeric(t[i].type)) return TypeError(ctx.clause, a, "a number", "数值", t[i].type);
    }
    static constexpr std::string_view kOps[] = {" + ", " - ", " * ", " / "};
    VType type =
        (e.arith == ArithOp::kDiv || t[0].type == VType::kNumber || t[1].type == VType::kNumber)
            ? VType::kNumber
            : VType::kInteger;
    return Typed{"(" + t[0].sql + std::string(kOps[static_cast<int>(e.arith)]) + t[1].sql + ")",
                 type};
  }

  Status Arity(const Expr& e, Ctx& ctx, size_t min, size_t max, const std::string& usage) {
    if (e.args.size() < min || e.args.size() > max) {
      return Semantic(ErrorKind::kUnprocessable, "query.wrong_arguments", ctx.clause,
                      "wrong arguments for " + e.name + "(): use " + usage,
                      e.name + "() 的参数不正确，用法：" + usage);
    }
    for (const auto& a : e.args) {
      if (a->kind == ExprKind::kStar && e.name != "count") {
        return Semantic(ErrorKind::kUnprocessable, "query.wrong_arguments", ctx.clause,
                        "'*' is only allowed in count(*)", "“*”只能用于 count(*)");
      }
    }
    return Ok();
  }

  Result<Typed> CompileAggregate(const Expr& e, Ctx& ctx) {
    if (ctx.clause == Clause::kWhere || ctx.clause == Clause::kGroupBy) {
      return Semantic(
          ErrorKind::kUnprocessable, "query.aggregate_not_allowed", ctx.clause,
          e.name +
              "() is an aggregate and cannot be used here (aggregates belong in "
              "select and order_by)",
          e.name + "() 是聚合函数，不能用于此处（聚合函数只能用于 select 和 order_by）");
    }
    if (!ctx.aggregate_query) {
      return Semantic(ErrorKind::kUnprocessable, "query.aggregate_not_allowed", ctx.clause,
                      "order_by can use " + e.name + "() only when select or group_by aggregates",
                      "只有在 select 或 group_by 进行聚合时，order_by 才能使用 " + e.name + "()");
    }
    if (ctx.in_aggregate) {
      return Semantic(ErrorKind::kUnprocessable, "query.nested_aggregate", ctx.clause,
                      "aggregates cannot be nested (" + e.name + "() inside another aggregate)",
                      "聚合函数不能嵌套（" + e.name + "() 位于另一个聚合函数内）");
    }
    GS_RETURN_IF_ERROR(Arity(e, ctx, 1, 1, e.name + "(field)"));
    if (e.args[0]->kind == ExprKind::kStar) {
      return Typed{"count(*)", VType::kInteger};
    }
    ctx.in_aggregate = true;
    auto arg = Compile(*e.args[0], ctx);
    ctx.in_aggregate = false;
    if (!arg.ok()) return std::move(arg).error();
    const Typed& a = *arg;
    if (e.name == "count") return Typed{"count(" + a.sql + ")", VType::kInteger};
    if (e.name == "count_distinct") return Typed{"count(DISTINCT " + a.sql + ")", VType::kInteger};
    if (e.name == "sum" || e.name == "avg") {
      if (!IsNumeric(a.type)) return TypeError(ctx.clause, *e.args[0], "a number", "数值", a.type);
      if (e.name == "avg") return Typed{"avg(" + a.sql + ")", VType::kNumber};
      return Typed{"sum(" + a.sql + ")", a.type};
    }
    // min, max
    if (a.type == VType::kOther || a.type == VType::kNull) {
      return TypeError(ctx.clause, *e.args[0], "a comparable value", "可比较的值", a.type);
    }
    return Typed{e.name + "(" + a.sql + ")", a.type};
  }

  Result<Typed> CompileCall(const Expr& e, Ctx& ctx) {
    const std::string& n = e.name;
    if (IsAggregateName(n)) return CompileAggregate(e, ctx);

    if (n == "year" || n == "month" || n == "day" || n == "hour" || n == "minute") {
      GS_RETURN_IF_ERROR(Arity(e, ctx, 1, 1, n + "(field)"));
      GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
      bool ok = (n == "hour" || n == "minute")
                    ? (a.type == VType::kDatetime || a.type == VType::kTime)
                    : IsDateLike(a.type);
      if (!ok) return TypeError(ctx.clause, *e.args[0], "a date or time", "日期或时间", a.type);
      return Typed{n + "(" + a.sql + ")", VType::kInteger};
    }
    if (n == "date_trunc") {
      GS_RETURN_IF_ERROR(Arity(e, ctx, 2, 2, "date_trunc('month', field)"));
      const Expr& u = *e.args[0];
      const DateUnit* unit = nullptr;
      if (u.kind == ExprKind::kLiteral && u.literal.kind == Literal::Kind::kString) {
        for (const auto& du : kDateUnits) {
          if (du.name == u.literal.s) unit = &du;
        }
      }
      if (unit == nullptr) {
        return Semantic(
            ErrorKind::kUnprocessable, "query.invalid_date_unit", ctx.clause,
            "date_trunc unit must be one of 'year', 'quarter', 'month', 'week', 'day', "
            "'hour'",
            "date_trunc 的单位只能是 'year'、'quarter'、'month'、'week'、'day'、'hour'");
      }
      GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[1], ctx));
      if (!IsDateLike(a.type)) return TypeError(ctx.clause, *e.args[1], "a date", "日期", a.type);
      // The unit text comes from the whitelist above, not from the request.
      std::string call = "date_trunc('" + std::string(unit->name) + "', " + a.sql + ")";
      if (unit->to_date) return Typed{"CAST(" + call + " AS DATE)", VType::kDate};
      return Typed{"CAST(" + call + " AS TIMESTAMP)", VType::kDatetime};
    }
    if (n == "lower" || n == "upper" || n == "length") {
      GS_RETURN_IF_ERROR(Arity(e, ctx, 1, 1, n + "(field)"));
      GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
      if (a.type != VType::kString)
        return TypeError(ctx.clause, *e.args[0], "text", "文本", a.type);
      return Typed{n + "(" + a.sql + ")", n == "length" ? VType::kInteger : VType::kString};
    }
    if (n == "abs") {
      GS_RETURN_IF_ERROR(Arity(e, ctx, 1, 1, "abs(number)"));
      GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
      if (!IsNumeric(a.type)) return TypeError(ctx.clause, *e.args[0], "a number", "数值", a.type);
      return Typed{"abs(" + a.sql + ")", a.type};
    }
    if (n == "round") {
      GS_RETURN_IF_ERROR(Arity(e, ctx, 1, 2, "round(number) or round(number, digits)"));
      GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
      if (!IsNumeric(a.type)) return TypeError(ctx.clause, *e.args[0], "a number", "数值", a.type);
      if (e.args.size() == 1) return Typed{"round(" + a.sql + ")", a.type};
      const Expr& d = *e.args[1];
      if (d.kind != ExprKind::kLiteral || d.literal.kind != Literal::Kind::kInt ||
          d.literal.i < -18 || d.literal.i > 18) {
        return Semantic(ErrorKind::kUnprocessable, "query.wrong_arguments", ctx.clause,
                        "round() digits must be an integer from -18 to 18",
                        "round() 的位数必须是 -18 到 18 之间的整数");
      }
      return Typed{
          "round(" + a.sql + ", " + ctx.binder->Bind(Value::Int(d.literal.i), "INTEGER") + ")",
          a.type};
    }
    if (n == "startswith") {
      GS_RETURN_IF_ERROR(Arity(e, ctx, 2, 2, "startswith(field, \"prefix\")"));
      GS_ASSIGN_OR_RETURN(Typed a, Compile(*e.args[0], ctx));
      if (a.type != VType::kString)
        return TypeError(ctx.clause, *e.args[0], "text", "文本", a.type);
      const Expr& p = *e.args[1];
      if (p.kind != ExprKind::kLiteral || p.literal.kind != Literal::Kind::kString) {
        return Semantic(ErrorKind::kUnprocessable, "query.wrong_arguments", ctx.clause,
                        "startswith() takes a quoted prefix: startswith(field, \"prefix\")",
                        "startswith() 的前缀须加引号：startswith(field, \"prefix\")");
      }
      return Typed{"starts_with(" + a.sql + ", " +
                       ctx.binder->Bind(Value::Text(p.literal.s), "VARCHAR") + ")",
                   VType::kBoolean};
    }
    if (n == "search") {
      GS_RETURN_IF_ERROR(Arity(e, ctx, 1, 1, "search(\"text\")"));
      if (ctx.clause != Clause::kWhere) {
        return Semantic(ErrorKind::kUnprocessable, "query.wrong_arguments", ctx.clause,
                        "search() is only allowed in where", "search() 只能用于 where");
      }
      const Expr& p = *e.args[0];
      if (p.kind != ExprKind::kLiteral || p.literal.kind != Literal::Kind::kString) {
        return Semantic(ErrorKind::kUnprocessable, "query.wrong_arguments", ctx.clause,
                        "search() takes quoted text: search(\"text\")",
                        "search() 的参数须为带引号的文本：search(\"text\")");
      }
      // Case-insensitive substring over the text fields the caller may filter on (masked ones
      // through their mask, so the search cannot reveal hidden characters).
      std::string needle = "lower(" + ctx.binder->Bind(Value::Text(p.literal.s), "VARCHAR") + ")";
      std::string sql;
      for (const auto& f : scope_.fields) {
        const FieldInfo& info = fields_.at(f.name);
        if (info.type != VType::kString || !f.filterable) continue;
        if (!sql.empty()) sql += " OR ";
        sql += "contains(lower(" + info.sql + "), " + needle + ")";
      }
      if (sql.empty()) return Typed{"FALSE", VType::kBoolean};
      return Typed{"(" + sql + ")", VType::kBoolean};
    }
    return Semantic(
        ErrorKind::kUnprocessable, "query.unknown_function", ctx.clause,
        "unknown function " + Quote(n) + "() (available: " + std::string(kFunctionList) + ")",
        "未知函数 " + Quote(n) + "()（可用：" + std::string(kFunctionList) + "）");
  }

  // ---- clauses ----

  bool IsFieldName(const std::string& name) const { return fields_.count(name) != 0; }

  Result<std::vector<GroupKey>> CompileGroups(Binder& b) {
    std::vector<GroupKey> keys;
    std::unordered_set<std::string> aliases;
    for (const auto& g : group_items_) {
      Ctx ctx;
      ctx.clause = Clause::kGroupBy;
      ctx.binder = &b;
      GS_ASSIGN_OR_RETURN(Typed t, Compile(*g.expr, ctx));
      if (!g.alias.empty()) {
        bool same_field = g.expr->kind == ExprKind::kField && g.expr->name == g.alias;
        if (IsFieldName(g.alias) && !same_field) return AliasConflict(Clause::kGroupBy, g.alias);
        if (!aliases.insert(g.alias).second) return Duplicate(Clause::kGroupBy, g.alias);
      }
      keys.push_back(GroupKey{g.expr.get(), g.alias, std::move(t)});
    }
    return keys;
  }

  Error AliasConflict(Clause c, const std::string& alias) {
    return Semantic(ErrorKind::kUnprocessable, "query.alias_conflict", c,
                    "alias " + Quote(alias) + " is already the name of a field",
                    "别名 " + Quote(alias) + " 与字段名重复");
  }
  Error Duplicate(Clause c, const std::string& name) {
    return Semantic(ErrorKind::kUnprocessable, "query.duplicate_name", c,
                    "the output name " + Quote(name) + " appears twice (add AS with another name)",
                    "输出名称 " + Quote(name) + " 重复（请用 AS 另起名称）");
  }

  Status CompileSelect(Binder& b) {
    Ctx ctx;
    ctx.clause = Clause::kSelect;
    ctx.aggregate_query = aggregate_;
    ctx.binder = &b;
    ctx.groups = &groups_;
    std::unordered_set<std::string> names;
    auto add = [&](OutItem item) -> Status {
      if (!names.insert(item.name).second) return Duplicate(Clause::kSelect, item.name);
      outputs_.push_back(std::move(item));
      return Ok();
    };
    if (select_items_.empty()) {
      if (aggregate_) {
        for (const auto& g : groups_) {
          std::string name = !g.alias.empty()                   ? g.alias
                             : g.expr->kind == ExprKind::kField ? g.expr->name
                                                                : DisplayName(*g.expr);
          GS_RETURN_IF_ERROR(add(OutItem{name, g.typed, g.expr, g.alias}));
        }
      } else {
        for (const auto& f : scope_.fields) {
          const FieldInfo& info = fields_.at(f.name);
          GS_RETURN_IF_ERROR(add(OutItem{f.name, Typed{info.sql, info.type}, nullptr, ""}));
        }
      }
      return Ok();
    }
    for (const auto& s : select_items_) {
      if (s.star) {
        if (aggregate_) {
          return Semantic(ErrorKind::kUnprocessable, "query.not_grouped", Clause::kSelect,
                          "'*' cannot be combined with group_by or aggregates; list group keys and "
                          "aggregates",
                          "“*”不能与 group_by 或聚合函数同时使用，请列出分组项和聚合函数");
        }
        for (const auto& f : scope_.fields) {
          const FieldInfo& info = fields_.at(f.name);
          GS_RETURN_IF_ERROR(add(OutItem{f.name, Typed{info.sql, info.type}, nullptr, ""}));
        }
        continue;
      }
      GS_ASSIGN_OR_RETURN(Typed t, Compile(*s.expr, ctx));
      std::string name;
      if (!s.alias.empty()) {
        bool same_field = s.expr->kind == ExprKind::kField && s.expr->name == s.alias;
        if (IsFieldName(s.alias) && !same_field) return AliasConflict(Clause::kSelect, s.alias);
        for (const auto& g : groups_) {
          if (g.alias == s.alias && !SameExpr(*g.expr, *s.expr) &&
              !(s.expr->kind == ExprKind::kField && s.expr->name == g.alias)) {
            return Semantic(ErrorKind::kUnprocessable, "query.alias_conflict", Clause::kSelect,
                            "alias " + Quote(s.alias) + " already names a different group_by key",
                            "别名 " + Quote(s.alias) + " 已用于另一个 group_by 分组项");
          }
        }
        name = s.alias;
      } else if (s.expr->kind == ExprKind::kField) {
        name = s.expr->name;
      } else {
        name = DisplayName(*s.expr);
      }
      GS_RETURN_IF_ERROR(add(OutItem{name, std::move(t), s.expr.get(), s.alias}));
    }
    return Ok();
  }

  // Row filters (always) and the caller's where, each parenthesized, to be AND-ed.
  Result<std::vector<std::string>> CompileConditions(Binder& b) {
    std::vector<std::string> out;
    for (const auto& rf : scope_.row_filters) {
      std::string col = storage::QuoteIdentifier(rf.field);
      switch (rf.op) {
        case RowFilter::Op::kEquals: {
          if (rf.values.size() != 1) {
            return QueryError(ErrorKind::kInternal, "query.scope_invalid",
                              "Row filter on '" + rf.field + "' needs exactly one value.",
                              "字段“" + rf.field + "”的行过滤条件须有且仅有一个值。");
          }
          const Value& v = rf.values[0];
          if (v.is_null()) {
            out.push_back("(" + col + " IS NULL)");
          } else {
            out.push_back("(" + col + " = " + b.Bind(v, SqlTypeOfValue(v)) + ")");
          }
          break;
        }
        case RowFilter::Op::kIn: {
          if (rf.values.empty()) {
            out.push_back("FALSE");
            break;
          }
          std::string s = "(" + col + " IN (";
          for (size_t i = 0; i < rf.values.size(); ++i) {
            if (i > 0) s += ", ";
            s += b.Bind(rf.values[i], SqlTypeOfValue(rf.values[i]));
          }
          out.push_back(s + "))");
          break;
        }
        case RowFilter::Op::kPrefix: {
          if (rf.values.empty()) {
            out.push_back("FALSE");
            break;
          }
          std::string s = "(";
          for (size_t i = 0; i < rf.values.size(); ++i) {
            if (i > 0) s += " OR ";
            s += "starts_with(CAST(" + col + " AS VARCHAR), " +
                 b.Bind(Value::Text(rf.values[i].ToString()), "VARCHAR") + ")";
          }
          out.push_back(s + ")");
          break;
        }
      }
    }
    if (where_) {
      Ctx ctx;
      ctx.clause = Clause::kWhere;
      ctx.binder = &b;
      GS_ASSIGN_OR_RETURN(Typed t, Compile(*where_, ctx));
      if (t.type != VType::kBoolean) {
        return Semantic(ErrorKind::kUnprocessable, "query.type_mismatch", Clause::kWhere,
                        "must be a condition (e.g. field = value), not a " + TypeName(t.type),
                        "必须是条件（例如 field = value），而不是 " + TypeName(t.type));
      }
      out.push_back(t.sql);
    }
    return out;
  }

  static std::string JoinConditions(const std::vector<std::string>& conds) {
    std::string s;
    for (size_t i = 0; i < conds.size(); ++i) s += (i == 0 ? " WHERE " : " AND ") + conds[i];
    return s;
  }

  Result<std::vector<OrderKey>> CompileOrder(Binder& b) {
    std::vector<OrderKey> keys;
    Ctx ctx;
    ctx.clause = Clause::kOrderBy;
    ctx.aggregate_query = aggregate_;
    ctx.binder = &b;
    ctx.groups = &groups_;
    for (const auto& o : order_items_) {
      const Expr& e = *o.expr;
      // A select alias (or an output name) refers to that select item.
      const OutItem* alias_of = nullptr;
      if (e.kind == ExprKind::kField) {
        for (const auto& out : outputs_) {
          if (!out.alias.empty() && out.alias == e.name) alias_of = &out;
        }
      }
      if (alias_of != nullptr) {
        if (alias_of->expr != nullptr)
          GS_RETURN_IF_ERROR(CheckFilterable(*alias_of->expr, Clause::kOrderBy));
        keys.push_back(OrderKey{alias_of->typed.sql, o.descending, alias_of->expr});
        continue;
      }
      GS_ASSIGN_OR_RETURN(Typed t, Compile(e, ctx));
      if (t.type == VType::kOther) {
        return TypeError(Clause::kOrderBy, e, "a sortable value", "可排序的值", t.type);
      }
      keys.push_back(OrderKey{t.sql, o.descending, &e});
    }
    return keys;
  }

  // Keyset predicate "after the cursor row" for keys k1..kn (ASC/DESC, NULLS LAST) then rowid:
  //   (k1 after v1) OR (k1 = v1 AND k2 after v2) OR … OR (k1 = v1 AND … AND kn = vn AND rowid > r)
  // where "after v" is "k > v OR k IS NULL" (ASC) / "k < v OR k IS NULL" (DESC), nothing after a
  // NULL (nulls come last), and "= NULL" is "IS NULL". Values are bound parameters.
  Result<std::string> KeysetCondition(const std::string& binding,
                                      const std::vector<OrderKey>& order, Binder& b) {
    GS_ASSIGN_OR_RETURN(CursorPayload c, DecodeCursor(req_.cursor, scope_.cursor_key));
    if (c.binding != binding || c.keys.size() != order.size()) {
      return QueryError(
          ErrorKind::kInvalidArgument, "query.invalid_cursor",
          "Invalid cursor: it was issued for a different query. Use it with the same "
          "select, where, group_by and order_by.",
          "游标无效：它属于另一个查询。请保持 select、where、group_by、order_by 不变。");
    }
    std::vector<std::string> terms;
    std::vector<std::string> equal_prefix;
    for (size_t k = 0; k < order.size(); ++k) {
      const std::string& key = order[k].sql;
      if (c.keys[k].is_null()) {
        equal_prefix.push_back("(" + key + " IS NULL)");
        continue;  // nothing sorts after NULL in this key
      }
      std::string p = b.Bind(c.keys[k].ToValue(), c.keys[k].SqlType());
      std::string after =
          "(" + key + (order[k].descending ? " < " : " > ") + p + " OR " + key + " IS NULL)";
      std::string term;
      for (const auto& eq : equal_prefix) term += eq + " AND ";
      terms.push_back("(" + term + after + ")");
      equal_prefix.push_back("(" + key + " = " + p + ")");
    }
    std::string last;
    for (const auto& eq : equal_prefix) last += eq + " AND ";
    terms.push_back("(" + last + "rowid > " + b.Bind(Value::Int(c.rowid), "BIGINT") + ")");
    std::string s = "(";
    for (size_t i = 0; i < terms.size(); ++i) s += (i == 0 ? "" : " OR ") + terms[i];
    return s + ")";
  }

  Status CompileCount(CompiledQuery& q) {
    Binder b;
    GS_ASSIGN_OR_RETURN(std::vector<GroupKey> groups, CompileGroups(b));
    GS_ASSIGN_OR_RETURN(std::vector<std::string> conds, CompileConditions(b));
    std::string where_sql = JoinConditions(conds);
    if (!aggregate_) {
      q.count_sql = "SELECT count(*) FROM " + scope_.table + where_sql;
    } else if (groups.empty()) {
      q.count_sql = "SELECT CAST(1 AS BIGINT)";
      b.params().clear();
    } else {
      std::string keys;
      for (size_t i = 0; i < groups.size(); ++i) keys += (i == 0 ? "" : ", ") + groups[i].typed.sql;
      q.count_sql = "SELECT count(*) FROM (SELECT 1 FROM " + scope_.table + where_sql +
                    " GROUP BY " + keys + ") AS \"_gs_groups\"";
    }
    q.count_params = std::move(b.params());
    return Ok();
  }

  const RecordsRequest& req_;
  const QueryScope& scope_;
  const bool export_;
  std::unordered_map<std::string, FieldInfo> fields_;
  std::vector<SelectItem> select_items_;
  ExprPtr where_;
  std::vector<GroupItem> group_items_;
  std::vector<OrderItem> order_items_;
  std::vector<GroupKey> groups_;
  std::vector<OutItem> outputs_;
  bool aggregate_ = false;
  int64_t limit_ = 0;
  int64_t offset_ = 0;
};

}  // namespace

Result<CompiledQuery> CompileRecords(const RecordsRequest& request, const QueryScope& scope) {
  return RequestCompiler(request, scope, /*export_mode=*/false).Run();
}

Result<CompiledQuery> CompileExport(const RecordsRequest& request, const QueryScope& scope) {
  return RequestCompiler(request, scope, /*export_mode=*/true).Run();
}

}  // namespace gongshu::query
