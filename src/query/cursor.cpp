#include "query/cursor.h"

#include <cstring>

#include "core/crypto.h"
#include "core/encoding.h"
#include "core/time_format.h"
#include "query/internal/query_error.h"
#include "query/query_limits.h"

namespace gongshu::query {

using storage::ColumnType;
using storage::HugeInt;

namespace {

constexpr uint8_t kCursorVersion = 1;
constexpr std::string_view kMacContext = "gongshu.records.cursor.v1";
constexpr size_t kMacBytes = 32;
constexpr size_t kMaxCursorKeys = 64;

void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i) & 0xFF));
}
void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i) & 0xFF));
}
bool GetU64(std::string_view& in, uint64_t* v) {
  if (in.size() < 8) return false;
  uint64_t r = 0;
  for (int i = 0; i < 8; ++i) r |= uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
  in.remove_prefix(8);
  *v = r;
  return true;
}
bool GetU32(std::string_view& in, uint32_t* v) {
  if (in.size() < 4) return false;
  uint32_t r = 0;
  for (int i = 0; i < 4; ++i) r |= uint32_t{static_cast<unsigned char>(in[i])} << (8 * i);
  in.remove_prefix(4);
  *v = r;
  return true;
}
bool GetU8(std::string_view& in, uint8_t* v) {
  if (in.empty()) return false;
  *v = static_cast<uint8_t>(in[0]);
  in.remove_prefix(1);
  return true;
}

HugeInt SignExtend(int64_t v) { return HugeInt{static_cast<uint64_t>(v), v < 0 ? -1 : 0}; }

Error InvalidCursor(const std::string& why, const std::string& why_zh) {
  return internal::QueryError(ErrorKind::kInvalidArgument, "query.invalid_cursor",
                              "Invalid cursor: " + why +
                                  ". Use the next_cursor of the previous page unchanged, with the "
                                  "same select, where, group_by and order_by.",
                              "游标无效：" + why_zh +
                                  "。请原样使用上一页返回的 next_cursor，并保持 "
                                  "select、where、group_by、order_by 不变。");
}

}  // namespace

std::optional<CursorValue> CursorValue::FromCell(const storage::ColumnInfo& info,
                                                 const storage::ColumnVector& vec, size_t row) {
  CursorValue v;
  if (!vec.IsValid(row)) return v;
  switch (info.type) {
    case ColumnType::kBoolean:
      v.tag_ = Tag::kBool;
      v.i_ = vec.As<bool>()[row] ? 1 : 0;
      break;
    case ColumnType::kTinyInt:
      v.tag_ = Tag::kBigInt;
      v.i_ = vec.As<int8_t>()[row];
      break;
    case ColumnType::kSmallInt:
      v.tag_ = Tag::kBigInt;
      v.i_ = vec.As<int16_t>()[row];
      break;
    case ColumnType::kInteger:
      v.tag_ = Tag::kBigInt;
      v.i_ = vec.As<int32_t>()[row];
      break;
    case ColumnType::kBigInt:
      v.tag_ = Tag::kBigInt;
      v.i_ = vec.As<int64_t>()[row];
      break;
    case ColumnType::kUTinyInt:
      v.tag_ = Tag::kBigInt;
      v.i_ = vec.As<uint8_t>()[row];
      break;
    case ColumnType::kUSmallInt:
      v.tag_ = Tag::kBigInt;
      v.i_ = vec.As<uint16_t>()[row];
      break;
    case ColumnType::kUInteger:
      v.tag_ = Tag::kBigInt;
      v.i_ = vec.As<uint32_t>()[row];
      break;
    case ColumnType::kUBigInt:
      v.tag_ = Tag::kUBigInt;
      v.u_ = vec.As<uint64_t>()[row];
      break;
    case ColumnType::kHugeInt: {
      HugeInt h = vec.As<HugeInt>()[row];
      v.tag_ = Tag::kHugeInt;
      v.u_ = h.lower;
      v.i_ = h.upper;
      break;
    }
    case ColumnType::kUuid: {
      HugeInt h = vec.As<HugeInt>()[row];
      v.tag_ = Tag::kUuid;
      v.u_ = h.lower;
      v.i_ = h.upper;
      break;
    }
    case ColumnType::kFloat: {
      double d = vec.As<float>()[row];
      v.tag_ = Tag::kFloat;
      std::memcpy(&v.u_, &d, sizeof d);
      break;
    }
    case ColumnType::kDouble: {
      double d = vec.As<double>()[row];
      v.tag_ = Tag::kDouble;
      std::memcpy(&v.u_, &d, sizeof d);
      break;
    }
    case ColumnType::kDecimal: {
      HugeInt h{};
      switch (info.decimal_storage) {
        case ColumnType::kSmallInt:
          h = SignExtend(vec.As<int16_t>()[row]);
          break;
        case ColumnType::kInteger:
          h = SignExtend(vec.As<int32_t>()[row]);
          break;
        case ColumnType::kBigInt:
          h = SignExtend(vec.As<int64_t>()[row]);
          break;
        default:
          h = vec.As<HugeInt>()[row];
      }
      v.tag_ = Tag::kDecimal;
      v.u_ = h.lower;
      v.i_ = h.upper;
      v.width_ = info.decimal_width;
      v.scale_ = info.decimal_scale;
      break;
    }
    case ColumnType::kVarchar:
      v.tag_ = Tag::kVarchar;
      v.s_ = std::string(vec.String(row));
      break;
    case ColumnType::kDate:
      v.tag_ = Tag::kDate;
      v.i_ = vec.As<int32_t>()[row];
      break;
    case ColumnType::kTime:
      v.tag_ = Tag::kTime;
      v.i_ = vec.As<int64_t>()[row];
      break;
    case ColumnType::kTimestamp:
      v.tag_ = Tag::kTimestamp;
      v.i_ = vec.As<int64_t>()[row];
      break;
    case ColumnType::kTimestampTz:
      v.tag_ = Tag::kTimestampTz;
      v.i_ = vec.As<int64_t>()[row];
      break;
    case ColumnType::kBlob:
    case ColumnType::kUnsupported:
      return std::nullopt;
  }
  return v;
}

