#pragma once
// Column layout of a synthetic table: its name, the DuckDB type of the staging table, and the
// appender vector that carries it. Generators publish their layout so the writer can create the
// staging table and fill it column-wise (storage::AppendBatch).
#include <string_view>

#include "storage/engine.h"

namespace gongshu::demo {

struct SyntheticColumn {
  std::string_view name;
  std::string_view sql_type;  // "VARCHAR", "DATE", "DOUBLE", "BIGINT"
  storage::AppendColumn::Kind kind = storage::AppendColumn::Kind::kText;
};

}  // namespace gongshu::demo
