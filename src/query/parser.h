#pragma once
// Recursive-descent parser of the records query language (an ODSQL subset). Grammar
// (keywords case-insensitive; see docs/query-language.md):
//
//   condition  := or
//   or         := and (OR and)*
//   and        := not (AND not)*
//   not        := NOT not | predicate
//   predicate  := sum [ cmp_op sum
//                     | [NOT] IN '(' literal (',' literal)* ')'
//                     | [NOT] BETWEEN sum AND sum
//                     | [NOT] LIKE sum
//                     | IS [NOT] NULL ]
//   sum        := product (('+' | '-') product)*
//   product    := unary (('*' | '/') unary)*
//   unary      := '-' unary | primary
//   primary    := literal | field | name '(' [arg (',' arg)*] ')' | '(' or ')'
//   arg        := or | '*'
//   literal    := number | string | TRUE | FALSE | NULL
//               | DATE string | TIMESTAMP string | DATETIME string
//   field      := bare_name | `backquoted name`
//   cmp_op     := '=' | '==' | '!=' | '<>' | '<' | '<=' | '>' | '>='
//
//   select     := select_item (',' select_item)*      select_item := '*' | or [AS name]
//   group_by   := or [AS name] (',' or [AS name])*
//   order_by   := or [ASC | DESC] (',' or [ASC | DESC])*
//
// Limits (query_limits.h): clause length, expression depth, IN list size, item counts.
#include <string_view>
#include <vector>

#include "core/result.h"
#include "query/ast.h"

namespace gongshu::query {

// Each returns a 400-class error (query.syntax, query.too_long, query.too_deep, …) on bad input.
Result<ExprPtr> ParseCondition(std::string_view text);  // where; empty text is an error
Result<std::vector<SelectItem>> ParseSelect(std::string_view text);
Result<std::vector<GroupItem>> ParseGroupBy(std::string_view text);
Result<std::vector<OrderItem>> ParseOrderBy(std::string_view text);

// True when `text` has nothing but whitespace (the clause is absent).
bool IsBlank(std::string_view text);

}  // namespace gongshu::query
