#pragma once
// 游标 (keyset cursor): an opaque, signed token naming the last row of a records page, so the next
// page starts strictly after it without OFFSET. Token = base64url(payload || HMAC-SHA-256), where
// payload = version, a hash binding the cursor to one compiled query (table, fields, masks, row
// filters, where, order), the row's order-key values (typed) and its rowid. A token that does not
// verify under QueryScope::cursor_key, or that belongs to another query, is rejected as
// 400 query.invalid_cursor. Values come back as bound parameters; their SQL types are chosen from
// a fixed table by the value's tag, never read from the token as text.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/chunk.h"
#include "storage/value.h"

namespace gongshu::query {

// One order-key value of the last row, with its exact engine type.
class CursorValue {
 public:
  enum class Tag : uint8_t {
    kNull = 0,
    kBool,
    kBigInt,
    kUBigInt,
    kHugeInt,
    kFloat,
    kDouble,
    kDecimal,
    kVarchar,
    kDate,
    kTime,
    kTimestamp,
    kTimestampTz,
    kUuid,
  };

  // Reads a cell of a result column; nullopt for types that cannot be ordered stably in SQL
  // parameters (BLOB, nested types).
  static std::optional<CursorValue> FromCell(const storage::ColumnInfo& info,
                                             const storage::ColumnVector& vec, size_t row);

  bool is_null() const { return tag_ == Tag::kNull; }
  // The bound value and the SQL type it is cast to ("BIGINT", "DECIMAL(18,3)", …).
  storage::Value ToValue() const;
  std::string SqlType() const;

  void Serialize(std::string& out) const;
  static std::optional<CursorValue> Deserialize(std::string_view& in);

  bool operator==(const CursorValue& o) const = default;

 private:
  Tag tag_ = Tag::kNull;
  int64_t i_ = 0;      // bool, bigint, date, time, timestamp(tz); hugeint/decimal/uuid upper
  uint64_t u_ = 0;     // ubigint; hugeint/decimal/uuid lower; float/double bits
  uint8_t width_ = 0;  // decimal
  uint8_t scale_ = 0;  // decimal
  std::string s_;      // varchar
};

struct CursorPayload {
  std::string binding;  // kCursorBindingBytes bytes (see CompiledQuery::cursor_binding)
  int64_t rowid = 0;
  std::vector<CursorValue> keys;  // one per order_by key, in order
};

inline constexpr size_t kCursorBindingBytes = 16;

std::string EncodeCursor(const CursorPayload& payload, std::string_view key);
// Verifies the signature and decodes; any failure is query.invalid_cursor.
Result<CursorPayload> DecodeCursor(std::string_view token, std::string_view key);

}  // namespace gongshu::query