storage::Value CursorValue::ToValue() const {
  using storage::Value;
  std::string text;
  switch (tag_) {
    case Tag::kNull:
      return Value::Null();
    case Tag::kBool:
      return Value::Bool(i_ != 0);
    case Tag::kBigInt:
      return Value::Int(i_);
    case Tag::kUBigInt:
      return Value::Text(std::to_string(u_));
    case Tag::kHugeInt:
      storage::AppendHugeInt(text, HugeInt{u_, i_});
      return Value::Text(text);
    case Tag::kUuid:
      storage::AppendUuid(text, HugeInt{u_, i_});
      return Value::Text(text);
    case Tag::kFloat:
    case Tag::kDouble: {
      double d = 0;
      std::memcpy(&d, &u_, sizeof d);
      return Value::Double(d);
    }
    case Tag::kDecimal:
      storage::AppendScaledDecimal(text, HugeInt{u_, i_}, scale_);
      return Value::Text(text);
    case Tag::kVarchar:
      return Value::Text(s_);
    case Tag::kDate:
      return Value::Date(static_cast<int32_t>(i_));
    case Tag::kTime:
      AppendIsoTime(text, i_);
      return Value::Text(text);
    case Tag::kTimestamp:
      return Value::Timestamp(i_);
    case Tag::kTimestampTz:
      AppendIsoTimestamp(text, i_);
      text += "+00";
      return Value::Text(text);
  }
  return Value::Null();
}

std::string CursorValue::SqlType() const {
  switch (tag_) {
    case Tag::kNull:
      return "VARCHAR";
    case Tag::kBool:
      return "BOOLEAN";
    case Tag::kBigInt:
      return "BIGINT";
    case Tag::kUBigInt:
      return "UBIGINT";
    case Tag::kHugeInt:
      return "HUGEINT";
    case Tag::kUuid:
      return "UUID";
    case Tag::kFloat:
      return "FLOAT";
    case Tag::kDouble:
      return "DOUBLE";
    case Tag::kDecimal:
      return "DECIMAL(" + std::to_string(width_) + "," + std::to_string(scale_) + ")";
    case Tag::kVarchar:
      return "VARCHAR";
    case Tag::kDate:
      return "DATE";
    case Tag::kTime:
      return "TIME";
    case Tag::kTimestamp:
      return "TIMESTAMP";
    case Tag::kTimestampTz:
      return "TIMESTAMPTZ";
  }
  return "VARCHAR";
}

void CursorValue::Serialize(std::string& out) const {
  out.push_back(static_cast<char>(tag_));
  switch (tag_) {
    case Tag::kNull:
      break;
    case Tag::kBool:
      out.push_back(static_cast<char>(i_ != 0));
      break;
    case Tag::kBigInt:
    case Tag::kDate:
    case Tag::kTime:
    case Tag::kTimestamp:
    case Tag::kTimestampTz:
      PutU64(out, static_cast<uint64_t>(i_));
      break;
    case Tag::kUBigInt:
    case Tag::kFloat:
    case Tag::kDouble:
      PutU64(out, u_);
      break;
    case Tag::kDecimal:
      out.push_back(static_cast<char>(width_));
      out.push_back(static_cast<char>(scale_));
      [[fallthrough]];
    case Tag::kHugeInt:
    case Tag::kUuid:
      PutU64(out, u_);
      PutU64(out, static_cast<uint64_t>(i_));
      break;
    case Tag::kVarchar:
      PutU32(out, static_cast<uint32_t>(s_.size()));
      out.append(s_);
      break;
  }
}

