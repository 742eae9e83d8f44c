#include "query/row_encoder.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/encoding.h"
#include "core/json_writer.h"
#include "core/time_format.h"

namespace gongshu::query {

using storage::ColumnInfo;
using storage::ColumnType;
using storage::ColumnVector;
using storage::HugeInt;

namespace {

constexpr int32_t kDateInfinity = 2147483647;  // DuckDB's date 'infinity'
constexpr int64_t kTimestampInfinity = INT64_MAX;
constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

template <typename T>
inline void AppendInt(std::string& out, T v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

inline char* Put2(char* p, uint32_t v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

// "YYYY-MM-DD" for years 0..9999; other years through the general formatter.
inline void AppendDate(std::string& out, int32_t days) {
  if (days == kDateInfinity) {
    out.append("infinity");
    return;
  }
  if (days == -kDateInfinity) {
    out.append("-infinity");
    return;
  }
  CivilDate c = CivilFromDays(days);
  if (c.year < 0 || c.year > 9999) {
    AppendIsoDate(out, days);
    return;
  }
  char buf[10];
  auto y = static_cast<uint32_t>(c.year);
  Put2(buf, y / 100);
  Put2(buf + 2, y % 100);
  buf[4] = '-';
  Put2(buf + 5, c.month);
  buf[7] = '-';
  Put2(buf + 8, c.day);
  out.append(buf, 10);
}

// "HH:MM:SS[.ffffff]" with trailing fractional zeros removed (as DuckDB prints).
inline void AppendTimeOfDay(std::string& out, int64_t micros) {
  char buf[16];
  auto secs = static_cast<uint32_t>(micros / 1000000);
  auto frac = static_cast<uint32_t>(micros % 1000000);
  char* p = Put2(buf, secs / 3600);
  *p++ = ':';
  p = Put2(p, secs / 60 % 60);
  *p++ = ':';
  p = Put2(p, secs % 60);
  if (frac != 0) {
    *p++ = '.';
    for (int div = 100000; div > 0 && frac != 0; div /= 10) {
      *p++ = static_cast<char>('0' + frac / div);
      frac %= div;
    }
  }
  out.append(buf, static_cast<size_t>(p - buf));
}

inline void AppendTimestamp(std::string& out, int64_t micros, char sep) {
  if (micros == kTimestampInfinity) {
    out.append("infinity");
    return;
  }
  if (micros == -kTimestampInfinity) {
    out.append("-infinity");
    return;
  }
  int64_t days = micros / kMicrosPerDay;
  int64_t rem = micros % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --days;
  }
  AppendDate(out, static_cast<int32_t>(days));
  out.push_back(sep);
  AppendTimeOfDay(out, rem);
}

// Decimal stored in 64 bits with `scale` fractional digits.
inline void AppendDecimal64(std::string& out, int64_t v, uint8_t scale) {
  if (scale == 0) {
    AppendInt(out, v);
    return;
  }
  uint64_t mag = v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  char digits[24];
  auto r = std::to_chars(digits, digits + sizeof digits, mag);
  auto n = static_cast<size_t>(r.ptr - digits);
  if (v < 0) out.push_back('-');
  if (n <= scale) {
    out.append("0.");
    out.append(scale - n, '0');
    out.append(digits, n);
    return;
  }
  out.append(digits, n - scale);
  out.push_back('.');
  out.append(digits + n - scale, scale);
}

template <typename F>
inline void AppendFloating(std::string& out, F v, bool json) {
  if (std::isfinite(v)) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(r.ptr - buf));
    return;
  }
  if (json) {
    out.append("null");
  } else if (std::isnan(v)) {
    out.append("nan");
  } else {
    out.append(v > 0 ? "inf" : "-inf");
  }
}

bool FitsInt64(HugeInt h) {
  auto lower = static_cast<int64_t>(h.lower);
  return (h.upper == 0 && lower >= 0) || (h.upper == -1 && lower < 0);
}

constexpr auto kCsvSpecial = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('"')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  return t;
}();

template <typename Write>
inline void ForRows(const ColumnVector& vec, size_t begin, size_t end, std::string_view null_text,
                    std::string& bytes, std::vector<size_t>& ends, Write write) {
  if (vec.validity == nullptr) {
    for (size_t r = begin; r < end; ++r) {
      write(r);
      ends.push_back(bytes.size());
    }
    return;
  }
  for (size_t r = begin; r < end; ++r) {
    if (vec.IsValid(r)) {
      write(r);
    } else {
      bytes.append(null_text);
    }
    ends.push_back(bytes.size());
  }
}

}  // namespace

