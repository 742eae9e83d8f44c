#pragma once
// 记录查询请求: what a caller asked for on /records or /export, as raw strings from the URL. The
// API layer only splits the query string; every clause is parsed and checked by the compiler.
#include <cstdint>
#include <optional>
#include <string>

namespace gongshu::query {

struct RecordsRequest {
  std::string select;             // "" or "*": all fields; else items "expr [AS alias], ..."
  std::string where;              // condition; "" = all rows
  std::string group_by;           // "expr [AS alias], ..."
  std::string order_by;           // "expr [ASC|DESC], ..."
  std::optional<int64_t> limit;   // records: default kDefaultLimit, at most QueryScope::max_limit
  std::optional<int64_t> offset;  // records: at most kMaxOffset (use the cursor beyond)
  std::string cursor;             // opaque keyset cursor from a previous page's next_cursor
  bool include_total = false;     // also count the matching rows (total_count)
};

}  // namespace gongshu::query