std::optional<CursorValue> CursorValue::Deserialize(std::string_view& in) {
  CursorValue v;
  uint8_t tag = 0;
  if (!GetU8(in, &tag) || tag > static_cast<uint8_t>(Tag::kUuid)) return std::nullopt;
  v.tag_ = static_cast<Tag>(tag);
  uint64_t x = 0;
  switch (v.tag_) {
    case Tag::kNull:
      return v;
    case Tag::kBool: {
      uint8_t b = 0;
      if (!GetU8(in, &b) || b > 1) return std::nullopt;
      v.i_ = b;
      return v;
    }
    case Tag::kBigInt:
    case Tag::kTime:
    case Tag::kTimestamp:
    case Tag::kTimestampTz:
      if (!GetU64(in, &x)) return std::nullopt;
      v.i_ = static_cast<int64_t>(x);
      return v;
    case Tag::kDate:
      if (!GetU64(in, &x)) return std::nullopt;
      v.i_ = static_cast<int64_t>(x);
      if (v.i_ < INT32_MIN || v.i_ > INT32_MAX) return std::nullopt;
      return v;
    case Tag::kUBigInt:
    case Tag::kFloat:
    case Tag::kDouble:
      if (!GetU64(in, &v.u_)) return std::nullopt;
      return v;
    case Tag::kDecimal:
      if (!GetU8(in, &v.width_) || !GetU8(in, &v.scale_)) return std::nullopt;
      if (v.width_ < 1 || v.width_ > 38 || v.scale_ > v.width_) return std::nullopt;
      [[fallthrough]];
    case Tag::kHugeInt:
    case Tag::kUuid:
      if (!GetU64(in, &v.u_) || !GetU64(in, &x)) return std::nullopt;
      v.i_ = static_cast<int64_t>(x);
      return v;
    case Tag::kVarchar: {
      uint32_t n = 0;
      if (!GetU32(in, &n) || in.size() < n) return std::nullopt;
      v.s_ = std::string(in.substr(0, n));
      in.remove_prefix(n);
      return v;
    }
  }
  return std::nullopt;
}

std::string EncodeCursor(const CursorPayload& payload, std::string_view key) {
  std::string body;
  body.push_back(static_cast<char>(kCursorVersion));
  body.append(payload.binding);
  PutU64(body, static_cast<uint64_t>(payload.rowid));
  body.push_back(static_cast<char>(payload.keys.size()));
  for (const auto& k : payload.keys) k.Serialize(body);
  std::string mac = HmacSha256(key, std::string(kMacContext) + body);
  return Base64Encode(body + mac, /*url_safe=*/true, /*pad=*/false);
}

Result<CursorPayload> DecodeCursor(std::string_view token, std::string_view key) {
  if (key.empty()) {
    return InvalidCursor("cursors are not enabled for this resource", "该资源未启用游标");
  }
  if (token.size() > kMaxCursorLength) return InvalidCursor("too long", "过长");
  for (char c : token) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return InvalidCursor("not a base64url token", "不是 base64url 编码");
  }
  auto raw = Base64Decode(token);
  if (!raw || raw->size() < 1 + kCursorBindingBytes + 8 + 1 + kMacBytes) {
    return InvalidCursor("malformed", "格式错误");
  }
  std::string_view all(*raw);
  std::string_view body = all.substr(0, all.size() - kMacBytes);
  std::string_view mac = all.substr(all.size() - kMacBytes);
  std::string expected = HmacSha256(key, std::string(kMacContext) + std::string(body));
  if (!ConstantTimeEquals(expected, mac)) {
    return InvalidCursor("signature does not verify (altered or issued for another resource)",
                         "签名校验失败（被篡改或属于其他资源）");
  }
  CursorPayload p;
  std::string_view in = body;
  uint8_t version = 0, nkeys = 0;
  uint64_t rowid = 0;
  if (!GetU8(in, &version) || version != kCursorVersion) {
    return InvalidCursor("unsupported version", "版本不受支持");
  }
  p.binding = std::string(in.substr(0, kCursorBindingBytes));
  in.remove_prefix(kCursorBindingBytes);
  if (!GetU64(in, &rowid) || !GetU8(in, &nkeys) || nkeys > kMaxCursorKeys) {
    return InvalidCursor("malformed", "格式错误");
  }
  p.rowid = static_cast<int64_t>(rowid);
  for (uint8_t i = 0; i < nkeys; ++i) {
    auto v = CursorValue::Deserialize(in);
    if (!v) return InvalidCursor("malformed value", "取值格式错误");
    p.keys.push_back(std::move(*v));
  }
  if (!in.empty()) return InvalidCursor("trailing bytes", "尾部有多余数据");
  return p;
}

}  // namespace gongshu::query
