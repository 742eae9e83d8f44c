#pragma once
// Mapping between DuckDB's C types and the storage layer's types; error translation.
#include <duckdb.h>

#include <string>

#include "core/error.h"
#include "storage/chunk.h"
#include "storage/value.h"

namespace gongshu::storage::duckdb_internal {

ColumnInfo ColumnInfoFromLogicalType(std::string name, duckdb_logical_type type);
// Converts one cell of a vector to a Value (for small materialized results).
Value ReadCell(const ColumnInfo& info, const ColumnVector& vec, size_t row);
bool BindValue(duckdb_prepared_statement stmt, idx_t index, const Value& v);
// Translates a failed result into an Error. `deadline_fired` turns interrupts into 504s.
Error ErrorFromResult(duckdb_result* result, bool deadline_fired);
Error ErrorFromMessage(std::string_view prefix, const char* message);

}  // namespace gongshu::storage::duckdb_internal
