#pragma once
// Ingestion of a data file as a new version of a catalogued resource.
//
// Pipeline: detect format → (CSV) detect encoding and convert GBK/GB18030 to UTF-8 into the
// staging directory → sniff dialect (delimiter, header) → infer the schema (with overrides) →
// create the version's table and its quality profile, record the version and make it current, all
// in ONE transaction (atomic publish): a failed or interrupted import leaves the previous version
// served and no half table visible. Supported: CSV/TSV, JSON (array), NDJSON, Parquet, and
// Frictionless `datapackage.json` descriptors.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/resource.h"
#include "core/clock.h"
#include "core/result.h"
#include "storage/engine.h"

namespace gongshu::ingest {

struct ImportOptions {
  std::string format;                 // "" = detect: "csv" | "json" | "ndjson" | "parquet"
  std::string encoding;               // "" = detect: "utf-8" | "gb18030" (GBK is a subset)
  std::optional<char> delimiter;      // CSV only; default: sniffed
  std::optional<bool> header;         // CSV only; default: sniffed
  // Column name -> catalog type ("string", "integer", "number", "boolean", "date", "datetime").
  std::map<std::string, std::string> type_overrides;
  // Field metadata to apply by column name (titles, unit, level, semantic…); columns without an
  // entry keep their existing catalog metadata, or get defaults (level 一般2级, title = column name).
  std::map<std::string, catalog::Field> field_metadata;
  std::string source_name;            // original file name, shown in the version list
  std::string note;                   // change note of the version
  std::function<bool()> cancelled;    // polled during long steps; true aborts (nothing published)
};

struct ImportResult {
  catalog::ResourceVersion version;   // the version now current
  std::vector<catalog::Field> fields; // the resource's fields after the import
  std::string detected_format;
  std::string detected_encoding;
  char delimiter = ',';
  bool header = true;
  std::vector<std::string> warnings;  // human-readable notes (e.g. "converted from GB18030")
};

class Importer {
 public:
  // staging_dir must be inside the engine's allowed directories.
  Importer(storage::Engine& engine, catalog::Catalog& catalog, std::filesystem::path staging_dir,
           const Clock& clock);

  // Imports `source` as the next version of resource `resource_id` (which must exist). The file
  // may be anywhere readable; it is copied or converted into the staging dir first.
  Result<ImportResult> ImportFile(const std::string& resource_id, const std::filesystem::path& source,
                                  const ImportOptions& options);

  // Imports a Frictionless data package: for each of its tabular resources, creates the catalog
  // resource when missing (from the descriptor's name/title/description/schema, provider and
  // defaults given by `defaults`) and imports its data file as a new version.
  Result<std::vector<ImportResult>> ImportDataPackage(const std::filesystem::path& descriptor,
                                                      const catalog::Resource& defaults,
                                                      const ImportOptions& options);

 private:
  storage::Engine& engine_;
  catalog::Catalog& catalog_;
  std::filesystem::path staging_dir_;
  const Clock& clock_;
};

}  // namespace gongshu::ingest
