#include "ingest/importer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "catalog/canonical_json.h"
#include "catalog/catalog_store.h"
#include "core/log.h"
#include "core/strings.h"
#include "ingest/column_plan.h"
#include "ingest/csv_dialect.h"
#include "ingest/data_package.h"
#include "ingest/quality_profile.h"
#include "ingest/source_format.h"
#include "ingest/text_staging.h"

namespace gongshu::ingest {

namespace fs = std::filesystem;
using catalog::CatalogStore;
using catalog::Field;
using storage::Value;

namespace {

constexpr size_t kRawHeadBytes = 64 * 1024;
constexpr int kMaxWidenings = 3;

// Imports of one resource run one at a time in this process (version numbers, field lists).
std::shared_ptr<std::mutex> ResourceLock(const std::string& id) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<std::mutex>> locks;
  std::lock_guard lock(mu);
  auto& weak = locks[id];
  auto strong = weak.lock();
  if (!strong) {
    strong = std::make_shared<std::mutex>();
    weak = strong;
  }
  return strong;
}

// Polls `cancelled` while the engine works and interrupts the session's running statement.
class CancelWatcher {
 public:
  CancelWatcher(storage::Session& session, const std::function<bool()>& cancelled)
      : session_(session), cancelled_(cancelled) {
    if (cancelled_) thread_ = std::thread([this] { Run(); });
  }
  ~CancelWatcher() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  CancelWatcher(const CancelWatcher&) = delete;
  CancelWatcher& operator=(const CancelWatcher&) = delete;

  bool fired() const { return fired_.load() || (cancelled_ && cancelled_()); }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    while (!stop_) {
      if (cv_.wait_for(lock, std::chrono::milliseconds(10), [this] { return stop_; })) break;
      if (!fired_ && cancelled_()) {
        fired_ = true;
        session_.Interrupt();
      }
    }
  }

  storage::Session& session_;
  const std::function<bool()>& cancelled_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

// Wall time of the import phases, logged with the result (docs/ingest.md, performance).
class PhaseTimer {
 public:
  void Mark(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    if (!phases_.empty()) phases_.append(", ");
    phases_ += phase;
    phases_ += " ";
    phases_ +=
        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count());
    phases_ += " ms";
    last_ = now;
  }
  const std::string& text() const { return phases_; }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::string phases_;
};

Error ResourceNotFound(const std::string& id) {
  return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + id + "'.",
                   "数据资源“" + id + "”不存在。");
}

Error Unprocessable(const std::string& code, const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kUnprocessable, code, en, zh);
}

Result<std::string> ReadHead(const fs::path& p, size_t n) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return SourceNotFound(p);
  std::string head(n, '\0');
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, head.data() + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  ::close(fd);
  head.resize(got);
  return head;
}

// The engine's own text, without the prefix the storage layer adds.
std::string EngineText(const Error& e) {
  const std::string& m = e.message;
  size_t pos = m.find("Error: ");
  return pos == std::string::npos ? m : m.substr(pos + 7);
}

std::string FirstLineOf(const std::string& s, size_t max = 300) {
  std::string line = s.substr(0, s.find('\n'));
  if (line.size() > max) {
    size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
    line = line.substr(0, end) + "…";
  }
  return line;
}

std::string TypeWordEn(const std::string& catalog_type) {
  if (catalog_type == "integer") return "an integer";
  if (catalog_type == "number") return "a number";
  if (catalog_type == "boolean") return "a boolean";
  if (catalog_type == "date") return "a date";
  if (catalog_type == "datetime") return "a date-time";
  if (catalog_type == "time") return "a time";
  return "text";
}

std::string TypeWordZh(const std::string& catalog_type) {
  if (catalog_type == "integer") return "整数";
  if (catalog_type == "number") return "数值";
  if (catalog_type == "boolean") return "布尔值";
  if (catalog_type == "date") return "日期";
  if (catalog_type == "datetime") return "日期时间";
  if (catalog_type == "time") return "时间";
  return "文本";
}

// What went wrong in a CSV read, from DuckDB's error text.
struct CsvFailure {
  int64_t line = 0;
  int column = -1;    // index into the plan for conversion errors
  std::string value;  // the offending value
  bool conversion = false;
  bool ragged = false;
  bool unterminated = false;
  int64_t expected = 0, found = 0;
  std::string text;
};

