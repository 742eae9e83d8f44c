#pragma once
// CSV dialect sniffing: DuckDB's sniff_csv() finds the delimiter, quoting, header and column types;
// a small parser over the first megabyte recovers the raw header text and a sample of cells (for
// names and identifier detection) without another pass through the engine.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/engine.h"

namespace gongshu::ingest {

struct CsvDialect {
  char delimiter = ',';
  std::string quote = "\"";   // "" = no quoting
  std::string escape = "\"";  // "" = none
  bool header = true;
  int64_t skip_rows = 0;
  std::string date_format;  // strptime format sniffed by the engine; "" = ISO 8601
  std::string timestamp_format;
};

struct CsvSniff {
  CsvDialect dialect;
  std::vector<std::string> types;                 // inferred DuckDB type per column
  std::vector<std::string> header;                // raw header cells ("" when headerless)
  std::vector<std::vector<std::string>> samples;  // per column: non-empty sample cells
};

inline constexpr size_t kSampleRows = 2048;

// Delimiters accepted from sniffing or options.
bool IsSupportedDelimiter(char c);

// Runs sniff_csv on the staged UTF-8 file; `head` is its beginning (for the header and samples).
// A delimiter or header given by the caller is passed to the sniffer and wins.
Result<CsvSniff> SniffCsv(storage::Session& session, const std::filesystem::path& staged,
                          std::string_view head, bool head_is_whole_file,
                          std::optional<char> delimiter, std::optional<bool> header);

// Parses up to `max_rows` records from `text` with the dialect (RFC 4180 quoting, CRLF or LF).
// When `complete` is false the last, possibly cut, record is dropped.
std::vector<std::vector<std::string>> ParseCsvRecords(std::string_view text,
                                                      const CsvDialect& dialect, size_t max_rows,
                                                      bool complete);

}  // namespace gongshu::ingest
