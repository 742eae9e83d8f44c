#include "ingest/source_format.h"

#include "core/strings.h"

namespace gongshu::ingest {

namespace {

std::string_view SkipBomAndSpace(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  return s;
}

Error Unsupported(std::string_view name) {
  return MakeError(ErrorKind::kUnsupportedMedia, "ingest.unsupported_format",
                   "Unsupported format '" + std::string(name) +
                       "'; use csv, tsv, json, ndjson, parquet or datapackage.",
                   "不支持的格式“" + std::string(name) +
                       "”，请使用 csv、tsv、json、ndjson、parquet 或 datapackage。");
}

}  // namespace

std::string_view FormatName(SourceFormat f) {
  switch (f) {
    case SourceFormat::kCsv:
      return "csv";
    case SourceFormat::kJson:
      return "json";
    case SourceFormat::kNdjson:
      return "ndjson";
    case SourceFormat::kParquet:
      return "parquet";
    case SourceFormat::kDataPackage:
      return "datapackage";
  }
  return "csv";
}

Result<std::optional<FormatGuess>> ParseFormat(std::string_view name) {
  std::string n = AsciiLower(Trim(name));
  if (n.empty()) return std::optional<FormatGuess>();
  if (n == "csv" || n == "text/csv") return FormatGuess{SourceFormat::kCsv, std::nullopt};
  if (n == "tsv" || n == "text/tab-separated-values") return FormatGuess{SourceFormat::kCsv, '\t'};
  if (n == "json" || n == "application/json") return FormatGuess{SourceFormat::kJson, std::nullopt};
  if (n == "ndjson" || n == "jsonl" || n == "application/x-ndjson") {
    return FormatGuess{SourceFormat::kNdjson, std::nullopt};
  }
  if (n == "parquet" || n == "application/vnd.apache.parquet")
    return FormatGuess{SourceFormat::kParquet, std::nullopt};
  if (n == "datapackage") return FormatGuess{SourceFormat::kDataPackage, std::nullopt};
  return Unsupported(name);
}

FormatGuess DetectFormat(const std::filesystem::path& name, std::string_view head) {
  std::string file = AsciiLower(name.filename().string());
  std::string ext = AsciiLower(name.extension().string());
  if (head.starts_with("PAR1") || ext == ".parquet" || ext == ".pq")
    return {SourceFormat::kParquet, std::nullopt};
  if (file == "datapackage.json") return {SourceFormat::kDataPackage, std::nullopt};
  if (ext == ".ndjson" || ext == ".jsonl") return {SourceFormat::kNdjson, std::nullopt};
  if (ext == ".tsv" || ext == ".tab") return {SourceFormat::kCsv, '\t'};
  if (ext == ".csv" || ext == ".txt") return {SourceFormat::kCsv, std::nullopt};
  std::string_view body = SkipBomAndSpace(head);
  if (ext == ".json" || ext == ".geojson" || body.starts_with("[") || body.starts_with("{")) {
    return {JsonFlavour(head), std::nullopt};
  }
  return {SourceFormat::kCsv, std::nullopt};
}

SourceFormat JsonFlavour(std::string_view utf8_head) {
  std::string_view body = SkipBomAndSpace(utf8_head);
  if (body.starts_with("[")) return SourceFormat::kJson;
  if (body.starts_with("{")) {
    // JSON lines put each record at the start of a line; a pretty-printed single object indents
    // its nested objects. Either way DuckDB's format='auto' reads it; this only names it.
    return body.find("\n{") != std::string_view::npos ? SourceFormat::kNdjson : SourceFormat::kJson;
  }
  return SourceFormat::kJson;
}

}  // namespace gongshu::ingest