CsvFailure ParseCsvFailure(const Error& e) {
  CsvFailure f;
  f.text = EngineText(e);
  std::smatch m;
  static const std::regex kLine(R"(CSV Error on Line: (\d+))");
  static const std::regex kColumn(R"re(Error when converting column "c(\d+)")re");
  static const std::regex kValue(R"re(Could not convert string "([^"]*)")re");
  static const std::regex kColumns(R"(Expected Number of Columns: (\d+) Found: (\d+))");
  if (std::regex_search(f.text, m, kLine)) f.line = std::stoll(m[1]);
  if (std::regex_search(f.text, m, kColumn)) {
    f.conversion = true;
    f.column = std::stoi(m[1]) - 1;
  }
  if (std::regex_search(f.text, m, kValue)) f.value = m[1];
  if (std::regex_search(f.text, m, kColumns)) {
    f.ragged = true;
    f.expected = std::stoll(m[1]);
    f.found = std::stoll(m[2]);
  }
  f.unterminated = f.text.find("unterminated quote") != std::string::npos;
  return f;
}

Error CsvError(const CsvFailure& f) {
  const std::string line = std::to_string(f.line);
  if (f.ragged) {
    return Unprocessable("ingest.csv_malformed",
                         "CSV line " + line + " has " + std::to_string(f.found) +
                             " columns; the header has " + std::to_string(f.expected) +
                             ". Nothing was published.",
                         "CSV第" + line + "行有" + std::to_string(f.found) + "列，表头有" +
                             std::to_string(f.expected) + "列。未发布任何数据。");
  }
  if (f.unterminated) {
    return Unprocessable("ingest.csv_malformed",
                         "CSV line " + line +
                             " has a quoted value that is never closed (is the file truncated?). "
                             "Nothing was published.",
                         "CSV第" + line + "行的引号未闭合（文件是否不完整？）。未发布任何数据。");
  }
  if (f.line > 0) {
    return Unprocessable(
        "ingest.csv_malformed",
        "The CSV file is malformed at line " + line + ": " + FirstLineOf(f.text) +
            " Nothing was published.",
        "CSV文件第" + line + "行格式错误：" + FirstLineOf(f.text) + " 未发布任何数据。");
  }
  return Unprocessable("ingest.csv_malformed",
                       "The CSV file could not be read: " + FirstLineOf(f.text),
                       "无法读取CSV文件：" + FirstLineOf(f.text));
}

struct StagedSource {
  StagedFile file;
  fs::path read_path;
  SourceFormat format = SourceFormat::kCsv;
  std::optional<char> format_delimiter;
  std::string json_format;  // "array" | "auto"
  std::string encoding = "utf-8";
  std::string checksum;
  int64_t byte_size = 0;
  std::string head;
  bool head_whole = false;
};

struct Inferred {
  std::vector<SourceColumn> columns;
  CsvDialect dialect;
};

Result<Inferred> InferCsv(storage::Session& s, const StagedSource& src,
                          const ImportOptions& options) {
  std::optional<char> delimiter = options.delimiter ? options.delimiter : src.format_delimiter;
  GS_ASSIGN_OR_RETURN(CsvSniff sniff, SniffCsv(s, src.read_path, src.head, src.head_whole,
                                               delimiter, options.header));
  Inferred out;
  out.dialect = sniff.dialect;
  for (size_t i = 0; i < sniff.types.size(); ++i) {
    SourceColumn c;
    c.header = sniff.dialect.header ? sniff.header[i] : "";
    c.source_type = sniff.types[i];
    c.sample = std::move(sniff.samples[i]);
    out.columns.push_back(std::move(c));
  }
  return out;
}

std::string ReaderCall(const StagedSource& src, bool full_sample, storage::Params& params) {
  params = {Value::Text(src.read_path.string())};
  if (src.format == SourceFormat::kParquet) return "read_parquet($1)";
  params.push_back(Value::Text(src.json_format));
  return std::string("read_json($1, format = $2") + (full_sample ? ", sample_size = -1" : "") + ")";
}

Error JsonError(const Error& e) {
  std::string text = FirstLineOf(EngineText(e));
  return Unprocessable("ingest.json_malformed",
                       "The JSON file could not be read: " + text + " Nothing was published.",
                       "无法读取JSON文件：" + text + " 未发布任何数据。");
}

Error ParquetError(const Error& e) {
  std::string text = FirstLineOf(EngineText(e));
  return Unprocessable("ingest.parquet_malformed",
                       "The Parquet file could not be read: " + text + " Nothing was published.",
                       "无法读取Parquet文件：" + text + " 未发布任何数据。");
}

Error ReaderError(SourceFormat f, const Error& e) {
  if (e.kind != ErrorKind::kUnprocessable && e.kind != ErrorKind::kInternal) return e;
  return f == SourceFormat::kParquet ? ParquetError(e) : JsonError(e);
}

Result<Inferred> InferStructured(storage::Session& s, const StagedSource& src) {
  storage::Params params;
  std::string reader = ReaderCall(src, false, params);
  auto described = s.Query(
      "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + reader + ")", params);
  if (!described.ok()) return ReaderError(src.format, described.error());
  Inferred out;
  std::string sample_sql = "SELECT ";
  bool any = false;
  for (const auto& row : described->rows) {
    SourceColumn c;
    c.header = row[0].ToString();
    c.source_type = row[1].ToString();
    size_t pos = out.columns.size() + 1;
    if (!IsNestedSqlType(c.source_type)) {
      sample_sql += std::string(any ? ", " : "") + "CAST(#" + std::to_string(pos) + " AS VARCHAR)";
      any = true;
    }
    out.columns.push_back(std::move(c));
  }
  if (any) {
    auto sample =
        s.Query(sample_sql + " FROM " + reader + " LIMIT " + std::to_string(kSampleRows), params);
    if (!sample.ok()) return ReaderError(src.format, sample.error());
    size_t k = 0;
    for (auto& c : out.columns) {
      if (IsNestedSqlType(c.source_type)) continue;
      for (const auto& row : sample->rows) {
        if (!row[k].is_null()) c.sample.push_back(row[k].ToString());
      }
      ++k;
    }
  }
  return out;
}

// Merges the new columns with the resource's fields (see ImportOptions::field_metadata).
std::vector<Field> MergeFields(const std::vector<Field>& existing,
                               const std::vector<ColumnPlan>& plan,
                               const std::map<std::string, Field>& metadata,
                               std::vector<std::string>& warnings) {
  std::vector<Field> out;
  std::set<std::string> kept;
  for (const auto& p : plan) {
    const Field* old = nullptr;
    for (const auto& f : existing) {
      if (f.name == p.name) old = &f;
    }
    const Field* meta = nullptr;
    if (auto it = metadata.find(p.name); it != metadata.end()) {
      meta = &it->second;
    } else if (auto it2 = metadata.find(p.header); !p.header.empty() && it2 != metadata.end()) {
      meta = &it2->second;
    }
    Field f;
    if (old != nullptr) {
      f = *old;
      kept.insert(old->name);
    } else {
      f.title_zh = p.header.empty() ? p.name : p.header;
      f.level = meta != nullptr ? meta->level : catalog::ClassificationLevel::kGeneral2;
    }
    f.name = p.name;
    f.type = p.catalog_type;
    if (meta != nullptr) {
      auto apply = [](std::string& dst, const std::string& src) {
        if (!src.empty()) dst = src;
      };
      apply(f.title_zh, meta->title_zh);
      apply(f.title_en, meta->title_en);
      apply(f.description_zh, meta->description_zh);
      apply(f.description_en, meta->description_en);
      apply(f.unit, meta->unit);
      apply(f.semantic, meta->semantic);
    }
    if (f.semantic.empty()) f.semantic = p.semantic;
    out.push_back(std::move(f));
  }
  std::vector<std::string> dropped;
  for (const auto& f : existing) {
    if (kept.count(f.name) == 0) dropped.push_back(f.name);
  }
  if (!dropped.empty())
    warnings.push_back("Fields no longer in the data were removed: " + Join(dropped, ", "));
  for (const auto& [key, field] : metadata) {
    bool used = false;
    for (const auto& p : plan) used = used || p.name == key || p.header == key;
    if (!used) warnings.push_back("Field metadata for '" + key + "' matches no column.");
  }
  return out;
}

// The version's table, created empty with its normalized column types; the data then arrives
// in ONE bulk INSERT … SELECT from the engine's file reader (no row loop).
std::string CreateTableSql(const std::string& table, const std::vector<ColumnPlan>& plan) {
  std::string sql = "CREATE TABLE " + table + " (";
  for (size_t i = 0; i < plan.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += storage::QuoteIdentifier(plan[i].name) + " " + plan[i].storage_type;
    if (plan[i].uncompressed) sql += " USING COMPRESSION uncompressed";
  }
  return sql + ")";
}

std::string CsvInsert(const std::string& table, const std::vector<ColumnPlan>& plan,
                      const CsvDialect& d, const fs::path& path, storage::Params& params) {
  std::string select;
  std::string columns;
  for (size_t i = 0; i < plan.size(); ++i) {
    std::string ref = "c";
    ref += std::to_string(i + 1);
    if (i > 0) {
      select += ", ";
      columns += ", ";
    }
    select += StorageExpression(ref, plan[i], true);
    columns +=
        "'" + ref + "': '" + plan[i].read_type + "'";  // generated names and fixed type names
  }
  params = {Value::Text(path.string()), Value::Text(std::string(1, d.delimiter)),
            Value::Text(d.quote),       Value::Text(d.escape),
            Value::Bool(d.header),      Value::Int(d.skip_rows)};
  std::string sql =
      "INSERT INTO " + table + " SELECT " + select +
      " FROM read_csv($1, auto_detect = false, delim = $2, quote = $3, escape = $4, header = $5, "
      "skip = $6, strict_mode = true, null_padding = false, columns = {" +
      columns + "}";
  if (!d.date_format.empty()) {
    params.push_back(Value::Text(d.date_format));
    sql += ", dateformat = $" + std::to_string(params.size());
  }
  if (!d.timestamp_format.empty()) {
    params.push_back(Value::Text(d.timestamp_format));
    sql += ", timestampformat = $" + std::to_string(params.size());
  }
  return sql + ")";
}

std::string StructuredInsert(const std::string& table, const std::vector<ColumnPlan>& plan,
                             const StagedSource& src, bool full_sample, storage::Params& params) {
  std::string select;
  for (size_t i = 0; i < plan.size(); ++i) {
    if (i > 0) select += ", ";
    std::string ref = "#";
    ref += std::to_string(i + 1);
    select += StorageExpression(ref, plan[i], false);
  }
  return "INSERT INTO " + table + " SELECT " + select + " FROM " +
         ReaderCall(src, full_sample, params);
}

// Fills the profile inputs from the merged fields: personal identifiers and sensitive fields
// (一般3级 and above) do not expose their extreme values.
std::vector<ProfileField> ProfileFields(const std::vector<ColumnPlan>& plan,
                                        const std::vector<Field>& fields) {
  std::vector<ProfileField> out;
  for (size_t i = 0; i < plan.size(); ++i) {
    ProfileField pf;
    pf.name = plan[i].name;
    pf.storage_type = plan[i].storage_type;
    pf.catalog_type = plan[i].catalog_type;
    pf.semantic = fields[i].semantic;
    pf.withhold_extremes = IsPersonalSemantic(fields[i].semantic) ||
                           fields[i].level >= catalog::ClassificationLevel::kGeneral3;
    out.push_back(std::move(pf));
  }
  return out;
}

// Options for importing one resource of a data package: the caller's options win, the
// descriptor fills the rest (format, encoding, dialect, schema types and field metadata).
ImportOptions PackageResourceOptions(const ImportOptions& options, const DataPackageResource& res) {
  ImportOptions o = options;
  if (o.format.empty()) o.format = res.format;
  if (o.encoding.empty()) o.encoding = res.encoding;
  if (!o.delimiter) o.delimiter = res.delimiter;
  if (!o.header) o.header = res.header;
  for (const auto& f : res.fields) {
    std::string t = CatalogTypeForTableSchema(f.type);
    if (!t.empty()) o.type_overrides.emplace(f.name, t);
    Field meta;
    meta.name = f.name;
    meta.title_zh = f.title;
    meta.description_zh = f.description;
    meta.unit = f.unit;
    meta.semantic = f.semantic;
    meta.level = catalog::ParseLevel(f.level).value_or(catalog::ClassificationLevel::kGeneral2);
    o.field_metadata.emplace(f.name, meta);
  }
  if (o.source_name.empty()) o.source_name = res.relative_path;
  return o;
}

}  // namespace

Importer::Importer(storage::Engine& engine, catalog::Catalog& catalog, fs::path staging_dir,
                   const Clock& clock)
    : engine_(engine),
      catalog_(catalog),
      staging_dir_(std::move(staging_dir)),
      clock_(clock),
      staging_(staging_dir_) {
  auto removed = staging_.Prepare();
  if (!removed.ok()) {
    Log().warn("ingest: staging directory {}: {}", staging_dir_.string(), removed.error().message);
  } else if (*removed > 0) {
    Log().info("ingest: removed {} stale staging file(s) from {}", *removed, staging_dir_.string());
  }
}

Result<ImportResult> Importer::ImportFile(const std::string& resource_id, const fs::path& source,
                                          const ImportOptions& options) {
  if (catalog_.Snapshot()->Find(resource_id) == nullptr) return ResourceNotFound(resource_id);
  GS_ASSIGN_OR_RETURN(std::optional<TextEncoding> declared, ParseEncoding(options.encoding));
  GS_ASSIGN_OR_RETURN(std::optional<FormatGuess> explicit_format, ParseFormat(options.format));
  if (options.delimiter && !IsSupportedDelimiter(*options.delimiter)) {
    return MakeError(ErrorKind::kInvalidArgument, "ingest.unsupported_delimiter",
                     "The delimiter must be one of , ; | or a tab.",
                     "分隔符只能是逗号、分号、竖线或制表符。");
  }
  GS_ASSIGN_OR_RETURN(std::string raw_head, ReadHead(source, kRawHeadBytes));
  FormatGuess guess = explicit_format ? *explicit_format : DetectFormat(source, raw_head);
  if (guess.format == SourceFormat::kDataPackage) {
    GS_ASSIGN_OR_RETURN(DataPackage pkg, ParseDataPackage(source));
    if (pkg.resources.size() != 1) {
      return Unprocessable(
          "ingest.datapackage_ambiguous",
          "The data package has " + std::to_string(pkg.resources.size()) +
              " tabular resources; import it as a package instead of into one resource.",
          "该数据包含有" + std::to_string(pkg.resources.size()) + "个表格资源，请按数据包导入。");
    }
    const DataPackageResource& res = pkg.resources[0];
    return ImportFile(resource_id, res.path, PackageResourceOptions(options, res));
  }

  auto lock = ResourceLock(resource_id);
  std::lock_guard guard(*lock);
  std::vector<std::string> warnings;
  PhaseTimer timer;

  // 1. Stage: UTF-8 text (or the Parquet bytes) in the staging directory, hashed on the way.
  StagedSource src;
  src.format = guess.format;
  src.format_delimiter = guess.delimiter;
  const bool in_staging = staging_.Contains(source);
  if (src.format == SourceFormat::kParquet) {
    if (!raw_head.starts_with("PAR1")) {
      if (raw_head.empty()) {
        return Unprocessable("ingest.empty_file", "The file is empty.", "文件为空。");
      }
      return Unprocessable("ingest.parquet_malformed",
                           "The file is not a Parquet file (no PAR1 magic).",
                           "该文件不是Parquet文件（缺少PAR1标识）。");
    }
    src.file = staging_.NewFile("parquet");
    GS_ASSIGN_OR_RETURN(StagedBinary bin,
                        StageBinary(source, src.file.path(), in_staging, options.cancelled));
    src.read_path = bin.in_place ? source : src.file.path();
    src.checksum = bin.checksum;
    src.byte_size = bin.bytes;
    src.encoding = "";
  } else {
    const bool csv = src.format == SourceFormat::kCsv;
    src.file = staging_.NewFile(csv ? "csv" : "json");
    TextStagingOptions topt;
    topt.declared = declared;
    topt.allow_in_place = in_staging;
    topt.cancelled = options.cancelled;
    GS_ASSIGN_OR_RETURN(StagedText text, StageText(source, src.file.path(), topt));
    src.read_path = text.in_place ? source : src.file.path();
    src.checksum = text.checksum;
    src.byte_size = text.source_bytes;
    src.encoding = std::string(EncodingName(text.encoding));
    src.head_whole = text.utf8_bytes <= static_cast<int64_t>(kHeadBytes);
    if (text.encoding != TextEncoding::kUtf8) {
      warnings.push_back("Converted from " + src.encoding + " to UTF-8.");
    }
    if (text.had_bom) warnings.push_back("A byte-order mark was removed.");
    if (text.first_char == 0) {
      return Unprocessable("ingest.empty_file", "The file is empty.", "文件为空。");
    }
    if (!csv) {
      if (text.first_char == '[') {
        src.format = SourceFormat::kJson;
        src.json_format = "array";
        // DuckDB accepts an array cut short after a complete element; a truncated upload must
        // not become a shorter version.
        if (text.last_char != ']') {
          return Unprocessable(
              "ingest.json_malformed",
              "The JSON array is not closed: the file looks truncated. Nothing was published.",
              "JSON数组未闭合，文件可能不完整。未发布任何数据。");
        }
      } else if (text.first_char == '{') {
        src.format = JsonFlavour(text.head);
        src.json_format = "auto";
      } else {
        return Unprocessable("ingest.json_malformed",
                             "The file is not JSON: it must start with '[' or '{'.",
                             "该文件不是JSON：应以“[”或“{”开头。");
      }
    }
    src.head = std::move(text.head);
  }
  if (options.cancelled && options.cancelled()) return CancelledError();
  timer.Mark("stage");

  // 2. Infer the schema.
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  Inferred inferred;
  const bool csv = src.format == SourceFormat::kCsv;
  if (csv) {
    auto r = InferCsv(*s, src, options);
    if (!r.ok()) {
      if (r.error().kind == ErrorKind::kUnprocessable && r.error().code == "engine.rejected") {
        return CsvError(ParseCsvFailure(r.error()));
      }
      return std::move(r).error();
    }
    inferred = std::move(r).value();
  } else {
    GS_ASSIGN_OR_RETURN(inferred, InferStructured(*s, src));
  }
  if (inferred.columns.empty()) {
    return Unprocessable("ingest.no_columns", "The file has no columns.", "文件中没有任何列。");
  }
  // Explicit overrides must name a column; types in field metadata (catalog fields prepared for
  // several versions) apply only to the columns present.
  std::map<std::string, std::string> overrides = options.type_overrides;
  {
    std::set<std::string> present;
    std::vector<std::string> headers;
    for (const auto& c : inferred.columns) {
      present.insert(c.header);
      headers.push_back(c.header);
    }
    for (auto& n : NormalizeColumnNames(headers)) present.insert(std::move(n));
    for (const auto& [name, meta] : options.field_metadata) {
      if (!meta.type.empty() && present.count(name) > 0) overrides.emplace(name, meta.type);
    }
  }
  std::map<std::string, ColumnHint> hints;
  if (const catalog::Resource* r = catalog_.Snapshot()->Find(resource_id)) {
    for (const auto& f : r->fields) hints[f.name] = ColumnHint{f.semantic, f.type == "string"};
  }
  for (const auto& [name, meta] : options.field_metadata) {
    if (!meta.semantic.empty()) hints[name].semantic = meta.semantic;
  }
  GS_ASSIGN_OR_RETURN(std::vector<ColumnPlan> plan,
                      PlanColumns(inferred.columns, overrides, hints, csv));
  for (const auto& p : plan) {
    if (p.kept_as_string)
      warnings.push_back("Column '" + p.name + "' is kept as text (identifier-like values).");
  }

  timer.Mark("infer");

  // 3. Publish atomically: table, fields, profile and version in one transaction.
  ImportResult result;
  CancelWatcher watcher(*s, options.cancelled);
  bool json_full_sample = false;
  int widenings = 0;
  for (;;) {
    if (watcher.fired()) return CancelledError();
    GS_RETURN_IF_ERROR(s->Begin());
    std::vector<std::string> attempt_warnings;
    bool reading = false;  // set while the statement reading the staged file runs
    auto attempt = [&]() -> Status {
      GS_ASSIGN_OR_RETURN(catalog::Resource current, CatalogStore::LoadResource(*s, resource_id));
      GS_ASSIGN_OR_RETURN(int number, CatalogStore::NextVersionNumber(*s, resource_id));
      const std::string table = CatalogStore::DataTableName(resource_id, number);
      GS_RETURN_IF_ERROR(s->Execute(CreateTableSql(table, plan)));
      storage::Params params;
      std::string sql = csv ? CsvInsert(table, plan, inferred.dialect, src.read_path, params)
                            : StructuredInsert(table, plan, src, json_full_sample, params);
      reading = true;
      GS_ASSIGN_OR_RETURN(storage::Table created, s->Query(sql, params));
      reading = false;
      timer.Mark("load");
      if (watcher.fired()) return CancelledError();
      int64_t rows = created.rows.empty() ? 0 : static_cast<int64_t>(created.rows[0][0].ToDouble());
      std::vector<Field> fields =
          MergeFields(current.fields, plan, options.field_metadata, attempt_warnings);
      GS_ASSIGN_OR_RETURN(std::string profile,
                          ComputeProfile(*s, table, ProfileFields(plan, fields), rows));
      timer.Mark("profile");
      if (watcher.fired()) return CancelledError();
      catalog::ResourceVersion v;
      v.version = number;
      v.table_name = table;
      v.row_count = rows;
      v.byte_size = src.byte_size;
      v.checksum = src.checksum;
      v.source_format = std::string(FormatName(src.format));
      v.source_name =
          options.source_name.empty() ? source.filename().string() : options.source_name;
      v.source_encoding = src.encoding;
      v.profile_json = std::move(profile);
      v.note = options.note;
      v.published_at = clock_.NowMicros();
      GS_RETURN_IF_ERROR(CatalogStore::ReplaceFields(*s, resource_id, fields));
      GS_RETURN_IF_ERROR(CatalogStore::InsertVersion(*s, resource_id, v));
      if (recorder_) {
        catalog::Resource after = current;
        after.fields = fields;
        after.current = v;
        after.updated_at = v.published_at;  // as InsertVersion stores it
        catalog::CatalogChange change{"version.published", resource_id, resource_id, std::to_string(number),
                                      catalog::CanonicalResourceJson(current), catalog::CanonicalResourceJson(after),
                                      options.actor};
        GS_RETURN_IF_ERROR(recorder_(change));
      }
      if (rows == 0) attempt_warnings.push_back("The file has no data rows.");
      result.version = std::move(v);
      result.fields = std::move(fields);
      return Ok();
    };
    Status st = attempt();
    if (st.ok()) {
      st = s->Commit();
      timer.Mark("commit");
      if (st.ok()) {
        for (auto& w : attempt_warnings) warnings.push_back(std::move(w));
        break;
      }
    }
    (void)s->Rollback();
    if (watcher.fired()) return CancelledError();
    Error err = std::move(st).error();
    // Only a failed read of the file is about the data; anything else (a conflict…) passes on.
    if (!reading || (err.kind != ErrorKind::kUnprocessable && err.kind != ErrorKind::kInternal))
      return err;
    if (csv) {
      CsvFailure f = ParseCsvFailure(err);
      if (f.conversion && f.column >= 0 && static_cast<size_t>(f.column) < plan.size()) {
        ColumnPlan& p = plan[static_cast<size_t>(f.column)];
        const std::string line = std::to_string(f.line);
        const std::string value = FirstLineOf(f.value, 100);
        if (p.overridden) {
          return Unprocessable("ingest.type_mismatch",
                               "Line " + line + ": the value \"" + value + "\" in column '" +
                                   p.name + "' is not " + TypeWordEn(p.catalog_type) +
                                   " as the type override requires. Nothing was published.",
                               "第" + line + "行：列“" + p.name + "”的值“" + value +
                                   "”不是类型覆盖要求的" + TypeWordZh(p.catalog_type) +
                                   "。未发布任何数据。");
        }
        if (widenings < kMaxWidenings) {
          // The sniffer's sample missed this value: store the column as text and read again.
          warnings.push_back("Column '" + p.name + "' is stored as text: line " + line +
                             " holds \"" + value + "\", which is not " +
                             TypeWordEn(p.catalog_type) + ".");
          p.read_type = p.storage_type = "VARCHAR";
          p.catalog_type = "string";
          ++widenings;
          continue;
        }
        if (widenings == kMaxWidenings) {
          // Too many late surprises: read every inferred column as text.
          for (auto& q : plan) {
            if (!q.overridden && q.storage_type != "VARCHAR") {
              q.read_type = q.storage_type = "VARCHAR";
              q.catalog_type = "string";
            }
          }
          warnings.push_back(
              "All inferred columns are stored as text: values far down the file do not match "
              "the types sampled at its start.");
          ++widenings;
          continue;
        }
      }
      if (err.kind == ErrorKind::kInternal && f.line == 0) return err;
      return CsvError(f);
    }
    const std::string text = EngineText(err);
    if (!json_full_sample && src.format != SourceFormat::kParquet &&
        text.find("onvert") != std::string::npos) {
      json_full_sample = true;  // infer the types from every record, not only the first ones
      continue;
    }
    if (text.find("Could not convert") != std::string::npos ||
        text.find("Conversion Error") != std::string::npos) {
      return Unprocessable("ingest.type_mismatch",
                           "A value does not match the type required for its column: " +
                               FirstLineOf(text) + " Nothing was published.",
                           "有值与其列要求的类型不符：" + FirstLineOf(text) + " 未发布任何数据。");
    }
    return ReaderError(src.format, err);
  }

  // 4. Serve it: the new snapshot holds the version, which is current from now on.
  Status refreshed = catalog_.Refresh(resource_id);
  if (!refreshed.ok()) {
    return MakeError(
        ErrorKind::kInternal, "ingest.refresh",
        "Version " + std::to_string(result.version.version) +
            " was published but the catalog could not be reloaded: " + refreshed.error().message,
        "版本" + std::to_string(result.version.version) + "已发布，但目录重新加载失败：" +
            refreshed.error().message_zh);
  }
  result.detected_format = std::string(FormatName(src.format));
  result.detected_encoding = src.encoding;
  if (csv) {
    result.delimiter = inferred.dialect.delimiter;
    result.header = inferred.dialect.header;
  }
  result.warnings = std::move(warnings);
  timer.Mark("refresh");
  Log().info("ingest: {} v{} published ({} rows, {} bytes, {}; {})", resource_id,
             result.version.version, result.version.row_count, result.version.byte_size,
             result.detected_format, timer.text());
  return result;
}

Result<std::vector<ImportResult>> Importer::ImportDataPackage(const fs::path& descriptor,
                                                              const catalog::Resource& defaults,
                                                              const ImportOptions& options) {
  GS_ASSIGN_OR_RETURN(DataPackage pkg, ParseDataPackage(descriptor));
  // Check everything before importing anything.
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& res : pkg.resources) {
    std::string id = ResourceIdFromName(res.name);
    if (!catalog::IsValidResourceId(id)) {
      return Unprocessable(
          "ingest.datapackage_invalid",
          "Resource name '" + res.name +
              "' does not give a valid resource id (2-64 of a-z, 0-9, -).",
          "资源名称“" + res.name + "”无法生成有效的资源标识（2至64位小写字母、数字或连字符）。");
    }
    if (!seen.insert(id).second) {
      return Unprocessable("ingest.datapackage_invalid",
                           "Two resources map to the id '" + id + "'.",
                           "两个资源对应同一个标识“" + id + "”。");
    }
    std::error_code ec;
    if (!fs::is_regular_file(res.path, ec)) return SourceNotFound(res.path);
    ids.push_back(std::move(id));
  }
  std::vector<ImportResult> results;
  for (size_t i = 0; i < pkg.resources.size(); ++i) {
    const DataPackageResource& res = pkg.resources[i];
    const std::string& id = ids[i];
    if (catalog_.Snapshot()->Find(id) == nullptr) {
      catalog::Resource r = defaults;
      r.id = id;
      r.title_zh = !res.title.empty() ? res.title : !pkg.title.empty() ? pkg.title : res.name;
      if (r.title_en.empty() && std::all_of(r.title_zh.begin(), r.title_zh.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x80;
          })) {
        r.title_en = r.title_zh;
      }
      if (r.description_zh.empty())
        r.description_zh = !res.description.empty() ? res.description : pkg.description;
      if (r.tags.empty()) r.tags = pkg.keywords;
      if (r.license.empty()) r.license = pkg.license;
      r.fields.clear();
      r.current.reset();
      GS_RETURN_IF_ERROR(catalog_.Create(std::move(r)));
    }
    GS_ASSIGN_OR_RETURN(ImportResult r,
                        ImportFile(id, res.path, PackageResourceOptions(options, res)));
    if (!pkg.skipped.empty() && i == 0) {
      r.warnings.push_back("Resources without a local tabular file were skipped: " +
                           Join(pkg.skipped, ", "));
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace gongshu::ingest
