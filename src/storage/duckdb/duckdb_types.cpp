#include "storage/duckdb/duckdb_types.h"

#include <cstring>

namespace gongshu::storage::duckdb_internal {

namespace {

ColumnType FromDuckType(duckdb_type t) {
  switch (t) {
    case DUCKDB_TYPE_BOOLEAN: return ColumnType::kBoolean;
    case DUCKDB_TYPE_TINYINT: return ColumnType::kTinyInt;
    case DUCKDB_TYPE_SMALLINT: return ColumnType::kSmallInt;
    case DUCKDB_TYPE_INTEGER: return ColumnType::kInteger;
    case DUCKDB_TYPE_BIGINT: return ColumnType::kBigInt;
    case DUCKDB_TYPE_HUGEINT: return ColumnType::kHugeInt;
    case DUCKDB_TYPE_UTINYINT: return ColumnType::kUTinyInt;
    case DUCKDB_TYPE_USMALLINT: return ColumnType::kUSmallInt;
    case DUCKDB_TYPE_UINTEGER: return ColumnType::kUInteger;
    case DUCKDB_TYPE_UBIGINT: return ColumnType::kUBigInt;
    case DUCKDB_TYPE_FLOAT: return ColumnType::kFloat;
    case DUCKDB_TYPE_DOUBLE: return ColumnType::kDouble;
    case DUCKDB_TYPE_DECIMAL: return ColumnType::kDecimal;
    case DUCKDB_TYPE_VARCHAR: return ColumnType::kVarchar;
    case DUCKDB_TYPE_BLOB: return ColumnType::kBlob;
    case DUCKDB_TYPE_DATE: return ColumnType::kDate;
    case DUCKDB_TYPE_TIME: return ColumnType::kTime;
    case DUCKDB_TYPE_TIMESTAMP: return ColumnType::kTimestamp;
    case DUCKDB_TYPE_TIMESTAMP_TZ: return ColumnType::kTimestampTz;
    case DUCKDB_TYPE_UUID: return ColumnType::kUuid;
    default: return ColumnType::kUnsupported;
  }
}

}  // namespace

ColumnInfo ColumnInfoFromLogicalType(std::string name, duckdb_logical_type type) {
  ColumnInfo info;
  info.name = std::move(name);
  duckdb_type id = duckdb_get_type_id(type);
  info.type = FromDuckType(id);
  if (id == DUCKDB_TYPE_DECIMAL) {
    info.decimal_width = duckdb_decimal_width(type);
    info.decimal_scale = duckdb_decimal_scale(type);
    info.decimal_storage = FromDuckType(duckdb_decimal_internal_type(type));
  }
  return info;
}

Value ReadCell(const ColumnInfo& info, const ColumnVector& vec, size_t row) {
  if (!vec.IsValid(row)) return Value::Null();
  switch (info.type) {
    case ColumnType::kBoolean: return Value::Bool(vec.As<bool>()[row]);
    case ColumnType::kTinyInt: return Value::Int(vec.As<int8_t>()[row]);
    case ColumnType::kSmallInt: return Value::Int(vec.As<int16_t>()[row]);
    case ColumnType::kInteger: return Value::Int(vec.As<int32_t>()[row]);
    case ColumnType::kBigInt: return Value::Int(vec.As<int64_t>()[row]);
    case ColumnType::kUTinyInt: return Value::Int(vec.As<uint8_t>()[row]);
    case ColumnType::kUSmallInt: return Value::Int(vec.As<uint16_t>()[row]);
    case ColumnType::kUInteger: return Value::Int(vec.As<uint32_t>()[row]);
    case ColumnType::kUBigInt: return Value::Int(static_cast<int64_t>(vec.As<uint64_t>()[row]));
    case ColumnType::kHugeInt: {
      HugeInt h = vec.As<HugeInt>()[row];
      // Fits in int64 when the upper half is the sign extension of the lower half.
      auto lower = static_cast<int64_t>(h.lower);
      if ((h.upper == 0 && lower >= 0) || (h.upper == -1 && lower < 0)) return Value::Int(lower);
      std::string s;
      AppendHugeInt(s, h);
      return Value::Text(std::move(s));
    }
    case ColumnType::kFloat: return Value::Double(vec.As<float>()[row]);
    case ColumnType::kDouble: return Value::Double(vec.As<double>()[row]);
    case ColumnType::kDecimal: {
      HugeInt h{};
      switch (info.decimal_storage) {
        case ColumnType::kSmallInt: h = {static_cast<uint64_t>(static_cast<int64_t>(vec.As<int16_t>()[row])), vec.As<int16_t>()[row] < 0 ? -1 : 0}; break;
        case ColumnType::kInteger: h = {static_cast<uint64_t>(static_cast<int64_t>(vec.As<int32_t>()[row])), vec.As<int32_t>()[row] < 0 ? -1 : 0}; break;
        case ColumnType::kBigInt: h = {static_cast<uint64_t>(vec.As<int64_t>()[row]), vec.As<int64_t>()[row] < 0 ? -1 : 0}; break;
        default: h = vec.As<HugeInt>()[row];
      }
      std::string s;
      AppendScaledDecimal(s, h, info.decimal_scale);
      return Value::Double(std::strtod(s.c_str(), nullptr));
    }
    case ColumnType::kVarchar:
    case ColumnType::kBlob: return Value::Text(std::string(vec.String(row)));
    case ColumnType::kDate: return Value::Date(vec.As<int32_t>()[row]);
    case ColumnType::kTimestamp:
    case ColumnType::kTimestampTz: return Value::Timestamp(vec.As<int64_t>()[row]);
    case ColumnType::kTime: return Value::Int(vec.As<int64_t>()[row]);
    case ColumnType::kUuid: {
      std::string s;
      AppendUuid(s, vec.As<HugeInt>()[row]);
      return Value::Text(std::move(s));
    }
    case ColumnType::kUnsupported: return Value::Null();
  }
  return Value::Null();
}

bool BindValue(duckdb_prepared_statement stmt, idx_t index, const Value& v) {
  duckdb_state st = DuckDBError;
  if (v.is_null()) {
    st = duckdb_bind_null(stmt, index);
  } else if (v.is_bool()) {
    st = duckdb_bind_boolean(stmt, index, v.as_bool());
  } else if (v.is_int()) {
    st = duckdb_bind_int64(stmt, index, v.as_int());
  } else if (v.is_double()) {
    st = duckdb_bind_double(stmt, index, v.as_double());
  } else if (v.is_text()) {
    st = duckdb_bind_varchar_length(stmt, index, v.as_text().data(), v.as_text().size());
  } else if (v.is_date()) {
    st = duckdb_bind_date(stmt, index, duckdb_date{v.as_date()});
  } else if (v.is_timestamp()) {
    st = duckdb_bind_timestamp(stmt, index, duckdb_timestamp{v.as_timestamp()});
  }
  return st == DuckDBSuccess;
}

Error ErrorFromMessage(std::string_view prefix, const char* message) {
  std::string msg = message != nullptr ? message : "unknown engine error";
  // Binder, conversion and type errors come from the query the caller asked for: report as 422.
  bool user_facing = msg.rfind("Binder Error", 0) == 0 || msg.rfind("Conversion Error", 0) == 0 ||
                     msg.rfind("Invalid Input Error", 0) == 0 ||
                     msg.rfind("Out of Range Error", 0) == 0;
  if (user_facing) {
    return MakeError(ErrorKind::kUnprocessable, "engine.rejected",
                     "The query was rejected by the engine: " + msg,
                     "查询被数据引擎拒绝：" + msg);
  }
  return MakeError(ErrorKind::kInternal, std::string(prefix), "Engine error: " + msg,
                   "数据引擎错误：" + msg);
}

Error ErrorFromResult(duckdb_result* result, bool deadline_fired) {
  duckdb_error_type type = duckdb_result_error_type(result);
  const char* msg = duckdb_result_error(result);
  std::string text = msg != nullptr ? msg : "";
  switch (type) {
    case DUCKDB_ERROR_INTERRUPT:
      if (deadline_fired) {
        return MakeError(ErrorKind::kDeadlineExceeded, "query.deadline_exceeded",
                         "The query took longer than its time limit and was stopped.",
                         "查询超过时间限制，已被终止。");
      }
      return MakeError(ErrorKind::kUnavailable, "query.interrupted",
                       "The query was interrupted.", "查询被中断。");
    case DUCKDB_ERROR_TRANSACTION:
      return MakeError(ErrorKind::kConflict, "storage.conflict",
                       "A concurrent change conflicted with this one; retry. " + text,
                       "与并发修改冲突，请重试。" + text);
    case DUCKDB_ERROR_CONSTRAINT:
      return MakeError(ErrorKind::kConflict, "storage.constraint",
                       "The change violates a constraint: " + text, "修改违反约束：" + text);
    case DUCKDB_ERROR_CONVERSION:
    case DUCKDB_ERROR_OUT_OF_RANGE:
    case DUCKDB_ERROR_INVALID_INPUT:
    case DUCKDB_ERROR_DIVIDE_BY_ZERO:
    case DUCKDB_ERROR_BINDER:
    case DUCKDB_ERROR_MISMATCH_TYPE:
      return MakeError(ErrorKind::kUnprocessable, "engine.rejected",
                       "The data or query was rejected by the engine: " + text,
                       "数据或查询被数据引擎拒绝：" + text);
    case DUCKDB_ERROR_OUT_OF_MEMORY:
      return MakeError(ErrorKind::kUnavailable, "engine.out_of_memory",
                       "The engine ran out of memory for this query.", "数据引擎内存不足。");
    default:
      return MakeError(ErrorKind::kInternal, "engine.error", "Engine error: " + text,
                       "数据引擎错误：" + text);
  }
}

}  // namespace gongshu::storage::duckdb_internal
