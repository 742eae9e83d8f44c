#pragma once
// The SQL a records or export request compiles to. Identifiers in `sql` come only from the scope
// (quoted); every value from the request is a bound parameter in `params`.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "storage/value.h"

namespace gongshu::query {

struct OutputColumn {
  std::string name;  // field name or alias as the caller sees it (JSON key, CSV header)
  std::string type;  // string|integer|number|boolean|date|datetime|time|other
};

struct CompiledQuery {
  // The page query (records: fetches limit + 1 rows so a following page can be detected) or the
  // whole export. Result columns are named "_gs_0", "_gs_1"…: output names never become SQL text.
  std::string sql;
  storage::Params params;
  // Counts the rows of the whole (filtered, grouped) result; empty unless include_total.
  std::string count_sql;
  storage::Params count_params;
  std::vector<OutputColumn> columns;  // emitted columns, in order (the first columns of `sql`)
  size_t hidden_columns = 0;  // trailing columns of `sql` (order keys + rowid) for next_cursor
  int64_t limit = 0;          // records: rows per page; export: -1 when unlimited
  int64_t offset = 0;
  bool aggregate = false;      // group_by or aggregates: no cursor, no rowid
  std::string cursor_binding;  // hash binding cursors to table, fields, filters and order
};

}  // namespace gongshu::query
