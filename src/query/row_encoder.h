#pragma once
// 结果编码: encodes result chunks as JSON objects, NDJSON lines or CSV rows, straight from the
// engine's column vectors. Each column is encoded in one tight loop (one switch on its type per
// chunk, std::to_chars for numbers, no per-cell allocation), then rows are stitched together.
//
// Cell formats:
//   type        JSON                          CSV (RFC 4180, quoted only when needed)
//   integers    12 (HUGEINT/UBIGINT exact)    12
//   float/dbl   1.5 (NaN/±inf → null)         1.5 (nan, inf, -inf)
//   decimal     12.30 (exact, unquoted)       12.30
//   boolean     true / false                  true / false
//   string      "text" (escaped)              text, "a,b", "say ""hi""", "" (empty string)
//   date        "2024-01-31"                  2024-01-31
//   time        "10:00:00.5"                  10:00:00.5
//   timestamp   "2024-01-31T10:00:00"         2024-01-31 10:00:00
//   timestamptz "2024-01-31T10:00:00Z"        2024-01-31 10:00:00+00
//   uuid        "…-…"                         …-…
//   blob        "base64"                      base64
//   NULL        null                          (empty field)
// ±infinity dates/timestamps are written "infinity" / "-infinity".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/chunk.h"

namespace gongshu::query {

enum class RowFormat {
  kJson,    // {"name":value,…} objects separated by the row separator (caller adds [ ])
  kNdjson,  // one object per line, each ending with '\n'
  kCsv,     // one record per line, each ending with CRLF
};

class RowEncoder {
 public:
  // `names` are the emitted columns (the first names.size() columns of each chunk); later
  // (hidden) columns are ignored. `json_separator` goes between kJson objects.
  RowEncoder(RowFormat format, std::vector<std::string> names, std::string json_separator = ",");

  // CSV header line (names quoted when needed). Nothing for JSON formats.
  void AppendHeader(std::string& out) const;

  // Encodes rows [begin, end) of `chunk` (columns described by `columns`) and appends them.
  void Append(const storage::Chunk& chunk, const std::vector<storage::ColumnInfo>& columns,
              size_t begin, size_t end, std::string& out);

  uint64_t rows_written() const { return rows_; }

 private:
  struct ColumnBuffer {
    std::string bytes;
    std::vector<size_t> ends;  // end offset of each row's cell in bytes
  };
  void EncodeColumn(const storage::ColumnInfo& info, const storage::ColumnVector& vec, size_t begin,
                    size_t end, ColumnBuffer& buf) const;

  RowFormat format_;
  std::vector<std::string> names_;
  std::vector<std::string> prefixes_;  // kJson/kNdjson: `{"name":` / `,"name":`
  std::string separator_;
  std::vector<ColumnBuffer> buffers_;
  uint64_t rows_ = 0;
};

// Appends `s` as one CSV field (RFC 4180: quoted when it holds , " CR LF or is empty).
void AppendCsvField(std::string& out, std::string_view s);

}  // namespace gongshu::query
