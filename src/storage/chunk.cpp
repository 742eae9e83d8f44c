#include "storage/chunk.h"

#include <algorithm>

namespace gongshu::storage {

std::string_view ColumnTypeName(ColumnType t) {
  switch (t) {
    case ColumnType::kBoolean: return "boolean";
    case ColumnType::kTinyInt:
    case ColumnType::kSmallInt:
    case ColumnType::kInteger:
    case ColumnType::kBigInt:
    case ColumnType::kHugeInt:
    case ColumnType::kUTinyInt:
    case ColumnType::kUSmallInt:
    case ColumnType::kUInteger:
    case ColumnType::kUBigInt: return "integer";
    case ColumnType::kFloat:
    case ColumnType::kDouble:
    case ColumnType::kDecimal: return "number";
    case ColumnType::kVarchar: return "string";
    case ColumnType::kBlob: return "binary";
    case ColumnType::kDate: return "date";
    case ColumnType::kTime: return "time";
    case ColumnType::kTimestamp:
    case ColumnType::kTimestampTz: return "datetime";
    case ColumnType::kUuid: return "string";
    case ColumnType::kUnsupported: return "other";
  }
  return "other";
}

bool IsInteger(ColumnType t) {
  switch (t) {
    case ColumnType::kTinyInt:
    case ColumnType::kSmallInt:
    case ColumnType::kInteger:
    case ColumnType::kBigInt:
    case ColumnType::kHugeInt:
    case ColumnType::kUTinyInt:
    case ColumnType::kUSmallInt:
    case ColumnType::kUInteger:
    case ColumnType::kUBigInt: return true;
    default: return false;
  }
}

bool IsNumeric(ColumnType t) {
  return IsInteger(t) || t == ColumnType::kFloat || t == ColumnType::kDouble ||
         t == ColumnType::kDecimal;
}

bool IsTemporal(ColumnType t) {
  return t == ColumnType::kDate || t == ColumnType::kTime || t == ColumnType::kTimestamp ||
         t == ColumnType::kTimestampTz;
}

namespace {

// Magnitude of a 128-bit value as decimal digits (most significant first).
std::string UnsignedDigits(unsigned __int128 v) {
  if (v == 0) return "0";
  char buf[48];
  int i = 48;
  while (v > 0) {
    buf[--i] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  }
  return std::string(buf + i, buf + 48);
}

__int128 ToInt128(HugeInt v) {
  return static_cast<__int128>(static_cast<unsigned __int128>(static_cast<uint64_t>(v.upper)) << 64 |
                               v.lower);
}

}  // namespace

void AppendHugeInt(std::string& out, HugeInt v) {
  __int128 x = ToInt128(v);
  if (x < 0) out.push_back('-');
  unsigned __int128 mag = x < 0 ? static_cast<unsigned __int128>(-(x + 1)) + 1
                                : static_cast<unsigned __int128>(x);
  out.append(UnsignedDigits(mag));
}

void AppendScaledDecimal(std::string& out, HugeInt v, uint8_t scale) {
  __int128 x = ToInt128(v);
  if (x < 0) out.push_back('-');
  unsigned __int128 mag = x < 0 ? static_cast<unsigned __int128>(-(x + 1)) + 1
                                : static_cast<unsigned __int128>(x);
  std::string digits = UnsignedDigits(mag);
  if (scale == 0) {
    out.append(digits);
    return;
  }
  if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
  out.append(digits, 0, digits.size() - scale);
  out.push_back('.');
  out.append(digits, digits.size() - scale, std::string::npos);
}

void AppendUuid(std::string& out, HugeInt v) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t upper = static_cast<uint64_t>(v.upper) ^ (uint64_t{1} << 63);
  uint64_t lower = v.lower;
  char buf[36];
  int pos = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) buf[pos++] = '-';
    uint64_t word = i < 16 ? upper : lower;
    int shift = 60 - 4 * (i % 16);
    buf[pos++] = kHex[(word >> shift) & 0xF];
  }
  out.append(buf, 36);
}

}  // namespace gongshu::storage