void AppendCsvField(std::string& out, std::string_view s) {
  bool quote = s.empty();
  for (char c : s) {
    if (kCsvSpecial[static_cast<unsigned char>(c)]) {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(s);
    return;
  }
  out.push_back('"');
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') {
      out.append(s.substr(start, i + 1 - start));
      out.push_back('"');
      start = i + 1;
    }
  }
  out.append(s.substr(start));
  out.push_back('"');
}

RowEncoder::RowEncoder(RowFormat format, std::vector<std::string> names, std::string json_separator)
    : format_(format), names_(std::move(names)), separator_(std::move(json_separator)) {
  buffers_.resize(names_.size());
  for (size_t c = 0; c < names_.size(); ++c) {
    std::string p = c == 0 ? "{" : ",";
    JsonWriter::AppendQuoted(p, names_[c]);
    p.push_back(':');
    prefixes_.push_back(std::move(p));
  }
}

void RowEncoder::AppendHeader(std::string& out) const {
  if (format_ != RowFormat::kCsv) return;
  for (size_t c = 0; c < names_.size(); ++c) {
    if (c > 0) out.push_back(',');
    AppendCsvField(out, names_[c]);
  }
  out.append("\r\n");
}

void RowEncoder::EncodeColumn(const ColumnInfo& info, const ColumnVector& vec, size_t begin,
                              size_t end, ColumnBuffer& buf) const {
  const bool json = format_ != RowFormat::kCsv;
  const std::string_view null_text = json ? "null" : "";
  std::string& out = buf.bytes;
  auto& ends = buf.ends;
  out.clear();
  ends.clear();
  switch (info.type) {
    case ColumnType::kBoolean: {
      const bool* d = vec.As<bool>();
      ForRows(vec, begin, end, null_text, out, ends,
              [&](size_t r) { out.append(d[r] ? "true" : "false"); });
      break;
    }
    case ColumnType::kTinyInt: {
      const int8_t* d = vec.As<int8_t>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) { AppendInt(out, int{d[r]}); });
      break;
    }
    case ColumnType::kSmallInt: {
      const int16_t* d = vec.As<int16_t>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) { AppendInt(out, int{d[r]}); });
      break;
    }
    case ColumnType::kInteger: {
      const int32_t* d = vec.As<int32_t>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) { AppendInt(out, d[r]); });
      break;
    }
    case ColumnType::kBigInt: {
      const int64_t* d = vec.As<int64_t>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) { AppendInt(out, d[r]); });
      break;
    }
    case ColumnType::kUTinyInt: {
      const uint8_t* d = vec.As<uint8_t>();
      ForRows(vec, begin, end, null_text, out, ends,
              [&](size_t r) { AppendInt(out, unsigned{d[r]}); });
      break;
    }
    case ColumnType::kUSmallInt: {
      const uint16_t* d = vec.As<uint16_t>();
      ForRows(vec, begin, end, null_text, out, ends,
              [&](size_t r) { AppendInt(out, unsigned{d[r]}); });
      break;
    }
    case ColumnType::kUInteger: {
      const uint32_t* d = vec.As<uint32_t>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) { AppendInt(out, d[r]); });
      break;
    }
    case ColumnType::kUBigInt: {
      const uint64_t* d = vec.As<uint64_t>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) { AppendInt(out, d[r]); });
      break;
    }
    case ColumnType::kHugeInt: {
      const HugeInt* d = vec.As<HugeInt>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) {
        if (FitsInt64(d[r])) {
          AppendInt(out, static_cast<int64_t>(d[r].lower));
        } else {
          storage::AppendHugeInt(out, d[r]);
        }
      });
      break;
    }
    case ColumnType::kFloat: {
      const float* d = vec.As<float>();
      ForRows(vec, begin, end, null_text, out, ends,
              [&](size_t r) { AppendFloating(out, d[r], json); });
      break;
    }
    case ColumnType::kDouble: {
      const double* d = vec.As<double>();
      ForRows(vec, begin, end, null_text, out, ends,
              [&](size_t r) { AppendFloating(out, d[r], json); });
      break;
    }
    case ColumnType::kDecimal: {
      const uint8_t scale = info.decimal_scale;
      switch (info.decimal_storage) {
        case ColumnType::kSmallInt: {
          const int16_t* d = vec.As<int16_t>();
          ForRows(vec, begin, end, null_text, out, ends,
                  [&](size_t r) { AppendDecimal64(out, d[r], scale); });
          break;
        }
        case ColumnType::kInteger: {
          const int32_t* d = vec.As<int32_t>();
          ForRows(vec, begin, end, null_text, out, ends,
                  [&](size_t r) { AppendDecimal64(out, d[r], scale); });
          break;
        }
        case ColumnType::kBigInt: {
          const int64_t* d = vec.As<int64_t>();
          ForRows(vec, begin, end, null_text, out, ends,
                  [&](size_t r) { AppendDecimal64(out, d[r], scale); });
          break;
        }
        default: {
          const HugeInt* d = vec.As<HugeInt>();
          ForRows(vec, begin, end, null_text, out, ends,
                  [&](size_t r) { storage::AppendScaledDecimal(out, d[r], scale); });
        }
      }
      break;
    }
    case ColumnType::kVarchar: {
      if (json) {
        ForRows(vec, begin, end, null_text, out, ends,
                [&](size_t r) { JsonWriter::AppendQuoted(out, vec.String(r)); });
      } else {
        ForRows(vec, begin, end, null_text, out, ends,
                [&](size_t r) { AppendCsvField(out, vec.String(r)); });
      }
      break;
    }
    case ColumnType::kBlob: {
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) {
        if (json) out.push_back('"');
        out.append(Base64Encode(vec.String(r)));
        if (json) out.push_back('"');
      });
      break;
    }
    case ColumnType::kDate: {
      const int32_t* d = vec.As<int32_t>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) {
        if (json) out.push_back('"');
        AppendDate(out, d[r]);
        if (json) out.push_back('"');
      });
      break;
    }
    case ColumnType::kTime: {
      const int64_t* d = vec.As<int64_t>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) {
        if (json) out.push_back('"');
        AppendTimeOfDay(out, d[r]);
        if (json) out.push_back('"');
      });
      break;
    }
    case ColumnType::kTimestamp:
    case ColumnType::kTimestampTz: {
      const int64_t* d = vec.As<int64_t>();
      const bool tz = info.type == ColumnType::kTimestampTz;
      const char sep = json ? 'T' : ' ';
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) {
        if (json) out.push_back('"');
        AppendTimestamp(out, d[r], sep);
        if (tz && d[r] != kTimestampInfinity && d[r] != -kTimestampInfinity) {
          out.append(json ? "Z" : "+00");
        }
        if (json) out.push_back('"');
      });
      break;
    }
    case ColumnType::kUuid: {
      const HugeInt* d = vec.As<HugeInt>();
      ForRows(vec, begin, end, null_text, out, ends, [&](size_t r) {
        if (json) out.push_back('"');
        storage::AppendUuid(out, d[r]);
        if (json) out.push_back('"');
      });
      break;
    }
    case ColumnType::kUnsupported: {
      for (size_t r = begin; r < end; ++r) {
        out.append(null_text);
        ends.push_back(out.size());
      }
      break;
    }
  }
}

