#pragma once
// Hard limits of the records query language (查询限制). They bound the work a single request can
// ask for before anything reaches the engine; docs/query-language.md publishes them.
#include <cstddef>
#include <cstdint>

namespace gongshu::query {

inline constexpr size_t kMaxClauseBytes = 4096;     // each of select, where, group_by, order_by
inline constexpr int kMaxExpressionDepth = 64;      // nesting of operators, calls, parentheses
inline constexpr size_t kMaxInListValues = 1000;    // values in one IN (...) list
inline constexpr size_t kMaxSelectItems = 100;      // items written in select (before * expands)
inline constexpr size_t kMaxGroupKeys = 16;         // group_by items
inline constexpr size_t kMaxOrderKeys = 16;         // order_by items
inline constexpr size_t kMaxNumberLength = 64;      // characters of one numeric literal
inline constexpr int64_t kDefaultLimit = 100;       // records page size when limit is absent
inline constexpr int64_t kDefaultMaxLimit = 10000;  // records page cap (QueryScope::max_limit)
inline constexpr int64_t kMaxOffset = 1000000;      // deeper pages must use the cursor
inline constexpr size_t kMaxCursorLength = 4096;    // characters of a cursor token

}  // namespace gongshu::query
