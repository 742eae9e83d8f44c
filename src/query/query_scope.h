#pragma once
// 查询范围: what exists for one caller on one resource version, as decided by policy. The compiler
// trusts it completely (table reference, field names, masks, row filters) and trusts nothing else.
#include <cstdint>
#include <string>
#include <vector>

#include "storage/value.h"

namespace gongshu::query {

// One field (信息项) visible to the caller.
struct ScopedField {
  std::string name;        // column name in the data table (catalog); matched case-sensitively
  std::string type;        // catalog type: string|integer|number|boolean|date|datetime|time
  std::string mask;        // "" = raw; else a privacy::MaskKind code, applied wherever it is read
  bool filterable = true;  // may appear in where / group_by / order_by (and search())
};

// A mandatory row restriction (e.g. a grant limited to a region). The field need not be visible;
// it is compared raw (unmasked) with the bound values.
struct RowFilter {
  enum class Op {
    kEquals,  // field = values[0]
    kIn,      // field IN (values...); an empty list matches nothing
    kPrefix,  // CAST(field AS VARCHAR) starts with any of values (text)
  };
  std::string field;
  Op op = Op::kEquals;
  std::vector<storage::Value> values;
};

struct QueryScope {
  std::string table;                   // trusted SQL table reference, e.g. data."flights__v1"
  std::vector<ScopedField> fields;     // the only fields that exist for this caller, catalog order
  std::vector<RowFilter> row_filters;  // AND-ed into every query (records, totals and exports)
  bool aggregate_only = false;         // only aggregate queries (group_by / aggregates) allowed
  int64_t max_limit = 10000;           // records page cap (<= 0: only limit=0, i.e. totals)
  std::string cursor_key;              // HMAC key for cursors; empty disables cursors
};

}  // namespace gongshu::query