void RowEncoder::Append(const storage::Chunk& chunk, const std::vector<ColumnInfo>& columns,
                        size_t begin, size_t end, std::string& out) {
  if (end <= begin) return;
  const size_t ncols = names_.size();
  const size_t nrows = end - begin;
  size_t total = 0;
  for (size_t c = 0; c < ncols; ++c) {
    EncodeColumn(columns[c], chunk.columns[c], begin, end, buffers_[c]);
    total += buffers_[c].bytes.size();
  }
  if (format_ == RowFormat::kCsv) {
    out.reserve(out.size() + total + nrows * (ncols + 2));
    for (size_t r = 0; r < nrows; ++r) {
      for (size_t c = 0; c < ncols; ++c) {
        if (c > 0) out.push_back(',');
        const ColumnBuffer& b = buffers_[c];
        size_t from = r == 0 ? 0 : b.ends[r - 1];
        out.append(b.bytes.data() + from, b.ends[r] - from);
      }
      out.append("\r\n");
    }
  } else {
    size_t prefix_bytes = 0;
    for (const auto& p : prefixes_) prefix_bytes += p.size();
    out.reserve(out.size() + total + nrows * (prefix_bytes + separator_.size() + 2));
    const bool ndjson = format_ == RowFormat::kNdjson;
    for (size_t r = 0; r < nrows; ++r) {
      if (!ndjson && rows_ + r > 0) out.append(separator_);
      if (ncols == 0) out.push_back('{');
      for (size_t c = 0; c < ncols; ++c) {
        out.append(prefixes_[c]);
        const ColumnBuffer& b = buffers_[c];
        size_t from = r == 0 ? 0 : b.ends[r - 1];
        out.append(b.bytes.data() + from, b.ends[r] - from);
      }
      out.push_back('}');
      if (ndjson) out.push_back('\n');
    }
  }
  rows_ += nrows;
}

}  // namespace gongshu::query
