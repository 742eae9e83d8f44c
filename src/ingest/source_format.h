#pragma once
// Source formats the importer reads, detected from the file name and its first bytes.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongshu::ingest {

enum class SourceFormat { kCsv, kJson, kNdjson, kParquet, kDataPackage };

// "csv" | "json" | "ndjson" | "parquet" | "datapackage".
std::string_view FormatName(SourceFormat f);

struct FormatGuess {
  SourceFormat format = SourceFormat::kCsv;
  std::optional<char> delimiter;  // ".tsv"/"tsv" imply a tab
};

// Parses an explicit format option ("csv", "tsv", "json", "ndjson", "jsonl", "parquet",
// "datapackage"); "" → nullopt. Unknown → kUnsupportedMedia "ingest.unsupported_format".
Result<std::optional<FormatGuess>> ParseFormat(std::string_view name);

// Detects the format from the name (datapackage.json, extensions) and the first bytes: "PAR1"
// is Parquet; a text file starting with '[' is a JSON array, with '{' JSON lines (or a single
// object); other text is CSV. `head` may be a prefix of the file (raw bytes, any encoding).
FormatGuess DetectFormat(const std::filesystem::path& name, std::string_view head);

// For text whose format is JSON: '[' → array, '{' → NDJSON (a single object is one record too).
SourceFormat JsonFlavour(std::string_view utf8_head);

}  // namespace gongshu::ingest
