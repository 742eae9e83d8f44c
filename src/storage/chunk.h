#pragma once
// Column vectors of a streamed result, in DuckDB's physical layout (the embedded default). Other
// engines fill the same layout. Readers switch once per column on ColumnType, then loop tightly.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace gongshu::storage {

enum class ColumnType {
  kBoolean, kTinyInt, kSmallInt, kInteger, kBigInt, kHugeInt,
  kUTinyInt, kUSmallInt, kUInteger, kUBigInt,
  kFloat, kDouble, kDecimal,
  kVarchar, kBlob,
  kDate, kTime, kTimestamp, kTimestampTz,
  kUuid,
  kUnsupported,  // lists, structs, maps… rendered as null by encoders
};

// Name of the type as shown to users and in schemas: "integer", "number", "string", "date", …
std::string_view ColumnTypeName(ColumnType t);
bool IsNumeric(ColumnType t);
bool IsInteger(ColumnType t);
bool IsTemporal(ColumnType t);

struct ColumnInfo {
  std::string name;
  ColumnType type = ColumnType::kUnsupported;
  uint8_t decimal_width = 0;
  uint8_t decimal_scale = 0;
  ColumnType decimal_storage = ColumnType::kBigInt;  // kSmallInt|kInteger|kBigInt|kHugeInt
};

// 16-byte string reference, layout-compatible with duckdb_string_t.
struct StringRef {
  union {
    struct {
      uint32_t length;
      char prefix[4];
      const char* ptr;
    } pointer;
    struct {
      uint32_t length;
      char inlined[12];
    } inlined;
  } value;
  uint32_t length() const { return value.inlined.length; }
  std::string_view view() const {
    return value.inlined.length <= 12 ? std::string_view(value.inlined.inlined, value.inlined.length)
                                      : std::string_view(value.pointer.ptr, value.pointer.length);
  }
};
static_assert(sizeof(StringRef) == 16);

struct HugeInt {  // layout of duckdb_hugeint
  uint64_t lower;
  int64_t upper;
};

struct ColumnVector {
  const void* data = nullptr;
  const uint64_t* validity = nullptr;  // nullptr: all rows valid

  bool IsValid(size_t row) const {
    return validity == nullptr || (validity[row / 64] >> (row % 64) & 1) != 0;
  }
  template <typename T>
  const T* As() const { return static_cast<const T*>(data); }
  std::string_view String(size_t row) const { return As<StringRef>()[row].view(); }
};

struct Chunk {
  size_t size = 0;
  std::vector<ColumnVector> columns;
};

// Appends the decimal text of a signed 128-bit integer.
void AppendHugeInt(std::string& out, HugeInt v);
// Appends a decimal stored as an integer with `scale` fractional digits.
void AppendScaledDecimal(std::string& out, HugeInt v, uint8_t scale);
// Appends a UUID stored as DuckDB's hugeint (upper half with the sign bit flipped).
void AppendUuid(std::string& out, HugeInt v);

}  // namespace gongshu::storage
